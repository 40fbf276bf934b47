"""The secretariat's minutes pages, as the secretary (and everyone else) meets them."""

import datetime as dt

import pytest
from django.urls import reverse

from dagsorden.bodies.models import Membership, Party, Person
from dagsorden.documents import format as fmt
from dagsorden.meetings.models import AgendaItem, Attendance, ItemNote, Meeting
from dagsorden.meetings.tests.factories import item_build
from dagsorden.meetings.tests.personas import meeting_create, persona_create, secretary_create

pytestmark = pytest.mark.django_db

State = Meeting.State


def seat_create(body, name, *, role="medlem", party=None, substitute=None):
    if party is not None:
        party, _ = Party.objects.get_or_create(name=party, defaults={"letter": party[0]})
    return Membership.objects.create(
        person=Person.objects.create(name=name),
        body=body,
        role=role,
        basis=Membership.Basis.BORN,
        party=party,
        substitute=substitute,
    )


@pytest.fixture
def meeting():
    """Held, no attendance yet; the body has a chair with a substitute and a member."""
    meeting = meeting_create(state=State.HELD, attendance=fmt.Attendance())
    substitute = Person.objects.create(name="Signe Stedfortræder")
    seat_create(
        meeting.body, "Steen Christiansen", role="formand", party="A", substitute=substitute
    )
    seat_create(meeting.body, "Bo Berg")
    return meeting


@pytest.fixture
def secretary(client, meeting):
    user = secretary_create(body=meeting.body)
    client.force_login(user)
    return user


def page_url(meeting):
    return reverse("staff:minutes", args=[meeting.pk])


def item_of(meeting, number="1.2") -> AgendaItem:
    return AgendaItem.objects.get(section__meeting=meeting, number=number)


def fetch(client, meeting):
    return client.post(reverse("staff:minutes_attendance_fetch", args=[meeting.pk]), follow=True)


def text_of(response) -> str:
    return response.content.decode()


# -- attendance ----------------------------------------------------------------------------


def test_hent_medlemmer_lists_the_members_chair_first(client, secretary, meeting):
    html = text_of(fetch(client, meeting))
    assert "2 medlemmer er tilføjet til fremmødet." in html
    assert html.index("<legend>Steen Christiansen (A), Formand, borgmester</legend>") < html.index(
        "<legend>Bo Berg, Borgmester</legend>"
    )
    assert "Stedfortræder deltog: Signe Stedfortræder" in html
    assert "Alle organets medlemmer står allerede på fremmødet." in text_of(fetch(client, meeting))


def test_attendance_is_saved_with_a_substitute_and_a_reason(client, secretary, meeting):
    fetch(client, meeting)
    steen, bo = meeting.attendance.order_by("order")
    response = client.post(
        reverse("staff:minutes_attendance", args=[meeting.pk]),
        {
            f"status_{steen.pk}": "substitute",
            f"reason_{steen.pk}": "",
            f"status_{bo.pk}": "absent",
            f"reason_{bo.pk}": "Sygdom",
        },
        follow=True,
    )
    html = text_of(response)
    assert "Fremmødet er gemt." in html
    assert "Stedfortræder til stede: Signe Stedfortræder" in html
    assert 'value="Sygdom"' in html
    assert [(r.name, r.present, r.reason, r.substitute_for) for r in meeting.attendance.all()] == [
        ("Steen Christiansen", False, "Stedfortræder deltog", None),
        ("Signe Stedfortræder", True, None, "Steen Christiansen"),
        ("Bo Berg", False, "Sygdom", None),
    ]


def test_a_reason_for_a_present_member_is_shown_at_the_row_and_nothing_is_saved(
    client, secretary, meeting
):
    fetch(client, meeting)
    steen, bo = meeting.attendance.order_by("order")
    response = client.post(
        reverse("staff:minutes_attendance", args=[meeting.pk]),
        {
            f"status_{steen.pk}": "absent",
            f"status_{bo.pk}": "present",
            f"reason_{bo.pk}": "Afbud",
        },
    )
    html = text_of(response)
    assert response.status_code == 400
    fieldset = html[html.index("<legend>Bo Berg") :]
    assert "Bo Berg er markeret som til stede, men der står en fraværsgrund." in fieldset
    assert all(row.present for row in meeting.attendance.all())


# -- decisions and notes -------------------------------------------------------------------


def test_a_decision_and_notes_are_saved_and_shown(client, secretary, meeting):
    fetch(client, meeting)
    item = item_of(meeting)
    steen = Person.objects.get(name="Steen Christiansen")

    response = client.post(
        reverse("staff:minutes_decision", args=[meeting.pk, item.pk]),
        {"decision": "KKR godkendte indstillingen.", "revision": item.revision},
        follow=True,
    )
    assert "Beslutningen til punkt 1.2 er gemt." in text_of(response)
    assert "KKR godkendte indstillingen.</textarea>" in text_of(response)

    add = reverse("staff:minutes_note_add", args=[meeting.pk, item.pk])
    client.post(add, {"person": steen.pk, "text": ""})
    html = text_of(client.post(add, {"person": "", "text": "Punktet blev udsat."}, follow=True))
    assert "Bemærkningen til punkt 1.2 er tilføjet." in html
    assert "Steen Christiansen (A) deltog ikke i behandlingen af dette punkt." in html
    assert "Punktet blev udsat." in html

    note = ItemNote.objects.get(text="Punktet blev udsat.")
    client.post(reverse("staff:minutes_note_delete", args=[meeting.pk, note.pk]))
    assert list(item.notes.values_list("text", flat=True)) == [
        "Steen Christiansen (A) deltog ikke i behandlingen af dette punkt."
    ]


