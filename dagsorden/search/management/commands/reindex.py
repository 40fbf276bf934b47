"""``dagsorden reindex``: rebuild the search index from every meeting."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from dagsorden.search.services import index_rebuild


class Command(BaseCommand):
    help = "Genopbyg søgeindekset fra alle møder."

    def handle(self, *args, **options):
        meetings, rows = index_rebuild()
        self.stdout.write(f"Søgeindekset er genopbygget: {meetings} møder, {rows} dokumenter.")
