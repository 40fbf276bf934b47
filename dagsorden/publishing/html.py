"""The text form of the document format, as HTML.

Shared by the portal and (later) the PDF renderer so both show a part the same way:
paragraphs become ``<p>``, ``- `` lines a ``<ul>``, ``1) `` lines an ``<ol>``, other
line breaks ``<br>``. Everything is escaped first: item text never carries markup.
"""

from __future__ import annotations

import re

from django.utils.html import escape, urlize
from django.utils.safestring import SafeString, mark_safe

_NUMBERED = re.compile(r"^(\d{1,2})\)\s+(.*)$")


def text_to_html(text: str | None) -> SafeString:
    if not text:
        return mark_safe("")
    blocks = [_paragraph(p) for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]
    return mark_safe("\n".join(blocks))


def _inline(line: str) -> str:
    return urlize(escape(line), nofollow=True, autoescape=False)


def _paragraph(paragraph: str) -> str:
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

    for line in paragraph.split("\n"):
        line = line.strip()
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
