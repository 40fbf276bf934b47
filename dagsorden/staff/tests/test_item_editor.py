"""The item editor: everything saved in one form, bad input refused next to its field, and
two people saving the same item at once."""

from __future__ import annotations

import html
import re

import pytest
from django.urls import reverse

from dagsorden.audit.models import AuditEntry
from dagsorden.cases.models import Case
from dagsorden.meetings.editing import item_values
from dagsorden.meetings.models import AgendaItem, Meeting, MeetingVersion
from dagsorden.meetings.tests.editing_factories import draft_create, items_add, kkr_create
from dagsorden.meetings.tests.personas import secretary_create
from dagsorden.meetings.versions import version_record

pytestmark = pytest.mark.django_db


@pytest.fixture
def kkr():
    return kkr_create()


@pytest.fixture
def secretary(kkr):
    return secretary_create(body=kkr, username="anne")


@pytest.fixture
def item(kkr, secretary):
    meeting = draft_create(body=kkr, by=secretary)
    (item,) = items_add(meeting, "3", "Trafik", by=secretary)
    return item


@pytest.fixture
def staff(client, secretary):
    client.force_login(secretary)
    return client


def text(response) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", response.content.decode())).split())


def form_data(item: AgendaItem, *, revision: int | None = None, **changes) -> dict:
    """What the editor's form posts for ``item``, with ``changes``; ``parts`` as pairs."""
    values = {**item_values(item), **changes}
    parts = [*values["parts"], ("", "")]  # the editor's empty extra row
    data = {
        "revision": item.revision if revision is None else revision,
        "title": values["title"],
        "case_number": values["case_number"],
        "handlers": " ".join(values["handlers"]),
        "links": "\n".join(values["links"]),
        "part-TOTAL_FORMS": len(parts),
        "part-INITIAL_FORMS": len(parts) - 1,
    }
    if not values["public"]:
        data["closed"] = "on"
    for n, (heading, part_text) in enumerate(parts):
        data[f"part-{n}-heading"] = heading
        data[f"part-{n}-text"] = part_text
    return data


def url(item) -> str:
    return reverse("staff:item", args=[item.pk])


def test_the_editor_shows_the_item_with_an_empty_extra_part_and_help(staff, item, secretary):
    # Suggested: the cases of the secretary's own bodies; another body's stay out.
    (other,) = items_add(item.section.meeting, "3", "Klima", by=secretary)
    AgendaItem.objects.filter(pk=other.pk).update(
        case=Case.objects.create(number="SAG-2027-00009", title="Trafikplan")
    )
    Case.objects.create(number="2012-28504", title="Ballerups sag")
    response = staff.get(url(item))
    page = response.content.decode()
    assert response.status_code == 200
    assert 'name="revision" value="1"' in page
    assert '<datalist id="sagsnumre">' in page and 'value="SAG-2027-00009"' in page
    assert "2012-28504" not in page
    for n, heading in enumerate(["Baggrund", "Indstilling", "Sagsfremstilling"]):
        assert f'name="part-{n}-heading" value="{heading}"' in page
    assert 'name="part-3-heading"' in page and 'name="part-3-text"' in page
    assert 'name="part-4-heading"' not in page
    words = text(response)
    assert "Nyt tekstafsnit" in words
    assert (
        "**fed**, *kursiv*, [linktekst](https://…)" in words and "| lodrette | streger |" in words
    )
    assert 'enctype="multipart/form-data"' in page
    assert "<script" not in page


def test_saving_stores_everything_and_returns_to_the_agenda(staff, item, secretary):
    data = form_data(
        item,
        title="Trafikplan 2027",
        case_number="SAG-2027-00001",
        handlers=["ssan", "nihj"],
        public=False,
        parts=[
            ("Baggrund", "KKR drøftede **trafik**."),
            ("Indstilling", "Det indstilles, at KKR godkender planen."),
            ("Sagsfremstilling", "Se | tabel |"),
        ],
        links=["https://kl.dk/plan"],
    )
    data["handlers"] = "ssan/nihj"
    data["part-3-heading"], data["part-3-text"] = "Økonomi", "Ingen udgifter."
    response = staff.post(url(item), data, follow=True)

    item = AgendaItem.objects.get(pk=item.pk)
    assert response.redirect_chain[-1][0].endswith(f"#punkt-{item.pk}")
    assert "Punkt 3.1 Trafikplan 2027 er gemt." in text(response)
    assert item.revision == 2
    assert item_values(item) == {
        "title": "Trafikplan 2027",
        "case_number": "SAG-2027-00001",
        "handlers": ["ssan", "nihj"],
        "public": False,
        "parts": [
            ["Baggrund", "KKR drøftede **trafik**."],
            ["Indstilling", "Det indstilles, at KKR godkender planen."],
            ["Sagsfremstilling", "Se | tabel |"],
            ["Økonomi", "Ingen udgifter."],
        ],
        "links": ["https://kl.dk/plan"],
    }
    assert AuditEntry.objects.get(action="item_update").user == secretary


