"""The index follows the meetings: edits, imports, workflow steps, deletes, commands."""

from __future__ import annotations

import io
import json
from dataclasses import replace

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command
from django.db import transaction

from dagsorden.meetings.editing import item_update, item_values
from dagsorden.meetings.models import AgendaItem, ItemPart, Meeting
from dagsorden.meetings.tests.personas import member_create, secretary_create
from dagsorden.meetings.workflow import meeting_advance
from dagsorden.search.backends import backend
from dagsorden.search.models import SearchDocument
from dagsorden.search.selectors import search
from dagsorden.search.services import index_rebuild
from dagsorden.search.tests.conftest import document, item

pytestmark = pytest.mark.django_db
ANONYMOUS = AnonymousUser()


def titles(query: str, user=ANONYMOUS) -> list[str]:
    return [h.title for h in search(user=user, query=query).hits if h.kind == "item"]


def test_an_edit_in_the_editor_is_found_after_commit(imported, commit):
    meeting = imported(document(item("1.1", "Cykelstier", "Nye stier.")), state="draft")
    secretary = secretary_create(body=meeting.body)
    stored = AgendaItem.objects.get(section__meeting=meeting)
    values = {**item_values(stored), "title": "Letbane"}
    values["parts"] = [("Baggrund", "Skinner gennem byen.")]
    with commit():
        item_update(item=stored, by=secretary, expected_revision=stored.revision, **values)
    assert titles("letbane", secretary) == ["Letbane"]
    assert titles("skinner", secretary) == ["Letbane"]
    assert titles("cykelstier", secretary) == []


def test_a_plain_save_of_a_part_is_found_too(imported, commit):
    meeting = imported(document(item("1.1", "Cykelstier", "Nye stier.")))
    part = ItemPart.objects.get(item__section__meeting=meeting)
    part.text = "Broer over åen."
    with commit():
        part.save()
    assert titles("broer") == ["Cykelstier"]
    assert titles("stier") == []


def test_a_reimport_replaces_what_the_index_held(imported):
    doc = document(item("1.1", "Havnebad", "Et bad i havnen."))
    imported(doc)
    changed = replace(
        doc, sections=(replace(doc.sections[0], items=(item("1.1", "Havnebad", "Nu med sauna."),)),)
    )
    imported(changed)
    assert titles("sauna") == ["Havnebad"]
    assert titles("havnen") == []
    assert SearchDocument.objects.filter(kind="item").count() == 1


def test_publishing_makes_a_meeting_findable_by_the_public(imported, commit):
    meeting = imported(document(item("1.1", "Skolereform", "Tekst.")), state=Meeting.State.SENT)
    assert titles("skolereform") == []
    secretary = secretary_create(body=meeting.body)
    with commit():
        meeting_advance(meeting=meeting, to_state=Meeting.State.PUBLISHED, by=secretary)
    assert titles("skolereform") == ["Skolereform"]
    assert SearchDocument.objects.filter(state=Meeting.State.PUBLISHED).exists()


def test_a_rolled_back_change_never_reaches_the_index(imported, commit):
    meeting = imported(document(item("1.1", "Cykelstier", "Nye stier.")))
    part = ItemPart.objects.get(item__section__meeting=meeting)
    with commit():
        try:
            with transaction.atomic():
                part.text = "Tunnel."
                part.save()
                raise RuntimeError
        except RuntimeError:
            pass
    assert titles("tunnel") == []


def test_a_deleted_meeting_leaves_the_index(imported, commit):
    meeting = imported(document(item("1.1", "Cykelstier", "Nye stier.")))
    with commit():
        meeting.delete()
    assert titles("cykelstier") == []
    assert not SearchDocument.objects.exists()


def test_reindex_rebuilds_everything(imported):
    imported(document(item("1.1", "Cykelstier", "Nye stier.")))
    backend().clear()
    SearchDocument.objects.all().delete()
    assert titles("cykelstier") == []
    out = io.StringIO()
    call_command("reindex", stdout=out)
    assert "1 møder" in out.getvalue()
    assert titles("cykelstier") == ["Cykelstier"]
    # Rebuilding twice leaves one set of rows, not two.
    assert index_rebuild() == (1, SearchDocument.objects.count())
    assert titles("cykelstier") == ["Cykelstier"]


def test_search_command_prints_json_as_the_public_or_as_a_user(imported):
    doc = document(
        item("1.1", "Cykelstier", "Nye cykelstier & broer."),
        item("1.2", "Lukket cykelsag", "Cykelstier i skoven.", public=False),
    )
    meeting = imported(doc)
    out = io.StringIO()
    call_command("search", "cykelstier", "--json", stdout=out)
    payload = json.loads(out.getvalue())
    assert payload["total"] == 1
    (hit,) = payload["hits"]
    assert hit["title"] == "Cykelstier"
    assert hit["url"] == f"/moeder/{meeting.pk}/punkter/1.1/"
    assert "<mark>" in hit["snippet"]
    member = member_create(body=meeting.body)
    out = io.StringIO()
    call_command(
        "search",
        "cykelstier",
        "--json",
        "--as-user",
        member.username,
        "--body",
        "kkr-hovedstaden",
        stdout=out,
    )
    assert {h["title"] for h in json.loads(out.getvalue())["hits"]} == {
        "Cykelstier",
        "Lukket cykelsag",
    }
    out = io.StringIO()
    call_command("search", "cykelstier", stdout=out)
    assert "Cykelstier" in out.getvalue()
    assert "Lukket" not in out.getvalue()
    assert "cykelstier & broer" in out.getvalue()  # plain text, not HTML entities
