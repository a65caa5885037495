"""Charts for the PDF reports, drawn as small SVG documents in Python (no browser, no plotting
library). Every piece of text that reaches the SVG is escaped; numbers are formatted here.

Each function returns SVG markup as a string, ready to be placed inline in the report's HTML
(the template marks it safe: it is built only from escaped text and numbers).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any
from xml.sax.saxutils import escape, quoteattr

FONT = "Maturasi Sans, sans-serif"
# Every text colour below reads at 4.5:1 or more (WCAG 2.2 AA) on whatever it is drawn over:
# the chart's white backdrop, the zebra rows, the level bands, the stacks it labels
# (tests/maturity/test_charts.py measures each chart's text against what lies under it).
BACKDROP = "#ffffff"
INK = "#1f2933"
MUTED = "#56616e"
GRID = "#d5dbe1"
ZEBRA = "#f3f5f7"
SELF_COLOUR = "#0b5c8a"
VERIFIED_COLOUR = "#9c5209"
NATIONAL_COLOUR = "#1f2933"
PROVINCE_COLOUR = "#c2185b"
# Maturity levels M1..M5, from bronze to diamond; index 0 is "no score".
LEVEL_COLOURS = ("#c9ced6", "#cf9a66", "#9aa5b1", "#d4a72c", "#4e7186", "#2c6e9b")
# Assessment statuses: not started, draft, submitted, returned, approved.
STATUS_COLOURS = ("#d5dbe1", "#9fb3c8", "#2a73a5", "#d9822b", "#1f7a4d")
MAX_LEVEL = 5


def _num(value: float) -> str:
    """A coordinate with at most one decimal: short SVG, same output everywhere."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def _text(
    x: float,
    y: float,
    content: str,
    *,
    size: float = 9,
    anchor: str = "start",
    weight: str = "normal",
    fill: str = INK,
) -> str:
    bold = ' font-weight="bold"' if weight == "bold" else ""
    return (
        f'<text x="{_num(x)}" y="{_num(y)}" font-size="{_num(size)}" text-anchor="{anchor}"'
        f'{bold} fill="{fill}">{escape(content)}</text>'
    )


def _fit(content: str, width: float, size: float) -> str:
    """Shorten a label with an ellipsis so it fits ``width`` at font ``size`` (Noto Sans averages
    a little over half an em per character), rather than running off the chart's edge."""
    limit = max(4, int(width / (size * 0.55)))
    return content if len(content) <= limit else content[: limit - 1].rstrip() + "…"


def _svg(width: float, height: float, body: Sequence[str], title: str) -> str:
    # A solid backdrop of its own: the text's contrast does not depend on the page behind.
    backdrop = f'<rect width="{_num(width)}" height="{_num(height)}" fill="{BACKDROP}"/>'
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_num(width)} {_num(height)}" '
        f'width="{_num(width)}" height="{_num(height)}" role="img" '
        f'aria-label={quoteattr(title)} font-family="{FONT}">'
        f"<title>{escape(title)}</title>{backdrop}{''.join(body)}</svg>"
    )


def _channels(colour: str) -> tuple[int, int, int]:
    red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return red, green, blue


def relative_luminance(colour: str) -> float:
    """WCAG 2.2's relative luminance of a #rrggbb colour (0 for black, 1 for white)."""

    def linear(channel: int) -> float:
        value = channel / 255
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = (linear(c) for c in _channels(colour))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast_ratio(foreground: str, background: str) -> float:
    """WCAG 2.2's contrast ratio of two #rrggbb colours, from 1 to 21 (AA asks 4.5 for text)."""
    lighter, darker = sorted(
        (relative_luminance(foreground), relative_luminance(background)), reverse=True
    )
    return (lighter + 0.05) / (darker + 0.05)


def blend(colour: str, opacity: float, under: str) -> str:
    """The #rrggbb seen where ``colour`` is painted at ``opacity`` over ``under``."""
    mixed = (
        round(opacity * top + (1 - opacity) * bottom)
        for top, bottom in zip(_channels(colour), _channels(under), strict=True)
    )
    return "#" + "".join(f"{channel:02x}" for channel in mixed)


def _as_float(value: Decimal | float | None) -> float | None:
    return None if value is None else float(value)


@dataclass(frozen=True)
class Series:
    """One polygon of a radar chart: a name for the legend and a value 0–5 (or None) per axis."""

    name: str
    values: Sequence[Decimal | float | None]
    colour: str


#: How far outside the outer ring a radar's axis labels sit, in levels.
LABEL_OFFSET = 0.55


