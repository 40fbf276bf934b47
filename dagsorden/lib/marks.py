"""The link syntax and string hygiene shared by the renderer and the HTML converter, so
both agree on what a link is."""

from __future__ import annotations

import re

SAFE_SCHEMES = frozenset({"http", "https", "mailto"})
# One level of balanced parentheses, so Wikipedia-style URLs survive inside ``[x](…)``.
URL = r"(?i:https?://|mailto:)(?:[^\s()<>]|\([^\s()<>]*\))+"
LINK = re.compile(rf"\[(?P<label>[^\[\]\n]+)\]\((?P<href>{URL})\)")
URL_ONLY = re.compile(URL)


def scrub(text: str) -> str:
    """Replace lone surrogates, which nh3 (Rust strings) cannot take, with "?"."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-8", "replace").decode("utf-8")
    return text
