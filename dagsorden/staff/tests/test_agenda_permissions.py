"""Every agenda-building page and action refuses everyone but the body's secretariat, and a
refusal changes nothing: anonymous visitors are sent to the login page, logged-in users
without the role get a 403 page that says why."""

from __future__ import annotations

import pytest
from django.urls import reverse

from dagsorden.audit.models import AuditEntry
from dagsorden.cases.models import Attachment
from dagsorden.meetings.attachments import attachment_add
from dagsorden.meetings.editing import template_for
from dagsorden.meetings.models import AgendaItem, AgendaTemplate, ItemPart, Meeting
from dagsorden.meetings.tests.editing_factories import (
    PDF,
    draft_create,
    items_add,
    kkr_create,
    upload,
)
from dagsorden.meetings.tests.personas import (
    admin_create,
    body_create,
    member_create,
    persona_create,
    secretary_create,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def agenda():
    body = kkr_create()
    secretary = secretary_create(body=body)
    meeting = draft_create(body=body, by=secretary)
    template_for(body=body)
    (item,) = items_add(meeting, "3", "Trafik", by=secretary)
    attachment = attachment_add(
        item=item, title="Notat", uploaded_file=upload("a.pdf"), public=True, by=secretary
    )
    return {"body": body, "meeting": meeting, "item": item, "attachment": attachment}


def requests(agenda) -> list[tuple[str, str, dict]]:
    """(method, url, data) for every page and action of agenda building."""
    body, meeting, item = agenda["body"], agenda["meeting"], agenda["item"]
    attachment = agenda["attachment"]
    section = meeting.sections.get(number="4")
    return [
        ("get", reverse("staff:body_template", args=[body.slug]), {}),
        ("post", reverse("staff:body_template", args=[body.slug]), {"sections": "1. Alt"}),
        ("post", reverse("staff:meeting_new", args=[body.slug]), {"date": "2027-06-01"}),
        ("get", reverse("staff:meeting", args=[meeting.pk]), {}),
        ("post", reverse("staff:item_add", args=[section.pk]), {"title": "Ny"}),
        ("get", reverse("staff:item", args=[item.pk]), {}),
        (
            "post",
            reverse("staff:item", args=[item.pk]),
            {
                "revision": item.revision,
                "title": "Ændret",
                "part-TOTAL_FORMS": "0",
                "part-INITIAL_FORMS": "0",
            },
        ),
        (
            "post",
            reverse("staff:item_move", args=[item.pk]),
            {"section": section.pk, "position": 1},
        ),
        ("get", reverse("staff:item_delete", args=[item.pk]), {}),
        ("post", reverse("staff:item_delete", args=[item.pk]), {}),
        (
            "post",
            reverse("staff:attachment_new", args=[item.pk]),
            {"file": upload("b.pdf", PDF), "title": "Nyt"},
        ),
        (
            "post",
            reverse("staff:attachment_edit", args=[attachment.pk]),
            {"title": "Ændret", "public": "on"},
        ),
        ("get", reverse("staff:attachment_delete", args=[attachment.pk]), {}),
        ("post", reverse("staff:attachment_delete", args=[attachment.pk]), {}),
    ]


def snapshot() -> tuple:
    return (
        list(Meeting.objects.values_list("pk", "date", "state")),
        list(AgendaItem.objects.values_list("pk", "number", "title", "revision", "section")),
        list(ItemPart.objects.values_list("pk", "heading", "text")),
        list(Attachment.objects.values_list("pk", "title", "public", "file")),
        list(AgendaTemplate.objects.values_list("pk", "sections", "parts")),
        AuditEntry.objects.count(),
    )


def test_anonymous_is_sent_to_login_and_nothing_changes(client, agenda):
    before = snapshot()
    for method, url, data in requests(agenda):
        response = getattr(client, method)(url, data)
        assert response.status_code == 302, url
        assert response.url.startswith(reverse("login") + "?next="), url
    assert snapshot() == before


@pytest.mark.parametrize("persona", ["other_member", "member", "other_secretariat"])
@pytest.mark.parametrize("state", [Meeting.State.DRAFT, Meeting.State.SENT])
def test_users_without_the_role_are_refused_with_a_reason(client, agenda, persona, state):
    body = agenda["body"]
    Meeting.objects.update(state=state)
    if persona == "other_secretariat":
        user = secretary_create(body=body_create("Beskæftigelsesudvalget"))
    else:
        user = persona_create(persona, body=body)
    client.force_login(user)
    # A member sees a sent agenda, so is told why not; a draft stays unknown to outsiders.
    sees_meeting = persona == "member" and state == Meeting.State.SENT
    before = snapshot()
    for method, url, data in requests(agenda):
        response = getattr(client, method)(url, data)
        if "/organer/" in url or sees_meeting:
            assert response.status_code == 403, (method, url)
            assert "Du har ikke adgang til at redigere dagsordener for KKR Hovedstaden" in (
                response.content.decode()
            ), url
        else:
            assert response.status_code == 404, (method, url)
            assert "KKR Hovedstaden" not in response.content.decode(), url
    assert snapshot() == before


def test_a_member_who_is_also_in_another_secretariat_is_still_refused(client, agenda):
    user = member_create(body=agenda["body"])
    body_create("Beskæftigelsesudvalget").secretaries.add(user)
    client.force_login(user)
    Meeting.objects.update(state=Meeting.State.SENT)
    response = client.get(reverse("staff:meeting", args=[agenda["meeting"].pk]))
    assert response.status_code == 403


@pytest.mark.parametrize("who", ["secretariat", "administrator"])
def test_the_secretariat_and_administrators_may_open_every_page(client, agenda, who):
    user = secretary_create(body=agenda["body"]) if who == "secretariat" else admin_create()
    client.force_login(user)
    for method, url, _data in requests(agenda):
        if method == "get":
            assert client.get(url).status_code == 200, url


def test_a_held_meeting_refuses_every_change_but_shows_the_agenda(client, agenda):
    client.force_login(secretary_create(body=agenda["body"]))
    Meeting.objects.update(state=Meeting.State.HELD)
    before = snapshot()
    for method, url, data in requests(agenda):
        if "/organer/" in url:
            continue  # the template and new meetings do not depend on this meeting
        response = getattr(client, method)(url, data)
        if url == reverse("staff:meeting", args=[agenda["meeting"].pk]):
            assert response.status_code == 200
            assert "dagsordenen kan ikke længere ændres" in response.content.decode()
            continue
        assert response.status_code == 403, (method, url)
        assert "kan ikke længere ændres, fordi mødet er afholdt" in response.content.decode()
    assert snapshot() == before
