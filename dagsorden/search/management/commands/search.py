"""``dagsorden search "QUERY"``: what the portal's search finds, on the console.

By default as the public sees it; ``--as-user`` searches with that user's rights.
"""

from __future__ import annotations

import datetime as dt
import html
import json

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.core.management.base import BaseCommand, CommandError
from django.utils.html import strip_tags

from dagsorden.meetings.models import Meeting
from dagsorden.search.selectors import SearchFilters, search


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(f"not a date (YYYY-MM-DD): {value}") from exc


class Command(BaseCommand):
    help = "Søg i dagsordener og referater."

    def add_arguments(self, parser):
        parser.add_argument("query")
        parser.add_argument("--body", help="kun dette organ (slug)")
        parser.add_argument("--from", dest="date_from", type=_date, help="fra dato, YYYY-MM-DD")
        parser.add_argument("--to", dest="date_to", type=_date, help="til dato, YYYY-MM-DD")
        parser.add_argument("--type", dest="document", choices=Meeting.DocumentKind.values)
        parser.add_argument("--case", dest="case_number", help="kun punkter i denne sag")
        parser.add_argument("--as-user", help="søg med denne brugers rettigheder")
        parser.add_argument("--limit", type=int, default=20)
        parser.add_argument("--json", action="store_true", help="resultatet som JSON")

    def handle(self, *args, **options):
        user = AnonymousUser()
        if options["as_user"]:
            model = get_user_model()
            try:
                user = model.objects.get(**{model.USERNAME_FIELD: options["as_user"]})
            except model.DoesNotExist as exc:
                raise CommandError(f"no user {options['as_user']!r}") from exc
        filters = SearchFilters(
            body=options["body"],
            date_from=options["date_from"],
            date_to=options["date_to"],
            document=options["document"],
            case_number=options["case_number"],
        )
        result = search(user=user, query=options["query"], filters=filters, limit=options["limit"])
        if options["json"]:
            payload = {
                "query": result.query,
                "case_number": result.case_number,
                "total": result.total,
                "hits": [hit.to_dict() for hit in result.hits],
            }
            self.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2))
            return
        if not result.hits:
            self.stdout.write("Ingen resultater.")
            return
        for hit in result.hits:
            number = f" {hit.number}." if hit.number else ""
            self.stdout.write(f"{hit.date.isoformat()} {hit.body}{number} {hit.title}")
            self.stdout.write(f"    {html.unescape(strip_tags(hit.snippet))}")
            self.stdout.write(f"    {hit.url}")
