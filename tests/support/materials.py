"""Real material files for tests, made by the same kind of tools centres use."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path


def make_pdf(path: Path, text: str) -> Path:
    """A real one-page PDF (WeasyPrint) whose extractable text is ``text``."""
    from weasyprint import HTML

    path.parent.mkdir(parents=True, exist_ok=True)
    HTML(string=f"<html lang='de'><body><p>{text}</p></body></html>").write_pdf(path)
    return path


def make_docx(path: Path, text: str) -> Path:
    """A real Word document (python-docx) with a heading and ``text`` as a paragraph."""
    import docx

    path.parent.mkdir(parents=True, exist_ok=True)
    document = docx.Document()
    document.add_heading("Arbeitsblatt", level=1)
    document.add_paragraph(text)
    document.save(str(path))
    return path


def make_odt(path: Path, text: str) -> Path:
    """A real OpenDocument text (odfpy) with ``text`` as a paragraph."""
    from odf.opendocument import OpenDocumentText
    from odf.text import H, P

    path.parent.mkdir(parents=True, exist_ok=True)
    document = OpenDocumentText()
    document.text.addElement(H(outlinelevel=1, text="Rollenkarte"))
    document.text.addElement(P(text=text))
    document.save(str(path))
    return path


def make_png(path: Path) -> Path:
    """A real 1×1 PNG."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
    png += chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00")) + chunk(b"IEND", b"")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(png)
    return path


# The first bytes of programs: a Linux ELF binary and a Windows PE executable.
ELF = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 8 + b"\x02\x00\x3e\x00" + b"\x00" * 200
WINDOWS_EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00" + b"\x00" * 200
