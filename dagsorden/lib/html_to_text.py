"""HTML to the text form: pasted Word or browser HTML, or a case system's item fields.

Sanitised with nh3 first, then walked with the standard library's parser; never raises on
malformed input. See ``dagsorden.lib.richtext`` for when it runs.
"""

from __future__ import annotations

import re
from collections import Counter
from html.parser import HTMLParser
from itertools import groupby
from urllib.parse import unquote

import nh3

from dagsorden.lib.marks import SAFE_SCHEMES, URL_ONLY, scrub

# -- HTML to the text form --------------------------------------------------------------


def _tags(names: str) -> frozenset[str]:
    return frozenset(names.split())


_BLOCKS = _tags(
    "p div h1 h2 h3 h4 h5 h6 blockquote pre section article header footer aside main nav "
    "figure figcaption address dl dt dd"
)
_MARKS = frozenset({"b", "strong", "i", "em", "span"})
_TABLE = frozenset({"table", "thead", "tbody", "tfoot", "tr", "th", "td"})
_INPUT_TAGS = _BLOCKS | _MARKS | _TABLE | {"ul", "ol", "li", "a", "br", "hr"}
# Style passes through only to tell Google Docs' <b style="font-weight:normal"> wrapper and
# its <span style="font-weight:700"> apart; it never reaches any output.
_INPUT_ATTRIBUTES = {"a": {"href"}, "li": {"value"}, "ol": {"start"}} | {
    tag: {"style"} for tag in _MARKS
}
_DROPPED = _tags("script style title xml template noscript iframe object svg math head")
_VOID = _tags("area base br col embed hr img input link meta param source track wbr")
_SIBLINGS = frozenset({"p", "li", "td", "th", "tr", "dt", "dd", "option"})
_MAX_DEPTH = 100
_TAG = re.compile(r"<(/?)([A-Za-z][^\s/<>]*)[^<>]*?(/?)>")
_BOLD = re.compile(r"(?:^|;)\s*font-weight\s*:\s*(bold|bolder|[6-9]00)\b", re.I)
_NOT_BOLD = re.compile(r"(?:^|;)\s*font-weight\s*:\s*(normal|lighter|[1-5]00)\b", re.I)
_ITALIC = re.compile(r"(?:^|;)\s*font-style\s*:\s*(italic|oblique)\b", re.I)
_NOT_ITALIC = re.compile(r"(?:^|;)\s*font-style\s*:\s*normal\b", re.I)
# Word writes list bullets and numbers as text followed by non-breaking spaces. No "§":
# Word's Wingdings square bullet is one, but so is "§\xa017" in every legal text.
_WORD_BULLET = re.compile(r"^\s*(?:[·•▪●◦]\s+|o[ \t]*\xa0\s*)")
_WORD_NUMBER = re.compile(r"^\s*(\d{1,2})[.)][ \t]*\xa0\s*")
_LIST_LINE = re.compile(r"^(?:- |\d{1,2}\)\s)")
_SPACE = re.compile(r"\s+")


def html_to_text(html: str) -> str:
    """An HTML fragment (pasted from Word or a browser, or from a case system) as text form."""
    if not html or not html.strip():
        return ""
    clean = nh3.clean(
        _limit_depth(scrub(html)),
        tags=set(_INPUT_TAGS),
        clean_content_tags=set(_DROPPED),
        attributes={tag: set(names) for tag, names in _INPUT_ATTRIBUTES.items()},
        url_schemes=set(SAFE_SCHEMES),
        link_rel=None,
        strip_comments=True,
    )
    converter = _Converter()
    converter.feed(clean)
    converter.close()
    return converter.text()