def radar(
    axes: Sequence[str],
    series: Sequence[Series],
    *,
    title: str,
    size: float = 260,
    label_size: float = 8.5,
) -> str:
    """A radar (spider) chart on the 0–5 scale with one polygon per series.

    A missing value (None) is drawn at the centre so the polygon stays closed; axis labels sit
    just outside the outer ring.
    """
    n = len(axes)
    margin = 46
    # Labels beside the rings run sideways from just outside the outer ring: room for the
    # longest (about 0.6 em a letter).
    longest = max((len(name) for name in axes), default=0)
    side = max(margin, size / 2 * LABEL_OFFSET / MAX_LEVEL + longest * label_size * 0.6 + 4)
    legend_height = 18 if series else 0
    width = size + 2 * side
    height = size + 2 * margin + legend_height
    cx, cy = width / 2, margin + size / 2
    radius = size / 2

    def point(i: int, value: float) -> tuple[float, float]:
        angle = -math.pi / 2 + 2 * math.pi * i / max(n, 1)
        r = radius * value / MAX_LEVEL
        return cx + r * math.cos(angle), cy + r * math.sin(angle)

    body: list[str] = []
    for ring in range(1, MAX_LEVEL + 1):
        ring_points = " ".join(
            f"{_num(x)},{_num(y)}" for x, y in (point(i, ring) for i in range(n))
        )
        body.append(
            f'<polygon points="{ring_points}" fill="none" stroke="{GRID}" stroke-width="0.7"/>'
        )
        lx, ly = point(0, ring)
        body.append(_text(lx + 3, ly + 3, str(ring), size=7, fill=MUTED))
    for i, name in enumerate(axes):
        x, y = point(i, MAX_LEVEL)
        body.append(
            f'<line x1="{_num(cx)}" y1="{_num(cy)}" x2="{_num(x)}" y2="{_num(y)}" '
            f'stroke="{GRID}" stroke-width="0.7"/>'
        )
        lx, ly = point(i, MAX_LEVEL + LABEL_OFFSET)
        anchor = "middle"
        if lx > cx + 4:
            anchor = "start"
        elif lx < cx - 4:
            anchor = "end"
        body.append(_text(lx, ly + 3, name, size=label_size, anchor=anchor))
    for item in series:
        values = [_as_float(v) for v in item.values]
        coords = [point(i, v if v is not None else 0.0) for i, v in enumerate(values)]
        joined = " ".join(f"{_num(x)},{_num(y)}" for x, y in coords)
        body.append(
            f'<polygon points="{joined}" fill="{item.colour}" fill-opacity="0.16" '
            f'stroke="{item.colour}" stroke-width="1.6"/>'
        )
        for (x, y), v in zip(coords, values, strict=True):
            if v is not None:
                body.append(f'<circle cx="{_num(x)}" cy="{_num(y)}" r="2" fill="{item.colour}"/>')
    y = margin * 2 + size - 14
    x = side
    for item in series:
        body.append(
            f'<rect x="{_num(x)}" y="{_num(y)}" width="10" height="10" '
            f'fill="{item.colour}" fill-opacity="0.6"/>'
        )
        body.append(_text(x + 15, y + 9, item.name, size=8.5))
        x += 30 + 5.2 * len(item.name)
    return _svg(width, height, body, title)


@dataclass(frozen=True)
class BarRow:
    """One bar: a label, the region's value and the two reference medians (each may be None)."""

    label: str
    value: Decimal | float | None
    national: Decimal | float | None = None
    province: Decimal | float | None = None


