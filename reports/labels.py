"""Every fixed text of the PDF reports, in Bahasa Indonesia and English, and how numbers and dates
are written in each language.

The reports use this small dictionary rather than gettext catalogues so that a PDF reads the same
wherever it is rendered, whether or not message files were compiled there.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from zoneinfo import ZoneInfo

from django.conf import settings

LANGUAGES = ("id", "en")
AUTHOR = "Kementerian Dalam Negeri — Maturasi"

LABELS: dict[str, tuple[str, str]] = {
    # Shared
    "ministry": (
        "Kementerian Dalam Negeri Republik Indonesia",
        "Ministry of Home Affairs, Republic of Indonesia",
    ),
    "directorate": (
        "Direktorat Jenderal Bina Administrasi Kewilayahan",
        "Directorate General of Regional Administration",
    ),
    "product": ("Maturasi · Skema Maturasi Kota Cerdas", "Maturasi · Smart City Maturity Scheme"),
    "report_id": ("ID laporan", "Report ID"),
    "verify_at": ("Verifikasi keaslian di", "Verify authenticity at"),
    "page": ("Halaman", "Page"),
    "of": ("dari", "of"),
    "issued_on": ("Diterbitkan", "Issued"),
    "cycle": ("Siklus penilaian", "Assessment cycle"),
    "framework": ("Kerangka", "Framework"),
    "version": ("versi", "version"),
    "status": ("Status", "Status"),
    "province": ("Provinsi", "Province"),
    "region": ("Wilayah", "Region"),
    "index": ("Indeks", "Index"),
    "level": ("Tingkat", "Level"),
    "maturity_level": ("Tingkat kematangan", "Maturity level"),
    "self": ("Mandiri", "Self-assessed"),
    "verified": ("Terverifikasi", "Verified"),
    "gap": ("Selisih (mandiri dikurangi terverifikasi)", "Gap (self minus verified)"),
    "gap_short": ("Selisih", "Gap"),
    "gap_note": ("mandiri dikurangi terverifikasi", "self minus verified"),
    "completeness": ("Kelengkapan", "Completeness"),
    "none": ("–", "–"),
    "not_applicable_short": ("TB", "N/A"),
    "yes": ("Ya", "Yes"),
    "no": ("Tidak", "No"),
    "element": ("Elemen", "Element"),
    "theme": ("Tema", "Theme"),
    "indicator": ("Indikator", "Indicator"),
    "code": ("Kode", "Code"),
    "weight": ("Bobot", "Weight"),
    "score": ("Skor", "Score"),
    "provisional": (
        "Skor belum tersedia: penilaian belum diajukan atau skornya belum dihitung.",
        "No score yet: the assessment has not been submitted or is still being scored.",
    ),
    "no_score": ("Skor belum tersedia.", "No score yet."),
    "score_computed": ("Skor dihitung", "Scores computed"),
    # Region report
    "region_title": (
        "Laporan Penilaian Kematangan Kota Cerdas",
        "Smart City Maturity Assessment Report",
    ),
    "region_subject": (
        "Hasil penilaian mandiri dan verifikasi kementerian",
        "Self-assessment and ministry verification results",
    ),
    "summary": ("Ringkasan", "Summary"),
    "cover_note": (
        "Laporan ini memuat hasil penilaian mandiri kematangan kota cerdas wilayah dan hasil "
        "verifikasi kementerian, per elemen kunci, tema dan indikator SNI ISO 37122, beserta "
        "perbandingan dengan median nasional dan provinsi, langkah berikutnya, dan metode "
        "penilaian yang memungkinkan setiap angka dihitung ulang.",
        "This report sets out the region's smart-city maturity self-assessment and the "
        "ministry's verification, by key element, theme and SNI ISO 37122 indicator, with a "
        "comparison against the national and provincial medians, next steps, and the method by "
        "which every figure can be recomputed.",
    ),
    "cover_note_national": (
        "Ringkasan ini memuat status siklus penilaian, sebaran tingkat kematangan secara nasional "
        "dan per provinsi, rata-rata skor elemen, kota percontohan ASCN, dan peringkat seluruh "
        "wilayah yang telah mengajukan penilaian.",
        "This summary sets out the status of the assessment cycle, the distribution of maturity "
        "levels nationally and by province, average element scores, the ASCN pilot cities, and "
        "the ranking of every region that has submitted its assessment.",
    ),
    "summary_intro": (
        "Indeks kematangan adalah rata-rata berbobot skor elemen (skala 0–5); tingkat M1–M5 "
        "ditentukan dari indeks yang dibulatkan. Lampiran metode memuat semua bobot dan ambang.",
        "The maturity index is the weighted mean of the element scores (scale 0–5); the level "
        "M1–M5 follows from the rounded index. The method annex lists every weight and threshold.",
    ),
    "headline_verified": (
        "Angka utama: skor terverifikasi (penilaian disetujui).",
        "Headline figures: verified score (assessment approved).",
    ),
    "headline_self": (
        "Angka utama: skor mandiri (belum diverifikasi).",
        "Headline figures: self-assessed score (not yet verified).",
    ),
    "elements_chart": ("Skor per elemen", "Scores by element"),
    "themes_chart": ("Skor per tema", "Scores by theme"),
    "comparison": (
        "Perbandingan dengan median nasional dan provinsi",
        "Comparison with the national and provincial medians",
    ),
    "comparison_note": (
        "Median dari skor terbaru {n} penilaian lain dalam siklus yang sama yang telah diajukan "
        "({p} di provinsi ini); skor terverifikasi bila sudah disetujui, selain itu skor mandiri.",
        "Medians of the latest scores of {n} other submitted assessments in the same cycle "
        "({p} in this province); verified scores where approved, otherwise self-assessed.",
    ),
    "this_region": ("Wilayah ini", "This region"),
    "national_median": ("Median nasional", "National median"),
    "province_median": ("Median provinsi", "Province median"),
    "answer": ("Jawaban", "Answer"),
    "source_year": ("Sumber, tahun", "Source, year"),
    "self_level": ("Tingkat mandiri", "Self level"),
    "verified_level": ("Tingkat terverifikasi", "Verified level"),
    "self_level_short": ("Mandiri", "Self"),
    "verified_level_short": ("Verif.", "Verif."),
    "reviewer_comment": ("Catatan peninjau", "Reviewer's comment"),
    "evidence": ("Data dukung", "Evidence"),
    "answer_comment": ("Keterangan", "Note"),
    "not_answered": ("Belum dijawab", "Not answered"),
    "not_applicable": ("Tidak berlaku", "Not applicable"),
    "no_data": ("Tidak ada data", "No data"),
    "rubric_level": ("Tingkat rubrik", "Rubric level"),
    "quality": ("Mutu data", "Data quality"),
    "next_steps": ("Langkah berikutnya", "Next steps"),
    "next_steps_intro": (
        "Untuk tema dengan skor terendah, berikut yang dibutuhkan setiap indikator untuk naik "
        "satu tingkat.",
        "For the themes with the lowest scores, what each indicator needs to reach the next level.",
    ),
    "next_level": ("Tingkat berikutnya", "Next level"),
    "current_level": ("Tingkat saat ini", "Current level"),
    "requirement": ("Yang dibutuhkan", "What it takes"),
    "reach_at_least": ("Capai paling sedikit {value}", "Reach at least {value}"),
    "reach_at_most": ("Turunkan hingga paling banyak {value}", "Bring down to at most {value}"),
    "provide_data": (
        "Isi data yang terukur untuk indikator ini (tingkat 1 ke atas).",
        "Provide measured data for this indicator (level 1 and above).",
    ),
    "binary_yes": (
        "Jawaban \u201cya\u201d memberi tingkat {level}.",
        "A \u201cyes\u201d answer gives level {level}.",
    ),
    "all_top": (
        "Semua indikator pada tema ini sudah di tingkat tertinggi.",
        "Every indicator of this theme is already at the top level.",
    ),
    "programmes": ("Program kota cerdas wilayah", "The region's smart-city programmes"),
    "programme": ("Program", "Programme"),
    "agency": ("Perangkat daerah", "Agency"),
    "launched": ("Mulai", "Launched"),
    "users": ("Pengguna", "Users"),
    "annex": ("Lampiran: metode penilaian", "Annex: assessment method"),
    "annex_intro": (
        "Setiap angka dalam laporan ini dapat dihitung ulang dengan aturan di bawah "
        "(kerangka {framework} versi {version}).",
        "Every figure in this report can be recomputed with the rules below "
        "(framework {framework} version {version}).",
    ),
    "method_levels": (
        "Tingkat indikator 0–5. Tidak ada data atau belum dijawab: 0. Tidak berlaku: "
        "dikeluarkan dari rata-rata. Kuantitatif: 1 + banyaknya ambang t yang dicapai (nilai "
        "paling sedikit t bila makin tinggi makin baik, paling banyak t bila makin rendah makin "
        "baik). Rubrik: tingkat yang dipilih. Ya/tidak: tingkat untuk \u201cya\u201d atau "
        "\u201ctidak\u201d.",
        "Indicator levels 0–5. No data or unanswered: 0. Not applicable: left out of every "
        "average. Quantitative: 1 + the number of thresholds t reached (value at least t when "
        "higher is better, at most t when lower is better). Rubric: the level chosen. Yes/no: "
        "the level given for \u201cyes\u201d or \u201cno\u201d.",
    ),
    "method_aggregation": (
        "Skor tema = Σ(bobot × tingkat) / Σ bobot atas indikator yang berlaku; skor elemen = "
        "rata-rata berbobot skor tema; indeks = rata-rata berbobot skor elemen. Perhitungan "
        "eksak; indeks dan skor dibulatkan ke 2 desimal (setengah ke atas).",
        "Theme score = Σ(weight × level) / Σ weight over the applicable indicators; element "
        "score = weighted mean of theme scores; index = weighted mean of element scores. "
        "Computed exactly; the index and scores are rounded to 2 decimals (half up).",
    ),
    "method_verified": (
        "Tingkat terverifikasi adalah keputusan peninjau; bila peninjau tidak memutuskan, "
        "tingkat mandiri berlaku saat disetujui.",
        "The verified level is the reviewer's decision; where the reviewer made none, the "
        "self-assessed level stands on approval.",
    ),
    "bands": ("Rentang indeks per tingkat kematangan", "Index range of each maturity level"),
    "index_range": ("Rentang indeks", "Index range"),
    "below": ("di bawah {value}", "below {value}"),
    "and_above": ("{value} ke atas", "{value} and above"),
    "element_weights": ("Bobot elemen dan tema", "Element and theme weights"),
    "indicator_rules": ("Aturan indikator", "Indicator rules"),
    "kind": ("Jenis", "Kind"),
    "unit": ("Satuan", "Unit"),
    "direction": ("Arah", "Direction"),
    "thresholds": ("Ambang t1–t4", "Thresholds t1–t4"),
    "higher_short": ("naik", "higher"),
    "lower_short": ("turun", "lower"),
    "direction_note": (
        "Arah \u201cnaik\u201d: makin tinggi makin baik; \u201cturun\u201d: makin rendah makin "
        "baik.",
        "Direction \u201chigher\u201d: more is better; \u201clower\u201d: less is better.",
    ),
    "higher": ("makin tinggi makin baik", "higher is better"),
    "lower": ("makin rendah makin baik", "lower is better"),
    "kind_quantitative": ("Kuantitatif", "Quantitative"),
    "kind_rubric": ("Rubrik", "Rubric"),
    "kind_binary": ("Ya/tidak", "Yes/no"),
    "yes_no_levels": ("ya: {yes}; tidak: {no}", "yes: {yes}; no: {no}"),
    "rubric_rule": ("tingkat yang dipilih 1–5", "chosen level 1–5"),
    "attachment_description": (
        "Cuplikan skor penilaian (JSON)",
        "Assessment score snapshot (JSON)",
    ),
    # National summary
    "national_title": (
        "Ringkasan Nasional Kematangan Kota Cerdas",
        "National Smart City Maturity Summary",
    ),
    "national_subject": (
        "Peringkat, sebaran tingkat kematangan dan status siklus",
        "Ranking, distribution of maturity levels and cycle status",
    ),
    "cycle_status": ("Status siklus", "Cycle status"),
    "regions_total": ("dari {n} wilayah", "of {n} regions"),
    "regions_word": ("wilayah", "regions"),
    "not_started": ("Belum mulai", "Not started"),
    "assessments": ("Penilaian", "Assessments"),
    "distribution": ("Sebaran tingkat kematangan", "Distribution of maturity levels"),
    "distribution_note": (
        "Penilaian yang telah diajukan; tingkat terverifikasi bila disetujui, selain itu tingkat "
        "mandiri.",
        "Submitted assessments; verified level where approved, otherwise the self-assessed level.",
    ),
    "nationally": ("Nasional", "National"),
    "by_province": ("Sebaran per provinsi", "Distribution by province"),
    "element_averages": ("Rata-rata skor elemen", "Average element scores"),
    "average": ("Rata-rata", "Average"),
    "median": ("Median", "Median"),
    "count": ("Jumlah", "Count"),
    "pilots": (
        "Kota percontohan ASEAN Smart Cities Network (ASCN)",
        "ASEAN Smart Cities Network (ASCN) pilots",
    ),
    "pilot": ("Percontohan ASCN", "ASCN pilot"),
    "ranking": ("Peringkat wilayah", "Ranking of regions"),
    "ranking_note": (
        "Diurutkan menurut indeks terverifikasi bila penilaian disetujui, selain itu indeks "
        "mandiri (kolom \u201cdasar\u201d). Penilaian yang belum diajukan atau belum memiliki "
        "skor dicantumkan di akhir tanpa peringkat. Baris bertanda ASCN: kota percontohan ASEAN "
        "Smart Cities Network.",
        "Ranked by the verified index where the assessment is approved, otherwise by the "
        "self-assessed index (column \u201cbasis\u201d). Assessments not yet submitted or "
        "without a score are listed last, unranked. Rows marked ASCN: ASEAN Smart Cities "
        "Network pilots.",
    ),
    "rank": ("No.", "Rank"),
    "basis": ("Dasar", "Basis"),
    "basis_self": ("Mandiri", "Self"),
    "basis_verified": ("Verifikasi", "Verified"),
    "submitted_total": ("Penilaian diajukan", "Assessments submitted"),
    "approved_total": ("Penilaian disetujui", "Assessments approved"),
    "median_index": ("Median indeks nasional", "National median index"),
    "no_assessment": ("Belum ada penilaian", "No assessment yet"),
    "no_level": ("Tanpa skor", "No score"),
    "top_programmes": (
        "Program di balik indikator dengan skor tertinggi",
        "Programmes behind the highest-scoring indicators",
    ),
    "top_programmes_note": (
        "Program yang dibagikan wilayah untuk saling belajar, yang terkait dengan (atau dikutip "
        "sebagai data dukung untuk) indikator yang mencapai tingkat 4 atau 5 pada skor yang "
        "menjadi dasar peringkat.",
        "Programmes that regions shared for peer learning, linked to (or cited as evidence for) "
        "indicators that reached level 4 or 5 in the score the ranking uses.",
    ),
    "backed_indicators": ("Indikator (tingkat)", "Indicators (level)"),
    # Verification page
    "verify_title": ("Verifikasi laporan", "Report verification"),
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
    position = 1 if language == "en" else 0
    return {key: pair[position] for key, pair in LABELS.items()}


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
