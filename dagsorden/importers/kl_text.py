"""Importer for text extracted from an agenda or minutes PDF in KL's layout.

The seed (``shared/seeds/kkr-hovedstaden-2021-10-15-dagsorden.txt``) shows what such
text looks like: a cover with Mission and Vision, sections "1. Title", items "1.1. Title"
whose title may wrap, a case line "SAG-2021-04819 ssan", parts headed Baggrund,
Indstilling and Sagsfremstilling, "./. Bilag" blocks, a running header
"KKR Hovedstaden | 15-10-2021" and "SIDE | 9" lines, and each PDF link annotation
printed twice as a bare URL line where its page ends.

Our own renderer's PDFs differ a little, and both forms are read: "./. Bilag: title"
one attachment a line, handlers separated by spaces ("asfp frbe"). ``parse_text`` is
the entry for text from a PDF (``kl_pdf``), which may have joined wrapped lines already.

Parsing runs in two passes: ``_tokens`` turns lines into furniture-free tokens, then
``_Parser`` builds the structure, keeping each part's raw lines until every link is
known, because a link printed on page 11 is what mends a URL broken on page 10.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace

from dagsorden.documents.format import (
    AttachmentRef,
    Document,
    Item,
    MeetingInfo,
    Part,
    Section,
    Source,
)
from dagsorden.importers.base import ImportFailed, decode_text
from dagsorden.lib.text import estimate_width, join_paragraph

FORMAT = "kl-text"

PART_HEADINGS = ("Baggrund", "Indstilling", "Sagsfremstilling")
DECISION_HEADING = "Beslutning"
# A line width no line reaches: ``join_paragraph`` then takes every line break as meant.
UNWRAPPED = 10**9

_HEADER = re.compile(r"^\s*(?P<body>\S.*?)\s*\|\s*(?P<d>\d{1,2})-(?P<m>\d{1,2})-(?P<y>\d{4})\s*$")
_PAGE = re.compile(r"^\s*SIDE\s*\|\s*\d+\s*$", re.IGNORECASE)
_LINK = re.compile(r"^\s*(https?://\S+)\s*$")
_SECTION = re.compile(r"^\s*(?P<n>\d{1,2})\.\s+(?P<title>\S.*?)\s*$")
_ITEM = re.compile(r"^\s*(?P<s>\d{1,2})\.(?P<n>\d{1,2})\.?\s+(?P<title>\S.*?)\s*$")
_CASE = re.compile(
    r"^\s*(?P<case>(?:[A-ZÆØÅ]{2,}-)?\d{2,4}-\d{3,}(?:-\d+)?)"
    # Handlers are "abcd/efgh" in KL's PDFs and "abcd efgh" in ours.
    r"(?:\s+(?P<handlers>[a-zæøå]{2,}(?:\s*/\s*[a-zæøå]{2,}|\s+[a-zæøå]{2,})*))?\s*$"
)
_BILAG = re.compile(r"^\s*\./\.\s*Bilag\s*:?\s*$", re.IGNORECASE)
# Our renderer's form: one attachment per "./. Bilag: title" line, perhaps wrapped.
_BILAG_INLINE = re.compile(r"^\s*\./\.\s*Bilag\s*:\s*(?P<title>\S.*?)\s*$", re.IGNORECASE)
_CLOSED_BILAG = re.compile(r"\s*\(lukket bilag\)\s*$", re.IGNORECASE)
_CLOSED = re.compile(r"\s*[-–(]\s*lukket(?:\s+punkt)?\s*\)?\s*$", re.IGNORECASE)
_TIME = re.compile(
    r"^\s*(?:Tid|Tidspunkt|Mødetid)\s*:.*?kl\.?\s*(\d{1,2})[.:](\d{2})"
    r"(?:\s*[-–]\s*(\d{1,2})[.:](\d{2}))?",
    re.IGNORECASE,
)
_PLACE = re.compile(r"^\s*(?:Sted|Mødested)\s*:\s*(?P<place>\S.*?)\s*$", re.IGNORECASE)
_URL = re.compile(r"https?://\S+")
_ATTACHMENT_TAIL = re.compile(
    r"\s+(?:kan\s+(?:rekvireres|downloades|hentes|læses)|findes\s+her|via\s+dette\s+link)\b.*$",
    re.IGNORECASE,
)


class _Break:
    """A blank line: the end of a paragraph."""


BREAK = _Break()


@dataclass
class _Link:
    url: str


@dataclass
class _PartDraft:
    heading: str
    tokens: list = field(default_factory=list)


@dataclass
class _ItemDraft:
    number: str
    title: str
    case_number: str | None
    handlers: tuple[str, ...]
    public: bool
    parts: list[_PartDraft] = field(default_factory=list)
    # (inline, lines): an inline block is one attachment, a "./. Bilag" block one a line.
    bilag: list[tuple[bool, list[str]]] = field(default_factory=list)
    links: list[str] = field(default_factory=list)


@dataclass
class _SectionDraft:
    number: str
    title: str
    items: list[_ItemDraft] = field(default_factory=list)


def detect(raw: bytes) -> bool:
    try:
        text = raw[:200_000].decode("utf-8-sig")
    except UnicodeDecodeError:
        return False
    has_header = any(_HEADER.match(line) for line in text.splitlines())
    return has_header and bool(re.search(r"^\s*\d{1,2}\.\d{1,2}\.\s+\S", text, re.MULTILINE))


def parse(raw: bytes, path: str) -> Document:
    return parse_text(decode_text(raw, path), path)


def parse_text(
    text: str, path: str, *, format: str = FORMAT, lines_wrapped: bool = True
) -> Document:
    """The document in text extracted from a KL PDF; ``format`` names the source's kind.

    ``lines_wrapped=False``: the text's lines are already the text form's lines (the
    caller joined the ones the page wrapped), so a line break is never guessed away.
    """
    tokens, header = _tokens(text)
    if header is None:
        raise ImportFailed(
            path,
            "no running header like 'KKR Hovedstaden | 15-10-2021' found: "
            "is this text extracted from a KL agenda?",
        )
    body, date_parts = header
    try:
        date = dt.date(*date_parts)
    except ValueError:
        d, m, y = reversed(date_parts)
        raise ImportFailed(path, f"the header's date {d:02}-{m:02}-{y} is no real date") from None
    parser = _Parser(tokens, width=None if lines_wrapped else UNWRAPPED)
    parser.run()
    if not parser.sections:
        raise ImportFailed(
            path,
            "no numbered agenda sections like '1. Godkendelse af referat og dagsorden' found: "
            "is this text extracted from a KL agenda?",
        )
    return parser.document(body=body, date=date, path=path, format=format)


def _tokens(text: str) -> tuple[list, tuple[str, tuple[int, int, int]] | None]:
    """Lines without page furniture: ``str`` lines, ``BREAK`` and ``_Link`` tokens."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n").split("\n")
    # Text extracted with every line followed by an empty one marks paragraphs with a
    # line holding only spaces; in ordinary text an empty line is the paragraph break.
    doubled = sum(1 for line in lines if line == "") > 0.35 * len(lines)
    tokens: list = []
    header = None
    for line in lines:
        if not line.strip():
            if line == "" and doubled:
                continue
            if tokens and tokens[-1] is not BREAK:
                tokens.append(BREAK)
            continue
        if m := _HEADER.match(line):
            if header is None:
                header = (m["body"], (int(m["y"]), int(m["m"]), int(m["d"])))
            continue
        if _PAGE.match(line):
            continue
        if m := _LINK.match(line):
            tokens.append(_Link(m.group(1)))
            continue
        tokens.append(line)
    return tokens, header


