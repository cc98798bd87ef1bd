"""Text that is safe to hand to reportlab: fonts with broad coverage, control characters removed,
markup escaped, and CJK runs switched to a font that has the glyphs DejaVu lacks.

Both fonts ship in resources/fonts (DejaVu: Bitstream Vera licence; Droid Sans Fallback:
Apache-2.0) and are embedded as subsets, so the PDF reads the same on any viewer."""

from __future__ import annotations

import functools
import re
import unicodedata
from xml.sax.saxutils import escape

from civilian_responder.resource_files import resource_path
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

BODY = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
ITALIC = "DejaVuSans-Oblique"
BOLD_ITALIC = "DejaVuSans-BoldOblique"
CJK_FONT = "DroidSansFallback"

_FILES = {BODY: "DejaVuSans.ttf", BOLD: "DejaVuSans-Bold.ttf",
          ITALIC: "DejaVuSans-Oblique.ttf", BOLD_ITALIC: "DejaVuSans-BoldOblique.ttf"}

# C0 and C1 controls except tab and newline, lone surrogates, and non-characters.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_CJK = re.compile(
    "[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af\u2e80-\u2fdf\u3000-\u303f\u3040-\u30ff\u3100-\u312f\u31a0-\u31ff\u3400-\u4dbf"
    "\u4e00-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\U00020000-\U0002fa1f]+"
)
_SCRIPT_RUN = re.compile(f"({_CJK.pattern})")
_RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")


@functools.cache
def register_fonts() -> None:
    """Register the report fonts with reportlab once per process (reportlab keeps a registry)."""
    from reportlab.lib.fonts import addMapping  # noqa: PLC0415

    for name, file in _FILES.items():
        pdfmetrics.registerFont(TTFont(name, str(resource_path("fonts", file))))
    addMapping(BODY, 0, 0, BODY)
    addMapping(BODY, 1, 0, BOLD)
    addMapping(BODY, 0, 1, ITALIC)
    addMapping(BODY, 1, 1, BOLD_ITALIC)


@functools.cache
def register_cjk_font() -> None:
    """3.4 MB to parse, so only when a report actually has Chinese, Japanese or Korean text."""
    pdfmetrics.registerFont(TTFont(CJK_FONT, str(resource_path("fonts", "DroidSansFallback.ttf"))))


def clean(text: object) -> str:
    """Normalised text without control characters (tabs become spaces)."""
    if text is None:
        return ""
    s = unicodedata.normalize("NFC", str(text)).replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub("", s).replace("\t", "    ")


def visual(line: str) -> str:
    """reportlab lays text out left to right without shaping: Arabic letters are joined here
    and right-to-left runs put in display order, line by line. (A right-to-left paragraph that
    wraps still reads its lines top to bottom; names and short notes come out right.)"""
    if not _RTL.search(line):
        return line
    try:
        import arabic_reshaper  # noqa: PLC0415 (only for text that needs it)
        from bidi import get_display  # noqa: PLC0415
    except ImportError:
        return line
    return "\n".join(get_display(arabic_reshaper.reshape(part)) for part in line.split("\n"))


def starts_rtl(text: str) -> bool:
    """True when the first letter decides the line reads right to left (align it right)."""
    for ch in text:
        kind = unicodedata.bidirectional(ch)
        if kind in ("R", "AL"):
            return True
        if kind == "L":
            return False
    return False


def markup(text: object) -> str:
    """Paragraph markup for plain text: escaped, line breaks kept, right-to-left runs in
    display order, CJK runs in a CJK font."""
    s = visual(clean(text))
    parts = _SCRIPT_RUN.split(s)
    out: list[str] = []
    for i, part in enumerate(parts):
        if not part:
            continue
        esc = escape(part).replace("\n", "<br/>")
        if i % 2:  # the split keeps the matched runs at odd positions
            register_cjk_font()
            out.append(f'<font name="{CJK_FONT}">{esc}</font>')
        else:
            out.append(esc)
    return "".join(out)


def plain_font_for(text: str) -> str:
    """For canvas strings (no markup; pass them through ``visual`` first): the CJK font when
    the text has CJK in it."""
    if _CJK.search(text):
        register_cjk_font()
        return CJK_FONT
    return BODY
