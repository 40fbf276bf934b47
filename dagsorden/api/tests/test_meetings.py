"""Meetings, items, cases and attachments as the public sees them through the API."""

from __future__ import annotations

import pytest

from dagsorden.cases.models import Attachment, Case
from dagsorden.meetings.models import AgendaItem
from dagsorden.meetings.tests.personas import admin_create

pytestmark = pytest.mark.django_db

API = "/api/v1"


def item_of(meeting, number: str) -> AgendaItem:
    return AgendaItem.objects.get(section__meeting=meeting, number=number)


def test_the_list_has_published_meetings_only_in_id_order(client, meetings):
    data = client.get(f"{API}/meetings").json()
    ids = [m["id"] for m in data["results"]]
    published = [meetings[k].pk for k in ("minutes", "agenda", "other")]
    assert ids == sorted(published)
    assert data["count"] == 3 and data["next"] is None and data["previous"] is None


def test_an_unpublished_meeting_is_404_like_an_unknown_one(client, meetings):
    for meeting_id in (meetings["sent"].pk, 999_999, 2**63, 10**30, -1, 0):
        response = client.get(f"{API}/meetings/{meeting_id}")
        assert response.status_code == 404, meeting_id
        assert response.json() == {"detail": "Mødet findes ikke."}


def test_an_id_that_is_no_number_is_a_json_error(client, meetings):
    response = client.get(f"{API}/meetings/abc")
    assert response.status_code == 422
    assert "detail" in response.json()


def test_pagination_follows_next_links(client, meetings):
    first = client.get(f"{API}/meetings?limit=2").json()
    assert len(first["results"]) == 2 and first["count"] == 3
    assert first["next"] == "http://testserver/api/v1/meetings?limit=2&offset=2"
    second = client.get(first["next"]).json()
    assert [m["id"] for m in first["results"] + second["results"]] == sorted(
        meetings[k].pk for k in ("minutes", "agenda", "other")
    )
    assert second["next"] is None
    assert second["previous"] == "http://testserver/api/v1/meetings?limit=2&offset=0"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("body=kkr-sjaelland", ["other"]),
        ("date_from=2021-10-16", ["agenda", "other"]),
        ("date_to=2021-10-16", ["minutes"]),
        ("date_from=2021-10-16&date_to=2021-10-31", ["other"]),
        ("modified_since=2999-01-01T00:00:00", []),
        ("modified_since=2000-01-01T00:00:00Z", ["minutes", "agenda", "other"]),
    ],
)
def test_filters(client, meetings, query, expected):
    data = client.get(f"{API}/meetings?{query}").json()
    assert [m["id"] for m in data["results"]] == sorted(meetings[k].pk for k in expected)


def test_the_body_filter_takes_an_id_and_refuses_an_unknown_body(client, meetings):
    body = meetings["other"].body
    data = client.get(f"{API}/meetings?body={body.pk}").json()
    assert [m["id"] for m in data["results"]] == [meetings["other"].pk]
    response = client.get(f"{API}/meetings?body=ingen-saadan")
    assert response.status_code == 404
    assert response.json() == {"detail": "Organet 'ingen-saadan' findes ikke."}


def test_a_meeting_shows_closed_items_with_the_neutral_title_only(client, meetings):
    data = client.get(f"{API}/meetings/{meetings['minutes'].pk}").json()
    items = {i["number"]: i for s in data["sections"] for i in s["items"]}
    closed = items["2.2"]
    assert closed["title"] == "Lukket punkt" and closed["public"] is False
    assert closed["case"] is None
    assert items["2.1"]["case"]["number"] == "SAG-2021-21"
    assert data["document"] == "minutes" and data["attendance"]


def test_a_closed_item_has_no_parts_decision_or_attachments(client, meetings):
    item = item_of(meetings["minutes"], "2.2")
    data = client.get(f"{API}/items/{item.pk}").json()
    assert data["title"] == "Lukket punkt"
    assert data["parts"] == [] and data["decision"] is None and data["attachments"] == []
    assert "Udpegning" not in str(data) and "2011-29298" not in str(data)


def test_an_item_in_published_minutes_has_its_decision(client, meetings):
    data = client.get(f"{API}/items/{item_of(meetings['minutes'], '1.1').pk}").json()
    assert data["decision"] == "Godkendt."
    assert [p["heading"] for p in data["parts"]] == ["Baggrund", "Indstilling"]


def test_an_agenda_not_yet_minuted_hides_decisions_and_attendance(client, meetings):
    data = client.get(f"{API}/items/{item_of(meetings['agenda'], '1.1').pk}").json()
    assert data["decision"] is None
    meeting = client.get(f"{API}/meetings/{meetings['agenda'].pk}").json()
    assert meeting["document"] == "agenda" and meeting["attendance"] == []


