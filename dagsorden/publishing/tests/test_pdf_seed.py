"""The seed agenda (KKR Hovedstaden, 15 October 2021) as PDF, read back with pypdf."""

from __future__ import annotations

import io
import re
from dataclasses import replace

import pyphen
import pytest
from pypdf import PdfReader

from dagsorden.bodies.models import Body
from dagsorden.documents import format as fmt
from dagsorden.importers.registry import load
from dagsorden.lib.seeds import seed_agenda
from dagsorden.publishing.pdf import document_pdf, numbered

SEED = seed_agenda()
pytestmark = pytest.mark.skipif(
    SEED is None, reason="the seed agenda (../shared/seeds) is not beside this checkout"
)

HEADER = "KKR Hovedstaden | 15-10-2021"
HEADER_LINE = re.compile(r"KKR Hovedstaden \| 15-10-2021\s+SIDE \| \d+")
TOC_PAGE = re.compile(r" – side (\d+)")
CLOSED = ("3.4", "3.7")


def flat(text: str) -> str:
    """Hyphenation undone and whitespace collapsed: text as a reader reads it, whatever
    the lines and pages. WeasyPrint's hyphen is U+2010; hyphens in the text are U+002D."""
    return " ".join(re.sub(r"‐\s*\n", "", text).split())


def read(pdf: bytes) -> tuple[PdfReader, list[str]]:
    reader = PdfReader(io.BytesIO(pdf))
    return reader, [page.extract_text() for page in reader.pages]


def outline_titles(reader: PdfReader) -> list[tuple[str, int]]:
    def walk(entries):
        for entry in entries:
            if isinstance(entry, list):
                yield from walk(entry)
            else:
                yield entry.title, reader.get_destination_page_number(entry)

    return list(walk(reader.outline))


@pytest.fixture(scope="module")
def document() -> fmt.Document:
    return load(SEED)[0]


@pytest.fixture(scope="module")
def rendered(document) -> tuple[PdfReader, list[str]]:
    body = Body(name=document.body)
    return read(document_pdf(document, body=body, closed=False, minutes=False))


def test_the_seed_is_what_these_tests_expect(document):
    assert len(document.sections) == 7
    assert len(document.items) == 19


def test_the_contents_give_the_page_each_item_starts_on(document, rendered):
    _, pages = rendered
    toc = flat(pages[1])
    assert toc.startswith("Indholdsfortegnelse")
    content = [flat(HEADER_LINE.sub("", page)) for page in pages]
    for item in document.items:
        heading = numbered(item.number, item.title)
        found = re.search(re.escape(heading) + TOC_PAGE.pattern, toc)
        assert found, f"{heading} is not in the contents"
        page = int(found[1])
        assert heading in content[page - 1], f"{heading}: not on page {page}"
        earlier = [n + 1 for n in range(2, page - 1) if heading in content[n]]
        assert not earlier, f"{heading}: the contents say {page}, it starts on {earlier[0]}"


def test_every_page_but_the_cover_has_the_header_with_its_own_number(rendered):
    _, pages = rendered
    assert len(pages) > 20
    assert "SIDE |" not in pages[0] and "15-10-2021" not in pages[0]
    for n, text in enumerate(pages[1:], start=2):
        assert HEADER in text, f"page {n} has no header"
        numbers = re.findall(r"SIDE \| (\d+)", text)
        assert numbers == [str(n)], f"page {n} says {numbers}"


def test_the_cover_has_body_kind_date_and_the_cover_text(rendered):
    _, pages = rendered
    cover = flat(pages[0])
    assert cover.startswith("KKR Hovedstaden Dagsorden 15. oktober 2021")
    assert "Mission KL bidrager til at udvikle" in cover
    assert "Vision KL opnår" in cover


def test_the_outline_has_every_section_and_item_on_its_page(document, rendered):
    reader, pages = rendered
    outline = dict(outline_titles(reader))
    for section in document.sections:
        assert numbered(section.number, section.title) in outline
    for item in document.items:
        heading = numbered(item.number, item.title)
        assert heading in outline, f"no bookmark for {heading}"
        assert heading in flat(HEADER_LINE.sub("", pages[outline[heading]]))


