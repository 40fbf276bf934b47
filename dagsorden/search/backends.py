"""The two full-text backends behind one interface, chosen by the database vendor.

* PostgreSQL: the built-in ``danish`` configuration on ``SearchDocument.vector`` (a
  GIN index), ``websearch_to_tsquery``, ``ts_rank`` and ``ts_headline``.
* SQLite: the FTS5 table ``search_fts`` (rowid = ``SearchDocument.id``) holding stems
  made in Python (``text.stemmed``), ranked with bm25; snippets come from
  ``text.highlight`` on the unstemmed text, as FTS5's snippet() would show stems.

Titles weigh more than text in both, so an item about a thing ranks above a passing
mention of it. A decision row's title is its item's, so it is left out of the index:
searching a title word finds the item once, not the item and its decision.
"""

from __future__ import annotations

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import F, QuerySet, Value

from dagsorden.search import text as txt
from dagsorden.search.models import SearchDocument

SQLITE_TABLE = "search_fts"
SQLITE_CREATE = (
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {SQLITE_TABLE} USING fts5("
    # remove_diacritics 0: å, æ and ø are letters of their own, not decorated a, æ, o.
    "title, text, tokenize = 'unicode61 remove_diacritics 0')"
)
SQLITE_DROP = f"DROP TABLE IF EXISTS {SQLITE_TABLE}"
POSTGRES_INDEX = "searchdoc_vector_gin"
POSTGRES_CREATE = (
    f"CREATE INDEX IF NOT EXISTS {POSTGRES_INDEX} ON search_searchdocument USING gin (vector)"
)
POSTGRES_DROP = f"DROP INDEX IF EXISTS {POSTGRES_INDEX}"
# bm25's weights per FTS5 column (title, text).
TITLE_WEIGHT, TEXT_WEIGHT = 10.0, 1.0


def _indexed_title(row: SearchDocument) -> str:
    if row.kind == SearchDocument.Kind.DECISION:
        return ""
    return f"{row.title} {row.case_number}"


class PostgresBackend:
    config = "danish"

    def write(self, rows: list[SearchDocument]) -> None:
        ids = [row.pk for row in rows]
        text = SearchVector("text", weight="B", config=self.config)
        title = SearchVector("title", "case_number", weight="A", config=self.config)
        documents = SearchDocument.objects.filter(pk__in=ids)
        documents.filter(kind=SearchDocument.Kind.DECISION).update(vector=text)
        documents.exclude(kind=SearchDocument.Kind.DECISION).update(vector=title + text)

    def delete(self, ids: list[int]) -> None:
        pass  # the vector lives in the row itself

    def clear(self) -> None:
        pass

    def match(self, queryset: QuerySet, query: str, parsed: txt.Query) -> QuerySet:
        tsquery = SearchQuery(query, search_type="websearch", config=self.config)
        return queryset.filter(vector=tsquery).annotate(
            rank=SearchRank(F("vector"), tsquery),
            headline=SearchHeadline(
                "text",
                tsquery,
                config=self.config,
                start_sel=txt.MARK_START,
                stop_sel=txt.MARK_STOP,
                max_words=30,
                min_words=12,
                max_fragments=2,
                fragment_delimiter=" … ",
            ),
        )

    def snippet(self, row: SearchDocument, parsed: txt.Query):
        return txt.headline_html(row.headline or "")


class SqliteBackend:
    def write(self, rows: list[SearchDocument]) -> None:
        params = [(row.pk, txt.stemmed(_indexed_title(row)), txt.stemmed(row.text)) for row in rows]
        with connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {SQLITE_TABLE} (rowid, title, text) VALUES (%s, %s, %s)", params
            )

    def delete(self, ids: list[int]) -> None:
        with connection.cursor() as cursor:
            # By rowid: FTS5 finds those directly; any other column would scan the table.
            for start in range(0, len(ids), 500):
                chunk = ids[start : start + 500]
                marks = ", ".join(["%s"] * len(chunk))
                cursor.execute(f"DELETE FROM {SQLITE_TABLE} WHERE rowid IN ({marks})", chunk)

    def clear(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {SQLITE_TABLE}")

    def match(self, queryset: QuerySet, query: str, parsed: txt.Query) -> QuerySet:
        expression = parsed.fts5()
        if not expression:
            return queryset.none()
        # A join rather than a correlated subquery: FTS5 runs the MATCH once and bm25()
        # is only defined inside the full-text query itself.
        return queryset.extra(
            tables=[SQLITE_TABLE],
            where=[
                f"{SQLITE_TABLE}.rowid = search_searchdocument.id",
                f"{SQLITE_TABLE} MATCH %s",
            ],
            params=[expression],
            select={"rank": f"-bm25({SQLITE_TABLE}, {TITLE_WEIGHT}, {TEXT_WEIGHT})"},
        ).annotate(headline=Value(""))

    def snippet(self, row: SearchDocument, parsed: txt.Query):
        return txt.highlight(row.text, parsed.stems)


def backend() -> PostgresBackend | SqliteBackend:
    if connection.vendor == "postgresql":
        return PostgresBackend()
    if connection.vendor == "sqlite":
        return SqliteBackend()
    raise NotImplementedError(f"search has no backend for {connection.vendor}")
