"""The portal links a meeting's minutes and the later item that approves them."""

import datetime as dt

import pytest
from django.urls import reverse

from dagsorden.documents import format as fmt
from dagsorden.meetings.models import AgendaItem, Meeting
from dagsorden.meetings.tests.factories import item_build
from dagsorden.meetings.tests.personas import meeting_create, secretary_create

pytestmark = pytest.mark.django_db

State = Meeting.State


def following_create(earlier: Meeting, *, state: str) -> Meeting:
    sections = (
        fmt.Section(
            number="1",
            title="Godkendelse af referat og dagsorden",
            items=(item_build("1.1", "Godkendelse af referat"),),
        ),
    )
    meeting = meeting_create(
        state=state, meeting=fmt.MeetingInfo(date=dt.date(2021, 12, 10)), sections=sections
    )
    AgendaItem.objects.filter(section__meeting=meeting).update(minutes_of=earlier)
    return meeting


def page(client, meeting) -> str:
    return client.get(reverse("portal:meeting_detail", args=[meeting.pk])).content.decode()


def test_the_meeting_and_the_approving_item_link_each_other(client):
    earlier = meeting_create(state=State.MINUTES_PUBLISHED)
    later = following_create(earlier, state=State.PUBLISHED)
    later_url = reverse("portal:meeting_detail", args=[later.pk])
    earlier_url = reverse("portal:meeting_detail", args=[earlier.pk])

    assert (
        f'Referatet godkendes under <a href="{later_url}#punkt-1.1">punkt 1.1 på mødet den '
        "10. december 2021</a>." in page(client, earlier)
    )
    assert (
        f'Godkender referatet af <a href="{earlier_url}">mødet den 15. oktober 2021</a>.'
        in page(client, later)
    )


def test_a_meeting_the_visitor_may_not_see_is_not_linked(client):
    earlier = meeting_create(state=State.MINUTES_PUBLISHED)
    following_create(earlier, state=State.DRAFT)
    assert "Referatet godkendes under" not in page(client, earlier)

    client.force_login(secretary_create(body=earlier.body))
    assert "Referatet godkendes under" in page(client, earlier)
