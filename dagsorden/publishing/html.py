"""The text form of the document format, as HTML.

Shared by the portal and (later) the PDF renderer so both show a part the same way:
paragraphs become ``<p>``, ``- `` lines a ``<ul>``, ``1) `` lines an ``<ol>``, other
line breaks ``<br>``, a paragraph of ``| a | b |`` lines a ``<table>``. Inside a line,
``**fed**``, ``*kursiv*`` and ``[tekst](https://…)`` are marks (``lib.richtext`` holds the
link syntax); everything else is escaped, and bare URLs are linked. Item text never
carries HTML, and the result passes through nh3 with an allow-list all the same.
"""

from __future__ import annotations

import re

import nh3
from django.utils.html import escape, urlize
from django.utils.safestring import SafeString, mark_safe

from dagsorden.lib.marks import LINK, SAFE_SCHEMES, scrub

_NUMBERED = re.compile(r"^(\d{1,2})\)\s+(.*)$")
_TOKEN = re.compile(rf"(?P<link>{LINK.pattern})|(?P<stars>\*+)")
_SEPARATOR = re.compile(r"^\|(?:\s*:?-+:?\s*\|)+$")
_CELL = re.compile(r"(?<!\\)\|")

_TAGS = {"p", "br", "ul", "ol", "li", "strong", "em", "a"}
_TAGS |= {"table", "thead", "tbody", "tr", "th", "td"}
_ATTRIBUTES = {"li": {"value"}, "a": {"href"}, "th": {"scope"}}
# The portal has always written rel="nofollow"; noopener only matters with target="_blank",
# which nothing here writes.
_LINK_REL = "nofollow"


def text_to_html(text: str | None) -> SafeString:
    if not text:
        return mark_safe("")
    blocks = [_block(p) for p in re.split(r"\n\s*\n", scrub(text).strip()) if p.strip()]
    return mark_safe(sanitise("\n".join(blocks)))


def sanitise(html: str) -> str:
    """Defence in depth: whatever the converter gets wrong, only the allow-list gets out."""
    return nh3.clean(
        html,
        tags=set(_TAGS),
        attributes={tag: set(names) for tag, names in _ATTRIBUTES.items()},
        url_schemes=set(SAFE_SCHEMES),
        link_rel=_LINK_REL,
    )


def _block(paragraph: str) -> str:
    lines = [line.strip() for line in paragraph.split("\n")]
    if all(len(x) > 1 and x[0] == x[-1] == "|" and not x.endswith("\\|") for x in lines):
        return _table(lines)
    return _paragraph(lines)


def _paragraph(lines: list[str]) -> str:
    out: list[str] = []
    prose: list[str] = []
    list_kind: str | None = None

    def flush_prose():
        if prose:
            out.append("<p>" + "<br>\n".join(_inline(x) for x in prose) + "</p>")
            prose.clear()

    def close_list():
        nonlocal list_kind
        if list_kind:
            out.append(f"</{list_kind}>")
            list_kind = None

    for line in lines:
        numbered = _NUMBERED.match(line)
        if line.startswith("- ") or numbered:
            kind = "ol" if numbered else "ul"
            flush_prose()
            if list_kind != kind:
                close_list()
                out.append(f"<{kind}>")
                list_kind = kind
            if numbered:
                out.append(f'<li value="{numbered[1]}">{_inline(numbered[2])}</li>')
            else:
                out.append(f"<li>{_inline(line[2:])}</li>")
        elif line:
            close_list()
            prose.append(line)
    flush_prose()
    close_list()
    return "\n".join(out)


def _table(lines: list[str]) -> str:
    """Pipe lines as a table; a ``|---|`` second line makes the first the header row."""
    rows = [[c.strip().replace("\\|", "|") for c in _CELL.split(x[1:-1])] for x in lines]
    header = None
    if len(lines) > 1 and _SEPARATOR.match(lines[1]):
        header, rows = rows[0], rows[2:]
    width = max(len(row) for row in [*rows, header or []])
    out = ["<table>"]
    if header:
        out += ["<thead>", _row(header, width, "th"), "</thead>"]
    if rows:
        out += ["<tbody>", *(_row(row, width, "td") for row in rows), "</tbody>"]
    out.append("</table>")
    return "\n".join(out)