def test_an_empty_note_is_refused_next_to_the_field(client, secretary, meeting):
    item = item_of(meeting)
    response = client.post(
        reverse("staff:minutes_note_add", args=[meeting.pk, item.pk]), {"person": "", "text": ""}
    )
    assert response.status_code == 400
    assert "Skriv en bemærkning, eller vælg en deltager." in text_of(response)
    assert not ItemNote.objects.exists()


def test_a_decision_saved_from_an_old_page_shows_both_texts(client, secretary, meeting):
    item = item_of(meeting)
    url = reverse("staff:minutes_decision", args=[meeting.pk, item.pk])
    client.post(url, {"decision": "Godkendt.", "revision": item.revision})

    response = client.post(url, {"decision": "Udsat.", "revision": item.revision})

    html = text_of(response)
    assert response.status_code == 400
    assert "er ændret af en anden" in html
    assert "Gemt af en anden:" in html and "<p>Godkendt.</p>" in html
    assert "Udsat.</textarea>" in html
    item.refresh_from_db()
    assert item.decision == "Godkendt."


# -- locked minutes ------------------------------------------------------------------------


def test_approved_minutes_are_shown_read_only_with_decisions_and_notes(client):
    meeting = meeting_create(state=State.MINUTES_APPROVED)
    client.force_login(secretary_create(body=meeting.body))
    ItemNote.objects.create(item=item_of(meeting, "1.1"), text="Åse Ærø forlod mødet.")

    html = text_of(client.get(page_url(meeting)))

    assert "Referatet er godkendt og kan ikke længere ændres (status: Referat godkendt)." in html
    assert "Åse Ærø forlod mødet." in html
    assert "<p>Godkendt.</p>" in html  # item 1.1's decision
    assert "Steen Christiansen (A), formand:" in " ".join(html.split())
    assert "<textarea" not in html and "Hent medlemmer" not in html


@pytest.mark.parametrize("state", [State.PUBLISHED, State.MINUTES_PUBLISHED])
def test_a_change_to_locked_minutes_is_refused_with_a_message(client, state):
    meeting = meeting_create(state=state)
    client.force_login(secretary_create(body=meeting.body))
    item = item_of(meeting)

    response = client.post(
        reverse("staff:minutes_decision", args=[meeting.pk, item.pk]),
        {"decision": "Ændret.", "revision": item.revision},
        follow=True,
    )

    assert response.redirect_chain[-1][0] == page_url(meeting)
    assert "Referatet" in text_of(response) and "(status: " in text_of(response)
    item.refresh_from_db()
    assert item.decision is None


# -- carrying items forward ----------------------------------------------------------------


def test_items_are_carried_to_the_next_draft_once(client):
    sections = (
        fmt.Section(
            number="6",
            title="Punkter til næste møde",
            items=(item_build("6.1", "Budget 2023"),),
        ),
    )
    held = meeting_create(state=State.HELD, sections=sections)
    client.force_login(secretary_create(body=held.body))
    following = meeting_create(
        state=State.DRAFT,
        meeting=fmt.MeetingInfo(date=dt.date(2021, 12, 10)),
        sections=(fmt.Section(number="3", title="Regionalpolitiske sager"),),
    )
    target = following.sections.get()
    url = reverse("staff:minutes_carry_forward", args=[held.pk])

    page = text_of(client.get(page_url(held)))
    assert "Mødet 10. december 2021" in page and "3. Regionalpolitiske sager" in page

    html = text_of(client.post(url, {"section": target.pk}, follow=True))
    assert "1 punkt er ført videre til mødet 10. december 2021: 3.1 Budget 2023." in html
    assert "ført videre til mødet 10. december 2021 som punkt 3.1" in html

    again = client.post(url, {"section": target.pk})
    assert again.status_code == 400
    assert "er allerede ført videre" in text_of(again)
    assert target.items.count() == 1


# -- who may --------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["member", "other_secretary", "anonymous"])
def test_only_the_secretariat_may_open_or_change_the_minutes(client, meeting, persona):
    if persona == "other_secretary":
        user = secretary_create(body=meeting_create(body="KKR Sjælland").body)
    else:
        user = persona_create(persona, body=meeting.body)
    if persona != "anonymous":
        client.force_login(user)
    item = item_of(meeting)
    requests = [
        client.get(page_url(meeting)),
        client.post(reverse("staff:minutes_attendance_fetch", args=[meeting.pk])),
        client.post(
            reverse("staff:minutes_decision", args=[meeting.pk, item.pk]),
            {"decision": "Ændret.", "revision": item.revision},
        ),
        client.post(
            reverse("staff:minutes_note_add", args=[meeting.pk, item.pk]),
            {"person": "", "text": "Ny."},
        ),
    ]
    for response in requests:
        if persona == "anonymous":
            assert response.status_code == 302
            assert response["Location"].startswith(reverse("login"))
        else:
            assert response.status_code == 403
            assert "Du har ikke adgang til referatet for KKR Hovedstaden" in text_of(response)
    item.refresh_from_db()
    assert item.decision is None
    assert not Attendance.objects.filter(meeting=meeting).exists()
    assert not ItemNote.objects.exists()
