"""The public's meeting and item pages come from the cache, and every kind of write shows
on the next request: the cache key is the meeting's stamp (``meetings.stamps``)."""

import datetime as dt
from dataclasses import replace

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from dagsorden.bodies.models import Body
from dagsorden.cases.models import Case
from dagsorden.documents.format import MeetingInfo
from dagsorden.meetings import selectors
from dagsorden.meetings.attachments import attachment_add
from dagsorden.meetings.editing import item_delete, item_update
from dagsorden.meetings.minutes import decision_set
from dagsorden.meetings.models import AgendaItem, ItemPart, Meeting
from dagsorden.meetings.services import document_import
from dagsorden.meetings.tests.editing_factories import upload
from dagsorden.meetings.tests.factories import document_build
from dagsorden.meetings.tests.personas import meeting_create, member_create, secretary_create
from dagsorden.meetings.workflow import meeting_advance
from dagsorden.portal import page_cache

pytestmark = pytest.mark.django_db

S = Meeting.State


def meeting_page(client, meeting) -> str:
    response = client.get(reverse("portal:meeting_detail", args=[meeting.pk]))
    assert response.status_code == 200
    return response.content.decode()


def item_page(client, meeting, number: str) -> str:
    response = client.get(reverse("portal:item_detail", args=[meeting.pk, number]))
    assert response.status_code == 200
    return response.content.decode()


def item(meeting, number: str) -> AgendaItem:
    return AgendaItem.objects.select_related("section").get(section__meeting=meeting, number=number)


def key_of(meeting) -> str:
    return page_cache.page_key("meeting", selectors.meeting_stamp_get(meeting_id=meeting.pk))


@pytest.fixture
def published():
    return meeting_create(state=S.PUBLISHED)


def test_a_repeat_visit_costs_one_query(client, published):
    for url in (
        reverse("portal:meeting_detail", args=[published.pk]),
        reverse("portal:item_detail", args=[published.pk, "2.1"]),
    ):
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        assert len(queries) == 1, [q["sql"] for q in queries]


def test_the_page_is_served_from_the_cache(client, published):
    meeting_page(client, published)
    # QuerySet.update bypasses every stamp: the public keeps the cached page...
    AgendaItem.objects.filter(pk=item(published, "2.1").pk).update(title="Ikke set")
    assert "Ikke set" not in meeting_page(client, published)
    # ...while a member's page is always rendered fresh.
    client.force_login(member_create(body=published.body))
    assert "Ikke set" in meeting_page(client, published)


def test_a_reimport_shows(client):
    document = document_build(meeting=replace(document_build().meeting, document="agenda"))
    meeting = document_import(document=document, state=S.PUBLISHED)
    meeting_page(client, meeting)
    sections = list(document.sections)
    sections[0] = replace(
        sections[0],
        items=(
            replace(sections[0].items[0], title="Godkendelse af referatet (ny import)"),
            *sections[0].items[1:],
        ),
    )
    document_import(document=replace(document, sections=tuple(sections)))
    assert "Godkendelse af referatet (ny import)" in meeting_page(client, meeting)


def test_an_item_edit_shows_on_the_meeting_and_item_pages(client, published):
    meeting_page(client, published)
    item_page(client, published, "2.1")
    target = item(published, "2.1")
    item_update(
        item=target,
        by=secretary_create(body=published.body),
        expected_revision=target.revision,
        title="FGU, rettet titel",
        case_number="SAG-2021-21",
        handlers=["ssan"],
        public=True,
        parts=[("Baggrund", "Ny baggrund.")],
        links=[],
    )
    assert "2.1. FGU, rettet titel" in meeting_page(client, published)
    page = item_page(client, published, "2.1")
    assert "<h1>2.1. FGU, rettet titel</h1>" in page and "Ny baggrund." in page
    assert "2.1. FGU, rettet titel" in item_page(client, published, "2.2")  # "Forrige"


def test_an_item_deleted_is_gone(client, published):
    meeting_page(client, published)
    item_delete(item=item(published, "1.2"), by=secretary_create(body=published.body))
    assert "Godkendelse af dagsorden" not in meeting_page(client, published)


def test_an_attachment_added_shows(client, published):
    item_page(client, published, "2.1")
    meeting_page(client, published)
    attachment_add(
        item=item(published, "2.1"),
        title="Nyt notat",
        uploaded_file=upload("notat.pdf"),
        public=True,
        by=secretary_create(body=published.body),
    )
    assert "Nyt notat" in meeting_page(client, published)
    assert "Nyt notat" in item_page(client, published, "2.1")