def _row(cells: list[str], width: int, tag: str) -> str:
    scope = ' scope="col"' if tag == "th" else ""
    cells = cells + [""] * (width - len(cells))
    return "<tr>" + "".join(f"<{tag}{scope}>{_inline(c)}</{tag}>" for c in cells) + "</tr>"


class _Stars:
    """A run of ``*``: the marks it opens and closes, and how many are left as text."""

    __slots__ = ("both", "closes", "count", "length", "opens")

    def __init__(self, length: int, both: bool):
        self.length = self.count = length
        self.both = both  # it could open and close: "ord**midt**i"
        self.opens: list[str] = []  # innermost first
        self.closes: list[str] = []  # innermost first


_REACH = 8  # how far down the open runs a closer looks; real text never nests deeper


def _inline(line: str, *, urls: bool = True) -> str:
    """One line with its marks; the rest escaped and (unless inside a link) URLs linked.

    Stars pair as in CommonMark's emphasis, simplified: a run can open when a non-space
    follows it and close when a non-space precedes it, a closer takes the nearest opener
    that fits, runs in between stay text, and two stars on both sides make ``<strong>``.
    The "rule of three" is kept so ``**a*b***`` nests; the search is bounded so the work
    stays linear. Unpaired stars stay text.
    """
    nodes: list[str | _Stars | re.Match] = []
    openers: list[_Stars] = []
    pos = 0
    for m in _TOKEN.finditer(line):
        nodes.append(line[pos : m.start()])
        pos = m.end()
        if m["link"]:
            nodes.append(m)
            continue
        before, after = line[m.start() - 1 : m.start()], line[m.end() : m.end() + 1]
        can_close = bool(before) and not before.isspace()
        can_open = bool(after) and not after.isspace()
        stars = _Stars(len(m["stars"]), can_open and can_close)
        if can_close:
            _close(stars, openers)
        if stars.count and can_open:
            openers.append(stars)
        nodes.append(stars)
    nodes.append(line[pos:])
    return _render(nodes, urls)


def _close(stars: _Stars, openers: list[_Stars]) -> None:
    while stars.count:
        for i in range(len(openers) - 1, max(len(openers) - 1 - _REACH, -1), -1):
            if _fits(openers[i], stars):
                break
        else:
            return
        del openers[i + 1 :]
        opener = openers[i]
        tag = "strong" if stars.count > 1 and opener.count > 1 else "em"
        used = 2 if tag == "strong" else 1
        opener.count -= used
        stars.count -= used
        opener.opens.append(tag)
        stars.closes.append(tag)
        if not opener.count:
            openers.pop()


def _fits(opener: _Stars, closer: _Stars) -> bool:
    """CommonMark's rule of three: ``*`` in ``**a*b***`` opens rather than closes ``**``."""
    if not (opener.both or closer.both):
        return True
    total = opener.length + closer.length
    return total % 3 != 0 or (opener.length % 3 == 0 and closer.length % 3 == 0)


def _render(nodes: list, urls: bool) -> str:
    out: list[str] = []
    text: list[str] = []

    def flush():
        if text:
            escaped = escape("".join(text))
            out.append(urlize(escaped, nofollow=True, autoescape=False) if urls else escaped)
            text.clear()

    for node in nodes:
        if isinstance(node, str):
            text.append(node)
        elif isinstance(node, _Stars):
            if node.closes:
                flush()
                out.extend(f"</{tag}>" for tag in node.closes)
            text.append("*" * node.count)
            if node.opens:
                flush()
                out.extend(f"<{tag}>" for tag in reversed(node.opens))
        else:
            flush()
            label = _inline(node["label"], urls=False)
            out.append(f'<a href="{escape(node["href"])}">{label}</a>')
    flush()
    return "".join(out)