class _Parser:
    def __init__(self, tokens: list, width: int | None = None):
        self.fixed_width = width
        self.tokens = tokens
        self.sections: list[_SectionDraft] = []
        self.preamble: list = []
        self.item: _ItemDraft | None = None
        self.part: _PartDraft | None = None
        self.bilag: list[str] | None = None
        self.bilag_inline = False
        self.link_order: list[str] = []
        self.link_seen_in: dict[str, _ItemDraft | None] = {}

    # -- structure ---------------------------------------------------------------

    def _next_line(self, i: int) -> str | None:
        return next((t for t in self.tokens[i + 1 :] if isinstance(t, str)), None)

    def _section_heading(self, i: int, line: str) -> re.Match | None:
        if _ITEM.match(line):
            return None
        m = _SECTION.match(line)
        if not m:
            return None
        n = int(m["n"])
        if self.sections and n != int(self.sections[-1].number) + 1:
            return None
        # A numbered line in running text is not a section: a real one is followed by
        # its first item, the next section, or the end.
        after = self._next_line(i)
        if after is None:
            return m
        if (im := _ITEM.match(after)) and int(im["s"]) == n and int(im["n"]) == 1:
            return m
        if (sm := _SECTION.match(after)) and not _ITEM.match(after) and int(sm["n"]) == n + 1:
            return m
        return None

    def _item_heading(self, line: str) -> re.Match | None:
        if not self.sections:
            return None
        m = _ITEM.match(line)
        section = self.sections[-1]
        if not m or m["s"] != section.number:
            return None
        expected = int(section.items[-1].number.split(".")[1]) + 1 if section.items else 1
        return m if int(m["n"]) == expected else None

    def run(self) -> None:
        i = 0
        tokens = self.tokens
        while i < len(tokens):
            token = tokens[i]
            if isinstance(token, _Link):
                self._link(token.url)
            elif token is BREAK:
                if self.bilag:
                    self._end_bilag()
                elif self.bilag is None:
                    self._add(BREAK)
            elif m := self._section_heading(i, token):
                self._end_bilag()
                self.sections.append(_SectionDraft(number=m["n"], title=m["title"]))
                self.item = self.part = None
            elif m := self._item_heading(token):
                self._end_bilag()
                i = self._start_item(i, m)
            elif self.item is not None and token.strip() in (*PART_HEADINGS, DECISION_HEADING):
                self._end_bilag()
                self.part = _PartDraft(heading=token.strip())
                self.item.parts.append(self.part)
            elif self.item is not None and _BILAG.match(token):
                self._end_bilag()
                self.bilag = []
            elif self.item is not None and (m := _BILAG_INLINE.match(token)):
                self._end_bilag()
                self.bilag, self.bilag_inline = [m["title"]], True
            elif self.bilag is not None:
                self.bilag.append(token)
            else:
                self._add(token)
            i += 1
        self._end_bilag()

    def _start_item(self, i: int, m: re.Match) -> int:
        """Open an item; its title runs on until the case line. Returns the last index used."""
        title_lines = [m["title"]]
        case_match = None
        j = i
        # A title wraps over at most a few lines; one already joined never does.
        for _ in range(1 if self.fixed_width else 4):
            j = next(
                (k for k in range(j + 1, len(self.tokens)) if self.tokens[k] is not BREAK),
                len(self.tokens),
            )
            if j >= len(self.tokens) or not isinstance(self.tokens[j], str):
                break
            if case_match := _CASE.match(self.tokens[j]):
                break
            title_lines.append(self.tokens[j])
        if case_match is None:
            title_lines, j = [m["title"]], i
        title = join_paragraph(title_lines, width=10_000).replace("\n", " ")
        public = not _CLOSED.search(title)
        handlers = ()
        if case_match and case_match["handlers"]:
            handlers = tuple(re.split(r"\s*/\s*|\s+", case_match["handlers"].strip()))
        self.item = _ItemDraft(
            number=f"{m['s']}.{m['n']}",
            title=_CLOSED.sub("", title).strip(),
            case_number=case_match["case"] if case_match else None,
            handlers=handlers,
            public=public,
        )
        self.sections[-1].items.append(self.item)
        self.part = None
        return j

    def _add(self, token) -> None:
        if self.item is None:
            self.preamble.append(token)
            return
        if self.part is None:
            # Text between the case line and the first heading: keep it, untitled.
            self.part = _PartDraft(heading="")
            self.item.parts.append(self.part)
        self.part.tokens.append(token)

    def _end_bilag(self) -> None:
        if self.bilag and self.item is not None:
            self.item.bilag.append((self.bilag_inline, self.bilag))
        self.bilag, self.bilag_inline = None, False

    def _link(self, url: str) -> None:
        if url not in self.link_seen_in:
            self.link_order.append(url)
            self.link_seen_in[url] = self.item

    # -- assembly ----------------------------------------------------------------

    def document(self, *, body: str, date: dt.date, path: str, format: str) -> Document:
        lines = (t for t in self.tokens if isinstance(t, str))
        self.width = self.fixed_width or estimate_width(lines)
        preamble, start, end, location, kind = self._cover(body)
        items = {id(item): self._item(item) for s in self.sections for item in s.items}
        sections = []
        for s in self.sections:
            sections.append(
                Section(
                    number=s.number,
                    title=s.title,
                    items=tuple(items[id(item)] for item in s.items),
                )
            )
        links = self._place_links([i for s in sections for i in s.items])
        sections = [
            Section(
                number=s.number,
                title=s.title,
                items=tuple(_with_links(i, links.get(i.number, ())) for i in s.items),
            )
            for s in sections
        ]
        has_decisions = any(i.decision for s in sections for i in s.items)
        return Document(
            source=Source(format=format, path=path),
            body=body,
            meeting=MeetingInfo(
                date=date,
                start=start,
                end=end,
                location=location,
                document="minutes" if has_decisions or kind == "minutes" else "agenda",
            ),
            preamble=preamble,
            sections=tuple(sections),
        )

    def _text(self, tokens: list, width: int | None = None) -> str:
        paragraphs: list[list[str]] = [[]]
        for token in tokens:
            if token is BREAK:
                paragraphs.append([])
            else:
                paragraphs[-1].append(token)
        width = width or self.width
        texts = (join_paragraph(p, width=width, urls=self.link_order) for p in paragraphs)
        return "\n\n".join(t for t in texts if t)

    def _item(self, draft: _ItemDraft) -> Item:
        parts, decision = [], None
        for p in draft.parts:
            text = self._text(p.tokens)
            if p.heading == DECISION_HEADING:
                decision = text
            elif text or p.heading:
                parts.append(Part(heading=p.heading, text=text))
        attachments = []
        for inline, block in draft.bilag:
            text = join_paragraph(block, width=self.width, urls=self.link_order)
            if inline:
                # One title: its lines, if not joined already, are never a list.
                text = " ".join(block) if self.fixed_width else text.replace("\n", " ")
                attachments.append(_attachment(text, inline=True))
            else:
                lines = text.split("\n")
                attachments.extend(_attachment(line) for line in lines if line.strip())
        return Item(
            number=draft.number,
            title=draft.title,
            case_number=draft.case_number,
            handlers=draft.handlers,
            public=draft.public,
            parts=tuple(parts),
            decision=decision,
            attachments=tuple(attachments),
        )

    def _place_links(self, items: list[Item]) -> dict[str, list[str]]:
        """Give each link to the item whose text names it, else to the item it appeared in."""
        placed: dict[str, list[str]] = {}
        for url in self.link_order:
            owner = next((i.number for i in items if url in _item_text(i)), None)
            if owner is None:
                seen = self.link_seen_in[url]
                owner = seen.number if seen is not None else (items[0].number if items else None)
            if owner is not None:
                placed.setdefault(owner, []).append(url)
        return placed

    def _cover(self, body: str):
        """Preamble parts from the cover, plus the meeting facts it states."""
        start = end = location = kind = None
        parts: list[tuple[str, list]] = []
        tokens = self.preamble
        for n, token in enumerate(tokens):
            if token is BREAK:
                if parts:
                    parts[-1][1].append(BREAK)
                continue
            line = token.strip()
            if m := _TIME.match(line):
                start = f"{int(m[1]):02}:{m[2]}"
                end = f"{int(m[3]):02}:{m[4]}" if m[3] else None
            elif m := _PLACE.match(line):
                location = m["place"]
            elif line.lower() in {"dagsorden", "referat"}:
                kind = "minutes" if line.lower() == "referat" else "agenda"
            elif line == body:
                continue
            elif _is_cover_heading(line, tokens[n - 1] if n else BREAK, tokens[n + 1 :]):
                parts.append((line, []))
            elif parts:
                parts[-1][1].append(token)
        # The cover is set in its own, narrower column: measure its lines apart.
        width = self.fixed_width or estimate_width(t for t in tokens if isinstance(t, str))
        preamble = tuple(Part(heading=h, text=self._text(t, width)) for h, t in parts)
        return preamble, start, end, location, kind


def _is_cover_heading(line: str, before, after: list) -> bool:
    following = next((t for t in after if t is not BREAK), None)
    return (
        before is BREAK
        and isinstance(following, str)
        and len(line.split()) <= 4
        and line[-1] not in ".,:;"
        and line[0].isupper()
    )


def _attachment(line: str, *, inline: bool = False) -> AttachmentRef:
    line = line.removeprefix("- ").strip()
    public = not _CLOSED_BILAG.search(line)
    line = _CLOSED_BILAG.sub("", line)
    url_match = _URL.search(line)
    url = url_match.group(0).rstrip(".,;:)") if url_match else None
    title = _ATTACHMENT_TAIL.sub("", line)
    if url:
        title = title.replace(url, "")
    # A "./. Bilag: title" line is the title as it is; a sentence in a block ends in ".".
    title = title.strip().rstrip(":;, " if inline else ".:;, ").strip()
    return AttachmentRef(title=title or (url or line), url=url, public=public)


def _item_text(item: Item) -> str:
    texts = [p.text for p in item.parts]
    texts += [a.url for a in item.attachments if a.url]
    return "\n".join(texts)


def _with_links(item: Item, links) -> Item:
    return replace(item, links=tuple(links))