def test_an_item_of_an_unpublished_meeting_is_404(client, meetings):
    response = client.get(f"{API}/items/{item_of(meetings['sent'], '1.1').pk}")
    assert response.status_code == 404
    assert client.get(f"{API}/items/{2**64}").status_code == 404


def test_attachments_public_ones_only_with_the_portal_download(client, meetings):
    item = item_of(meetings["minutes"], "2.1")
    Attachment.objects.filter(item=item, title="Notat om FGU").update(file="attachments/fgu.pdf")
    data = client.get(f"{API}/items/{item.pk}").json()
    titles = [a["title"] for a in data["attachments"]]
    assert titles == ["Notat om FGU", "Tidsplan kan rekvireres"]
    notat = data["attachments"][0]
    assert notat["download_url"] == f"http://testserver/bilag/{notat['id']}/"
    assert client.get(f"{API}/attachments/{notat['id']}").json() == notat
    closed = Attachment.objects.get(item=item, title="Fortroligt bilag")
    assert client.get(f"{API}/attachments/{closed.pk}").status_code == 404
    closed_item = Attachment.objects.filter(item__section__meeting=meetings["sent"]).first()
    assert client.get(f"{API}/attachments/{closed_item.pk}").status_code == 404


def test_cases_list_only_cases_of_open_published_items(client, meetings):
    numbers = [c["number"] for c in client.get(f"{API}/cases").json()["results"]]
    assert "SAG-2021-21" in numbers and "2011-29298" not in numbers
    closed = Case.objects.get(number="2011-29298")
    assert client.get(f"{API}/cases/{closed.pk}").status_code == 404
    assert client.get(f"{API}/cases/{2**63}").status_code == 404


def test_a_case_lists_its_published_items_across_meetings(client, meetings):
    # Items 1.1 and 4.1 share the case in every meeting; the sent meeting is left out.
    case = Case.objects.get(number="SAG-2021-11")
    data = client.get(f"{API}/cases/{case.pk}").json()
    rows = [(i["meeting"]["id"], i["number"], i["decision"]) for i in data["items"]]
    minutes, other, agenda = (meetings[k].pk for k in ("minutes", "other", "agenda"))
    assert rows == [
        (minutes, "1.1", "Godkendt."),
        (minutes, "4.1", None),
        (other, "1.1", None),
        (other, "4.1", None),
        (agenda, "1.1", None),
        (agenda, "4.1", None),
    ]


def test_etag_gives_304_and_changes_with_the_content(client, meetings):
    url = f"{API}/meetings/{meetings['agenda'].pk}"
    first = client.get(url)
    etag = first["ETag"]
    assert first["Last-Modified"]
    assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert client.get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]).status_code == 304
    item = item_of(meetings["agenda"], "1.1")
    item.title = "Ny titel"
    item.save()
    again = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 200 and again["ETag"] != etag


def test_lists_have_an_etag_too(client, meetings):
    first = client.get(f"{API}/meetings")
    assert client.get(f"{API}/meetings", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304


def test_a_logged_in_secretary_still_gets_the_public_view(client, meetings):
    # Roles through a session cookie are not the API's: its answers are the same for all.
    client.force_login(admin_create())
    assert client.get(f"{API}/meetings/{meetings['sent'].pk}").status_code == 404
    item = item_of(meetings["minutes"], "2.2")
    assert client.get(f"{API}/items/{item.pk}").json()["title"] == "Lukket punkt"


def test_lists_and_details_cost_a_fixed_number_of_queries(
    client, meetings, django_assert_max_num_queries
):
    with django_assert_max_num_queries(3):
        client.get(f"{API}/meetings")
    with django_assert_max_num_queries(8):
        client.get(f"{API}/meetings/{meetings['minutes'].pk}")
    with django_assert_max_num_queries(4):
        client.get(f"{API}/items/{item_of(meetings['minutes'], '2.1').pk}")


@pytest.mark.parametrize(
    "query",
    [
        "modified_since=0.5",
        "modified_since=0001-01-01T00:00:00%2B01:00",
        "modified_since=9999-12-31T23:59:59-01:00",
        "date_from=12345",
        "limit=0",
        "limit=101",
        "offset=-1",
    ],
)
def test_bad_filters_are_422_with_a_message(client, meetings, query):
    response = client.get(f"{API}/meetings?{query}")
    assert response.status_code == 422
    assert response.json()["detail"]
