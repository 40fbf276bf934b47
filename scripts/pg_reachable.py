#!/usr/bin/env python3
"""Is a PostgreSQL server reachable at this URL? Used by ``make test`` and ``.ci/run``.

    scripts/pg_reachable.py postgres://user@host:port/dbname

Exit status 0: reachable (connected and ran ``SELECT 1``); prints
"PostgreSQL reachable at URL (server N)".
Exit status 1: not reachable; prints "PostgreSQL not reachable at URL" on stdout and the
reason on stderr, so a caller can add what it does about it.
Exit status 2: the argument is not a PostgreSQL URL, or psycopg is not installed.

The password, if the URL has one, is never printed. Connecting gives up after 2 seconds.
"""

from __future__ import annotations

import sys
from urllib.parse import urlsplit, urlunsplit

SCHEMES = {"postgres", "postgresql", "pgsql"}
TIMEOUT_SECONDS = 2


def redact(url: str) -> str:
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.rsplit("@", 1)[1]
    return urlunsplit(parts._replace(netloc=f"{parts.username}:***@{netloc}"))


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: pg_reachable.py postgres://user@host:port/dbname", file=sys.stderr)
        return 2
    url = argv[0]
    scheme = urlsplit(url).scheme.lower()
    if scheme not in SCHEMES:
        print(f"pg_reachable.py: {redact(url)!r} is not a postgres:// URL", file=sys.stderr)
        return 2
    try:
        import psycopg
    except ImportError:
        print("pg_reachable.py: psycopg is not installed: run `make install`", file=sys.stderr)
        return 2
    # libpq reads postgres:// and postgresql:// but not pgsql://, which settings also accept.
    conninfo = "postgresql" + url[len(scheme) :]
    shown = redact(url)
    try:
        with psycopg.connect(conninfo, connect_timeout=TIMEOUT_SECONDS) as conn:
            conn.execute("SELECT 1")
            version = conn.info.server_version
    except Exception as exc:  # any failure to connect means "not reachable"; say why
        print(f"PostgreSQL not reachable at {shown}")
        reason = " ".join(str(exc).split()) or type(exc).__name__
        print(f"  reason: {reason}", file=sys.stderr)
        return 1
    print(f"PostgreSQL reachable at {shown} (server {version // 10000}.{version % 10000})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
