"""The number of queries a page costs does not grow with the agenda, cold cache or not."""

import datetime as dt
from dataclasses import replace

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from dagsorden.meetings.models import Meeting
from dagsorden.meetings.services import document_import
from dagsorden.meetings.tests.factories import document_items_build
from dagsorden.meetings.tests.personas import persona_create
from dagsorden.meetings.versions import version_record

pytestmark = pytest.mark.django_db


def meeting_with(count: int, *, body: str, case: str) -> Meeting:
    """A sent meeting of ``count`` items, every one of them on case ``case``."""
    document = document_items_build(count, body=body)
    document = replace(
        document,
        meeting=replace(document.meeting, date=dt.date(2021, 11, 5)),
        sections=tuple(
            replace(s, items=tuple(replace(i, case_number=case) for i in s.items))
            for s in document.sections
        ),
    )
    meeting = document_import(document=document, state=Meeting.State.SENT)
    version_record(meeting=meeting, by=None)
    return meeting


def urls(meeting: Meeting) -> dict[str, str]:
    last = meeting.sections.order_by("-order").first().items.order_by("-order").first()
    return {
        "meeting": reverse("portal:meeting_detail", args=[meeting.pk]),
        "item": reverse("portal:item_detail", args=[meeting.pk, last.number]),
        "body": reverse("portal:body_year", args=[meeting.body.slug, meeting.date.year]),
        "case": reverse("portal:case_detail", args=[last.case_id]),
    }


def cost(client, url: str) -> int:
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


@pytest.mark.parametrize("persona", ["anonymous", "member", "secretariat"])
def test_the_meeting_page_costs_the_same_for_1_and_50_items(client, persona):
    small = meeting_with(1, body="KKR Syddanmark", case="SAG-LILLE")
    large = meeting_with(50, body="KKR Nordjylland", case="SAG-STOR")
    user = persona_create(persona, body=small.body)
    if user.is_authenticated:
        # A member of (or secretary for) both bodies, so both meetings are the same to them.
        if persona == "secretariat":
            large.body.secretaries.add(user)
        else:
            user.person.memberships.create(body=large.body, basis="born")
        client.force_login(user)
    Meeting.objects.update(state=Meeting.State.MINUTES_PUBLISHED)

    counts = {
        page: (cost(client, url), cost(client, urls(large)[page]))
        for page, url in urls(small).items()
    }

    assert all(one == fifty for one, fifty in counts.values()), counts
