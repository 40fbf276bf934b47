"""Which importers exist, and picking one for an input.

Detection runs in the order below, most specific first; ``--format`` skips it.
"""

from __future__ import annotations

from pathlib import Path

from dagsorden.documents.format import Document
from dagsorden.importers import edoc_pdf, edoc_xml, kl_pdf, kl_text, pdftext, sbsys
from dagsorden.importers.base import Importer, ImportFailed, read_source

IMPORTERS: dict[str, Importer] = {
    imp.format: imp
    for imp in (
        Importer(edoc_xml.FORMAT, edoc_xml.detect, edoc_xml.parse, edoc_xml.companions),
        Importer(sbsys.FORMAT, sbsys.detect, sbsys.parse, companions=sbsys.companions),
        Importer(
            edoc_pdf.FORMAT,
            edoc_pdf.detect,
            edoc_pdf.parse,
            companions=edoc_pdf.companions,
            partial=edoc_pdf.partial,
        ),
        Importer(kl_pdf.FORMAT, kl_pdf.detect, kl_pdf.parse),
        Importer(kl_text.FORMAT, kl_text.detect, kl_text.parse),
    )
}


def load(path: str | Path, *, format: str | None = None) -> list[Document]:
    """Read one input and return its documents, or raise ``ImportFailed``."""
    return read(path, format=format)[1]


def read(path: str | Path, *, format: str | None = None) -> tuple[Importer, list[Document]]:
    """Read one input: the importer that read it and its documents, or ``ImportFailed``."""
    raw = read_source(path)
    if format is not None:
        try:
            importer = IMPORTERS[format]
        except KeyError:
            known = ", ".join(sorted(IMPORTERS))
            raise ImportFailed(path, f"unknown format {format!r} (known: {known})") from None
    else:
        importer = next((imp for imp in IMPORTERS.values() if imp.detect(raw)), None)
        if importer is None:
            importer = _fallback(raw, path)
    return importer, [importer.parse(raw, str(path))]


def _fallback(raw: bytes, path: str | Path) -> Importer:
    """The importer whose error message tells the user most about an unknown input."""
    if raw.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):
        raise ImportFailed(
            path,
            "an XML or HTML file, but not a publication dagsorden reads "
            "(eDoc's eDocAgendaPublishing.xml or an SBSYS PublicationNN.xml)",
        )
    if pdftext.is_pdf(raw):
        pdftext.pdf_text(raw, str(path))  # an encrypted or damaged PDF says so here
        raise ImportFailed(
            path,
            "a PDF, but not an agenda or minutes in a layout dagsorden reads "
            "(KL's, or eDoc's with 'Sagsnr.:' under each item)",
        )
    # The text importer says what it missed ("no running header like …").
    return IMPORTERS[kl_text.FORMAT]
