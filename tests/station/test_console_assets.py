"""The console's assets: nothing from outside the station, and text colours that meet WCAG AA."""

from __future__ import annotations

import re
from pathlib import Path

import civilian_responder.station.console as console

FOLDER = Path(console.__file__).parent
CSS = (FOLDER / "static" / "console.css").read_text()
# (text, background) pairs the stylesheet uses, by its variable names or literal colours.
PAIRS = [
    ("--ink", "--bg"),
    ("--muted", "--bg"),
    ("--muted", "--panel"),
    ("--accent", "--bg"),
    ("--accent", "--panel"),
    ("--accent-ink", "--accent"),
    ("#fff", "#14263a"),
    ("#fff", "--bad"),
    ("#123d20", "#e8f4ec"),
    ("#5e0b0e", "#fbeaea"),
    ("#0c2a47", "#eaf1f8"),
    ("#4a2f00", "#fff4e0"),
    ("--ink", "--panel"),
]


def _colour(name: str) -> str:
    if name.startswith("#"):
        return name
    found = re.search(rf"{re.escape(name)}:\s*(#[0-9a-fA-F]{{3,6}})", CSS)
    assert found, name
    return found.group(1)


def _luminance(hex_colour: str) -> float:
    h = hex_colour.lstrip("#")
    if len(h) == 3:
        h = "".join(c * 2 for c in h)
    channels = [int(h[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def test_text_colours_meet_wcag_aa_contrast():
    for text, background in PAIRS:
        a, b = sorted((_luminance(_colour(text)), _luminance(_colour(background))), reverse=True)
        assert (a + 0.05) / (b + 0.05) >= 4.5, (text, background)


def test_no_asset_or_template_loads_anything_from_outside_the_station():
    files = list((FOLDER / "templates").glob("*.html")) + list((FOLDER / "static").glob("*"))
    assert len(files) >= 10
    for path in files:
        text = path.read_text()
        # The only absolute URL allowed is the SVG namespace, which is an identifier.
        urls = set(re.findall(r"https?://[^\s\"'<>)]+", text)) - {"http://www.w3.org/2000/svg"}
        assert not urls, (path.name, urls)
        for ref in re.findall(r'(?:src|href)="(/console/static/[^"]+)"', text):
            assert (FOLDER / "static" / ref.rsplit("/", 1)[1]).is_file(), ref
