"""Words, Danish stems, queries and highlighted snippets, shared by both backends.

SQLite has no Danish stemmer, so documents and queries are stemmed here with the same
Snowball algorithm PostgreSQL's ``danish`` configuration uses: both backends then agree
on what a word matches. Letters are never folded: "år" and "ar" are different words.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field
from functools import lru_cache

import snowballstemmer
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

_WORD = re.compile(r"\w+")
# A stemmer object keeps state between calls: one per thread.
_local = threading.local()

# Sentinels for PostgreSQL's ts_headline: control characters never indexed (``clean``
# strips them), so the text between them can be escaped before the marks go in.
MARK_START = "\x02"
MARK_STOP = "\x03"


def clean(text: str) -> str:
    return text.replace(MARK_START, " ").replace(MARK_STOP, " ")


@lru_cache(maxsize=50_000)
def stem(word: str) -> str:
    stemmer = getattr(_local, "stemmer", None)
    if stemmer is None:
        stemmer = _local.stemmer = snowballstemmer.stemmer("danish")
    return stemmer.stemWord(word.lower())


def words(text: str) -> list[str]:
    return _WORD.findall(text or "")


def stemmed(text: str) -> str:
    """The text as the space-separated stems SQLite's FTS5 table stores."""
    return " ".join(stem(w) for w in words(text))


@dataclass
class Query:
    """A web-search style query: words (AND), "phrases", OR between terms, -excluded.

    Each term is a tuple of stems: a "word" like SAG-2021-04819 is a phrase of three.
    """

    terms: list[tuple[str, ...]] = field(default_factory=list)
    # Connector before each term after the first: "AND" or "OR".
    joins: list[str] = field(default_factory=list)
    excluded: list[tuple[str, ...]] = field(default_factory=list)

    @property
    def stems(self) -> frozenset[str]:
        return frozenset(s for term in self.terms for s in term)

    def fts5(self) -> str:
        """The FTS5 MATCH expression; "" when nothing positive is asked for."""
        if not self.terms:
            return ""
        expr = _phrase(self.terms[0])
        for join, term in zip(self.joins, self.terms[1:], strict=True):
            expr += f" {join} {_phrase(term)}"
        expr = f"({expr})"
        for term in self.excluded:
            expr += f" NOT {_phrase(term)}"
        return expr


def _phrase(term: tuple[str, ...]) -> str:
    # Stems are \w+ only, so they cannot hold a quote that would end the string.
    return '"' + " ".join(term) + '"'


_TOKEN = re.compile(r'(-?)"([^"]*)"?|(\S+)')


def query_parse(text: str) -> Query:
    query = Query()
    join = "AND"
    for match in _TOKEN.finditer(text or ""):
        minus, phrase, word = match.groups()
        if word is not None and word.upper() == "OR":
            join = "OR"
            continue
        if word is not None and word.startswith("-"):
            minus, word = "-", word[1:]
        term = tuple(stem(w) for w in words(phrase if word is None else word))
        if not term:
            continue
        if minus:
            query.excluded.append(term)
            continue
        if query.terms:
            query.joins.append(join)
        query.terms.append(term)
        join = "AND"
    return query


def highlight(text: str, stems: frozenset[str], *, size: int = 30) -> SafeString:
    """About ``size`` words of ``text`` around its first match, matches in <mark>.

    Everything but the marks is escaped; whitespace (line breaks too) becomes one space.
    """
    tokens = list(_WORD.finditer(text or ""))
    if not tokens:
        return mark_safe("")
    hits = [n for n, t in enumerate(tokens) if stem(t.group()) in stems]
    first = hits[0] if hits else 0
    lo = max(0, first - size // 3)
    hi = min(len(tokens), lo + size)
    start = 0 if lo == 0 else tokens[lo].start()
    end = len(text) if hi == len(tokens) else tokens[hi - 1].end()
    out, pos = [], start
    for n in hits:
        if lo <= n < hi:
            token = tokens[n]
            out.append(escape(text[pos : token.start()]))
            out.append(f"<mark>{escape(token.group())}</mark>")
            pos = token.end()
    out.append(escape(text[pos:end]))
    snippet = " ".join("".join(out).split())
    return mark_safe(("… " if lo else "") + snippet + (" …" if hi < len(tokens) else ""))


def headline_html(raw: str) -> SafeString:
    """PostgreSQL's ts_headline output, with our sentinels, as escaped HTML."""
    html = escape(raw).replace(MARK_START, "<mark>").replace(MARK_STOP, "</mark>")
    return mark_safe(" ".join(html.split()))