def test_the_pdf_is_tagged_danish_titled_and_embeds_its_fonts(rendered):
    reader, _ = rendered
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root
    assert root["/MarkInfo"]["/Marked"]
    assert root["/Lang"] == "da"
    assert reader.metadata.title == "KKR Hovedstaden – Dagsorden 15. oktober 2021"
    fonts = {}
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            for descendant in font.get("/DescendantFonts", [font]):
                descriptor = descendant.get_object()["/FontDescriptor"]
                fonts[str(descriptor["/FontName"])] = any(
                    key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")
                )
    assert fonts and all(fonts.values()), fonts
    assert all("DejaVu" in name for name in fonts), fonts


def test_body_text_is_hyphenated_in_danish(rendered):
    _, pages = rendered
    breaks = re.findall(r"(\w+)‐\n(\w+)", "\n".join(pages))
    assert len(breaks) > 10, "hardly a word was hyphenated"
    danish = pyphen.Pyphen(lang="da_DK")
    for before, after in breaks:
        word = before + after
        assert len(before) in danish.positions(word), f"{before}-{after} is no Danish break"


def test_members_see_closed_items_and_the_public_only_their_number(document):
    items = {item.number: item for item in document.items}
    closing = {number: replace(items[number], public=False) for number in CLOSED}
    closed_doc = replace(
        document,
        sections=tuple(
            replace(s, items=tuple(closing.get(i.number, i) for i in s.items))
            for s in document.sections
        ),
    )
    body = Body(name=document.body)
    members = _text(document_pdf(closed_doc, body=body, closed=True, minutes=False))
    public = _text(document_pdf(closed_doc, body=body, closed=False, minutes=False))

    def headings(closed: bool) -> list[str]:
        return [
            numbered(i.number, "Lukket punkt" if not closed and i.number in CLOSED else i.title)
            for i in document.items
        ]

    m_toc, m_items = _segments(members, headings(True))
    p_toc, p_items = _segments(public, headings(False))
    for number in CLOSED:
        item = items[number]
        real, neutral = numbered(number, item.title), numbered(number, "Lukket punkt")
        assert real not in public and item.title not in public
        m_toc = m_toc.replace(real, neutral)
        member_text = m_items[real]
        assert p_items[neutral] == "", f"the public sees content of {number}"
        for part in item.parts:
            assert part.heading in member_text
            assert flat(part.text)[:60] in member_text
        for attachment in item.attachments:
            assert f"./. Bilag: {attachment.title}" in member_text
            assert attachment.title not in public
    assert p_toc == m_toc
    shared = [numbered(i.number, i.title) for i in document.items if i.number not in CLOSED]
    for h in shared:
        assert p_items[h] == m_items[h], h


def _text(pdf: bytes) -> str:
    _, pages = read(pdf)
    # Headers out before the hyphenation is undone: a word can break across a page.
    return flat(HEADER_LINE.sub("", "\n".join(pages)))


def _segments(text: str, headings: list[str]) -> tuple[str, dict[str, str]]:
    """The contents without page numbers, and each item's text after its heading."""
    toc_end = list(TOC_PAGE.finditer(text))[-1].end()
    toc, content = TOC_PAGE.sub("", text[:toc_end]), text[toc_end:]
    starts = []
    pos = 0
    for heading in headings:
        pos = content.index(heading, pos)
        starts.append((pos, heading))
        pos += len(heading)
    segments = {}
    for (start, heading), (end, _) in zip(starts, [*starts[1:], (len(content), "")], strict=True):
        segment = content[start + len(heading) : end].strip()
        # The text up to the next item may hold the next section's heading; both sides
        # show the same sections, so it compares equal and needs no cutting.
        segments[heading] = segment
    return toc, segments


def test_attachments_are_bilag_lines_linking_to_their_address(document, rendered):
    reader, pages = rendered
    text = flat(HEADER_LINE.sub("", "\n".join(pages)))
    uris = {
        annot.get_object()["/A"].get("/URI")
        for page in reader.pages
        for annot in page.get("/Annots", [])
        if "/A" in annot.get_object()
    }
    with_files = [item for item in document.items if item.attachments]
    assert [item.number for item in with_files] == ["3.4", "3.5", "3.6", "3.7", "3.8", "5.1"]
    for item in with_files:
        for attachment in item.attachments:
            assert f"./. Bilag: {attachment.title}" in text
            if attachment.url:
                assert attachment.url in uris, f"{item.number}: no link to {attachment.url}"