def _limit_depth(html: str) -> str:
    """Drop the tags (not the text) nested deeper than any real document nests.

    html5ever's tree building is quadratic in nesting depth: 2 MB of ``<div>`` takes minutes
    in nh3. Counting with a regex is rough (implied end tags are guessed only for siblings
    like ``<p><p>``), but it only ever removes tags, and nh3 still sanitises what is left.
    """
    if html.count("<") <= _MAX_DEPTH:
        return html
    out: list[str] = []
    pos = 0
    stack: list[str] = []
    dropped: Counter[str] = Counter()
    for m in _TAG.finditer(html):
        closing, name, self_closing = m[1], m[2].lower(), m[3]
        keep = True
        if closing:
            if dropped[name]:
                dropped[name] -= 1
                keep = False
            elif name in stack:
                while stack.pop() != name:
                    pass
        elif name not in _VOID and name not in _DROPPED and not self_closing:
            if stack and stack[-1] == name and name in _SIBLINGS:
                stack.pop()
            if len(stack) >= _MAX_DEPTH:
                dropped[name] += 1
                keep = False
            else:
                stack.append(name)
        if not keep:
            out.append(html[pos : m.start()])
            pos = m.end()
    out.append(html[pos:])
    return "".join(out)


class _Converter(HTMLParser):
    """Walks nh3's (well-formed) output and writes paragraphs, lines and marked runs.

    The current line is a list of runs: ``(text, (bold, italic, href))``. Marks are decided
    when the line ends (``_render``), so a mark crossing a line break, a cell or a block
    simply closes at the end of one line and opens again on the next.
    """

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[list[str]] = []
        self.lines: list[str] = []
        self.runs: list[tuple[str, tuple]] = []
        self.prefix = ""  # the list marker of the line being written
        self.open: list[tuple[str, tuple]] = []  # element stack: (tag, what to undo at its end)
        self.bold = self.italic = 0
        self.href: str | None = None
        self.lists: list[list] = []  # [kind, next number]
        self.tables = 0
        self.rows: list[list[tuple[str, bool]]] = []
        self.cell: bool | None = None  # None outside a cell, else whether it is a <th>
        self.pre = 0

    # -- parser events ----------------------------------------------------------------

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {k: v or "" for k, v in attrs}
        if tag in _VOID:
            if tag == "br":
                self._br()
            elif tag == "hr":
                self._block_break()
            return
        self.open.append((tag, self._start(tag, attributes)))

    def handle_endtag(self, tag: str) -> None:
        # nh3 serialises a tree, so this is the innermost element; the search is a guard.
        for i in range(len(self.open) - 1, -1, -1):
            if self.open[i][0] == tag:
                while len(self.open) > i:
                    self._end(*self.open.pop())
                return

    def handle_data(self, data: str) -> None:
        if self.tables and self.cell is None and not data.strip():
            return  # whitespace between rows and cells
        if self.pre:
            first, *rest = data.split("\n")
            self._add(first)
            for line in rest:
                self._line_break()
                self._add(line)
        else:
            self._add(data)

    # -- elements ---------------------------------------------------------------------

    def _start(self, tag: str, attributes: dict[str, str]) -> tuple:
        if tag in _BLOCKS:
            self._block_break()
            self.pre += tag == "pre"
        elif tag in ("ul", "ol"):
            self._block_break()
            self.lists.append([tag, _int(attributes.get("start"), 1)])
        elif tag == "li":
            self._line_break()
            if self.cell is None:
                self.prefix = self._list_marker(attributes)
        elif tag in _MARKS:
            style = attributes.get("style", "")
            bold = _styled(style, tag in ("b", "strong"), _BOLD, _NOT_BOLD)
            italic = _styled(style, tag in ("i", "em"), _ITALIC, _NOT_ITALIC)
            self.bold += bold
            self.italic += italic
            return (bold, italic)
        elif tag == "a":
            previous = self.href
            href = attributes.get("href", "").strip()
            if self.href is None and href.split(":", 1)[0].lower() in SAFE_SCHEMES:
                self.href = _fit_url(href)
            return (previous,)
        elif tag == "table":
            self._block_break()
            self.tables += 1
            if self.tables == 1:
                self.rows = []
        elif tag == "tr" and self.tables == 1:
            self.rows.append([])
        elif tag in ("td", "th") and self.tables == 1:
            if self.runs and self.cell is None:
                self._caption()
            if not self.rows:
                self.rows.append([])
            self.cell = tag == "th"
        elif tag in _TABLE:
            self._line_break()  # inside a nested table: keep the cells apart
        return ()

    def _end(self, tag: str, undo: tuple) -> None:
        if tag in _BLOCKS:
            self._block_break()
            self.pre -= tag == "pre"
        elif tag in ("ul", "ol"):
            if self.lists:
                self.lists.pop()
            self._block_break()
        elif tag == "li":
            self._line_break()
            self.prefix = ""
        elif tag in _MARKS:
            self.bold -= undo[0]
            self.italic -= undo[1]
        elif tag == "a":
            self.href = undo[0]
        elif tag in ("td", "th") and self.tables == 1 and self.cell is not None:
            text = _render(self.runs).replace("|", "\\|")
            self.runs = []
            self.rows[-1].append((text, self.cell))
            self.cell = None
        elif tag == "table":
            self.tables -= 1
            if self.tables == 0:
                self._table()
        elif tag in _TABLE:
            self._line_break()

    # -- writing ----------------------------------------------------------------------

    def _add(self, text: str) -> None:
        if text:
            self.runs.append((text, (self.bold > 0, self.italic > 0, self.href)))

    def _line_break(self) -> None:
        if self.cell is not None or self.tables:
            self._add(" ")  # a cell is one line; breaks inside it become spaces
            return
        if not self.runs:
            return
        if not self.prefix:
            self._word_list_marker()
        line = _render(self.runs)
        self.runs = []
        if line:
            self.lines.append(self.prefix + line)
            self.prefix = ""

    def _br(self) -> None:
        blank = not "".join(text for text, _ in self.runs).strip()
        if blank and self.lines and not (self.lists or self.tables):
            self._block_break()  # <br><br>: an empty line, which ends the paragraph
        else:
            self._line_break()

    def _block_break(self) -> None:
        self._line_break()
        # Inside a list a new block is a new line: a blank line would end the list.
        if not self.lists and self.cell is None and self.lines:
            self.paragraphs.append(self.lines)
            self.lines = []

    def _list_marker(self, attributes: dict[str, str]) -> str:
        if not self.lists or self.lists[-1][0] == "ul":
            return "- "
        number = _int(attributes.get("value"), self.lists[-1][1])
        self.lists[-1][1] = number + 1
        return f"{number}) "

    def _word_list_marker(self) -> None:
        """Word writes a list item as a paragraph starting "·" or "1." and non-breaking spaces."""
        raw = "".join(text for text, _ in self.runs)
        if m := _WORD_BULLET.match(raw):
            self.prefix = "- "
        elif m := _WORD_NUMBER.match(raw):
            self.prefix = f"{int(m[1])}) "
        else:
            return
        self.runs = _drop_chars(self.runs, m.end())

    def _caption(self) -> None:
        """Text in a table but outside its cells (a caption) goes before the table."""
        line = _render(self.runs)
        self.runs = []
        if line:
            self.paragraphs.append([line])

    def _table(self) -> None:
        rows = [row for row in self.rows if row]
        self.rows = []
        self.runs = []
        if not rows:
            return
        if self.lines:  # a table inside a list item ends the list
            self.paragraphs.append(self.lines)
            self.lines = []
        width = max(len(row) for row in rows)
        lines = [_table_line([text for text, _ in row], width) for row in rows]
        if any(header for _, header in rows[0]):
            lines.insert(1, "|" + "|".join(["---"] * width) + "|")
        self.paragraphs.append(lines)

    def text(self) -> str:
        self._block_break()
        if self.lines:
            self.paragraphs.append(self.lines)
            self.lines = []
        # Blocks as text_to_html sees them: list lines apart from the rest, and neighbouring
        # lists together (Word makes each list item a <p>; blank lines would split the list).
        out: list[str] = []
        previous_is_list = False
        for paragraph in self.paragraphs:
            for is_list, lines in groupby(paragraph, key=lambda x: bool(_LIST_LINE.match(x))):
                out.append("\n" if is_list and previous_is_list else "\n\n")
                out.append("\n".join(lines))
                previous_is_list = is_list
        return "".join(out[1:])


