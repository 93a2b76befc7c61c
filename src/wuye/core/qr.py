"""QR codes for the pages and the printed documents (visitor passes, patrol checkpoints,
permits): one encoder (segno), one error-correction level, so a code scans alike on a phone
screen and on a sheet from the office printer."""

import io

import segno
from django.utils.safestring import SafeString, mark_safe

# Level M restores up to 15 % of a damaged code: enough for a creased pass or a checkpoint
# plate in the rain, with a code still small enough to print 2 cm wide.
ERROR_LEVEL = "m"


def _code(data: str) -> segno.QRCode:
    return segno.make(data, error=ERROR_LEVEL, micro=False)


def qr_svg(data: str, *, title: str = "", scale: int = 4) -> SafeString:
    """The code as inline SVG for a template; `title` is what a screen reader says."""
    return mark_safe(_code(data).svg_inline(scale=scale, title=title or None, svgclass="qr"))


def qr_png(data: str, *, scale: int = 8) -> bytes:
    """The code as PNG bytes, for a PDF (ReportLab reads them through `ImageReader`) or a
    download; `scale` is the width of one module in pixels."""
    buffer = io.BytesIO()
    _code(data).save(buffer, kind="png", scale=scale)
    return buffer.getvalue()


def qr_data_uri(data: str, *, scale: int = 4) -> str:
    """The code as a PNG `data:` URI, for an `<img src>` where inline SVG does not fit."""
    return _code(data).png_data_uri(scale=scale)
