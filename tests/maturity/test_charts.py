"""Charts are SVG drawn in Python; their labels stay inside the drawing."""

import pytest

from maturity.charts import BarRow, Series, bars_with_medians, radar


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


@pytest.mark.parametrize("label", ["ENVIRONMENT", "Keselamatan dan keamanan"])
def test_a_radars_side_labels_stay_inside_the_drawing(label):
    """A label beside the rings (left or right) fits between the ring and the edge, counting
    0.6 em a letter, as long as the label is."""
    import xml.etree.ElementTree as ET

    axes = ["TOP", label, "BOTTOM", label]
    drawn = radar(axes, [Series("A", [3, 3, 3, 3], "#0b5c8a")], title="R")
    svg = ET.fromstring(drawn)  # noqa: S314 (SVG the test itself drew)
    width = float(svg.get("viewBox").split()[2])
    for text in svg.iter(f"{SVG}text"):
        if text.text != label:
            continue
        x, size = float(text.get("x")), float(text.get("font-size"))
        extent = len(label) * size * 0.6
        if text.get("text-anchor") == "end":
            assert x - extent >= 0, (x, extent)
        else:
            assert text.get("text-anchor") == "start" and x + extent <= width, (x, extent, width)


# --- Contrast: every text reads at 4.5:1 (WCAG 2.2 AA) on what is drawn under it -------------

SVG = "{http://www.w3.org/2000/svg}"


def _inside_polygon(x: float, y: float, points: list[tuple[float, float]]) -> bool:
    inside = False
    for (x1, y1), (x2, y2) in zip(points, points[1:] + points[:1], strict=True):
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            inside = not inside
    return inside


def _covers(shape, x: float, y: float) -> bool:  # type: ignore[no-untyped-def]
    if shape.tag == f"{SVG}rect":
        left, top = float(shape.get("x", 0)), float(shape.get("y", 0))
        right, bottom = left + float(shape.get("width")), top + float(shape.get("height"))
        return left <= x <= right and top <= y <= bottom
    points = [tuple(map(float, pair.split(","))) for pair in shape.get("points").split()]
    return _inside_polygon(x, y, points)  # type: ignore[arg-type]


def text_contrasts(svg: str) -> list[tuple[str, str, str, float]]:
    """(text, its colour, the colour under it, their ratio) for each text of the chart, at the
    worst of five points along the text's middle; what lies under is every filled rect and
    polygon drawn before the text, blended by its opacity over the chart's backdrop."""
    import xml.etree.ElementTree as ET

    from maturity.charts import blend, contrast_ratio

    drawn = []
    found = []
    for element in ET.fromstring(svg):  # noqa: S314 (SVG the test itself drew)
        if element.tag in (f"{SVG}rect", f"{SVG}polygon") and element.get("fill", "none") != "none":
            drawn.append(element)
        if element.tag != f"{SVG}text":
            continue
        size = float(element.get("font-size"))
        width = len(element.text or "") * size * 0.55
        x, y = float(element.get("x")), float(element.get("y")) - size * 0.35
        start = {"start": x, "middle": x - width / 2, "end": x - width}[element.get("text-anchor")]
        worst = None
        for step in range(5):
            point = (start + width * step / 4, y)
            under = "#000000"  # nothing drawn: the test fails unless a backdrop is there
            for shape in drawn:
                if _covers(shape, *point):
                    under = blend(shape.get("fill"), float(shape.get("fill-opacity", 1)), under)
            ratio = contrast_ratio(element.get("fill"), under)
            if worst is None or ratio < worst[3]:
                worst = (element.text or "", element.get("fill"), under, ratio)
        assert worst is not None
        found.append(worst)
    return found


def every_chart() -> dict[str, str]:
    """Each kind of chart the product draws, with data that puts text on every colour."""
    from decimal import Decimal

    from maturity import charts

    series = [
        charts.Series("Mandiri", [Decimal("3.2"), Decimal("4.1"), None], charts.SELF_COLOUR),
        charts.Series("Terverifikasi", [Decimal("2.9"), Decimal("3.8"), 1], charts.VERIFIED_COLOUR),
    ]
    rows = [
        BarRow(label=f"Tema {n}", value=n * 0.9, national=3.0, province=2.5) for n in range(1, 6)
    ]
    levels = ["Belum", "M1 Pratama", "M2 Muda", "M3 Madya", "M4 Utama", "M5 Paripurna"]
    points = [
        charts.YearPoint(str(2020 + n), self_index=v, verified_index=w)
        for n, (v, w) in enumerate([(0.9, 0.5), (2.0, 1.9), (3.0, 2.7), (3.9, 3.6), (4.8, 4.5)])
    ]
    return {
        "radar": charts.radar(["E1", "E2", "E3"], series, title="Radar"),
        "bars": bars_with_medians(
            rows,
            title="Tema",
            value_label="Skor",
            national_label="Median nasional",
            province_label="Median provinsi",
        ),
        "levels": charts.level_stacks(
            [charts.StackRow("Mandiri", [20] * 6), charts.StackRow("Terverifikasi", [3] * 6)],
            title="Tingkat",
            level_names=levels,
        ),
        "statuses": charts.level_stacks(
            [charts.StackRow("Status", [20] * 5)],
            title="Status",
            level_names=["Belum", "Draf", "Diajukan", "Dikembalikan", "Disetujui"],
            colours=charts.STATUS_COLOURS,
        ),
        "progress": charts.progress_line(
            points,
            title="Kemajuan",
            bands=[Decimal("1.80"), Decimal("2.60"), Decimal("3.50"), Decimal("4.20")],
            level_names=levels[1:],
            self_name="Mandiri",
            verified_name="Terverifikasi",
        ),
    }


@pytest.mark.parametrize("kind", ["radar", "bars", "levels", "statuses", "progress"])
def test_every_text_of_a_chart_reads_at_4_5_to_1_on_what_lies_under_it(kind):
    contrasts = text_contrasts(every_chart()[kind])

    assert len(contrasts) > 5
    too_faint = [c for c in contrasts if c[3] < 4.5]
    assert too_faint == [], too_faint


def test_the_stack_counts_are_written_in_white_or_ink_whichever_reads_better():
    from maturity import charts

    for colour in (*charts.LEVEL_COLOURS, *charts.STATUS_COLOURS):
        best = max(
            charts.contrast_ratio("#ffffff", colour), charts.contrast_ratio(charts.INK, colour)
        )
        assert best >= 4.5, colour


def test_the_measure_finds_faint_text():
    faint = (
        '<svg xmlns="http://www.w3.org/2000/svg"><rect width="100" height="20" fill="#ffffff"/>'
        '<rect x="0" y="0" width="100" height="20" fill="#2c6e9b" fill-opacity="0.18"/>'
        '<text x="2" y="12" font-size="8" text-anchor="start" fill="#d9822b">3,20</text></svg>'
    )

    ((text, colour, under, ratio),) = text_contrasts(faint)

    assert (text, colour, under) == ("3,20", "#d9822b", "#d9e5ed")
    assert ratio == pytest.approx(2.28, abs=0.01)
