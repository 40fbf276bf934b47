"""Turning lines extracted from a PDF back into the text form of the document format.

PDF text arrives as lines broken where the page was full, words hyphenated at line
ends, and list bullets in several glyphs. The text form keeps what a reader needs:
paragraphs (blank line between), hard line breaks inside a paragraph (``\\n``) and
list items as lines starting with ``- `` or ``1) ``. Shared by every importer that
reads extracted text, so KL text and the PDF importers agree on the result.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

HYPHENS = "-\u2010\u00ad"  # hyphen-minus, HYPHEN, SOFT HYPHEN
_BULLET = re.compile(r"^\s*[-–—•▪●◦·]\s+")
_NUMBERED = re.compile(r"^\s*\d{1,2}\)\s+")
_URL_TAIL = re.compile(r"(?:https?://|www\.)\S*$")
# A line-end hyphen followed by one of these words is a real one: "sygehus- og psykiatri".
_CONJUNCTIONS = {"og", "eller", "samt", "som", "til", "and", "or"}


def is_list_item(line: str) -> bool:
    return bool(_BULLET.match(line) or _NUMBERED.match(line))


def normalise_list_item(line: str) -> str:
    """All bullet glyphs become ``- ``; numbered items ``1) `` stay as written."""
    return _BULLET.sub("- ", line, count=1).strip()


def estimate_width(lines: Iterable[str]) -> int:
    """The usual length of a full line: what a wrapped line is measured against."""
    lengths = sorted(len(line.strip()) for line in lines if len(line.strip()) > 20)
    if not lengths:
        return 80
    return lengths[int(len(lengths) * 0.9)]


def join_paragraph(lines: Sequence[str], *, width: int, urls: Sequence[str] = ()) -> str:
    """Join one paragraph's lines: de-hyphenate, keep hard breaks and list items."""
    parts: list[str] = []
    prev_raw: str | None = None
    for raw in lines:
        line = raw.strip()
        if not line:
            continue
        item = is_list_item(line)
        if item:
            line = normalise_list_item(line)
        if prev_raw is None:
            parts.append(line)
        elif item:
            parts.append("\n" + line)
        else:
            current = parts[-1] if parts else ""
            glue, trim = _glue(prev_raw, current, line, width=width, urls=urls)
            if trim:
                parts[-1] = current[:-trim]
            parts.append(glue + line)
        prev_raw = raw
    return "".join(parts)


def _glue(prev_raw: str, current: str, line: str, *, width: int, urls: Sequence[str]) -> tuple:
    """How ``line`` meets the previous line: (separator, characters to cut from before it)."""
    prev = prev_raw.rstrip()
    next_word = line.split()[0]
    url = _URL_TAIL.search(prev)
    if url:
        return _glue_url(url.group(0), next_word, urls)
    if prev and prev[-1] in HYPHENS and len(prev) >= 2:
        return _glue_hyphen(prev_raw, prev, next_word)
    if len(prev) + 1 + len(next_word) <= width * 0.85:
        # The next word would have fitted on this line, so the break was the author's.
        return "\n", 0
    if next_word[:1].isupper() and next_word.endswith(":") and prev[-1] not in ",;":
        # "Egedal: … ultimo 2021" / "Fredensborg: …": a list of labelled lines.
        return "\n", 0
    return " ", 0


def _glue_hyphen(prev_raw: str, prev: str, next_word: str) -> tuple[str, int]:
    before, hyphen = prev[-2], prev[-1]
    if hyphen == "\u00ad":
        return "", 1
    if prev_raw.endswith(" ") or next_word.lower().strip(",.") in _CONJUNCTIONS:
        # "kommunikations- og markedsføringstiltag": an elided compound, not a break.
        return " ", 0
    if before.islower() and next_word[:1].islower():
        return "", 1  # "implementerin-" + "gen"
    return "", 0  # "SMV-" + "målgruppen", "2022-" + "2026": a real hyphen


def _glue_url(tail: str, next_word: str, urls: Sequence[str]) -> tuple[str, int]:
    """Mend a URL the line cut, trusting the document's link annotations when it has them."""
    if tail.rstrip(".,;:)") in urls:
        return " ", 0  # the URL was whole; the next line is prose again
    candidates = []
    if tail[-1] in HYPHENS:
        candidates.append(("", 1, tail[:-1] + next_word))
    candidates.append(("", 0, tail + next_word))
    for glue, trim, joined in candidates:
        joined = joined.rstrip(".,;:)")
        if any(u.startswith(joined) for u in urls):
            return glue, trim
    if tail[-1] in HYPHENS or tail.endswith("/"):
        return "", 0
    return " ", 0


def join_paragraphs(paragraphs: Iterable[Sequence[str]], *, width: int, urls=()) -> str:
    """Join several paragraphs (each a list of lines) with blank lines between them."""
    texts = [join_paragraph(p, width=width, urls=urls) for p in paragraphs]
    return "\n\n".join(t for t in texts if t)
