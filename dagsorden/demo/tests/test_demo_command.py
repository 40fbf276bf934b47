"""``dagsorden demo`` builds what ``make run`` serves, and can run again."""

import re
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from dagsorden.bodies.models import Body, LegislativeTerm
from dagsorden.lib.seeds import seed_agenda
from dagsorden.meetings.models import AgendaItem, Meeting

pytestmark = pytest.mark.django_db


def demo() -> dict[str, str]:
    out = StringIO()
    call_command("demo", stdout=out)
    return dict(re.findall(r"^  (admin|secretary|member)\s+(\S+)", out.getvalue(), re.MULTILINE))


def login_works(username: str, password: str) -> bool:
    return get_user_model().objects.get(username=username).check_password(password)


def test_it_builds_the_demo_and_prints_working_passwords():
    passwords = demo()

    body = Body.objects.get(name="KKR Hovedstaden")
    assert body.kind == Body.Kind.KKR
    assert body.municipalities.count() == 29
    assert LegislativeTerm.objects.filter(name="2022–2026").exists()
    dates = {m.date.isoformat() for m in Meeting.objects.filter(body=body)}
    assert "2026-12-11" in dates
    if seed_agenda() is not None:
        assert "2021-10-15" in dates
    assert set(passwords) == {"admin", "secretary", "member"}
    for username, password in passwords.items():
        assert login_works(username, password), username
    assert get_user_model().objects.get(username="admin").is_superuser


def test_running_it_again_duplicates_nothing_and_renews_passwords():
    first = demo()
    counts = (Meeting.objects.count(), AgendaItem.objects.count(), Body.objects.count())
    second = demo()
    assert (Meeting.objects.count(), AgendaItem.objects.count(), Body.objects.count()) == counts
    assert first["admin"] != second["admin"]
    assert not login_works("admin", first["admin"])
    assert login_works("admin", second["admin"])