def _int(value: str | None, default: int) -> int:
    try:
        return max(0, int(value or ""))
    except ValueError:
        return default


def _styled(style: str, default: bool, on: re.Pattern, off: re.Pattern) -> int:
    if on.search(style):
        return 1
    if off.search(style):
        return 0
    return int(default)


def _fit_url(href: str) -> str | None:
    """The href written so the text form's link syntax can hold it, or None if it cannot."""
    if not URL_ONLY.fullmatch(href):
        for char, code in ((" ", "%20"), ("(", "%28"), (")", "%29"), ("<", "%3C"), (">", "%3E")):
            href = href.replace(char, code)
    return href if URL_ONLY.fullmatch(href) else None


def _drop_chars(runs: list[tuple[str, tuple]], n: int) -> list[tuple[str, tuple]]:
    out = []
    for text, style in runs:
        if n >= len(text):
            n -= len(text)
            continue
        out.append((text[n:], style))
        n = 0
    return out


def _table_line(cells: list[str], width: int) -> str:
    cells = cells + [""] * (width - len(cells))
    return "|" + "|".join(f" {cell} " if cell else " " for cell in cells) + "|"


def _render(runs: list[tuple[str, tuple]]) -> str:
    """One line of runs as marked text: whitespace collapsed and kept outside the marks."""
    if all(style == _PLAIN for _, style in runs):
        return _SPACE.sub(" ", "".join(text for text, _ in runs)).strip()
    groups: list[list] = []
    space_before = True
    for style, parts in groupby(runs, key=lambda run: run[1]):
        text = _SPACE.sub(" ", "".join(text for text, _ in parts))
        if space_before and text.startswith(" "):
            text = text[1:]
        if text:
            groups.append([text, style])
            space_before = text.endswith(" ")
    keys = [_keys(style) for _, style in groups]
    # A space between two runs of the same mark stays inside it: Word splits "**a b**" so.
    for i, (text, _) in enumerate(groups):
        if text == " ":
            before = keys[i - 1] if i else set()
            after = keys[i + 1] if i + 1 < len(keys) else set()
            keys[i] = before & after
    # How long each mark lasts from each run: the longer one is opened first (outside).
    reach: list[dict] = [{} for _ in groups] + [{}]
    for i in range(len(groups) - 1, -1, -1):
        reach[i] = {key: 1 + reach[i + 1].get(key, 0) for key in keys[i]}
    out: list[str] = []
    stack: list[tuple[str, str | None]] = []
    link_at = 0
    for i, (text, _) in enumerate(groups):
        k = next((n for n, key in enumerate(stack) if key not in keys[i]), len(stack))
        link_at = _close(out, stack, k, link_at)
        new = sorted(keys[i] - set(stack), key=lambda key: (-reach[i][key], _ORDER[key[0]]))
        if new and text.startswith(" "):
            out.append(" ")
            text = text[1:]
        for key in new:
            if key[0] == "a":
                link_at = len(out)
            out.append(_OPEN[key[0]])
            stack.append(key)
        out.append(text)
    _close(out, stack, 0, link_at)
    return "".join(out).strip()


