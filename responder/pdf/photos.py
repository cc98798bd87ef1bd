"""Photos made fit for a page: upright (EXIF orientation), no bigger than print needs, and
anything unreadable turned into a reason the page can show instead of the picture."""

from __future__ import annotations

import io
import logging
from dataclasses import dataclass

from PIL import Image, ImageOps, UnidentifiedImageError

log = logging.getLogger(__name__)

# A photo prints ~3.4 inches wide: 1000 px is ~300 dpi. Up to 1600 px is embedded as is; a
# bigger JPEG is decoded at a reduced scale (1/2, 1/4, 1/8) that still keeps >= 1000 px.
MAX_PIXELS_EDGE = 1600
PRINT_EDGE = 1000
JPEG_QUALITY = 82
_EXIF_ORIENTATION = 0x0112


@dataclass(frozen=True)
class PreparedPhoto:
    data: bytes | None  # JPEG/PNG bytes ready to embed, or None when unreadable
    width: int = 0
    height: int = 0
    problem: str = ""  # why the photo cannot be shown


def prepare(data: bytes) -> PreparedPhoto:
    """Never raises: a photo that cannot be read becomes a PreparedPhoto with a problem."""
    if not data:
        return PreparedPhoto(None, problem="the photo file is empty")
    try:
        return _prepare(data)
    except (UnidentifiedImageError, Image.DecompressionBombError) as exc:
        return PreparedPhoto(None, problem=_reason(exc))
    except (OSError, ValueError, SyntaxError, EOFError, MemoryError) as exc:
        log.info("Photo could not be decoded: %s", type(exc).__name__)
        return PreparedPhoto(None, problem="the photo file is damaged or incomplete")


def _prepare(data: bytes) -> PreparedPhoto:
    with Image.open(io.BytesIO(data)) as img:
        orientation = img.getexif().get(_EXIF_ORIENTATION, 1)
        upright = orientation in (1, None)
        small = max(img.size) <= MAX_PIXELS_EDGE
        if img.format == "JPEG" and upright and small and img.mode in ("RGB", "L"):
            # Embedding the original bytes skips a decode and re-encode; a cheap end-marker
            # check still catches the truncated files a full decode would.
            if not data.rstrip(b"\x00\r\n ").endswith(b"\xff\xd9"):
                return PreparedPhoto(None, problem="the photo file is damaged or incomplete")
            return PreparedPhoto(data, *img.size)
        if img.format == "JPEG":
            k = PRINT_EDGE / max(img.size)  # draft keeps both sides >= the box: keep the aspect
            img.draft("RGB", (int(img.width * k), int(img.height * k)))
        img.load()
        fixed = ImageOps.exif_transpose(img)
        fixed.thumbnail((MAX_PIXELS_EDGE, MAX_PIXELS_EDGE))
        return _encode(fixed)


def _encode(img: Image.Image) -> PreparedPhoto:
    out = io.BytesIO()
    if img.mode in ("RGBA", "LA", "P"):
        img = img.convert("RGBA")
        flat = Image.new("RGB", img.size, "white")
        flat.paste(img, mask=img.getchannel("A"))
        img = flat
    elif img.mode not in ("RGB", "L"):
        img = img.convert("RGB")
    img.save(out, "JPEG", quality=JPEG_QUALITY, optimize=False)
    return PreparedPhoto(out.getvalue(), *img.size)


def _reason(exc: Exception) -> str:
    if isinstance(exc, Image.DecompressionBombError):
        return "the photo is too large to print"
    return "the file is not a readable photo"
