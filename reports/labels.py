"""Every fixed text of the PDF reports, and how numbers and dates are written in each language.

The texts come from the one gettext catalogue (``locale/``): each label's msgid is its Indonesian
text, marked with the context ``report`` (a report's wording may differ from the same word on a
page), and English is its translation. A report's language is chosen per report, not per
request, so :func:`labels_for` reads them under ``translation.override(language)``.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import pgettext_lazy

LANGUAGES = ("id", "en")
AUTHOR = "Kementerian Dalam Negeri — Maturasi"

LABELS: dict[str, Promise] = {
    # Shared
    "ministry": pgettext_lazy("report", "Kementerian Dalam Negeri Republik Indonesia"),
    "directorate": pgettext_lazy("report", "Direktorat Jenderal Bina Administrasi Kewilayahan"),
    "product": pgettext_lazy("report", "Maturasi · Skema Maturasi Kota Cerdas"),
    "report_id": pgettext_lazy("report", "ID laporan"),
    "verify_at": pgettext_lazy("report", "Verifikasi keaslian di"),
    "page": pgettext_lazy("report", "Halaman"),
    "of": pgettext_lazy("report", "dari"),
    "issued_on": pgettext_lazy("report", "Diterbitkan"),
    "cycle": pgettext_lazy("report", "Siklus penilaian"),
    "framework": pgettext_lazy("report", "Kerangka"),
    "version": pgettext_lazy("report", "versi"),
    "status": pgettext_lazy("report", "Status"),
    "province": pgettext_lazy("report", "Provinsi"),
    "region": pgettext_lazy("report", "Wilayah"),
    "index": pgettext_lazy("report", "Indeks"),
    "level": pgettext_lazy("report", "Tingkat"),
    "maturity_level": pgettext_lazy("report", "Tingkat kematangan"),
    "self": pgettext_lazy("report", "Mandiri"),
    "verified": pgettext_lazy("report", "Terverifikasi"),
    "gap": pgettext_lazy("report", "Selisih (mandiri dikurangi terverifikasi)"),
    "gap_short": pgettext_lazy("report", "Selisih"),
    "gap_note": pgettext_lazy("report", "mandiri dikurangi terverifikasi"),
    "completeness": pgettext_lazy("report", "Kelengkapan"),
    "none": pgettext_lazy("report", "–"),
    "not_applicable_short": pgettext_lazy("report", "TB"),
    "yes": pgettext_lazy("report", "Ya"),
    "no": pgettext_lazy("report", "Tidak"),
    "element": pgettext_lazy("report", "Elemen"),
    "theme": pgettext_lazy("report", "Tema"),
    "indicator": pgettext_lazy("report", "Indikator"),
    "code": pgettext_lazy("report", "Kode"),
    "weight": pgettext_lazy("report", "Bobot"),
    "score": pgettext_lazy("report", "Skor"),
    "provisional": pgettext_lazy(
        "report",
        "Skor belum tersedia: penilaian belum diajukan atau skornya belum dihitung.",
    ),
    "no_score": pgettext_lazy("report", "Skor belum tersedia."),
    "score_computed": pgettext_lazy("report", "Skor dihitung"),
    # Region report
    "region_title": pgettext_lazy("report", "Laporan Penilaian Kematangan Kota Cerdas"),
    "region_subject": pgettext_lazy("report", "Hasil penilaian mandiri dan verifikasi kementerian"),
    "summary": pgettext_lazy("report", "Ringkasan"),
    "cover_note": pgettext_lazy(
        "report",
        "Laporan ini memuat hasil penilaian mandiri kematangan kota cerdas wilayah dan hasil "
        "verifikasi kementerian, per elemen kunci, tema dan indikator SNI ISO 37122, beserta "
        "perbandingan dengan median nasional dan provinsi, langkah berikutnya, dan metode "
        "penilaian yang memungkinkan setiap angka dihitung ulang.",
    ),
    "cover_note_national": pgettext_lazy(
        "report",
        "Ringkasan ini memuat status siklus penilaian, sebaran tingkat kematangan secara "
        "nasional dan per provinsi, rata-rata skor elemen, kota percontohan ASCN, dan "
        "peringkat seluruh wilayah yang telah mengajukan penilaian.",
    ),
    "summary_intro": pgettext_lazy(
        "report",
        "Indeks kematangan adalah rata-rata berbobot skor elemen (skala 0–5); tingkat M1–M5 "
        "ditentukan dari indeks yang dibulatkan. Lampiran metode memuat semua bobot dan "
        "ambang.",
    ),
    "headline_verified": pgettext_lazy(
        "report",
        "Angka utama: skor terverifikasi (penilaian disetujui).",
    ),
    "headline_self": pgettext_lazy("report", "Angka utama: skor mandiri (belum diverifikasi)."),
    "elements_chart": pgettext_lazy("report", "Skor per elemen"),
    "themes_chart": pgettext_lazy("report", "Skor per tema"),
    "comparison": pgettext_lazy("report", "Perbandingan dengan median nasional dan provinsi"),
    "comparison_note": pgettext_lazy(
        "report",
        "Median dari skor terbaru {n} penilaian lain dalam siklus yang sama yang telah "
        "diajukan ({p} di provinsi ini); skor terverifikasi bila sudah disetujui, selain itu "
        "skor mandiri.",
    ),
    "this_region": pgettext_lazy("report", "Wilayah ini"),
    "national_median": pgettext_lazy("report", "Median nasional"),
    "province_median": pgettext_lazy("report", "Median provinsi"),
    "answer": pgettext_lazy("report", "Jawaban"),
    "source_year": pgettext_lazy("report", "Sumber, tahun"),
    "self_level": pgettext_lazy("report", "Tingkat mandiri"),
    "verified_level": pgettext_lazy("report", "Tingkat terverifikasi"),
    "self_level_short": pgettext_lazy("report short", "Mandiri"),
    "verified_level_short": pgettext_lazy("report", "Verif."),
    "reviewer_comment": pgettext_lazy("report", "Catatan peninjau"),
    "evidence": pgettext_lazy("report", "Data dukung"),
    "answer_comment": pgettext_lazy("report", "Keterangan"),
    "not_answered": pgettext_lazy("report", "Belum dijawab"),
    "not_applicable": pgettext_lazy("report", "Tidak berlaku"),
    "no_data": pgettext_lazy("report", "Tidak ada data"),
    "rubric_level": pgettext_lazy("report", "Tingkat rubrik"),
    "quality": pgettext_lazy("report", "Mutu data"),
    "progress": pgettext_lazy("report", "Perkembangan"),
    "lens_intro": pgettext_lazy(
        "report",
        "Skor yang sama, dikelompokkan menurut lensa ini: setiap kelompok adalah rata-rata"
        " berbobot tingkat indikatornya.",
    ),
    "lens_group": pgettext_lazy("report", "Kelompok"),
    "lenses": pgettext_lazy("report", "Lensa"),
    "lenses_intro": pgettext_lazy(
        "report",
        "Skor yang sama dikelompokkan menurut lensa kerangka (bidang fokus ASCN, dimensi kota"
        " cerdas nasional), di antara wilayah yang telah mengajukan.",
    ),
    "lowest": pgettext_lazy("report", "Terendah"),
    "highest": pgettext_lazy("report", "Tertinggi"),
    "change_since": pgettext_lazy("report", "Perubahan sejak siklus sebelumnya"),
    "change_intro": pgettext_lazy(
        "report",
        "Di antara penilaian yang disetujui pada siklus ini dan siklus sebelumnya wilayahnya:"
        " {n} wilayah dibandingkan menurut indeks terverifikasi.",
    ),
    "rises": pgettext_lazy("report", "Kenaikan terbesar"),
    "falls": pgettext_lazy("report", "Penurunan terbesar"),
    "transitions": pgettext_lazy("report", "Perpindahan tingkat (siklus sebelumnya × siklus ini)"),
    "no_previous": pgettext_lazy("report", "Tanpa siklus sebelumnya"),
    "province_change": pgettext_lazy("report", "Rata-rata perubahan per provinsi"),
    "regions_compared": pgettext_lazy("report", "Wilayah dibandingkan"),
    "average_change": pgettext_lazy("report", "Rata-rata perubahan"),
    "total": pgettext_lazy("report", "Jumlah"),
    "progress_intro": pgettext_lazy(
        "report", "Indeks wilayah pada setiap siklus, di atas pita tingkat kematangan."
    ),
    "progress_chart": pgettext_lazy("report", "Indeks per tahun di atas pita tingkat kematangan"),
    "rank_sentence": pgettext_lazy("report", "Peringkat nasional {national} dari {of}."),
    "rank_province_sentence": pgettext_lazy(
        "report", "Peringkat {province} dari {of} di provinsi."
    ),
    "year": pgettext_lazy("report", "Tahun"),
    "change": pgettext_lazy("report", "Perubahan"),
    "rank_national": pgettext_lazy("report", "Peringkat nasional"),
    "rank_province": pgettext_lazy("report", "Peringkat di provinsi"),
    "elements_by_year": pgettext_lazy("report", "Elemen per tahun"),
    "indicators_moved": pgettext_lazy("report", "Indikator yang naik atau turun"),
    "previous_cycle": pgettext_lazy("report", "Siklus sebelumnya"),
    "this_cycle": pgettext_lazy("report", "Siklus ini"),
    "roadmap": pgettext_lazy("report", "Peta jalan ke tingkat berikutnya"),
    "roadmap_intro": pgettext_lazy(
        "report", "Langkah tersedikit yang mengangkat indeks ke tingkat"
    ),
    "roadmap_unreachable": pgettext_lazy(
        "report", "Menaikkan jawaban yang ada saja tidak cukup untuk mencapai"
    ),
    "step_levels": pgettext_lazy("report", "Tingkat"),
    "peers": pgettext_lazy("report", "Daerah yang sudah mencapainya"),
    "at_top_level": pgettext_lazy("report", "Wilayah ini sudah di tingkat tertinggi."),
    "requirement": pgettext_lazy("report", "Yang dibutuhkan"),
    "reach_at_least": pgettext_lazy("report", "Capai paling sedikit {value}"),
    "reach_at_most": pgettext_lazy("report", "Turunkan hingga paling banyak {value}"),
    "provide_data": pgettext_lazy(
        "report",
        "Isi data yang terukur untuk indikator ini (tingkat 1 ke atas).",
    ),
    "binary_yes": pgettext_lazy("report", "Jawaban “ya” memberi tingkat {level}."),
    "programmes": pgettext_lazy("report", "Program kota cerdas wilayah"),
    "programme": pgettext_lazy("report", "Program"),
    "agency": pgettext_lazy("report", "Perangkat daerah"),
    "launched": pgettext_lazy("report", "Mulai"),
    "users": pgettext_lazy("report", "Pengguna"),
    "annex": pgettext_lazy("report", "Lampiran: metode penilaian"),
    "annex_intro": pgettext_lazy(
        "report",
        "Setiap angka dalam laporan ini dapat dihitung ulang dengan aturan di bawah (kerangka"
        " {framework} versi {version}).",
    ),
    "method_levels": pgettext_lazy(
        "report",
        "Tingkat indikator 0–5. Tidak ada data atau belum dijawab: 0. Tidak berlaku: "
        "dikeluarkan dari rata-rata. Kuantitatif: 1 + banyaknya ambang t yang dicapai (nilai "
        "paling sedikit t bila makin tinggi makin baik, paling banyak t bila makin rendah "
        "makin baik). Rubrik: tingkat yang dipilih. Ya/tidak: tingkat untuk “ya” atau "
        "“tidak”.",
    ),
    "method_aggregation": pgettext_lazy(
        "report",
        "Skor tema = Σ(bobot × tingkat) / Σ bobot atas indikator yang berlaku; skor elemen = "
        "rata-rata berbobot skor tema; indeks = rata-rata berbobot skor elemen. Perhitungan "
        "eksak; indeks dan skor dibulatkan ke 2 desimal (setengah ke atas).",
    ),
    "method_verified": pgettext_lazy(
        "report",
        "Tingkat terverifikasi adalah keputusan peninjau; bila peninjau tidak memutuskan, "
        "tingkat mandiri berlaku saat disetujui.",
    ),
    "bands": pgettext_lazy("report", "Rentang indeks per tingkat kematangan"),
    "index_range": pgettext_lazy("report", "Rentang indeks"),
    "below": pgettext_lazy("report", "di bawah {value}"),
    "and_above": pgettext_lazy("report", "{value} ke atas"),
    "element_weights": pgettext_lazy("report", "Bobot elemen dan tema"),
    "indicator_rules": pgettext_lazy("report", "Aturan indikator"),
    "rules_in_rows": pgettext_lazy(
        "report",
        "Aturan setiap indikator tercantum di bawah namanya pada bagian elemen: jenisnya, arah"
        " dan ambang t1–t4 (kuantitatif), tingkat jawaban (ya/tidak, rubrik) dan bobotnya bila"
        " bukan 1.",
    ),
    "weight_of": pgettext_lazy("report", "bobot {weight}"),
    "higher_short": pgettext_lazy("report", "naik"),
    "lower_short": pgettext_lazy("report", "turun"),
    "direction_note": pgettext_lazy(
        "report",
        "Arah “naik”: makin tinggi makin baik; “turun”: makin rendah makin baik.",
    ),
    "kind_quantitative": pgettext_lazy("report", "Kuantitatif"),
    "kind_rubric": pgettext_lazy("report", "Rubrik"),
    "kind_binary": pgettext_lazy("report", "Ya/tidak"),
    "yes_no_levels": pgettext_lazy("report", "ya: {yes}; tidak: {no}"),
    "rubric_rule": pgettext_lazy("report", "tingkat yang dipilih 1–5"),
    "attachment_description": pgettext_lazy("report", "Cuplikan skor penilaian (JSON)"),
    # National summary
    "national_title": pgettext_lazy("report", "Ringkasan Nasional Kematangan Kota Cerdas"),
    "national_subject": pgettext_lazy(
        "report",
        "Peringkat, sebaran tingkat kematangan dan status siklus",
    ),
    "cycle_status": pgettext_lazy("report", "Status siklus"),
    "regions_total": pgettext_lazy("report", "dari {n} wilayah"),
    "regions_word": pgettext_lazy("report", "wilayah"),
    "not_started": pgettext_lazy("report", "Belum mulai"),
    "assessments": pgettext_lazy("report", "Penilaian"),
    "distribution": pgettext_lazy("report", "Sebaran tingkat kematangan"),
    "distribution_note": pgettext_lazy(
        "report",
        "Penilaian yang telah diajukan; tingkat terverifikasi bila disetujui, selain itu "
        "tingkat mandiri.",
    ),
    "nationally": pgettext_lazy("report", "Nasional"),
    "by_province": pgettext_lazy("report", "Sebaran per provinsi"),
    "element_averages": pgettext_lazy("report", "Rata-rata skor elemen"),
    "average": pgettext_lazy("report", "Rata-rata"),
    "median": pgettext_lazy("report", "Median"),
    "count": pgettext_lazy("report", "Jumlah"),
    "pilots": pgettext_lazy("report", "Kota percontohan ASEAN Smart Cities Network (ASCN)"),
    "pilot": pgettext_lazy("report", "Percontohan ASCN"),
    "ranking": pgettext_lazy("report", "Peringkat wilayah"),
    "ranking_note": pgettext_lazy(
        "report",
        "Diurutkan menurut indeks terverifikasi bila penilaian disetujui, selain itu indeks "
        "mandiri (kolom “status · dasar”). Penilaian yang belum diajukan atau belum memiliki skor "
        "dicantumkan di akhir tanpa peringkat. Baris bertanda ASCN: kota percontohan ASEAN "
        "Smart Cities Network.",
    ),
    "rank": pgettext_lazy("report", "No."),
    "basis": pgettext_lazy("report", "Dasar"),
    "status_basis": pgettext_lazy("report", "Status · dasar"),
    "basis_self": pgettext_lazy("report short", "Mandiri"),
    "basis_verified": pgettext_lazy("report", "Verifikasi"),
    "submitted_total": pgettext_lazy("report", "Penilaian diajukan"),
    "approved_total": pgettext_lazy("report", "Penilaian disetujui"),
    "median_index": pgettext_lazy("report", "Median indeks nasional"),
    "no_assessment": pgettext_lazy("report", "Belum ada penilaian"),
    "no_level": pgettext_lazy("report", "Tanpa skor"),
    "top_programmes": pgettext_lazy("report", "Program di balik indikator dengan skor tertinggi"),
    "top_programmes_note": pgettext_lazy(
        "report",
        "Program yang dibagikan wilayah untuk saling belajar, yang terkait dengan (atau "
        "dikutip sebagai data dukung untuk) indikator yang mencapai tingkat 4 atau 5 pada "
        "skor yang menjadi dasar peringkat.",
    ),
    "backed_indicators": pgettext_lazy("report", "Indikator (tingkat)"),
    # National summary: calibration of the verification
    "calibration": pgettext_lazy("report", "Kalibrasi verifikasi"),
    "calibration_intro": pgettext_lazy(
        "report",
        "Seberapa seragam para peninjau memverifikasi: per peninjau dan per provinsi, jumlah "
        "indikator yang ditinjau, rata-rata dan simpangan baku selisih tingkat mandiri dikurangi "
        "tingkat terverifikasi, dan seberapa sering rekomendasi provinsi kemudian diubah "
        "kementerian.",
    ),
    "calibration_none": pgettext_lazy("report", "Belum ada tinjauan pada siklus ini."),
    "reviewer": pgettext_lazy("report", "Peninjau"),
    "role": pgettext_lazy("report", "Peran"),
    "ministry_reviewer": pgettext_lazy("report", "Kementerian"),
    "province_reviewer": pgettext_lazy("report", "Provinsi"),
    "indicators_reviewed": pgettext_lazy("report", "Indikator ditinjau"),
    "mean_difference": pgettext_lazy("report", "Rata-rata selisih"),
    "standard_deviation": pgettext_lazy("report", "Simpangan baku"),
    "recommendations": pgettext_lazy("report", "Rekomendasi"),
    "changed_by_ministry": pgettext_lazy("report", "Tingkat diubah kementerian"),
    "returned_by_ministry": pgettext_lazy("report", "Dikembalikan kementerian"),
    # Verification page
    "verify_title": pgettext_lazy("report", "Verifikasi laporan"),
}

MONTHS_ID = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)
MONTHS_EN = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def labels_for(language: str) -> dict[str, str]:
    """All labels in one language, as a dict the templates read (``t.summary``)."""
    with translation.override("en" if language == "en" else "id"):
        return {key: str(label) for key, label in LABELS.items()}


def decimal_text(
    value: Decimal | int | float | str | None, language: str, places: int = 2, *, empty: str = "–"
) -> str:
    """A figure with ``places`` decimals (half up), in the language's notation: 3,06 / 3.06."""
    if value is None:
        return empty
    number = Decimal(str(value)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    text = f"{number:,.{places}f}"
    if language == "id":
        text = text.replace(",", "\u2009").replace(".", ",").replace("\u2009", ".")
    return text


def value_text(value: Decimal | None, language: str) -> str:
    """An answer's number as written, without trailing zeros: 65,5 / 65.5; 1.200 / 1,200."""
    if value is None:
        return "–"
    normalized = value.normalize()
    places = max(-normalized.as_tuple().exponent, 0)  # type: ignore[operator]
    return decimal_text(normalized, language, min(int(places), 6))


def date_text(moment: datetime | date | None, language: str, *, with_time: bool = False) -> str:
    """22 November 2026 (and 14.05 WIB with ``with_time``), in the product's time zone."""
    if moment is None:
        return "–"
    if isinstance(moment, datetime):
        moment = moment.astimezone(ZoneInfo(settings.TIME_ZONE))
    months = MONTHS_EN if language == "en" else MONTHS_ID
    text = f"{moment.day} {months[moment.month - 1]} {moment.year}"
    if with_time and isinstance(moment, datetime):
        separator = ":" if language == "en" else "."
        text += f", {moment:%H}{separator}{moment:%M} WIB"
    return text
