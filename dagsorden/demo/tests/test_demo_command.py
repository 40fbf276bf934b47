"""``dagsorden demo`` builds what ``make run`` serves, and can run again."""

import re
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from dagsorden.bodies.models import Body, LegislativeTerm
from dagsorden.lib.seeds import seed_agenda
from dagsorden.meetings import access
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
    # The secretary works in /sekretariat/, where the per-body rules hold; not in the admin.
    secretary = get_user_model().objects.get(username="secretary")
    assert not secretary.is_staff and not secretary.user_permissions.exists()


def test_running_it_again_duplicates_nothing_and_renews_passwords():
    first = demo()
    counts = (Meeting.objects.count(), AgendaItem.objects.count(), Body.objects.count())
    second = demo()
    assert (Meeting.objects.count(), AgendaItem.objects.count(), Body.objects.count()) == counts
    assert first["admin"] != second["admin"]
    assert not login_works("admin", first["admin"])
    assert login_works("admin", second["admin"])


def test_the_demo_users_have_their_roles_and_a_draft_to_work_on():
    demo()
    demo()  # and still once each

    body = Body.objects.get(name="KKR Hovedstaden")
    users = get_user_model().objects
    secretary, member = users.get(username="secretary"), users.get(username="member")
    assert access.is_secretary(secretary, body) and not access.is_member(secretary, body)
    assert access.is_member(member, body) and not access.is_secretary(member, body)
    assert member.person.memberships.filter(body=body).count() == 1

    draft = Meeting.objects.get(body=body, date="2027-02-05")
    assert draft.state == Meeting.State.DRAFT
    assert [s.number for s in draft.sections.all()] == ["1", "2", "3", "4", "5", "6", "7"]
    minutes_item = AgendaItem.objects.get(section__meeting=draft, number="1.1")
    assert minutes_item.minutes_of.date.isoformat() == "2026-12-11"
