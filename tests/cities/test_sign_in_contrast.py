"""The sign-in page's intro panel: its text sits on solid colours (no gradient, no translucent
chips) that read at 4.5:1 or more (WCAG 2.2 AA), measured from the stylesheet itself."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from maturity.charts import contrast_ratio

ROOT = Path(__file__).resolve().parents[2]
CSS = ROOT / "static" / "css" / "app.css"
TEMPLATE = ROOT / "templates" / "registration" / "auth_base.html"
HEX = re.compile(r"#[0-9a-fA-F]{6}")


def rules() -> dict[str, dict[str, str]]:
    """Each selector of the stylesheet with its declarations (the last rule wins, as in CSS)."""
    text = re.sub(r"/\*.*?\*/", "", CSS.read_text(encoding="utf-8"), flags=re.S)
    found: dict[str, dict[str, str]] = {}
    for selector, body in re.findall(r"([^{}]+)\{([^{}]*)\}", text):
        declarations = found.setdefault(" ".join(selector.split()), {})
        for declaration in body.split(";"):
            name, _, value = declaration.partition(":")
            if value.strip():
                declarations[name.strip()] = value.strip()
    return found


def solid(selector: str, prop: str) -> str:
    value = rules()[selector][prop]
    assert HEX.fullmatch(value), f"{selector} {prop}: {value} is not one solid #rrggbb colour"
    return value


PANEL = ".auth__intro"


@pytest.mark.parametrize(
    ("text_selector", "background_selector"),
    [
        (PANEL, PANEL),  # the paragraph and the list
        (f"{PANEL} h1", PANEL),
        (f"{PANEL} .eyebrow", PANEL),
        (".auth__levels span", ".auth__levels span"),  # the level chips, on their own colour
    ],
)
def test_the_sign_in_intro_text_reads_at_4_5_to_1_on_a_solid_colour(
    text_selector, background_selector
):
    colour = solid(text_selector, "color")
    background = solid(background_selector, "background")

    assert contrast_ratio(colour, background) >= 4.5, (colour, background)


def test_the_intro_panel_takes_its_colours_from_the_stylesheet_only():
    assert "style=" not in TEMPLATE.read_text(encoding="utf-8")


def test_the_contrast_ratio_is_wcag_s():
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21)
    assert contrast_ratio("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)
    assert contrast_ratio("#ffffff", "#767676") == pytest.approx(4.54, abs=0.01)
