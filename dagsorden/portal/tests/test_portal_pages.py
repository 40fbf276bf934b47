"""The public portal's pages: bodies, a body's meeting plan, an item page, a case page,
and the contract with the static export (no login box, no forms, no cookies)."""

import datetime as dt
import re
from dataclasses import replace

import pytest
from django.urls import reverse

from dagsorden.cases.models import Case
from dagsorden.documents.format import MeetingInfo
from dagsorden.meetings.models import AgendaItem, Meeting
from dagsorden.meetings.tests.factories import document_build, item_build, section_replace
from dagsorden.meetings.tests.personas import meeting_create, member_create

pytestmark = pytest.mark.django_db

CLOSED_CASE = "2011-29298"  # the factory's closed item 2.2


def html_of(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, f"{url}: {response.status_code}"
    return response.content.decode()


def on(date: dt.date, **fields) -> Meeting:
    info = replace(document_build().meeting, date=date)
    return meeting_create(meeting=info, **fields)


# -- bodies and their plans -------------------------------------------------------------------


def test_the_front_page_lists_the_bodies_with_their_next_meeting(client):
    later = on(dt.date(2031, 3, 4), state=Meeting.State.PUBLISHED)
    on(dt.date(2031, 6, 5), state=Meeting.State.PUBLISHED)
    on(dt.date(2030, 1, 1), state=Meeting.State.DRAFT)  # sooner, but not for the public

    html = html_of(client, reverse("portal:body_list"))

    assert '<a href="/organer/kkr-hovedstaden/">KKR Hovedstaden</a>' in html
    assert re.search(
        rf"Næste møde: tirsdag <a href=\"/moeder/{later.pk}/\">4. marts 2031</a>", html
    )


def test_a_body_page_shows_this_years_plan_and_links_the_other_years(client):
    today = dt.date.today()
    soon = on(
        today + dt.timedelta(days=1)
        if (today + dt.timedelta(days=1)).year == today.year
        else today,
        state=Meeting.State.PUBLISHED,
    )
    old = on(dt.date(2021, 10, 15), state=Meeting.State.MINUTES_PUBLISHED)
    on(dt.date(2019, 5, 5), state=Meeting.State.DRAFT)

    html = html_of(client, reverse("portal:body_detail", args=["kkr-hovedstaden"]))

    assert f"<h2>Mødeplan {today.year}</h2>" in html
    assert f'href="/moeder/{soon.pk}/"' in html and f'href="/moeder/{old.pk}/"' not in html
    assert '<a href="/organer/kkr-hovedstaden/2021/">2021</a>' in html
    assert "/2019/" not in html  # only a draft that year: no plan to show the public
    past = html_of(client, reverse("portal:body_year", args=["kkr-hovedstaden", 2021]))
    assert '<h3 id="afholdte">Afholdte møder</h3>' in past
    assert f'href="/moeder/{old.pk}/"' in past and "Referat · 5 punkter" in past
    assert (
        client.get(reverse("portal:body_year", args=["kkr-hovedstaden", 2019])).status_code == 404
    )


def test_an_unknown_body_is_404(client):
    assert client.get(reverse("portal:body_detail", args=["findes-ikke"])).status_code == 404


# -- the item page ------------------------------------------------------------------------------


def test_an_item_has_a_page_of_its_own(client):
    meeting = meeting_create(state=Meeting.State.MINUTES_PUBLISHED)
    case = AgendaItem.objects.get(section__meeting=meeting, number="1.1").case

    html = html_of(client, reverse("portal:item_detail", args=[meeting.pk, "1.1"]))

    assert "<h1>1.1. Godkendelse af referat</h1>" in html
    assert "<h2>Baggrund</h2>" in html and "<h2>Beslutning</h2><p>Godkendt.</p>" in html
    assert f'href="/moeder/{meeting.pk}/#punkt-1.1"' in html
    assert f'href="/moeder/{meeting.pk}/punkter/1.2/" rel="next"' in html
    # The case number and the handlers link to the case.
    assert f'<a href="/sager/{case.pk}/"><span class="visually-hidden">Sag </span>' in html
    assert '<span class="case-number">SAG-2021-11</span><span class="handler">ssan</span>' in html


def test_the_meeting_page_links_each_item_page(client):
    meeting = meeting_create(state=Meeting.State.PUBLISHED)
    html = html_of(client, reverse("portal:meeting_detail", args=[meeting.pk]))
    assert f'<a href="/moeder/{meeting.pk}/punkter/2.1/">Punkt 2.1 på egen side</a>' in html


def test_a_closed_item_page_shows_the_public_only_its_number_and_neutral_title(client):
    meeting = meeting_create(state=Meeting.State.PUBLISHED)
    url = reverse("portal:item_detail", args=[meeting.pk, "2.2"])

    html = html_of(client, url)

    assert "<h1>2.2. Lukket punkt</h1>" in html
    assert "Udpegning" not in html and CLOSED_CASE not in html and "Baggrund" not in html
    assert "Forrige: 2.1." in html
    client.force_login(member_create(body=meeting.body))
    member = html_of(client, url)
    assert "<h1>2.2. Udpegning til bestyrelse</h1>" in member and CLOSED_CASE in member


def test_an_item_page_of_a_meeting_the_public_may_not_see_is_404(client):
    draft = meeting_create(state=Meeting.State.DRAFT)
    assert client.get(reverse("portal:item_detail", args=[draft.pk, "1.1"])).status_code == 404


def test_an_unknown_item_is_404(client):
    meeting = meeting_create(state=Meeting.State.PUBLISHED)
    assert client.get(reverse("portal:item_detail", args=[meeting.pk, "9.9"])).status_code == 404


# -- the case page -------------------------------------------------------------------------------


def shared_case_meetings() -> tuple[Meeting, Meeting, Meeting]:
    """Three meetings with an item on case SAG-9: public, public in a draft, and closed."""
    meetings = []
    for date, state, public in [
        (dt.date(2021, 10, 15), Meeting.State.MINUTES_PUBLISHED, True),
        (dt.date(2021, 11, 5), Meeting.State.DRAFT, True),
        (dt.date(2021, 12, 3), Meeting.State.PUBLISHED, False),
    ]:
        item = item_build("4.1", f"Sag 9 den {date:%d.%m}", case_number="SAG-9", public=public)
        document = section_replace(document_build(meeting=MeetingInfo(date=date)), 3, items=(item,))
        meetings.append(
            meeting_create(state=state, sections=document.sections, meeting=document.meeting)
        )
    return tuple(meetings)


def test_a_case_page_lists_the_items_about_it_that_the_visitor_may_see(client):
    shown, draft, closed = shared_case_meetings()
    url = reverse("portal:case_detail", args=[Case.objects.get(number="SAG-9").pk])

    html = html_of(client, url)

    assert f'href="/moeder/{shown.pk}/punkter/4.1/">4.1. Sag 9 den 15.10</a>' in html
    assert f"/moeder/{draft.pk}/" not in html
    # A closed item's case number is closed content: the public is not told it is this case.
    assert f"/moeder/{closed.pk}/" not in html and "Lukket punkt" not in html
    client.force_login(member_create(body=shown.body))
    member = html_of(client, url)
    assert f"/moeder/{closed.pk}/punkter/4.1/" in member and "Lukket punkt</strong>" in member


def test_a_case_only_closed_items_are_about_does_not_exist_for_the_public(client):
    meeting = meeting_create(state=Meeting.State.PUBLISHED)
    case = Case.objects.get(number=CLOSED_CASE)
    url = reverse("portal:case_detail", args=[case.pk])
    assert client.get(url).status_code == 404
    client.force_login(member_create(body=meeting.body))
    assert CLOSED_CASE in html_of(client, url)


def test_the_meeting_page_links_case_numbers_to_the_case(client):
    meeting = meeting_create(state=Meeting.State.PUBLISHED)
    case = AgendaItem.objects.get(section__meeting=meeting, number="2.1").case
    html = html_of(client, reverse("portal:meeting_detail", args=[meeting.pk]))
    assert f'<a href="/sager/{case.pk}/">' in html


# -- the static export's contract ----------------------------------------------------------------


def portal_urls(meeting: Meeting) -> list[str]:
    case = AgendaItem.objects.get(section__meeting=meeting, number="2.1").case
    return [
        reverse("portal:body_list"),
        reverse("portal:body_detail", args=[meeting.body.slug]),
        reverse("portal:body_year", args=[meeting.body.slug, meeting.date.year]),
        reverse("portal:meeting_list"),
        reverse("portal:meeting_detail", args=[meeting.pk]),
        reverse("portal:item_detail", args=[meeting.pk, "2.1"]),
        reverse("portal:case_detail", args=[case.pk]),
    ]


def test_an_export_crawl_gets_no_login_box_and_no_forms(client):
    meeting = meeting_create(state=Meeting.State.MINUTES_PUBLISHED)
    for url in portal_urls(meeting):
        html = client.get(url, **{"dagsorden.export": True}).content.decode()
        assert "<form" not in html and "Log ind" not in html, url
        normal = html_of(client, url)
        assert "Log ind" in normal, url


def test_every_portal_link_is_root_relative(client):
    meeting = meeting_create(state=Meeting.State.MINUTES_PUBLISHED)
    external = {
        "https://example.org/fgu.pdf",
        "https://www.kl.dk/kkr/hovedstaden/a.pdf",
        "https://www.kl.dk/kkr/hovedstaden/b.pdf",
    }
    for url in portal_urls(meeting):
        html = client.get(url, **{"dagsorden.export": True}).content.decode()
        for href in re.findall(r'(?:href|src)="([^"]*)"', html):
            assert href.startswith(("/", "#")) or href in external, f"{url}: {href}"


def test_the_public_pages_set_no_cookies(client):
    meeting = meeting_create(state=Meeting.State.MINUTES_PUBLISHED)
    for url in portal_urls(meeting):
        response = client.get(url)
        assert response.status_code == 200 and not response.cookies, url
