"""``dagsorden import``: what it writes, what it prints, and how it fails."""

from __future__ import annotations

import importlib
import json
from dataclasses import replace
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import DataError

from dagsorden.importers import registry
from dagsorden.lib.seeds import seed_agenda
from dagsorden.meetings.models import AgendaItem, Meeting
from dagsorden.meetings.selectors import meeting_document
from dagsorden.meetings.services import document_import
from dagsorden.meetings.tests.factories import document_build, item_build, section_replace

pytestmark = pytest.mark.django_db

AGENDA = """\
Dagsorden
KKR Hovedstaden

KKR Hovedstaden | 15-10-2021
SIDE | 2
 1. Godkendelse af referat og dagsorden

1.1. Godkendelse af referat
SAG-2021-04819 ssan

Baggrund
Referatet er udsendt til medlemmerne.

Indstilling
Det indstilles, at KKR Hovedstaden godkender referatet.

1.2. Godkendelse af dagsorden
SAG-2021-04819 ssan

Indstilling
Det indstilles, at KKR Hovedstaden godkender dagsordenen.

 2. Eventuelt
"""


def run(*args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("import", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def fails(*args: str) -> tuple[CommandError, str]:
    err = StringIO()
    with pytest.raises(CommandError) as raised:
        call_command("import", *args, stdout=StringIO(), stderr=err)
    return raised.value, err.getvalue()


@pytest.fixture
def agenda(tmp_path) -> Path:
    path = tmp_path / "kkr-hovedstaden-2021-10-15.txt"
    path.write_text(AGENDA, encoding="utf-8")
    return path


def test_it_imports_and_says_what(agenda):
    out, err = run(str(agenda))

    assert out == "imported KKR Hovedstaden 2021-10-15: 2 sections, 2 items, 0 attachments\n"
    assert err == ""
    meeting = Meeting.objects.get()
    assert (meeting.body.name, meeting.date.isoformat()) == ("KKR Hovedstaden", "2021-10-15")
    assert meeting.source == {"format": "kl-text", "path": str(agenda)}
    assert list(AgendaItem.objects.values_list("number", flat=True)) == ["1.1", "1.2"]


def test_importing_again_updates_the_same_meeting(agenda):
    run(str(agenda))
    pks = list(AgendaItem.objects.values_list("pk", flat=True))
    agenda.write_text(AGENDA.replace("Godkendelse af referat\n", "Godkendelse af referatet\n"))

    run(str(agenda))

    assert Meeting.objects.count() == 1
    assert list(AgendaItem.objects.values_list("pk", flat=True)) == pks
    assert AgendaItem.objects.get(number="1.1").title == "Godkendelse af referatet"


def test_dry_run_checks_and_writes_nothing(agenda):
    out, _ = run("--dry-run", str(agenda))

    assert out.startswith("checked (dry run, nothing written) KKR Hovedstaden 2021-10-15:")
    assert Meeting.objects.count() == 0


def test_json_prints_the_documents_and_nothing_else(agenda):
    out, _ = run("--json", "--dry-run", str(agenda), str(agenda))

    data = json.loads(out)
    assert data == [d.to_dict() for d in registry.load(agenda)] * 2
    assert data[0]["sections"][0]["items"][0]["case_number"] == "SAG-2021-04819"
    assert Meeting.objects.count() == 0


def test_json_keeps_danish_letters_readable(agenda):
    out, _ = run("--json", "--format", "kl-text", str(agenda))

    assert "Godkendelse af referat og dagsorden" in out
    assert "\\u" not in out
    assert Meeting.objects.count() == 1


@pytest.mark.parametrize(
    ("content", "reason"),
    # The importer words its own reasons; the command only promises "PATH: reason".
    [(None, "no such file"), (b"", "the file is empty"), (b"Hej\n", "")],
    ids=["missing", "empty", "not-an-agenda"],
)
def test_a_bad_input_exits_2_with_one_line_and_writes_nothing(tmp_path, content, reason):
    path = tmp_path / "bad.txt"
    if content is not None:
        path.write_bytes(content)

    error, err = fails(str(path))

    assert error.returncode == 2
    [line] = err.splitlines()
    assert line.startswith(f"dagsorden import: {path}: {reason}")
    assert Meeting.objects.count() == 0


def test_good_inputs_go_in_even_when_another_fails(tmp_path, agenda):
    missing = tmp_path / "missing.txt"

    error, err = fails(str(missing), str(agenda))

    assert error.returncode == 2
    assert "1 of 2 inputs failed" in str(error)
    assert err == (
        f"dagsorden import: {missing}: no such file\n"
        "dagsorden import: 1 of 2 inputs failed; nothing from them was written\n"
    )
    assert Meeting.objects.count() == 1


def test_a_document_that_cannot_be_stored_changes_nothing(monkeypatch, tmp_path):
    document = document_build()
    stored = document_import(document=document)
    # Changed (no preamble) and broken (1.1 twice): the change must not get in.
    duplicate = section_replace(
        replace(document, preamble=()),
        0,
        items=(*document.sections[0].items, item_build("1.1")),
    )
    monkeypatch.setattr(
        registry, "read", lambda path, format=None: (registry.IMPORTERS["kl-text"], [duplicate])
    )
    path = tmp_path / "x.txt"

    error, err = fails(str(path))

    assert error.returncode == 2
    assert err == (
        f"dagsorden import: {path}: sections[0].items[2].number: duplicate item number 1.1\n"
    )
    assert Meeting.objects.get().modified == stored.modified
    assert Meeting.objects.get().preamble != []


def test_a_database_error_is_one_line_not_a_traceback(monkeypatch, agenda):
    command = importlib.import_module("dagsorden.importers.management.commands.import")

    def refuse(*, document):
        raise DataError("value too long for type character varying(500)\nDETAIL: ...")

    monkeypatch.setattr(command, "document_import", refuse)

    error, err = fails(str(agenda))

    assert error.returncode == 2
    assert str(error) == "1 of 1 input failed; nothing from them was written"
    assert err == (
        f"dagsorden import: {agenda}: the database refused it "
        "(value too long for type character varying(500))\n"
    )


def test_an_unknown_format_is_refused():
    error, _ = fails("--format", "word", "agenda.docx")

    assert "invalid choice: 'word'" in str(error)


def test_the_seed_agenda_imports():
    path = seed_agenda()
    if path is None:
        pytest.skip("the seed agenda (../shared/seeds) is not beside this checkout")

    out, _ = run(str(path))

    assert out == "imported KKR Hovedstaden 2021-10-15: 7 sections, 19 items, 6 attachments\n"
    assert AgendaItem.objects.filter(section__meeting__body__name="KKR Hovedstaden").count() == 19


@pytest.mark.parametrize(
    "content",
    [None, b"", b"\x00\x01\x02\xff" * 64, b"Referat fra grundejerforeningen\n"],
    ids=["missing", "empty", "binary", "not-an-agenda"],
)
def test_bad_input_leaves_an_existing_meeting_exactly_as_it_was(tmp_path, agenda, content):
    run(str(agenda))
    meeting = Meeting.objects.get()
    before = meeting_document(meeting=meeting)
    rows = (Meeting.objects.count(), AgendaItem.objects.count())
    bad = tmp_path / "bad.txt"
    if content is not None:
        bad.write_bytes(content)

    error, err = fails(str(bad))

    assert error.returncode == 2 and err.startswith(f"dagsorden import: {bad}: ")
    assert (Meeting.objects.count(), AgendaItem.objects.count()) == rows
    assert meeting_document(meeting=Meeting.objects.get()) == before


def test_from_the_shell_a_bad_input_is_one_line_and_exit_status_2(tmp_path):
    import os
    import subprocess
    import sys

    env = {**os.environ, "DATABASE_URL": "", "DAGSORDEN_DATA_DIR": str(tmp_path)}
    missing = tmp_path / "dagsorden-2021.txt"
    cli = [sys.executable, "-m", "dagsorden.cli"]
    subprocess.run([*cli, "migrate", "-v0"], env=env, check=True, timeout=120)

    run_ = subprocess.run(
        [*cli, "import", str(missing)], env=env, capture_output=True, text=True, timeout=60
    )

    assert run_.returncode == 2
    assert run_.stderr == f"dagsorden import: {missing}: no such file\n"
    assert run_.stdout == ""


def test_the_seed_comes_back_from_the_database_unchanged():
    path = seed_agenda()
    if path is None:
        pytest.skip("the seed agenda (../shared/seeds) is not beside this checkout")
    [document] = registry.load(path)

    meeting = document_import(document=document)

    assert meeting_document(meeting=Meeting.objects.get(pk=meeting.pk)) == document
