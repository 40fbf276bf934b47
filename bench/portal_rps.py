"""Requests per second for the seed meeting's public page, as a ratio to a trivial Django
view served the same way in the same run (goal: ≥ 0.5).

Runs on a fresh SQLite database in a temporary folder, so it never touches var/: the
seed agenda is imported as published, then the portal is served by gunicorn with DEBUG
off and production settings, and ``wrk`` keeps 16 connections busy against each URL,
after a warm-up. Also prints the database queries one meeting-page request makes.

Gunicorn: 2 worker processes (one per core on the 2-core machines we run this on, so
Python's GIL is not the limit) with 4 threads each (gthread), so the 16 keep-alive
connections are held without a process each and a thread waiting on SQLite does not
stall its worker. wrk runs on the same machine; both URLs pay for that alike.

    .venv/bin/python bench/portal_rps.py [--seconds N] [--warmup N] [--rounds N]

Needs wrk (Debian: apt-get install wrk).
"""

from __future__ import annotations

import argparse
import os
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

GOAL = 0.5
CONNECTIONS = 16
REPO = Path(__file__).resolve().parents[1]
TRIVIAL = "/bench/ok/"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=10, help="measured run per URL")
    parser.add_argument("--warmup", type=int, default=3, help="warm-up per URL, not counted")
    parser.add_argument("--rounds", type=int, default=3, help="measured runs per URL, alternating")
    args = parser.parse_args()

    wrk = shutil.which("wrk")
    if wrk is None:
        print("wrk is not installed: apt-get install wrk (scripts/system-packages has it)")
        return 2
    gunicorn = Path(sys.executable).parent / "gunicorn"
    if not gunicorn.exists():
        print(f"no gunicorn beside {sys.executable}: pip install -e '.[dev]'")
        return 2

    tmp = tempfile.mkdtemp(prefix="dagsorden-bench-")
    try:
        return measure(tmp, args, wrk=wrk, gunicorn=str(gunicorn))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def measure(tmp: str, args, *, wrk: str, gunicorn: str) -> int:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.bench_settings",
        "DAGSORDEN_DATA_DIR": tmp,
        "DATABASE_URL": f"sqlite:///{tmp}/db.sqlite3",
        "DEBUG": "0",
        "DJANGO_ENV": "production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "LOG_LEVEL": "ERROR",
    }
    os.environ.update(env)
    sys.path.insert(0, str(REPO))
    import django

    django.setup()
    from django.core.management import call_command

    from dagsorden.importers.registry import load
    from dagsorden.lib.seeds import seed_agenda
    from dagsorden.meetings.models import Meeting
    from dagsorden.meetings.services import document_import

    path = seed_agenda()
    if path is None:
        print("the seed agenda (../shared/seeds) is not beside this checkout: nothing to measure")
        return 0
    call_command("migrate", verbosity=0)
    [document] = load(path)
    meeting = document_import(document=document, state=Meeting.State.PUBLISHED)
    page = f"/moeder/{meeting.pk}/"
    first, repeat = queries_per_request(page)

    port = free_port()
    server = subprocess.Popen(
        [
            gunicorn,
            "dagsorden.wsgi:application",
            f"--bind=127.0.0.1:{port}",
            "--workers=2",
            "--worker-class=gthread",
            "--threads=4",
            "--log-level=warning",
        ],
        cwd=REPO,
        env=env,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        for url in (TRIVIAL, page):
            wait_for(base + url, server)
        for url in (TRIVIAL, page):
            run_wrk(wrk, base + url, args.warmup)
        # Alternating rounds: a machine busy with other work slows both URLs alike.
        rounds = [
            {url: run_wrk(wrk, base + url, args.seconds) for url in (TRIVIAL, page)}
            for _ in range(args.rounds)
        ]
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()

    trivial = statistics.median(r[TRIVIAL] for r in rounds)
    portal = statistics.median(r[page] for r in rounds)
    ratio = statistics.median(r[page] / r[TRIVIAL] for r in rounds)
    print(
        f"seed: {path.name}, {CONNECTIONS} connections, {args.rounds} rounds of {args.seconds} s "
        f"per URL after {args.warmup} s warm-up; gunicorn 2 workers × 4 threads, DEBUG off; "
        "medians"
    )
    print(f"  trivial view   {TRIVIAL:<14} {trivial:10.0f} requests/s")
    print(f"  meeting page   {page:<14} {portal:10.0f} requests/s")
    verdict = "met" if ratio >= GOAL else "NOT met"
    each = ", ".join(f"{r[page] / r[TRIVIAL]:.2f}" for r in rounds)
    print(f"  ratio          {ratio:24.2f}   (goal ≥ {GOAL}: {verdict}; rounds: {each})")
    print(f"  queries per meeting-page request: {first} the first time, {repeat} after that")
    return 0


def queries_per_request(url: str) -> tuple[int, int]:
    """Queries for one anonymous request, in process: a cold one, then a repeat."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST="127.0.0.1")
    counts = []
    for _ in range(2):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        if response.status_code != 200:
            raise SystemExit(f"{url} answered {response.status_code}, not 200")
        counts.append(len(queries))
    return counts[0], counts[1]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(url: str, server: subprocess.Popen, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while True:
        if server.poll() is not None:
            raise SystemExit(f"gunicorn stopped with status {server.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        if time.monotonic() > deadline:
            raise SystemExit(f"{url} did not answer 200 within {timeout:.0f} s")
        time.sleep(0.2)


def run_wrk(wrk: str, url: str, seconds: int) -> float:
    run = subprocess.run(
        [wrk, "-t2", f"-c{CONNECTIONS}", f"-d{seconds}s", url],
        capture_output=True,
        text=True,
        check=True,
    )
    # A page answering errors fast would look like a fast page.
    if "Non-2xx or 3xx responses" in run.stdout or "Socket errors" in run.stdout:
        raise SystemExit(f"wrk saw errors for {url}:\n{run.stdout}")
    match = re.search(r"Requests/sec:\s*([\d.]+)", run.stdout)
    if match is None:
        raise SystemExit(f"no Requests/sec in wrk's output:\n{run.stdout}")
    return float(match.group(1))


if __name__ == "__main__":
    sys.exit(main())
