"""The workflow panel, its POST, and the audit log page."""

import pytest
from django.contrib.messages import get_messages
from django.template import RequestContext, Template
from django.test import RequestFactory
from django.urls import reverse

from dagsorden.meetings.models import Meeting
from dagsorden.meetings.tests.factories import document_build
from dagsorden.meetings.tests.personas import (
    admin_create,
    body_create,
    meeting_create,
    member_create,
    secretary_create,
)
from dagsorden.meetings.workflow import meeting_advance

pytestmark = pytest.mark.django_db

S = Meeting.State


def panel(meeting, user) -> str:
    request = RequestFactory().get(f"/sekretariat/moeder/{meeting.pk}/")
    request.user = user
    template = Template("{% load workflow %}{% workflow_panel meeting %}")
    return template.render(RequestContext(request, {"meeting": meeting}))


def step(client, meeting, to_state, **data):
    url = reverse("staff:meeting_status", args=[meeting.pk])
    return client.post(url, {"to_state": to_state, "next": "/sekretariat/", **data})


def messages_of(response) -> list[str]:
    """The messages this response leaves for the next page."""
    return [str(m) for m in get_messages(response.wsgi_request)]


def last_message(response) -> str:
    return messages_of(response)[-1]


@pytest.fixture
def meeting():
    return meeting_create(state=S.DRAFT)


@pytest.fixture
def secretary(meeting):
    return secretary_create(body=meeting.body, first_name="Sara", last_name="Sekretær")


# -- the panel ------------------------------------------------------------------------------


def test_the_panel_shows_the_state_and_the_next_step(meeting, secretary):
    html = panel(meeting, secretary)
    assert '<strong class="state">Kladde</strong>' in html
    assert ">Godkend dagsordenen</button>" in html
    assert 'name="from_state" value="draft"' in html
    assert "Ingen trin endnu" in html
    assert "csrfmiddlewaretoken" in html


def test_the_panel_offers_reopening_an_approved_agenda(meeting, secretary):
    meeting_advance(meeting=meeting, to_state=S.APPROVED, by=secretary)
    html = panel(meeting, secretary)
    assert ">Send til medlemmerne</button>" in html
    assert ">Genåbn dagsordenen</button>" in html
    assert 'value="draft"' in html


def test_the_panel_shows_the_history_with_who_when_and_why(meeting, secretary):
    meeting_advance(meeting=meeting, to_state=S.APPROVED, by=secretary)
    meeting_advance(meeting=meeting, to_state=S.DRAFT, by=secretary, reason="Punkt 2.1 mangler")
    html = panel(meeting, secretary)
    assert "Sara Sekretær" in html
    assert "fra »Kladde« til »Godkendt«" in html and "fra »Godkendt« til »Kladde«" in html
    assert "Begrundelse: Punkt 2.1 mangler" in html
    assert "<time datetime=" in html


def test_the_panel_asks_for_a_reason_when_the_agenda_has_errors():
    meeting = meeting_create(state=S.APPROVED, sections=document_build().sections)
    html = panel(meeting, secretary_create(body=meeting.body))
    assert "Dagsordenen har 1 fejl." in html
    assert "Punkt 4.1: Punktet har et sagsnummer, men ingen Indstilling" in html
    assert '<label for="workflow-reason">Send alligevel med begrundelse</label>' in html
    assert '<textarea id="workflow-reason" name="reason" rows="3" required>' in html
    assert ">Send til medlemmerne</button>" not in html


def test_the_panel_has_no_buttons_for_someone_outside_the_secretariat(meeting):
    html = panel(meeting, secretary_create(body=body_create()))
    assert "<button" not in html and "Kladde" in html


def test_the_last_state_has_no_next_step():
    meeting = meeting_create(state=S.MINUTES_PUBLISHED)
    html = panel(meeting, admin_create())
    assert "Mødet har været alle trin igennem." in html and "<button" not in html


# -- the POST -------------------------------------------------------------------------------


def test_a_step_moves_the_meeting_and_says_so(client, meeting, secretary):
    client.force_login(secretary)
    response = step(client, meeting, S.APPROVED, from_state=S.DRAFT)

    assert response.status_code == 302 and response["Location"] == "/sekretariat/"
    assert Meeting.objects.get(pk=meeting.pk).state == S.APPROVED
    assert messages_of(response) == ["Mødet har nu status »Godkendt«."]


