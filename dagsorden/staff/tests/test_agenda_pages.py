"""The start page, new meetings, the template editor and the agenda builder, as the
secretariat uses them: plain forms, no JavaScript."""

from __future__ import annotations

import datetime as dt
import html
import re

import pytest
from django.urls import reverse

from dagsorden.audit.models import AuditEntry
from dagsorden.meetings.editing import item_update, item_values, template_for
from dagsorden.meetings.models import AgendaItem, Meeting
from dagsorden.meetings.tests.editing_factories import draft_create, items_add, kkr_create
from dagsorden.meetings.tests.personas import secretary_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def kkr():
    return kkr_create()


@pytest.fixture
def secretary(kkr):
    return secretary_create(body=kkr, username="sekretaer")


@pytest.fixture
def meeting(kkr, secretary):
    return draft_create(body=kkr, by=secretary)


@pytest.fixture
def staff(client, secretary):
    client.force_login(secretary)
    return client


def text(response) -> str:
    """The page as a reader sees it: tags dropped, whitespace collapsed."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", response.content.decode())).split())


def numbers(meeting) -> list[tuple[str, str]]:
    return [
        (i.number, i.title)
        for i in AgendaItem.objects.filter(section__meeting=meeting).order_by(
            "section__order", "order"
        )
        if not i.number.startswith(("1.", "2.", "7."))
    ]


# -- start page and new meetings ------------------------------------------------------------


def test_the_start_page_offers_a_new_meeting_and_links_the_agendas(staff, meeting):
    response = staff.get(reverse("staff:home"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Nyt møde i KKR Hovedstaden" in text(response)
    assert reverse("staff:meeting_new", args=["kkr-hovedstaden"]) in page
    assert reverse("staff:body_template", args=["kkr-hovedstaden"]) in page
    assert f'href="{reverse("staff:meeting", args=[meeting.pk])}"' in page


def test_a_new_meeting_gets_the_template_and_opens_in_the_builder(staff, kkr, secretary):
    response = staff.post(
        reverse("staff:meeting_new", args=[kkr.slug]),
        {"date": "2027-04-09", "start": "09:30", "end": "12:00", "location": "Hillerød Rådhus"},
        follow=True,
    )
    meeting = Meeting.objects.get(date=dt.date(2027, 4, 9))
    assert response.redirect_chain[-1][0] == reverse("staff:meeting", args=[meeting.pk])
    assert (meeting.start, meeting.end, meeting.location) == (
        dt.time(9, 30),
        dt.time(12),
        "Hillerød Rådhus",
    )
    page = text(response)
    assert "Mødet 9. april 2027 er oprettet" in page
    assert "1.1 Godkendelse af referat" in page and "7.1 Eventuelt" in page
    assert AuditEntry.objects.filter(action="meeting_create", user=secretary).exists()


def test_a_taken_date_is_refused_next_to_the_date_field(staff, kkr, meeting):
    response = staff.post(
        reverse("staff:meeting_new", args=[kkr.slug]), {"date": meeting.date.isoformat()}
    )
    assert response.status_code == 400
    assert re.search(
        r'id="id_kkr-hovedstaden_date_error">\s*<li><strong>Fejl:</strong> KKR Hovedstaden har '
        r"allerede et møde 5. februar 2027",
        response.content.decode(),
    )
    assert Meeting.objects.count() == 1


def test_a_missing_date_is_refused(staff, kkr):
    response = staff.post(reverse("staff:meeting_new", args=[kkr.slug]), {"date": ""})
    assert response.status_code == 400
    assert "Fejl: Dette felt er påkrævet." in text(response)
    assert not Meeting.objects.exists()


# -- the template editor --------------------------------------------------------------------


def test_the_template_editor_shows_the_template_as_text(staff, kkr):
    response = staff.get(reverse("staff:body_template", args=[kkr.slug]))
    page = response.content.decode()
    assert "1. Godkendelse af referat og dagsorden\n   - Godkendelse af referat (referat)" in page
    assert 'value="Baggrund, Indstilling, Sagsfremstilling"' in page


def test_a_saved_template_is_what_the_next_meeting_gets(staff, kkr, secretary):
    response = staff.post(
        reverse("staff:body_template", args=[kkr.slug]),
        {
            "sections": "1. Dagsorden\n   - Godkendelse (referat)\n\n2. Sager\n",
            "parts": "Indstilling, Sagsfremstilling",
        },
        follow=True,
    )
    assert "Skabelonen for KKR Hovedstaden er gemt" in text(response)
    meeting = draft_create(body=kkr, by=secretary)
    assert [(i.number, i.title) for i in AgendaItem.objects.filter(section__meeting=meeting)] == [
        ("1.1", "Godkendelse")
    ]
    assert AuditEntry.objects.filter(action="template_update").count() == 1


def test_template_mistakes_are_shown_with_their_line_numbers(staff, kkr):
    before = template_for(body=kkr).sections
    response = staff.post(
        reverse("staff:body_template", args=[kkr.slug]),
        {"sections": "1. Sager\nSiden sidst\n1. Igen", "parts": "Baggrund"},
    )
    assert response.status_code == 400
    page = text(response)
    assert 'Fejl: Linje 2: "Siden sidst" er hverken et afsnit' in page
    assert "Fejl: Linje 3: afsnit 1 findes allerede" in page
    assert "Siden sidst\n1. Igen</textarea>" in response.content.decode()  # kept for fixing
    assert template_for(body=kkr).sections == before
    assert not AuditEntry.objects.filter(action="template_update").exists()


# -- the builder ------------------------------------------------------------------------------


def test_the_builder_shows_sections_items_and_actions(staff, meeting, secretary):
    trafik, _ = items_add(meeting, "3", "Trafik", "Klima", by=secretary)
    item_update(
        item=trafik,
        by=secretary,
        expected_revision=1,
        **{**item_values(trafik), "case_number": "SAG-2027-00001", "public": False},
    )
    response = staff.get(reverse("staff:meeting", args=[meeting.pk]))
    page = response.content.decode()
    assert response.status_code == 200
    assert '<h2 id="workflow-heading">Status</h2>' in page  # the workflow panel
    assert reverse("portal:meeting_detail", args=[meeting.pk]) in page
    words = text(response)
    assert "3. Regionalpolitiske sager" in words
    assert "3.1 Trafik SAG-2027-00001 Lukket punkt" in words
    assert "3.2 Klima" in words
    for action in ("item", "item_move", "item_delete"):
        assert reverse(f"staff:{action}", args=[trafik.pk]) in page
    assert "Flyt punkt 3.1 til afsnit" in words and "Tilføj punkt i afsnit 4" in words
    assert "<script" not in page


def test_lint_findings_stand_next_to_their_items_and_are_summed_up(staff, meeting, secretary):
    trafik, klima = items_add(meeting, "3", "Trafik", "Klima", by=secretary)
    # A case number and no recommendation is an error; an odd case number a warning.
    item_update(
        item=trafik,
        by=secretary,
        expected_revision=1,
        **{**item_values(trafik), "case_number": "SAG-2027-00001", "parts": []},
    )
    item_update(
        item=klima,
        by=secretary,
        expected_revision=1,
        **{
            **item_values(klima),
            "case_number": "sag 12",
            "parts": [("Indstilling", "Det indstilles, at KKR godkender planen.")],
        },
    )
    response = staff.get(reverse("staff:meeting", args=[meeting.pk]))
    words = text(response)
    assert "1 fejl og 1 advarsel" in words
    trafik_block = words.split("3.1 Trafik")[1].split("3.2 Klima")[0]
    assert "Fejl: Punktet har et sagsnummer, men ingen Indstilling" in trafik_block
    klima_block = words.split("3.2 Klima")[1].split("4. Udpegninger")[0]
    assert 'Advarsel: Sagsnummeret "sag 12"' in klima_block
    assert "Fejl:" not in klima_block


def test_a_clean_agenda_says_so(staff, meeting):
    assert "Ingen fejl eller advarsler." in text(
        staff.get(reverse("staff:meeting", args=[meeting.pk]))
    )


def test_adding_an_item_numbers_it_and_opens_its_editor(staff, meeting):
    section = meeting.sections.get(number="3")
    response = staff.post(reverse("staff:item_add", args=[section.pk]), {"title": "Trafik"})
    item = AgendaItem.objects.get(section=section)
    assert response.url == reverse("staff:item", args=[item.pk])
    assert item.number == "3.1"
    assert AuditEntry.objects.filter(action="item_create").count() == 1


def test_an_item_without_a_title_is_refused_next_to_the_field(staff, meeting):
    section = meeting.sections.get(number="3")
    response = staff.post(reverse("staff:item_add", args=[section.pk]), {"title": "  "})
    assert response.status_code == 400
    assert f'id="id_afsnit{section.pk}_title_error"' in response.content.decode()
    assert not AgendaItem.objects.filter(section=section).exists()


def test_up_down_and_to_another_section(staff, meeting, secretary):
    a, _b, c = items_add(meeting, "3", "A", "B", "C", by=secretary)
    three, five = meeting.sections.get(number="3"), meeting.sections.get(number="5")
    move = reverse("staff:item_move", args=[c.pk])

    response = staff.post(move, {"section": three.pk, "position": 2})
    assert response.url.endswith(f"#punkt-{c.pk}")
    assert numbers(meeting) == [("3.1", "A"), ("3.2", "C"), ("3.3", "B")]

    staff.post(reverse("staff:item_move", args=[a.pk]), {"section": three.pk, "position": 2})
    assert numbers(meeting) == [("3.1", "C"), ("3.2", "A"), ("3.3", "B")]

    response = staff.post(move, {"section": five.pk, "position": 1000}, follow=True)
    assert numbers(meeting) == [("3.1", "A"), ("3.2", "B"), ("5.1", "C")]
    assert "Punkt 3.1 er flyttet og er nu punkt 5.1." in text(response)
    assert AuditEntry.objects.filter(action="item_move").count() == 3


def test_delete_asks_first_then_deletes_and_renumbers(staff, meeting, secretary):
    a, _b = items_add(meeting, "3", "A", "B", by=secretary)
    url = reverse("staff:item_delete", args=[a.pk])

    confirm = staff.get(url)
    assert "Vil du slette punkt 3.1 »A«" in text(confirm)
    assert AgendaItem.objects.filter(pk=a.pk).exists()

    response = staff.post(url, follow=True)
    assert "Punkt 3.1 A er slettet" in text(response)
    assert numbers(meeting) == [("3.1", "B")]
    assert AuditEntry.objects.filter(action="item_delete").count() == 1


def test_the_minutes_item_links_to_the_previous_meeting(staff, kkr, secretary, meeting):
    later = draft_create(body=kkr, by=secretary, date=dt.date(2027, 4, 9))
    response = staff.get(reverse("staff:meeting", args=[later.pk]))
    assert "Godkender referatet af mødet 5. februar 2027" in text(response)
    assert reverse("portal:meeting_detail", args=[meeting.pk]) in response.content.decode()
