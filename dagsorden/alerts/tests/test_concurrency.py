"""Two ``send-alerts`` at once (cron overlapping a slow run) send each mail once.

Needs real concurrent connections, so PostgreSQL only: SQLite's test database is one
in-memory file a second thread cannot share.
"""

import threading

import pytest
from django.core import mail
from django.db import connection, connections

from dagsorden.alerts import sending
from dagsorden.alerts.models import Delivery
from dagsorden.alerts.tests.conftest import publish
from dagsorden.alerts.tests.test_sending import AGENDA_AT
from dagsorden.meetings.models import Meeting
from dagsorden.meetings.tests.personas import meeting_create

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL"),
]


def test_overlapping_runs_send_each_publication_once(subscriber):
    meeting = meeting_create(state=Meeting.State.SENT)
    for n in range(5):
        subscriber(email=f"borger{n}@example.dk", body=meeting.body)
    publish(meeting, Meeting.State.PUBLISHED, AGENDA_AT)
    start = threading.Barrier(2)
    results = []

    def run():
        try:
            start.wait()
            results.append(sending.alerts_send())
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sum(r.mails for r in results) == 5
    assert sorted(m.to[0] for m in mail.outbox) == [f"borger{n}@example.dk" for n in range(5)]
    assert Delivery.objects.count() == 5
