"""Reading a PDF in tests as a person's viewer would: its text, laid out (poppler's
`pdftotext`), and the fonts it uses (`pdffonts`). Both come with Debian's poppler-utils; a
test that needs them is skipped, saying so, only where they are not installed."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest


def _poppler(tool: str) -> str:
    path = shutil.which(tool)
    if path is None:
        pytest.skip(f"{tool} is not installed (Debian package poppler-utils)")
    return path


def _run(tool: str, content: bytes, *args: str) -> str:
    with tempfile.TemporaryDirectory() as folder:
        document = Path(folder) / "document.pdf"
        document.write_bytes(content)
        done = subprocess.run(
            [_poppler(tool), *args, str(document), "-"]
            if tool == "pdftotext"
            else [_poppler(tool), *args, str(document)],
            capture_output=True,
            check=True,
            timeout=60,
        )
    return done.stdout.decode("utf-8")


def pdf_text(content: bytes) -> str:
    """The document's text as a viewer extracts it, in reading order."""
    return _run("pdftotext", content, "-layout", "-enc", "UTF-8")


@dataclass
class PdfFont:
    name: str
    type: str
    embedded: bool
    subset: bool


def pdf_fonts(content: bytes) -> list[PdfFont]:
    """Every font the document uses, with whether it is embedded and only as a subset."""
    lines = _run("pdffonts", content).splitlines()[2:]
    fonts = []
    for line in lines:
        # name type… encoding emb sub uni object-id generation: read from the right, since
        # the type ("CID TrueType") may hold a space
        words = line.split()
        emb, sub = words[-5], words[-4]
        fonts.append(
            PdfFont(
                name=words[0],
                type=" ".join(words[1:-6]),
                embedded=emb == "yes",
                subset=sub == "yes",
            )
        )
    return fonts


def assert_fonts_embedded(content: bytes) -> None:
    """Every font of the document is embedded, as a subset (its name tagged `ABCDEF+`)."""
    fonts = pdf_fonts(content)
    assert fonts, "the document names no font"
    for font in fonts:
        assert font.embedded and font.subset, font
        tag, _plus, _name = font.name.partition("+")
        assert len(tag) == 6 and tag.isupper() and _plus, font
