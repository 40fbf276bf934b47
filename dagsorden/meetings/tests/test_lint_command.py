"""``dagsorden lint``: what it prints, its exit status, and how it fails."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from dagsorden.documents.format import Part
from dagsorden.importers import registry
from dagsorden.meetings.lint import Finding, document_lint
from dagsorden.meetings.management.commands.lint import _line
from dagsorden.meetings.services import document_import
from dagsorden.meetings.tests.factories import document_build
from dagsorden.meetings.tests.test_lint import SEED_FINDINGS, agenda, item

pytestmark = pytest.mark.django_db

CLEAN = """\
Dagsorden
KKR Hovedstaden

KKR Hovedstaden | 15-10-2021
SIDE | 2
 1. Godkendelse af dagsorden

1.1. Godkendelse af dagsorden
SAG-2021-04819 ssan

Indstilling
Det indstilles, at KKR Hovedstaden godkender dagsordenen.

 2. Eventuelt
"""


def run(*args: str) -> tuple[int, str, str]:
    """The exit status the shell would see, stdout and stderr."""
    out, err = StringIO(), StringIO()
    try:
        call_command("lint", *args, stdout=out, stderr=err)
    except CommandError as error:
        return error.returncode, out.getvalue(), err.getvalue()
    return 0, out.getvalue(), err.getvalue()


@pytest.fixture
def seed_path() -> Path:
    from dagsorden.lib.seeds import seed_agenda

    path = seed_agenda()
    if path is None:
        pytest.skip("the seed agenda (../shared/seeds) is not beside this checkout")
    return path


def test_the_seed_file_as_json_is_the_findings_and_exit_status_1(seed_path):
    status, out, err = run("--json", str(seed_path))

    assert status == 1
    assert err == ""
    data = json.loads(out)
    assert [(d["item"], d["part"], d["code"], d["severity"]) for d in data] == SEED_FINDINGS
    assert all(set(d) == {"item", "part", "code", "severity", "message"} for d in data)
    assert "skabelontekst" in out  # Danish letters and quotes as they are, not escaped
    assert "\\u" not in out


def test_the_seed_file_as_text_is_one_line_per_finding_and_a_summary(seed_path):
    status, out, _ = run("--format", "kl-text", str(seed_path))

    lines = out.splitlines()
    assert status == 1
    assert len(lines) == len(SEED_FINDINGS) + 1
    assert lines[2] == (
        "1.2 Indstilling  error  placeholder  Indstilling indeholder skabelontekst "
        '("Her skrives indstillingen"): skriv indstillingen eller slet teksten.'
    )
    assert lines[-1] == "8 fund: 8 fejl, 0 advarsler"


def test_a_stored_meeting_is_checked_by_its_id(seed_path):
    [document] = registry.load(seed_path)
    meeting = document_import(document=document)

    status, out, _ = run("--json", str(meeting.pk))

    assert status == 1
    assert out == run("--json", str(seed_path))[1]


def test_a_clean_file_says_so_and_exits_0(tmp_path):
    path = tmp_path / "dagsorden.txt"
    path.write_text(CLEAN, encoding="utf-8")

    assert run(str(path)) == (0, "Ingen fund\n", "")
    assert run("--json", str(path)) == (0, "[]\n", "")


def test_warnings_alone_exit_0_and_are_counted():
    meeting = document_import(
        document=agenda(item("1.1", case_number="2021-1"), item("1.2", case_number="2021-2"))
    )

    status, out, _ = run(str(meeting.pk))

    assert status == 0
    assert out.splitlines()[0].startswith("1.1  warning  case-number  Sagsnummeret ")
    assert out.splitlines()[-1] == "2 fund: 0 fejl, 2 advarsler"


def test_a_preamble_finding_is_printed_under_its_heading():
    meeting = document_import(document=agenda(item(), preamble=(Part("Mission", "Lorem ipsum"),)))

    status, out, _ = run(str(meeting.pk))

    assert status == 1
    assert out.splitlines() == [
        "Mission  error  placeholder  Mission indeholder skabelontekst "
        '("Lorem ipsum"): skriv afsnittet eller slet teksten.',
        "1 fund: 1 fejl, 0 advarsler",
    ]


def test_a_finding_about_the_whole_meeting_is_printed_as_the_meeting():
    finding = Finding(None, None, "duplicate-number", "error", "Afsnit 1 (B) …")

    assert _line(finding) == "mødet  error  duplicate-number  Afsnit 1 (B) …"


def test_the_meeting_document_is_what_is_checked():
    document = document_build()
    meeting = document_import(document=document)

    _, out, _ = run("--json", str(meeting.pk))

    assert json.loads(out) == [f.to_dict() for f in document_lint(document=document)]


@pytest.mark.parametrize(
    ("args", "line"),
    [
        (
            ["/nonexistent/dagsorden.txt"],
            "dagsorden lint: /nonexistent/dagsorden.txt: no such file",
        ),
        (["42"], "dagsorden lint: no meeting with id 42"),
        (["--json", "42"], "dagsorden lint: no meeting with id 42"),
        (
            ["--format", "kl-text", "42"],
            "dagsorden lint: 42: --format is for files; a number is a meeting id",
        ),
    ],
    ids=["missing-file", "unknown-id", "unknown-id-json", "format-with-id"],
)
def test_unreadable_input_is_one_line_and_exit_status_2(args, line):
    status, out, err = run(*args)

    assert (status, out, err) == (2, "", line + "\n")


def test_an_empty_file_is_unreadable(tmp_path):
    path = tmp_path / "tom.txt"
    path.write_bytes(b"")

    assert run(str(path)) == (2, "", f"dagsorden lint: {path}: the file is empty\n")


def test_an_unknown_format_is_refused():
    with pytest.raises(CommandError, match="invalid choice: 'word'"):
        call_command("lint", "--format", "word", "agenda.docx")


@pytest.fixture(scope="module")
def shell(tmp_path_factory):
    """Run ``python -m dagsorden.cli`` on a migrated SQLite database of its own."""
    data = tmp_path_factory.mktemp("lint-shell")
    env = {**os.environ, "DATABASE_URL": "", "DAGSORDEN_DATA_DIR": str(data)}
    cli = [sys.executable, "-m", "dagsorden.cli"]
    subprocess.run([*cli, "migrate", "-v0"], env=env, check=True, timeout=120)

    def run_(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([*cli, *args], env=env, capture_output=True, text=True, timeout=60)

    return run_


def test_from_the_shell_a_missing_file_is_one_line_and_exit_status_2(shell):
    result = shell("lint", "/nonexistent")

    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == "dagsorden lint: /nonexistent: no such file\n"


def test_from_the_shell_errors_exit_1_without_a_commanderror_line(shell, seed_path):
    result = shell("lint", "--json", str(seed_path))

    assert result.returncode == 1
    assert result.stderr == ""
    assert len(json.loads(result.stdout)) == len(SEED_FINDINGS)
