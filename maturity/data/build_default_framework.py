# ruff: noqa: E501
"""Write ``default_framework.yaml`` from the source tables in ``default/``.

Run ``python -m maturity.data.build_default_framework`` after editing a table; the product itself
only reads the YAML file. The script checks that every ISO 37122 clause of the catalogue appears
exactly once and that each indicator sits in the theme of its clause.
"""

from __future__ import annotations

import csv
import os
import sys
from decimal import Decimal
from pathlib import Path

import django

from maturity.data.default import e1_liveable, e2_green_a, e2_green_b, e3_digital, lenses
from maturity.frameworks.format import (
    Bilingual,
    ElementSpec,
    FrameworkSpec,
    IndicatorSpec,
    ThemeSpec,
    dump_framework,
    parse_framework,
)
from maturity.frameworks.format.spec import lenses_from_data

HERE = Path(__file__).resolve().parent
TARGET = HERE / "default_framework.yaml"

ELEMENTS = {
    "E1": Bilingual(
        "Kota layak huni yang inklusif dan melestarikan nilai budaya",
        "Liveable, inclusive city that keeps its cultural values",
    ),
    "E2": Bilingual(
        "Kota hijau yang aman, tertib, dan melindungi masyarakat (trantibumlinmas)",
        "Green, safe and orderly city that protects its people",
    ),
    "E3": Bilingual(
        "Layanan pemerintahan berbasis digital untuk kesejahteraan masyarakat",
        "Digital government services for public welfare",
    ),
}

LEVELS = {
    1: Bilingual("M1 Pratama (Perunggu)", "M1 Initial (Bronze)"),
    2: Bilingual("M2 Muda (Perak)", "M2 Developing (Silver)"),
    3: Bilingual("M3 Madya (Emas)", "M3 Intermediate (Gold)"),
    4: Bilingual("M4 Utama (Platinum)", "M4 Advanced (Platinum)"),
    5: Bilingual("M5 Paripurna (Berlian)", "M5 Complete (Diamond)"),
}

TITLE = Bilingual(
    "Skema Maturasi Kota Cerdas (ambang batas sementara)",
    "Smart City Maturity Scheme (provisional thresholds)",
)

DESCRIPTION = Bilingual(
    "Kerangka bawaan skema maturasi kota cerdas Kementerian Dalam Negeri untuk semua pemerintah "
    "daerah, selaras dengan PP No. 59/2022 tentang Perkotaan dan SNI ISO 37122:2019 (indikator kota "
    "cerdas). Memuat 80 indikator SNI ISO 37122 dalam 19 tema yang dipetakan ke tiga elemen kunci, "
    "ditambah indikator rubrik yang diminta kementerian di luar ISO 37122. SEMUA AMBANG BATAS BERSIFAT "
    "SEMENTARA: ditetapkan agar dapat diikuti pembaca (alasan tiap ambang ada di panduan indikator) "
    "sampai kementerian menetapkan ambangnya sendiri dalam versi kerangka berikutnya. Batas indeks "
    "1,80 / 2,60 / 3,50 / 4,20 mengikuti preseden evaluasi SPBE.",
    "The Ministry of Home Affairs' default framework for the smart-city maturity scheme of all local "
    "governments, aligned with Government Regulation PP No. 59/2022 on Urban Affairs and SNI ISO "
    "37122:2019 (smart-city indicators). It holds the 80 SNI ISO 37122 indicators in 19 themes mapped "
    "onto the three key elements, plus rubric indicators the ministry asks for beyond ISO 37122. ALL "
    "THRESHOLDS ARE PROVISIONAL: set so that a reader can follow them (each indicator's guidance gives "
    "the reasoning) until the ministry sets its own in a later framework version. The index bands "
    "1.80 / 2.60 / 3.50 / 4.20 follow the SPBE e-government evaluation precedent.",
)


def _indicator(row: dict) -> IndicatorSpec:  # type: ignore[type-arg]
    kind = row.get("kind", "quantitative")
    common = {
        "code": row["code"],
        "title": Bilingual(*row["title"]),
        "kind": kind,
        "iso37122": row.get("iso37122"),
        "guidance": Bilingual(*row["guidance"]),
        "weight": Decimal(str(row.get("weight", 1))),
        "required": row.get("required", True),
        "evidence_required": row.get("evidence_required", False),
    }
    if kind == "quantitative":
        return IndicatorSpec(
            **common,
            unit=row["unit"],
            direction=row["direction"],
            thresholds=tuple(Decimal(str(t)) for t in row["thresholds"]),
        )
    if kind == "rubric":
        return IndicatorSpec(
            **common, rubric={level: Bilingual(*text) for level, text in row["rubric"].items()}
        )
    return IndicatorSpec(
        **common, yes_level=row.get("yes_level", 5), no_level=row.get("no_level", 1)
    )


def _lens_data() -> list[dict[str, object]]:
    """The lenses of ``default/lenses.py`` in the stored shape (every group weighs 1)."""
    return [
        {
            **lens,
            "groups": [
                {"weight": "1", "themes": [], "indicators": [], **group} for group in lens["groups"]
            ],
        }
        for lens in lenses.LENSES
    ]


def build() -> str:
    with (HERE / "theme_elements.csv").open(encoding="utf-8") as handle:
        themes = list(csv.DictReader(handle))
    with (HERE / "iso37122_indicators.csv").open(encoding="utf-8") as handle:
        catalogue = list(csv.DictReader(handle))
    rows = [
        *e1_liveable.INDICATORS,
        *e2_green_a.INDICATORS,
        *e2_green_b.INDICATORS,
        *e3_digital.INDICATORS,
    ]
    theme_of_clause = {t["clause"]: t["theme_code"] for t in themes}
    seen = [r["iso37122"] for r in rows if r.get("iso37122")]
    expected = [c["clause"] for c in catalogue]
    missing = sorted(set(expected) - set(seen))
    doubled = sorted({c for c in seen if seen.count(c) > 1})
    misplaced = [
        r["code"]
        for r in rows
        if r.get("iso37122") and theme_of_clause[r["iso37122"].split(".")[0]] != r["theme"]
    ]
    if missing or doubled or misplaced:
        sys.exit(f"missing clauses {missing}, doubled {doubled}, misplaced {misplaced}")
    elements = []
    for element_code, element_title in ELEMENTS.items():
        theme_specs = []
        for theme in themes:
            if theme["element"] != element_code:
                continue
            indicators = tuple(_indicator(r) for r in rows if r["theme"] == theme["theme_code"])
            theme_specs.append(
                ThemeSpec(
                    code=theme["theme_code"],
                    title=Bilingual(theme["theme_id"], theme["theme_en"]),
                    indicators=indicators,
                )
            )
        elements.append(
            ElementSpec(code=element_code, title=element_title, themes=tuple(theme_specs))
        )
    spec = FrameworkSpec(
        code="smkc",
        version="2026.1",
        title=TITLE,
        description=DESCRIPTION,
        levels=LEVELS,
        index_bands=(Decimal("1.8"), Decimal("2.6"), Decimal("3.5"), Decimal("4.2")),
        elements=tuple(elements),
        lenses=lenses_from_data(_lens_data()),
    )
    text = dump_framework(spec)
    parse_framework(text)  # refuses the whole file if any rule is broken
    return text


if __name__ == "__main__":
    # The format's messages go through gettext, which needs Django set up.
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    django.setup()
    TARGET.write_text(build(), encoding="utf-8")
    print(f"wrote {TARGET}")
