"""``dagsorden send-alerts``: for cron. Safe to run as often as wanted, even overlapping."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from dagsorden.alerts.sending import alerts_send


class Command(BaseCommand):
    help = "Mail confirmed subscribers the agendas and minutes published since last time."

    def handle(self, *args, **options):
        summary = alerts_send()
        self.stdout.write(summary.line())
        if summary.failed:
            # Cron mails a non-zero exit to the operator; the rest was still sent.
            raise SystemExit(1)
