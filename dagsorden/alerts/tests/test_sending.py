"""``send-alerts``: who gets which mail, once."""

import datetime as dt
from io import StringIO
from unittest import mock

import pytest
from django.core import mail
from django.core.management import call_command

from dagsorden.alerts import sending, services
from dagsorden.alerts.models import Delivery, Subscription
from dagsorden.alerts.tests.conftest import CONFIRMED, publish
from dagsorden.meetings.models import Meeting
from dagsorden.meetings.tests.personas import body_create, meeting_create, secretary_create
from dagsorden.meetings.workflow import meeting_advance
from dagsorden.search.tests.conftest import document, item

pytestmark = pytest.mark.django_db

State = Meeting.State
AGENDA_AT = dt.datetime(2021, 10, 8, 9, tzinfo=dt.UTC)
MINUTES_AT = dt.datetime(2021, 10, 22, 9, tzinfo=dt.UTC)


def sent_meeting() -> Meeting:
    return meeting_create(state=State.SENT)


def test_subscribing_sends_only_a_confirmation_until_confirmed(site):
    meeting = sent_meeting()
    subscription = services.subscribe(email="borger@example.dk", body=meeting.body)

    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject == "Bekræft dit abonnement"
    assert mail.outbox[0].to == ["borger@example.dk"]
    publish(meeting, State.PUBLISHED, AGENDA_AT)
    mail.outbox.clear()

    assert sending.alerts_send().mails == 0
    assert mail.outbox == []
    assert not Delivery.objects.filter(subscription=subscription).exists()


def test_a_published_agenda_is_mailed_once(subscriber):
    meeting = sent_meeting()
    subscriber(body=meeting.body)
    secretary = secretary_create(body=meeting.body)

    meeting_advance(meeting=meeting, to_state=State.PUBLISHED, by=secretary)
    first = sending.alerts_send()
    second = sending.alerts_send()

    assert (first.mails, first.subscribers, second.mails) == (1, 1, 0)
    [message] = mail.outbox
    assert message.subject == "Ny dagsorden: KKR Hovedstaden 15. oktober 2021"
    assert message.to == ["borger@example.dk"]
    assert f"http://testserver/moeder/{meeting.pk}/" in message.body
    assert "1.1. Godkendelse af referat" in message.body


def test_the_mail_names_a_closed_item_as_the_portal_does(subscriber):
    meeting = sent_meeting()
    subscriber(body=meeting.body)
    publish(meeting, State.PUBLISHED, AGENDA_AT)

    sending.alerts_send()

    [message] = mail.outbox
    assert "2.2. Lukket punkt" in message.body
    assert "Udpegning til bestyrelse" not in message.body


def test_the_mail_carries_a_one_click_unsubscribe(subscriber):
    meeting = sent_meeting()
    subscription = subscriber(body=meeting.body)
    publish(meeting, State.PUBLISHED, AGENDA_AT)

    sending.alerts_send()

    [message] = mail.outbox
    url = f"http://testserver/abonnement/afmeld/{subscription.token}/"
    assert message.extra_headers["List-Unsubscribe"] == f"<{url}>"
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert url in message.body


def test_minutes_published_later_send_a_second_mail(subscriber):
    meeting = sent_meeting()
    subscriber(body=meeting.body)
    publish(meeting, State.PUBLISHED, AGENDA_AT)
    sending.alerts_send()

    publish(meeting, State.HELD, MINUTES_AT)
    assert sending.alerts_send().mails == 0
    publish(meeting, State.MINUTES_PUBLISHED, MINUTES_AT)
    assert sending.alerts_send().mails == 1

    assert [m.subject for m in mail.outbox] == [
        "Ny dagsorden: KKR Hovedstaden 15. oktober 2021",
        "Nyt referat: KKR Hovedstaden 15. oktober 2021",
    ]


def test_an_unpublished_meeting_is_never_mailed(subscriber):
    meeting = sent_meeting()
    subscriber(body=meeting.body)

    assert sending.alerts_send().mails == 0
    assert mail.outbox == []


def test_what_was_published_before_confirming_is_not_mailed(subscriber):
    meeting = sent_meeting()
    subscriber(body=meeting.body)
    publish(meeting, State.PUBLISHED, CONFIRMED - dt.timedelta(days=1))

    assert sending.alerts_send().mails == 0


def test_another_bodys_publications_are_not_mailed(subscriber):
    meeting = sent_meeting()
    subscriber(body=body_create("Andet udvalg"))
    publish(meeting, State.PUBLISHED, AGENDA_AT)

    assert sending.alerts_send().mails == 0


def test_a_saved_search_mails_only_matching_publications(subscriber, imported):
    imported(document(item("1", "Ny cykelsti langs havnen", "Anlæg af cykelsti.")))
    other = imported(
        document(item("1", "Budget for skoler", "Skolebudget."), date=dt.date(2021, 11, 5))
    )
    subscriber(query="cykelsti")
    subscriber(email="skole@example.dk", query="skolebudget", body=other.body)

    summary = sending.alerts_send()

    assert summary.mails == 2
    by_address = {m.to[0]: m for m in mail.outbox}
    assert by_address["borger@example.dk"].subject == (
        "Ny dagsorden: KKR Hovedstaden 15. oktober 2021"
    )
    assert by_address["skole@example.dk"].subject == (
        "Ny dagsorden: KKR Hovedstaden 5. november 2021"
    )
    assert "søgningen »cykelsti«" in by_address["borger@example.dk"].body


def test_a_saved_search_with_no_match_sends_nothing(subscriber, imported):
    imported(document(item("1", "Ny cykelsti langs havnen", "Anlæg af cykelsti.")))
    subscriber(query="vindmøller")

    assert sending.alerts_send().mails == 0


def test_a_row_claimed_by_another_run_is_skipped(subscriber):
    meeting = sent_meeting()
    subscription = subscriber(body=meeting.body)
    publish(meeting, State.PUBLISHED, AGENDA_AT)
    publication = sending.Publication(meeting, Meeting.DocumentKind.AGENDA, AGENDA_AT)
    Delivery.objects.create(subscription=subscription, meeting=meeting, document="agenda")

    assert sending._deliver(subscription, publication, connection=None) is False
    assert mail.outbox == []


def test_a_failed_send_is_retried_next_run(subscriber):
    meeting = sent_meeting()
    subscriber(body=meeting.body)
    publish(meeting, State.PUBLISHED, AGENDA_AT)

    with mock.patch("django.core.mail.EmailMessage.send", side_effect=OSError("nede")):
        failed = sending.alerts_send()
    retried = sending.alerts_send()

    assert (failed.mails, failed.failed, retried.mails) == (0, 1, 1)
    assert Delivery.objects.count() == 1


def test_the_command_prints_a_summary(subscriber):
    meeting = sent_meeting()
    subscriber(body=meeting.body)
    publish(meeting, State.PUBLISHED, AGENDA_AT)
    out = StringIO()

    call_command("send_alerts", stdout=out)

    assert out.getvalue().strip() == "send-alerts: 1 mail(s) sendt til 1 abonnent(er), 0 fejlet."
    assert Subscription.objects.count() == 1
