"""Text that is safe to hand to reportlab: fonts with broad coverage, control characters removed,
markup escaped, and CJK runs switched to a CID font DejaVu does not cover."""

from __future__ import annotations

import functools
import re
import unicodedata
from xml.sax.saxutils import escape

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFont

from responder.resources import resource_path

BODY = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
ITALIC = "DejaVuSans-Oblique"
BOLD_ITALIC = "DejaVuSans-BoldOblique"
# Built-in Adobe CID fonts: nothing to ship, the viewer supplies the glyphs.
CJK_FONT = "STSong-Light"
HANGUL_FONT = "HYSMyeongJo-Medium"

_FILES = {BODY: "DejaVuSans.ttf", BOLD: "DejaVuSans-Bold.ttf",
          ITALIC: "DejaVuSans-Oblique.ttf", BOLD_ITALIC: "DejaVuSans-BoldOblique.ttf"}

# C0 and C1 controls except tab and newline, lone surrogates, and non-characters.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_HANGUL = re.compile("[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]+")
_CJK = re.compile(
    "[\u2e80-\u2fdf\u3000-\u303f\u3040-\u30ff\u3100-\u312f\u31a0-\u31ff\u3400-\u4dbf"
    "\u4e00-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\U00020000-\U0002fa1f]+"
)
_SCRIPT_RUN = re.compile(f"({_HANGUL.pattern}|{_CJK.pattern})")


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
    pdfmetrics.registerFont(UnicodeCIDFont(CJK_FONT))
    pdfmetrics.registerFont(UnicodeCIDFont(HANGUL_FONT))


def clean(text: object) -> str:
    """Normalised text without control characters (tabs become spaces)."""
    if text is None:
        return ""
    s = unicodedata.normalize("NFC", str(text)).replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub("", s).replace("\t", "    ")


def markup(text: object) -> str:
    """Paragraph markup for plain text: escaped, line breaks kept, CJK runs in a CJK font."""
    s = clean(text)
    parts = _SCRIPT_RUN.split(s)
    out: list[str] = []
    for i, part in enumerate(parts):
        if not part:
            continue
        esc = escape(part).replace("\n", "<br/>")
        if i % 2:  # the split keeps the matched runs at odd positions
            font = HANGUL_FONT if _HANGUL.fullmatch(part) else CJK_FONT
            out.append(f'<font name="{font}">{esc}</font>')
        else:
            out.append(esc)
    return "".join(out)


def plain_font_for(text: str) -> str:
    """For canvas strings (no markup): the CJK font when the text is mostly CJK."""
    return CJK_FONT if _CJK.search(text) else BODY
