"""Simple bar charts as inline SVG, drawn on the server (no script, no chart library)."""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup, escape

ROW = 22
LABEL_W = 210
BAR_W = 380


def bars(title: str, items: Sequence[tuple[str, float]], unit: str = "") -> Markup:
    """Horizontal bars, one row per (label, value), with the value written at the bar's end.
    The title is the chart's accessible name; the values are also in the page's tables."""
    top = max((v for _, v in items), default=0) or 1
    height = ROW * max(1, len(items)) + 8
    width = LABEL_W + BAR_W + 70
    parts = [
        f'<svg class="chart" role="img" aria-label="{escape(title)}" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        'xmlns="http://www.w3.org/2000/svg">',
        f"<title>{escape(title)}</title>",
    ]
    for i, (label, value) in enumerate(items):
        y = 4 + i * ROW
        w = round(BAR_W * (value / top), 1) if value > 0 else 0
        shown = f"{value:g}{unit}"
        parts.append(
            f'<text x="{LABEL_W - 8}" y="{y + 15}" text-anchor="end">{escape(label[:34])}</text>'
        )
        parts.append(
            f'<rect class="bar" x="{LABEL_W}" y="{y + 3}" width="{w}" height="{ROW - 6}"></rect>'
        )
        parts.append(f'<text x="{LABEL_W + w + 6}" y="{y + 15}">{escape(shown)}</text>')
    if not items:
        parts.append(f'<text x="8" y="18">{escape("Nothing to show")}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))