def bars_with_medians(
    rows: Sequence[BarRow],
    *,
    title: str,
    value_label: str,
    national_label: str,
    province_label: str,
    none_text: str = "–",
    width: float = 500,
    decimal_comma: bool = False,
) -> str:
    """Horizontal bars on the 0–5 scale with the national and province medians as markers."""
    label_width = 150
    value_width = 34
    row_height = 15
    top = 18
    legend_height = 22
    plot_width = width - label_width - value_width - 8
    height = top + row_height * len(rows) + legend_height + 6

    def x_of(value: float) -> float:
        return label_width + plot_width * value / MAX_LEVEL

    body: list[str] = []
    for tick in range(MAX_LEVEL + 1):
        x = x_of(tick)
        body.append(
            f'<line x1="{_num(x)}" y1="{top - 4}" x2="{_num(x)}" '
            f'y2="{_num(top + row_height * len(rows))}" stroke="{GRID}" stroke-width="0.6"/>'
        )
        body.append(_text(x, top - 7, str(tick), size=7, anchor="middle", fill=MUTED))
    for i, row in enumerate(rows):
        y = top + i * row_height
        if i % 2 == 1:
            body.append(
                f'<rect x="0" y="{_num(y)}" width="{_num(width)}" height="{row_height}" '
                f'fill="{ZEBRA}"/>'
            )
        label = _fit(row.label, label_width - 8, 8)
        body.append(_text(label_width - 6, y + 10.5, label, size=8, anchor="end"))
        value = _as_float(row.value)
        if value is not None:
            body.append(
                f'<rect x="{label_width}" y="{_num(y + 3)}" '
                f'width="{_num(max(x_of(value) - label_width, 0.5))}" height="9" '
                f'fill="{SELF_COLOUR}" rx="1"/>'
            )
        text = none_text if value is None else f"{value:.2f}"
        if decimal_comma:
            text = text.replace(".", ",")
        body.append(_text(width - 4, y + 10.5, text, size=8, anchor="end", weight="bold"))
        national = _as_float(row.national)
        if national is not None:
            x = x_of(national)
            body.append(
                f'<line x1="{_num(x)}" y1="{_num(y + 1)}" x2="{_num(x)}" '
                f'y2="{_num(y + 14)}" stroke="{NATIONAL_COLOUR}" stroke-width="2"/>'
            )
        province = _as_float(row.province)
        if province is not None:
            x = x_of(province)
            body.append(
                f'<polygon points="{_num(x - 3.5)},{_num(y + 1)} {_num(x + 3.5)},{_num(y + 1)} '
                f'{_num(x)},{_num(y + 6.5)}" fill="{PROVINCE_COLOUR}"/>'
            )
    # Legend: only the marks that appear.
    y = top + row_height * len(rows) + 10
    body.append(
        f'<rect x="{label_width}" y="{_num(y)}" width="14" height="8" fill="{SELF_COLOUR}"/>'
    )
    body.append(_text(label_width + 18, y + 7.5, value_label, size=8))
    if national_label and any(row.national is not None for row in rows):
        x = label_width + 130
        body.append(
            f'<line x1="{_num(x)}" y1="{_num(y - 1)}" x2="{_num(x)}" '
            f'y2="{_num(y + 9)}" stroke="{NATIONAL_COLOUR}" stroke-width="2"/>'
        )
        body.append(_text(x + 6, y + 7.5, national_label, size=8))
    if province_label and any(row.province is not None for row in rows):
        x = label_width + 260
        body.append(
            f'<polygon points="{_num(x - 4)},{_num(y)} {_num(x + 4)},{_num(y)} '
            f'{_num(x)},{_num(y + 7)}" fill="{PROVINCE_COLOUR}"/>'
        )
        body.append(_text(x + 8, y + 7.5, province_label, size=8))
    return _svg(width, height, body, title)


@dataclass(frozen=True)
class StackRow:
    """One stacked bar: a label and the count of regions at each level (index 0 = no score)."""

    label: str
    counts: Sequence[int]


def level_stacks(
    rows: Sequence[StackRow],
    *,
    title: str,
    level_names: Sequence[str],
    width: float = 500,
    row_height: float = 13,
    label_width: float = 150,
    show_counts: bool = True,
    colours: Sequence[str] = LEVEL_COLOURS,
    first: int = 0,
) -> str:
    """Stacked horizontal bars: the share of regions at each maturity level, one bar per row.

    ``level_names`` names the stacks in order; a row's bar spans its total. ``first`` skips
    leading stacks (e.g. 1 to leave out "no score"); ``colours`` colours them, in order.
    """
    total_width = width - label_width - 40
    top = 4
    legend_rows = 1 + (len(level_names) - first - 1) // 3
    height = top + row_height * len(rows) + 8 + 14 * legend_rows
    body: list[str] = []
    for i, row in enumerate(rows):
        y = top + i * row_height
        total = sum(row.counts)
        body.append(_text(label_width - 6, y + row_height - 3.5, row.label, size=7.5, anchor="end"))
        x = float(label_width)
        for level, count in enumerate(row.counts):
            if level < first or not count or not total:
                continue
            w = total_width * count / total
            body.append(
                f'<rect x="{_num(x)}" y="{_num(y + 1.5)}" width="{_num(w)}" '
                f'height="{_num(row_height - 3)}" fill="{colours[level % len(colours)]}"/>'
            )
            if show_counts and w >= 12:
                colour = "#ffffff" if _dark(colours[level % len(colours)]) else INK
                body.append(
                    _text(
                        x + w / 2,
                        y + row_height - 4,
                        str(count),
                        size=6.5,
                        anchor="middle",
                        fill=colour,
                    )
                )
            x += w
        body.append(
            _text(width - 2, y + row_height - 3.5, str(total), size=7.5, anchor="end", fill=MUTED)
        )
    y = top + row_height * len(rows) + 8
    column_width = (width - label_width) / 3
    for position, (level, name) in enumerate(list(enumerate(level_names))[first:]):
        col, line = position % 3, position // 3
        x = label_width + col * column_width
        yy = y + line * 14
        body.append(
            f'<rect x="{_num(x)}" y="{_num(yy)}" width="10" height="9" '
            f'fill="{colours[level % len(colours)]}"/>'
        )
        body.append(_text(x + 14, yy + 8, name, size=7.5))
    return _svg(width, height, body, title)