def test_a_skip_is_refused_with_a_message_and_changes_nothing(client, meeting, secretary):
    client.force_login(secretary)
    response = step(client, meeting, S.SENT)

    assert response.status_code == 302
    assert Meeting.objects.get(pk=meeting.pk).state == S.DRAFT
    [message] = messages_of(response)
    assert "fra »Kladde« til »Sendt til medlemmerne«" in message and "Intet er ændret" in message


def test_sending_with_errors_needs_a_reason(client):
    meeting = meeting_create(state=S.APPROVED, sections=document_build().sections)
    client.force_login(secretary_create(body=meeting.body))

    refused = step(client, meeting, S.SENT, reason="")
    assert "fandt 1 fejl" in messages_of(refused)[0]
    assert Meeting.objects.get(pk=meeting.pk).state == S.APPROVED

    sent = step(client, meeting, S.SENT, reason="Indstillingen eftersendes.")
    assert Meeting.objects.get(pk=meeting.pk).state == S.SENT
    assert last_message(sent) == "Mødet har nu status »Sendt til medlemmerne«."
    assert meeting.events.get().reason == "Indstillingen eftersendes."


def test_a_second_click_from_the_same_page_is_refused(client, meeting, secretary):
    client.force_login(secretary)
    step(client, meeting, S.APPROVED, from_state=S.DRAFT)
    again = step(client, meeting, S.APPROVED, from_state=S.DRAFT)

    assert "siden siden blev hentet" in last_message(again)
    assert meeting.events.count() == 1


def test_it_goes_back_to_the_meeting_page_without_a_safe_next(client, meeting, secretary):
    client.force_login(secretary)
    response = step(client, meeting, S.APPROVED, next="https://evil.example/")
    assert response["Location"] == reverse("staff:meeting", args=[meeting.pk])


def test_a_get_is_not_a_step(client, meeting, secretary):
    client.force_login(secretary)
    response = client.get(reverse("staff:meeting_status", args=[meeting.pk]))
    assert response.status_code == 405
    assert Meeting.objects.get(pk=meeting.pk).state == S.DRAFT


def test_an_unknown_meeting_is_404(client, secretary):
    client.force_login(secretary)
    response = client.post(reverse("staff:meeting_status", args=[999999]), {"to_state": "sent"})
    assert response.status_code == 404


# -- the audit log --------------------------------------------------------------------------


def test_the_log_shows_who_when_what_and_the_changes(client, meeting, secretary):
    meeting_advance(meeting=meeting, to_state=S.APPROVED, by=secretary)
    client.force_login(secretary)

    html = client.get(reverse("staff:audit_log")).content.decode()

    assert "<h1>Log</h1>" in html
    assert "Sara Sekretær" in html and "KKR Hovedstaden" in html
    assert "Status ændret: KKR Hovedstaden 2021-10-15" in html
    assert "status: Kladde → Godkendt" in html
    assert '<a href="/sekretariat/log/">Log</a>' in html


def test_the_secretariat_reads_only_its_own_bodies_entries(client, meeting, secretary):
    other = meeting_create(state=S.DRAFT, body="KKR Sjælland")
    meeting_advance(meeting=meeting, to_state=S.APPROVED, by=secretary)
    meeting_advance(meeting=other, to_state=S.APPROVED, by=None)

    client.force_login(secretary)
    mine = client.get(reverse("staff:audit_log")).content.decode()
    client.force_login(admin_create())
    everything = client.get(reverse("staff:audit_log")).content.decode()

    assert "KKR Hovedstaden 2021-10-15" in mine and "KKR Sjælland" not in mine
    assert "KKR Hovedstaden 2021-10-15" in everything and "KKR Sjælland 2021-10-15" in everything


def test_the_log_refuses_a_member_with_a_message(client, meeting):
    client.force_login(member_create(body=meeting.body))
    response = client.get(reverse("staff:audit_log"))
    assert response.status_code == 403
    assert "Loggen kan kun ses af sekretariatet" in response.content.decode()


def test_an_empty_log_says_so(client, secretary):
    client.force_login(secretary)
    assert (
        "Der er ingen ændringer i loggen endnu." in client.get("/sekretariat/log/").content.decode()
    )


def test_the_agenda_builder_page_carries_the_panel(client, meeting, secretary):
    client.force_login(secretary)
    html = client.get(reverse("staff:meeting", args=[meeting.pk])).content.decode()
    assert '<h2 id="workflow-heading">Status</h2>' in html
    assert ">Godkend dagsordenen</button>" in html
    assert f'name="next" value="/sekretariat/moeder/{meeting.pk}/"' in html
