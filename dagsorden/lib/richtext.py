"""Rich text in the text form: the inline markup, and what to do with HTML that arrives.

The text form (see ``documents/format.py``) carries a small Markdown subset: ``**fed**``,
``*kursiv*``, ``[tekst](https://…)`` and pipe tables. Stored text never holds HTML:
``text_clean_input`` refuses dangerous HTML and converts the rest with ``html_to_text``,
and ``publishing.html.text_to_html`` renders the marks. The link syntax both share is in
``dagsorden.lib.marks``; the converter is ``dagsorden.lib.html_to_text``.
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError

from dagsorden.lib.html_to_text import html_to_text

__all__ = ["html_to_text", "text_clean_input", "text_validate"]

_HELP = "Brug **fed**, *kursiv* og [link](https://…) til formatering."
_FORBIDDEN_TAG = re.compile(r"<\s*/?\s*(script|style|iframe|object|embed)\b", re.I)
_EVENT_HANDLER = re.compile(r"<[a-z][^<>]*?[\s/\"'](on[a-z]+)\s*=", re.I)
_JAVASCRIPT_URL = re.compile(r"\bjava\s*script\s*:", re.I)
_LOOKS_LIKE_HTML = re.compile(
    r"</?(?:p|div|br|hr|b|strong|i|em|u|a|ul|ol|li|table|thead|tbody|tr|td|th|span|font"
    r"|h[1-6]|blockquote|pre|img|o:p)(?:\s[^<>]*)?/?>",
    re.I,
)


def text_validate(text: str) -> None:
    """Refuse text holding HTML that must never be stored (scripts, event handlers, js URLs)."""
    if m := _FORBIDDEN_TAG.search(text):
        raise ValidationError(
            f"Teksten indeholder HTML, som ikke er tilladt (<{m[1].lower()}>). {_HELP}",
            code="html_not_allowed",
        )
    if m := _EVENT_HANDLER.search(text):
        raise ValidationError(
            f"Teksten indeholder HTML, som ikke er tilladt ({m[1].lower()}=). {_HELP}",
            code="html_not_allowed",
        )
    if _JAVASCRIPT_URL.search(text):
        raise ValidationError(
            "Teksten indeholder et javascript:-link, som ikke er tilladt. "
            "Links skal begynde med https://, http:// eller mailto:.",
            code="javascript_url",
        )


def text_clean_input(text: str) -> str:
    """A part text as the editor submitted it, made fit to store; raises ValidationError."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text_validate(text)
    if _LOOKS_LIKE_HTML.search(text):
        text = html_to_text(text)
        # Entities decode on the way: "&lt;script&gt;" in the HTML is "<script>" in the text.
        text_validate(text)
    return "\n".join(line.rstrip() for line in text.split("\n")).strip("\n")
