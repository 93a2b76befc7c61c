"""Files people download, named in their own language: 收缴报表-BDX-2026-12.xlsx for a
Chinese user, collection-BDX-2026-12.xlsx for an English one.

Names are translatable patterns (`pgettext("file name", "collection-%(community)s-%(period)s")`);
the header carries a non-ASCII name as RFC 5987 `filename*`, which every browser saves as is.
"""

from __future__ import annotations

from django.http import HttpResponse
from django.utils.http import content_disposition_header

PDF = "application/pdf"


def file_response(
    content: bytes, filename: str, content_type: str, *, inline: bool = False
) -> HttpResponse:
    """`content` as a download saved under `filename`; `inline` opens it in the browser first
    (a PDF to print) instead of saving it at once."""
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=not inline, filename=filename
    )
    return response


def pdf_response(content: bytes, filename: str) -> HttpResponse:
    """A PDF opened in the browser to read or print, saved under `filename`."""
    return file_response(content, filename, PDF, inline=True)
