"""Charts are SVG drawn in Python; their labels stay inside the drawing."""

from maturity.charts import BarRow, bars_with_medians


def test_a_long_bar_label_is_shortened_with_an_ellipsis_not_cut_at_the_edge():
    long_title = "Kota layak huni yang inklusif dan melestarikan nilai budaya"
    svg = bars_with_medians(
        [BarRow(label=long_title, value=3.2, national=3.0, province=2.9)],
        title="Rata-rata",
        value_label="Skor",
        national_label="Nasional",
        province_label="Provinsi",
    )
    assert long_title not in svg
    assert "Kota layak huni yang inklusif" in svg
    assert "…" in svg


def test_a_short_bar_label_is_kept_whole():
    svg = bars_with_medians(
        [BarRow(label="Pendidikan", value=4.0, national=None, province=None)],
        title="Tema",
        value_label="Skor",
        national_label="Nasional",
        province_label="Provinsi",
    )
    assert ">Pendidikan<" in svg