_PLAIN = (False, False, None)
_ORDER = {"a": 0, "b": 1, "i": 2}
_OPEN = {"a": "[", "b": "**", "i": "*"}


def _keys(style: tuple) -> set[tuple[str, str | None]]:
    bold, italic, href = style
    keys = {("a", href)} if href else set()
    if bold:
        keys.add(("b", None))
    if italic:
        keys.add(("i", None))
    return keys


def _close(out: list[str], stack: list, k: int, link_at: int) -> int:
    """Close the marks from ``stack[k]`` up, moving a space that ends them outside."""
    if k >= len(stack):
        return link_at
    space = ""
    if out and out[-1].endswith(" "):
        out[-1] = out[-1][:-1]
        space = " "
    for kind, href in reversed(stack[k:]):
        if kind == "a":
            _close_link(out, link_at, href)
        else:
            out.append(_OPEN[kind])
    del stack[k:]
    if space:
        out.append(space)
    return link_at


def _close_link(out: list[str], start: int, href: str) -> None:
    label = "".join(out[start + 1 :])
    # urlize percent-encodes "æ" and adds "http://" to "www." and "mailto:" to addresses.
    urls = {href, unquote(href)}
    if urls & {label, "http://" + label, "mailto:" + label}:
        out[start] = ""  # a bare URL or address: the renderer links it again
    elif "[" in label or "]" in label:
        out[start] = ""  # the link syntax cannot hold the label; the URL follows it
        out.append(f" ({href})")
    else:
        out.append(f"]({href})")