def _dark(colour: str) -> bool:
    """Whether white text reads better than ink on this #rrggbb colour."""
    return contrast_ratio("#ffffff", colour) > contrast_ratio(INK, colour)


@dataclass(frozen=True)
class YearPoint:
    """One cycle on a progress line: its label (the year), and the index on each track."""

    label: str
    self_index: Decimal | float | None
    verified_index: Decimal | float | None = None


def year_points(cycles: Sequence[Mapping[str, Any]]) -> list[YearPoint]:
    """The progress API's cycles (newest first) as points of a progress line, oldest first."""
    return [
        YearPoint(
            label=str(cycle["year"]),
            self_index=Decimal(cycle["self"]["index"]) if cycle["self"] else None,
            verified_index=Decimal(cycle["verified"]["index"]) if cycle["verified"] else None,
        )
        for cycle in reversed(cycles)
    ]


def progress_line(
    points: Sequence[YearPoint],
    *,
    title: str,
    bands: Sequence[Decimal | float],
    level_names: Sequence[str],
    self_name: str,
    verified_name: str,
    width: float = 520,
    height: float = 220,
) -> str:
    """The index by year as lines (self and verified) over the maturity levels' bands.

    ``bands`` are the four lower bounds of levels 2–5 (SCORING.md §5); ``level_names`` the five
    levels' names, drawn beside their bands. Points come oldest first.
    """
    left, right, top, bottom = 34.0, 150.0, 8.0, 40.0
    plot_w, plot_h = width - left - right, height - top - bottom

    def y_of(value: float) -> float:
        return top + plot_h * (1 - value / MAX_LEVEL)

    body: list[str] = []
    edges = [0.0, *(float(b) for b in bands), float(MAX_LEVEL)]
    for level in range(1, MAX_LEVEL + 1):
        low, high = edges[level - 1], edges[level]
        body.append(
            f'<rect x="{_num(left)}" y="{_num(y_of(high))}" width="{_num(plot_w)}" '
            f'height="{_num(y_of(low) - y_of(high))}" fill="{LEVEL_COLOURS[level]}" '
            f'fill-opacity="0.18"/>'
        )
        name = level_names[level - 1] if level - 1 < len(level_names) else str(level)
        middle = (y_of(low) + y_of(high)) / 2 + 3
        body.append(_text(left + plot_w + 6, middle, _fit(name, right - 8, 7.5), size=7.5))
    for tick in range(MAX_LEVEL + 1):
        y = y_of(tick)
        body.append(
            f'<line x1="{_num(left)}" y1="{_num(y)}" x2="{_num(left + plot_w)}" '
            f'y2="{_num(y)}" stroke="{GRID}" stroke-width="0.5"/>'
        )
        body.append(_text(left - 5, y + 3, str(tick), size=7.5, anchor="end", fill=MUTED))
    count = len(points)
    step = plot_w / max(count - 1, 1)

    def x_of(position: int) -> float:
        return left + (step * position if count > 1 else plot_w / 2)

    for position, point in enumerate(points):
        body.append(_text(x_of(position), top + plot_h + 14, point.label, size=8, anchor="middle"))
    for label_offset, colour, values in (
        (-6.0, SELF_COLOUR, [_as_float(p.self_index) for p in points]),
        (13.0, VERIFIED_COLOUR, [_as_float(p.verified_index) for p in points]),
    ):
        known = [(x_of(i), y_of(v), v) for i, v in enumerate(values) if v is not None]
        if len(known) > 1:
            path = " ".join(f"{_num(x)},{_num(y)}" for x, y, _ in known)
            body.append(
                f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2"/>'
            )
        for x, y, value in known:
            body.append(f'<circle cx="{_num(x)}" cy="{_num(y)}" r="3" fill="{colour}"/>')
            body.append(
                _text(x, y + label_offset, f"{value:.2f}", size=7.5, anchor="middle", fill=colour)
            )
    legend_y = height - 8
    for offset, (name, colour) in enumerate(
        ((self_name, SELF_COLOUR), (verified_name, VERIFIED_COLOUR))
    ):
        x = left + offset * 140
        body.append(
            f'<rect x="{_num(x)}" y="{_num(legend_y - 8)}" width="10" height="9" fill="{colour}"/>'
        )
        body.append(_text(x + 14, legend_y, name, size=8))
    return _svg(width, height, body, title)
