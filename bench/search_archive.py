"""Search latency on a large archive (goal: p95 ≤ 50 ms), SQLite or PostgreSQL.

Builds a synthetic archive (``search_archive_gen``: 98 municipalities × committees ×
20 years, ~10 items a meeting, Danish words from our seed and data texts) in a fresh
database, indexes it, then times 1–3 word queries through ``selectors.search`` as the
public makes them (``user=None``), without and with filters (body, date range, document
type). The baseline, measured in the same run, is the bare full-text query for the
same words: what the database's index costs before our access rules, filters, count
and snippets.

SQLite runs in a temporary folder; PostgreSQL in a database the bench creates and drops
(``--database-url postgres://postgres@127.0.0.1:5432/dagsorden_bench``); it is dropped
WITH (FORCE), so never point two runs at the same name at once.

    .venv/bin/python bench/search_archive.py [--items 1000000] [--queries 200]
        [--database-url URL] [--index rebuild|batched] [--keep]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

GOAL_P95_MS = 50.0
REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=1_000_000)
    parser.add_argument("--queries", type=int, default=200, help="per query set")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--database-url", default="")
    parser.add_argument(
        "--index",
        choices=["batched", "rebuild"],
        default="batched",
        help="batched: many meetings a transaction (default); rebuild: services.index_rebuild",
    )
    parser.add_argument("--keep", action="store_true", help="keep the SQLite folder")
    args = parser.parse_args()

    tmp = tempfile.mkdtemp(prefix="dagsorden-bench-")
    os.environ["DAGSORDEN_DATA_DIR"] = tmp
    os.environ["DATABASE_URL"] = args.database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dagsorden.settings")
    if args.database_url:
        _pg_database(args.database_url, create=True)
    try:
        import django

        django.setup()
        return measure(args)
    finally:
        from django.db import connections

        connections.close_all()
        if args.database_url:
            _pg_database(args.database_url, create=False)
        if args.keep:
            print(f"kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)


def _pg_database(url: str, *, create: bool) -> None:
    """Create (fresh) or drop the bench database named in ``url``, from the postgres DB."""
    from urllib.parse import urlsplit, urlunsplit

    import psycopg
    from psycopg import sql

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin = urlunsplit((parts.scheme, parts.netloc, "/postgres", parts.query, ""))
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )
        if create:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def measure(args) -> int:
    import search_archive_gen as gen
    from django.core.management import call_command
    from django.db import connection

    print(f"database: {connection.vendor}, {args.items:,} items requested")
    call_command("migrate", verbosity=0)
    built = gen.archive_build(args.items, seed=args.seed)
    print(
        f"archive: {built['bodies']} bodies, {built['meetings']:,} meetings, "
        f"{built['items']:,} items, {built['parts']:,} parts, {built['cases']:,} cases "
        f"in {built['seconds']:.0f} s ({built['items'] / built['seconds']:,.0f} items/s)"
    )

    if args.index == "rebuild":
        from dagsorden.search.services import index_rebuild

        start = time.perf_counter()
        _, rows = index_rebuild()
        index_s = time.perf_counter() - start
        print(f"index (services.index_rebuild): {rows:,} rows in {index_s:.0f} s")
    else:
        rows, index_s = gen.index_build()
        print(f"index (batched): {rows:,} rows in {index_s:.0f} s")
        per_meeting = _reindex_rate(sample=min(200, built["meetings"]))
        print(
            f"  for comparison services.meeting_reindex: {per_meeting:.1f} ms a meeting, so "
            f"index_rebuild would take ~{per_meeting * built['meetings'] / 1000:.0f} s "
            f"against the batched {index_s:.0f} s ({index_s * 1000 / built['meetings']:.1f} "
            "ms a meeting)"
        )
    _analyze()
    _size_report(args)
    total_s = built["seconds"] + index_s
    print(
        f"build total {total_s:.0f} s; at this rate 1,000,000 items take "
        f"~{total_s * 1_000_000 / built['items'] / 60:.0f} min (linear extrapolation)"
    )

    queries = _queries(built["words"], args.queries, args.seed)
    _run_sets(queries, built, args.seed)
    return 0


def _reindex_rate(sample: int) -> float:
    """ms a meeting for the one-meeting path that ``index_rebuild`` loops over."""
    from dagsorden.meetings.models import Meeting
    from dagsorden.search.services import meeting_reindex

    ids = list(Meeting.objects.order_by("?").values_list("pk", flat=True)[:sample])
    start = time.perf_counter()
    for pk in ids:
        meeting_reindex(meeting_id=pk)
    return (time.perf_counter() - start) * 1000 / len(ids)


def _analyze() -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
        if connection.vendor == "sqlite":
            # A merged FTS5 index is what a long-lived archive settles into.
            cursor.execute("INSERT INTO search_fts(search_fts) VALUES ('optimize')")


def _size_report(args) -> None:
    from django.conf import settings
    from django.db import connection

    if connection.vendor == "sqlite":
        path = Path(settings.DATABASES["default"]["NAME"])
        print(f"database file: {path.stat().st_size / 2**20:,.0f} MiB")
    else:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_database_size(current_database())")
            print(f"database size: {cursor.fetchone()[0] / 2**20:,.0f} MiB")


def _queries(counts, n: int, seed: int) -> list[str]:
    """1–3 word queries; words a person might type: not the commonest, not one-offs."""
    rng = random.Random(seed)
    ranked = [w for w, _ in counts.most_common()]
    stop = set(ranked[:100])
    candidates = [w for w in ranked if len(w) >= 4 and w not in stop and counts[w] >= 2]
    weights = [counts[w] for w in candidates]
    return [
        " ".join(rng.choices(candidates, weights, k=rng.choice([1, 1, 2, 2, 3]))) for _ in range(n)
    ]


def _filter_sets(built: dict, seed: int, n: int):
    from dagsorden.search.selectors import SearchFilters

    rng = random.Random(seed + 1)
    first = built["first_day"]
    today = dt.date.today()

    def window():
        start = first + dt.timedelta(days=rng.randint(0, (today - first).days - 730))
        return start, start + dt.timedelta(days=730)

    def body():
        return SearchFilters(body=rng.choice(built["slugs"]))

    def dates():
        lo, hi = window()
        return SearchFilters(date_from=lo, date_to=hi)

    def document():
        return SearchFilters(document=rng.choice(["agenda", "minutes"]))

    def all_three():
        lo, hi = window()
        return SearchFilters(
            body=rng.choice(built["slugs"]), date_from=lo, date_to=hi, document="minutes"
        )

    return {
        "no filter": [SearchFilters()] * n,
        "body": [body() for _ in range(n)],
        "date range (2 y)": [dates() for _ in range(n)],
        "document type": [document() for _ in range(n)],
        "body+dates+type": [all_three() for _ in range(n)],
    }


def _run_sets(queries: list[str], built: dict, seed: int) -> None:
    from dagsorden.search.selectors import search

    baseline = _baseline(queries)
    print(
        f"\n{len(queries)} queries a set (1–3 words, seed {seed}), ms; "
        f"goal p95 ≤ {GOAL_P95_MS:.0f} ms"
    )
    print(f"{'':22}{'p50':>8}{'p95':>8}{'p99':>8}  {'hits':>8}  p95 ratio  goal")
    print(f"{'bare FTS (baseline)':22}{_pct(baseline)}  {'':8}  {'1.0×':>9}")
    for name, filters in _filter_sets(built, seed, len(queries)).items():
        for q, f in list(zip(queries, filters, strict=True))[:5]:
            search(user=None, query=q, filters=f)  # warm the caches and connection
        times, totals = [], []
        for q, f in zip(queries, filters, strict=True):
            start = time.perf_counter()
            result = search(user=None, query=q, filters=f)
            times.append((time.perf_counter() - start) * 1000)
            totals.append(result.total)
        p95 = _quantile(times, 95)
        print(
            f"{name:22}{_pct(times)}  {statistics.median(totals):8,.0f}  "
            f"{p95 / _quantile(baseline, 95):8.1f}×  {'met' if p95 <= GOAL_P95_MS else 'MISSED'}"
        )


def _baseline(queries: list[str]) -> list[float]:
    from django.db import connection

    from dagsorden.search.text import query_parse

    if connection.vendor == "sqlite":
        sql = (
            "SELECT rowid FROM search_fts WHERE search_fts MATCH %s "
            "ORDER BY bm25(search_fts) LIMIT 20"
        )
        params = [[query_parse(q).fts5()] for q in queries]
    else:
        sql = (
            "SELECT id FROM search_searchdocument "
            "WHERE vector @@ websearch_to_tsquery('danish', %s) "
            "ORDER BY ts_rank(vector, websearch_to_tsquery('danish', %s)) DESC LIMIT 20"
        )
        params = [[q, q] for q in queries]
    times = []
    with connection.cursor() as cursor:
        # A whole untimed pass: the first touch of each posting list reads it from disk,
        # and selectors.search, timed after this, would otherwise find it cached.
        for p in params:
            cursor.execute(sql, p)
            cursor.fetchall()
        for p in params:
            start = time.perf_counter()
            cursor.execute(sql, p)
            cursor.fetchall()
            times.append((time.perf_counter() - start) * 1000)
    return times


def _quantile(values: list[float], q: int) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1]


def _pct(values: list[float]) -> str:
    return "".join(f"{_quantile(values, q):8.1f}" for q in (50, 95, 99))


if __name__ == "__main__":
    sys.exit(main())
