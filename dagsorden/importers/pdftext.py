"""The text of a PDF, page by page, for the PDF importers.

PDFium (pypdfium2) extracts text fast enough for whole archives (hundreds of pages a
second) under a permissive licence. Every failure of a damaged, encrypted or foreign
file becomes one ``ImportFailed`` line; PDFium's own messages are not for users.

Hyphenation: a word broken at a line end arrives as "tæt-" + newline, "tæt\u2010" +
newline, a soft hyphen U+00AD, or PDFium's own marker U+0002 with the line break already
dropped (made "-" + newline here). ``join_hyphenated`` turns them back into one word.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import pypdfium2 as pdfium

from dagsorden.importers.base import ImportFailed

# A real archive PDF of a few thousand pages is far below this; more is no agenda.
MAX_PAGES = 5000

PDF_MAGIC = b"%PDF-"


def is_pdf(raw: bytes) -> bool:
    # The header may follow up to 1 KB of junk (PDF 1.7, 7.5.2); readers accept that.
    return PDF_MAGIC in raw[:1024]


@dataclass(frozen=True)
class PdfText:
    pages: tuple[str, ...]  # one string per page, lines separated by "\n"

    @property
    def text(self) -> str:
        return "\n".join(self.pages)


def pdf_text(raw: bytes, path: str) -> PdfText:
    """The text of every page, or ``ImportFailed`` naming why the PDF cannot be read."""
    try:
        return _cached(raw)
    except ImportFailed as exc:
        raise ImportFailed(path, exc.reason) from None


@lru_cache(maxsize=4)
def _cached(raw: bytes) -> PdfText:
    # Detection and parsing both ask for the text of the same file: extract it once.
    # ``detect`` knows no path, so the cache is keyed on the bytes alone.
    path = ""
    if not is_pdf(raw):
        raise ImportFailed(path, "not a PDF file")
    try:
        document = pdfium.PdfDocument(raw)
    except pdfium.PdfiumError as exc:
        raise ImportFailed(path, _load_error(exc)) from None
    try:
        count = len(document)
        if count == 0:
            raise ImportFailed(path, "the PDF has no pages")
        if count > MAX_PAGES:
            raise ImportFailed(path, f"the PDF has {count} pages, more than any agenda")
        pages = []
        for index in range(count):
            try:
                text = _page_text(document, index)
            except pdfium.PdfiumError:
                raise ImportFailed(path, f"page {index + 1} of the PDF is damaged") from None
            pages.append(_normalise(text))
    finally:
        document.close()
    return PdfText(pages=tuple(pages))


def _page_text(document: pdfium.PdfDocument, index: int) -> str:
    page = document[index]
    try:
        textpage = page.get_textpage()
        try:
            return textpage.get_text_bounded()
        finally:
            # Closing as we go keeps a thousand-file batch's memory flat.
            textpage.close()
    finally:
        page.close()


def _load_error(exc: pdfium.PdfiumError) -> str:
    code = getattr(exc, "err_code", None)
    if code == pdfium.raw.FPDF_ERR_PASSWORD:
        return "the PDF is encrypted with a password; save an unprotected copy and import that"
    if code == pdfium.raw.FPDF_ERR_SECURITY:
        return "the PDF uses an unsupported security handler"
    if code == pdfium.raw.FPDF_ERR_FORMAT:
        return "the PDF is damaged or truncated (PDFium cannot read its structure)"
    return "the PDF cannot be opened (damaged or not a PDF)"


_CONTROL = re.compile(r"[\x00\x01\x03-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _normalise(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    # U+0002 is PDFium's mark for a hyphen-minus (or soft hyphen) at a line end, the line
    # break dropped. It may be a real hyphen ("Region-Hovedstaden"), so it becomes "-" and
    # the break again, for ``join_hyphenated`` to judge like any other.
    text = text.replace("\x02", "-\n")
    return _CONTROL.sub("", text)


_HYPHEN_AT_END = re.compile(r"([^\W\d])[-\u2010\u00ad][ \t]*\n[ \t]*(?=[a-zæøå])")
# "Sundheds-" + "og Forebyggelsesudvalget": the first half of a compound, never a break.
_HYPHEN_BEFORE_CONJUNCTION = re.compile(
    r"([^\W\d])[-\u2010\u00ad][ \t]*\n[ \t]*(?=(?:og|eller|samt)\b)"
)
_SOFT_HYPHEN = re.compile("\u00ad")


def join_hyphenated(text: str) -> str:
    """Join words broken at a line end; a hyphen before a capital or digit is kept.

    "Region-\\nHovedstaden" is a compound with a real hyphen; "sund-\\nhed" is a break,
    and "6-\\nmåneders" keeps its hyphen (a digit is never split from its word).
    """
    text = _HYPHEN_BEFORE_CONJUNCTION.sub(r"\1- ", text)
    text = _HYPHEN_AT_END.sub(r"\1", text)
    # A soft hyphen inside a line is invisible in the original; it is never text.
    return _SOFT_HYPHEN.sub("", text)
