"""``dagsorden demo``: the demo installation that ``make run`` serves.

Safe to run again: everything is looked up before it is created, the agendas are
re-imported in place, and the three users get fresh passwords, printed each time.
"""

from __future__ import annotations

import datetime as dt
import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from dagsorden.bodies.models import Body, LegislativeTerm, Membership, Municipality, Party, Person
from dagsorden.importers.base import ImportFailed
from dagsorden.importers.registry import load
from dagsorden.lib.seeds import seed_agenda
from dagsorden.meetings.editing import meeting_create
from dagsorden.meetings.models import Meeting
from dagsorden.meetings.services import document_import

DEMO_AGENDA = (
    Path(__file__).resolve().parents[2] / "data" / "kkr-hovedstaden-2026-12-11-dagsorden.txt"
)
REGION = "Region Hovedstaden"
# The next meeting, built from the template as the secretariat would: a draft to work on.
DRAFT_DATE = dt.date(2027, 2, 5)

USERS = [
    # username, superuser, staff, what they are for
    ("admin", True, True, "administrator"),
    # Not staff: the admin knows no per-body rules, so the secretariat works in /sekretariat/.
    ("secretary", False, False, "sekretariatet for KKR Hovedstaden"),
    ("member", False, False, "medlem af KKR Hovedstaden"),
]


class Command(BaseCommand):
    help = (
        "Create the demo: KKR Hovedstaden with its 29 municipalities, the term 2022–2026, "
        "the seed agenda (when ../shared/seeds is there), a demo meeting and a draft meeting "
        "made from the agenda template, and the users admin, secretary (KKR's secretariat) "
        "and member (a member of KKR), whose new passwords are printed."
    )

    def handle(self, *args, **options):
        if settings.DJANGO_ENV == "production":
            raise CommandError(
                "dagsorden demo resets the admin password and adds demo data: "
                "it refuses to run with DJANGO_ENV=production"
            )
        municipalities = Municipality.objects.filter(region=REGION)
        if municipalities.count() != 29:
            raise CommandError(
                f"expected the 29 municipalities of {REGION}, found {municipalities.count()}: "
                "run `dagsorden migrate` first"
            )
        with transaction.atomic():
            body = self._body(municipalities)
            self._members(body)
        for path in [p for p in (seed_agenda(), DEMO_AGENDA) if p is not None]:
            self._import(path)
        if seed_agenda() is None:
            self.stdout.write(
                "(the seed agenda is not beside this checkout: imported the demo only)"
            )
        users = self._users()
        body = Body.objects.get(name="KKR Hovedstaden")
        self._roles(body, users)
        self._draft(body, by=users["secretary"])
        self.stdout.write("\nServe with `dagsorden runserver` and open http://127.0.0.1:8000/")

    def _body(self, municipalities) -> Body:
        body, _ = Body.objects.get_or_create(
            name="KKR Hovedstaden",
            defaults={"slug": "kkr-hovedstaden", "kind": Body.Kind.KKR},
        )
        body.municipalities.set(municipalities)
        self.stdout.write(f"{body.name}: {body.municipalities.count()} municipalities")
        return body

    def _members(self, body: Body) -> None:
        # KKR's term runs from the constituting meetings in January 2022 until the next
        # ones in January 2026, hence "2022–2026" as KL names it.
        term, _ = LegislativeTerm.objects.get_or_create(
            name="2022–2026", defaults={"start": dt.date(2022, 1, 1), "end": dt.date(2026, 1, 31)}
        )
        chair, _ = Person.objects.get_or_create(name="Steen Christiansen")
        Membership.objects.get_or_create(
            person=chair,
            body=body,
            term=term,
            defaults={
                "role": Membership.Role.FORMAND,
                "basis": Membership.Basis.BORN,
                "party": Party.objects.filter(letter="A").first(),
                "municipality": Municipality.objects.get(name="Albertslund"),
            },
        )
        self.stdout.write(f"term {term.name}: {term.memberships.filter(body=body).count()} members")

    def _import(self, path: Path) -> None:
        try:
            documents = load(path)
        except ImportFailed as failure:
            raise CommandError(str(failure)) from None
        for document in documents:
            meeting = document_import(document=document)
            items = sum(len(s.items) for s in document.sections)
            self.stdout.write(f"imported {path.name}: {meeting} ({items} items)")

    def _users(self) -> dict:
        User = get_user_model()
        users = {}
        self.stdout.write("\nUsers (passwords are new each time `dagsorden demo` runs):")
        for username, superuser, staff, purpose in USERS:
            password = secrets.token_urlsafe(12)
            user, _ = User.objects.get_or_create(username=username)
            user.is_superuser, user.is_staff = superuser, staff
            user.set_password(password)
            user.save()
            # Earlier demos gave the secretary admin permissions; take them back.
            user.user_permissions.clear()
            self.stdout.write(f"  {username:<10} {password}   ({purpose})")
            users[username] = user
        return users

    def _roles(self, body: Body, users: dict) -> None:
        body.secretaries.add(users["secretary"])
        # KKR's members are the mayors; the demo member sits for the current term, with no
        # end date, so they see sent agendas whenever the demo is run.
        person, _ = Person.objects.get_or_create(
            user=users["member"], defaults={"name": "Medlem (demo)"}
        )
        Membership.objects.get_or_create(
            person=person,
            body=body,
            end_date=None,
            defaults={"role": Membership.Role.MEDLEM, "basis": Membership.Basis.BORN},
        )

    def _draft(self, body: Body, *, by) -> None:
        if not Meeting.objects.filter(body=body, date=DRAFT_DATE).exists():
            meeting_create(body=body, date=DRAFT_DATE, start=dt.time(9, 30), by=by)
            self.stdout.write(f"created the draft meeting {DRAFT_DATE} from the template")