def test_a_decision_and_the_workflow_show(client):
    meeting = meeting_create(state=S.MINUTES_DRAFT)
    secretary = secretary_create(body=meeting.body)
    assert "Beslutning" not in meeting_page(client, meeting)
    before = key_of(meeting)
    decision_set(item=item(meeting, "2.1"), text="Taget til efterretning.", by=secretary)
    assert key_of(meeting) != before  # not public yet, but a new page all the same
    for step in (S.MINUTES_APPROVED, S.MINUTES_PUBLISHED):
        meeting_advance(meeting=meeting, to_state=step, by=secretary)
    page = meeting_page(client, meeting)
    assert '<p class="kind">Referat</p>' in page and "Taget til efterretning." in page


def test_publishing_the_agenda_shows_it(client):
    meeting = meeting_create(state=S.SENT)
    url = reverse("portal:meeting_detail", args=[meeting.pk])
    assert client.get(url).status_code == 404
    meeting_advance(meeting=meeting, to_state=S.PUBLISHED, by=secretary_create(body=meeting.body))
    assert "<h1>KKR Hovedstaden</h1>" in meeting_page(client, meeting)


def test_an_admin_save_of_a_part_shows(client, published):
    meeting_page(client, published)
    item_page(client, published, "2.1")
    part = ItemPart.objects.filter(item=item(published, "2.1")).first()
    part.text = "Rettet i administrationen."
    part.save()
    assert "Rettet i administrationen." in meeting_page(client, published)
    assert "Rettet i administrationen." in item_page(client, published, "2.1")


def test_a_row_moved_to_another_meeting_leaves_the_old_page(client, published):
    other = meeting_create(state=S.PUBLISHED, meeting=MeetingInfo(date=dt.date(2022, 1, 1)))
    part = ItemPart.objects.filter(item=item(published, "2.1")).first()
    part.text = "Hører til et andet møde."
    part.save()
    assert "Hører til et andet møde." in meeting_page(client, published)
    part.item = item(other, "2.1")
    part.save()
    assert "Hører til et andet møde." not in meeting_page(client, published)
    assert "Hører til et andet møde." in meeting_page(client, other)
    moved = item(published, "1.2")
    title = moved.title
    moved.section = item(other, "1.1").section
    moved.number = "1.9"
    moved.save()
    assert f"1.2. {title}" not in meeting_page(client, published)


def test_a_case_renumbered_shows(client, published):
    meeting_page(client, published)
    case = item(published, "2.1").case
    case.number = "SAG-2021-99999"
    case.save()
    assert "SAG-2021-99999" in meeting_page(client, published)


def test_the_bodys_closed_item_title_shows(client, published):
    assert "<h3>2.2. Lukket punkt</h3>" in meeting_page(client, published)
    item_page(client, published, "2.2")
    body = Body.objects.get(pk=published.body_id)
    body.closed_item_title = "Fortroligt punkt"
    body.save()
    assert "<h3>2.2. Fortroligt punkt</h3>" in meeting_page(client, published)
    assert "<h1>2.2. Fortroligt punkt</h1>" in item_page(client, published, "2.2")
    Body.objects.filter(pk=body.pk).update(show_closed_titles=True)
    assert "<h3>2.2. Udpegning til bestyrelse</h3>" in meeting_page(client, published)


def test_the_approval_of_the_minutes_at_a_later_meeting_shows(client):
    earlier = meeting_create(state=S.PUBLISHED)
    later = meeting_create(
        state=S.PUBLISHED, meeting=replace(document_build().meeting, date=dt.date(2021, 11, 5))
    )
    assert "Referatet godkendes" not in meeting_page(client, earlier)
    # Even a write that moves no stamp: the later meeting's item is part of the key.
    AgendaItem.objects.filter(pk=item(later, "1.1").pk).update(minutes_of=earlier)
    assert "Referatet godkendes under" in meeting_page(client, earlier)
    assert "Godkender referatet af" in meeting_page(client, later)
    # The earlier meeting's own change shows in the later meeting's link to it.
    earlier.date = dt.date(2021, 10, 14)
    earlier.save()
    assert "mødet den 14. oktober 2021" in meeting_page(client, later)


def test_a_case_page_is_never_cached(client, published):
    case = Case.objects.get(number="SAG-2021-21")
    url = reverse("portal:case_detail", args=[case.pk])
    client.get(url)
    AgendaItem.objects.filter(case=case).update(title="Ny titel på sagens punkt")
    assert "Ny titel på sagens punkt" in client.get(url).content.decode()


def test_a_meeting_page_for_a_no_role_user_is_the_publics(client, published):
    from dagsorden.meetings.tests.personas import user_create

    meeting_page(client, published)
    AgendaItem.objects.filter(pk=item(published, "2.1").pk).update(title="Ikke set")
    client.force_login(user_create())
    page = meeting_page(client, published)
    assert "Ikke set" not in page and "Log ud" in page


def test_a_later_meeting_info_change_is_its_own_page(client):
    meeting = meeting_create(state=S.PUBLISHED)
    other = meeting_create(state=S.PUBLISHED, meeting=MeetingInfo(date=dt.date(2022, 1, 1)))
    assert key_of(meeting) != key_of(other)