def test_pasted_html_is_stored_as_text_marks(staff, item):
    data = form_data(item)
    data["part-0-text"] = "<p>Et <b>vigtigt</b> punkt</p>"
    staff.post(url(item), data)
    assert item_values(AgendaItem.objects.get(pk=item.pk))["parts"][0] == [
        "Baggrund",
        "Et **vigtigt** punkt",
    ]


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("part-1-text", "<script>alert(1)</script>", "HTML, som ikke er tilladt (<script>)"),
        ("part-1-text", '<img src=x onerror="alert(1)">', "HTML, som ikke er tilladt (onerror=)"),
        ("links", "javascript:alert(1)", '"javascript:alert(1)" er ikke en gyldig adresse'),
        ("links", "kl.dk/plan", '"kl.dk/plan" er ikke en gyldig adresse'),
        ("title", "", "Dette felt er påkrævet."),
        # Shown at the heading: that is the field to fill in.
        ("part-3-text", "Tekst uden overskrift", "Skriv en overskrift til teksten."),
    ],
)
def test_bad_input_is_refused_next_to_its_field(staff, item, field, value, message):
    before = item_values(item)
    data = form_data(item, title="Ny titel")
    data[field] = value
    response = staff.post(url(item), data)

    assert response.status_code == 400
    error_field = "part-3-heading" if field == "part-3-text" else field
    page = html.unescape(response.content.decode())
    errors = re.search(
        rf'<ul class="field-errors" id="id_{error_field}_error">(.*?)</ul>', page, re.S
    )
    assert errors and message in errors[1], field
    assert html.escape(value) in response.content.decode()  # what was typed is still there
    stored = AgendaItem.objects.get(pk=item.pk)
    assert (item_values(stored), stored.revision) == (before, 1)
    assert not AuditEntry.objects.filter(action="item_update").exists()


def test_two_editors_the_second_save_is_a_conflict_with_both_versions(client, staff, kkr, item):
    other = secretary_create(body=kkr, username="bent")
    client_b = type(client)()
    client_b.force_login(other)
    loaded_a, loaded_b = staff.get(url(item)), client_b.get(url(item))
    assert 'name="revision" value="1"' in loaded_a.content.decode()
    assert 'name="revision" value="1"' in loaded_b.content.decode()

    first = client_b.post(url(item), form_data(item, revision=1, title="Bents titel"))
    assert first.status_code == 302
    data = form_data(item, revision=1, title="Annes titel")
    data["part-0-text"] = "Annes baggrund, skrevet med omhu."
    second = staff.post(url(item), data)

    assert second.status_code == 409
    words = text(second)
    assert "Dine ændringer er ikke gemt." in words
    assert "bent gemte punktet" in words
    assert "Titel (forskellig) Bents titel Annes titel" in words
    assert "Baggrund (forskellig) (tom) Annes baggrund, skrevet med omhu." in words
    page = second.content.decode()
    assert 'name="revision" value="2"' in page
    assert "Annes baggrund, skrevet med omhu.</textarea>" in page
    assert 'value="Annes titel"' in page
    stored = AgendaItem.objects.get(pk=item.pk)
    assert (stored.title, stored.revision) == ("Bents titel", 2)

    # "Gem min version oven i den gemte" posts the same form with the stored revision.
    data["revision"] = 2
    saved = staff.post(url(item), data)
    assert saved.status_code == 302
    stored = AgendaItem.objects.get(pk=item.pk)
    assert (stored.title, stored.revision) == ("Annes titel", 3)
    assert item_values(stored)["parts"][0] == ["Baggrund", "Annes baggrund, skrevet med omhu."]


def test_after_sending_a_saved_edit_is_a_new_version(staff, item):
    meeting = item.section.meeting
    Meeting.objects.filter(pk=meeting.pk).update(state=Meeting.State.SENT)
    meeting.refresh_from_db()
    version_record(meeting=meeting, by=None, note="Udsendt")

    staff.post(url(item), form_data(item, title="Trafikplan"))

    versions = MeetingVersion.objects.filter(meeting=meeting).order_by("number")
    assert [(v.number, v.note) for v in versions] == [
        (1, "Udsendt"),
        (2, "Punkt 3.1 rettet: titel"),
    ]


def test_a_held_meeting_cannot_be_saved(staff, item):
    Meeting.objects.update(state=Meeting.State.HELD)
    response = staff.post(url(item), form_data(item, title="For sent"))
    assert response.status_code == 403
    assert "kan ikke længere ændres, fordi mødet er afholdt" in text(response)
    assert AgendaItem.objects.get(pk=item.pk).title == "Trafik"


def test_the_check_speaks_next_to_the_part_it_concerns(staff, item, secretary):
    data = form_data(item, case_number="SAG-2027-00001")
    data["part-0-text"] = "Her skrives baggrunden."
    staff.post(url(item), data)

    words = text(staff.get(url(item)))
    baggrund = words.split("Tekst: Baggrund")[1].split("Tekst: Indstilling")[0]
    assert "Fejl: Baggrund indeholder skabelontekst" in baggrund
    indstilling = words.split("Tekst: Indstilling")[1].split("Tekst: Sagsfremstilling")[0]
    assert "Fejl: Indstilling er tom" in indstilling
