"""docs/access.md over HTTP: each persona, in each workflow state, on each page, download
and action. The tables are written out by hand from docs/access.md.

Cells: "200", "404", "403" (a refusal page), "login" (sent to log in); on the meeting page
"full" (a closed item with everything, marked "Lukket punkt") or "title" (only its number
and the neutral title); "yes"/"-" for what a page shows; "moved" (the workflow took the
step) or "refused" (a message, nothing changed).
"""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from dagsorden.audit.models import AuditEntry
from dagsorden.cases.models import Attachment
from dagsorden.meetings import access
from dagsorden.meetings.models import AgendaItem, Meeting
from dagsorden.meetings.tests.personas import PERSONAS, grid, meeting_create, persona_create
from dagsorden.meetings.versions import version_record
from dagsorden.meetings.workflow import next_step

pytestmark = pytest.mark.django_db

S = Meeting.State

PAGES = {
    "listed": grid("""
               draft  approved  sent  published  held  m_draft  m_approved  m_published
anonymous        -       -       -       yes      yes    yes       yes         yes
other_member     -       -       -       yes      yes    yes       yes         yes
member           -       -      yes      yes      yes    yes       yes         yes
secretariat     yes     yes     yes      yes      yes    yes       yes         yes
administrator   yes     yes     yes      yes      yes    yes       yes         yes
"""),
    "meeting page": grid("""
               draft  approved  sent  published  held  m_draft  m_approved  m_published
anonymous       404     404     404      200      200    200       200         200
other_member    404     404     404      200      200    200       200         200
member          404     404     200      200      200    200       200         200
secretariat     200     200     200      200      200    200       200         200
administrator   200     200     200      200      200    200       200         200
"""),
    "closed item": grid("""
               draft  approved  sent  published  held  m_draft  m_approved  m_published
anonymous       404     404     404     title    title  title     title       title
other_member    404     404     404     title    title  title     title       title
member          404     404     full     full     full   full      full        full
secretariat     full    full    full     full     full   full      full        full
administrator   full    full    full     full     full   full      full        full
"""),
    "public attachment": grid("""
               draft  approved  sent  published  held  m_draft  m_approved  m_published
anonymous       404     404     404      200      200    200       200         200
other_member    404     404     404      200      200    200       200         200
member          404     404     200      200      200    200       200         200
secretariat     200     200     200      200      200    200       200         200
administrator   200     200     200      200      200    200       200         200
"""),
    "closed attachment": grid("""
               draft  approved  sent  published  held  m_draft  m_approved  m_published
anonymous       404     404     404      404      404    404       404         404
other_member    404     404     404      404      404    404       404         404
member          404     404     200      200      200    200       200         200
secretariat     200     200     200      200      200    200       200         200
administrator   200     200     200      200      200    200       200         200
"""),
    "attachment of closed item": grid("""
               draft  approved  sent  published  held  m_draft  m_approved  m_published
anonymous       404     404     404      404      404    404       404         404
other_member    404     404     404      404      404    404       404         404
member          404     404     200      200      200    200       200         200
secretariat     200     200     200      200      200    200       200         200
administrator   200     200     200      200      200    200       200         200
"""),
    "decisions": grid("""
               draft  approved  sent  published  held  m_draft  m_approved  m_published
anonymous       404     404     404       -        -      -         -          yes
other_member    404     404     404       -        -      -         -          yes
member          404     404      -        -        -      -        yes         yes
secretariat      -       -       -        -       yes    yes       yes         yes
administrator    -       -       -        -       yes    yes       yes         yes
"""),
    "versions": grid("""
               draft  approved  sent  published  held  m_draft  m_approved  m_published
anonymous       404     404     404     login    login  login     login       login
other_member    404     404     404      403      403    403       403         403
member          404     404     200      200      200    200       200         200
secretariat     403     403     200      200      200    200       200         200
administrator   403     403     200      200      200    200       200         200
"""),
    "version diff": grid("""
               draft  approved  sent  published  held  m_draft  m_approved  m_published
anonymous       404     404     404     login    login  login     login       login
other_member    404     404     404      403      403    403       403         403
member          404     404     200      200      200    200       200         200
secretariat     403     403     200      200      200    200       200         200
administrator   403     403     200      200      200    200       200         200
"""),
    "workflow step": grid("""
               draft  approved  sent  published  held  m_draft  m_approved  m_published
anonymous      login   login   login    login    login  login     login       login
other_member    404     404     404      403      403    403       403         403
member          404     404     403      403      403    403       403         403
secretariat    moved   moved   moved    moved    moved  moved     moved      refused
administrator  moved   moved   moved    moved    moved  moved     moved      refused
"""),
}

AUDIT_LOG = {
    "anonymous": "login",
    "other_member": "403",
    "member": "403",
    "secretariat": "200",
    "administrator": "200",
}


def scene(state: str) -> dict:
    """The meeting in ``state`` with a file on a public attachment, on a closed one and on
    one of the closed item 2.2; once sent, two versions (as sent, and one correction)."""
    meeting = meeting_create(state=state)
    items = {item.number: item for item in AgendaItem.objects.filter(section__meeting=meeting)}
    public = items["2.1"].attachments.get(title="Notat om FGU")
    closed = items["2.1"].attachments.get(title="Fortroligt bilag")
    of_closed_item = Attachment.objects.create(item=items["2.2"], title="Indstilling til udpegning")
    for attachment in (public, closed, of_closed_item):
        attachment.file.save("bilag.pdf", ContentFile(b"%PDF-1.4\n"))
    if access.at_least(meeting, S.SENT):
        version_record(meeting=meeting, by=None, note="Udsendt til medlemmerne")
        AgendaItem.objects.filter(pk=items["1.2"].pk).update(
            title="Godkendelse af dagsorden (rettet)"
        )
        version_record(meeting=meeting, by=None, note="Titel rettet")
    return {
        "meeting": meeting,
        "public": public,
        "closed": closed,
        "of_closed_item": of_closed_item,
    }


def outcome(response) -> str:
    if response.status_code == 302 and response["Location"].startswith(reverse("login")):
        return "login"
    return str(response.status_code)


def observe(client, scene: dict) -> dict[str, str]:
    """What the persona meets on every page, in the words of the tables."""
    meeting = scene["meeting"]
    seen = {}
    listing = client.get(reverse("portal:meeting_list")).content.decode()
    detail_url = reverse("portal:meeting_detail", args=[meeting.pk])
    seen["listed"] = "yes" if detail_url in listing else "-"

    page = client.get(detail_url)
    seen["meeting page"] = outcome(page)
    if page.status_code == 200:
        html = page.content.decode()
        seen["closed item"] = closed_item_shown(html)
        decisions = "<h4>Beslutning</h4>" in html
        attendance = "Fremmøde" in html and "Steen Christiansen" in html
        seen["decisions"] = {(True, True): "yes", (False, False): "-"}.get(
            (decisions, attendance), "decisions without attendance or the reverse"
        )
    else:
        seen["closed item"] = seen["decisions"] = outcome(page)

    for name, key in [
        ("public attachment", "public"),
        ("closed attachment", "closed"),
        ("attachment of closed item", "of_closed_item"),
    ]:
        seen[name] = outcome(client.get(reverse("portal:attachment", args=[scene[key].pk])))
    seen["versions"] = outcome(client.get(reverse("portal:version_list", args=[meeting.pk])))
    diff_url = reverse("portal:version_compare", args=[meeting.pk, 1, 2])
    seen["version diff"] = outcome(client.get(diff_url))

    before = Meeting.objects.get(pk=meeting.pk).state
    step = client.post(
        reverse("staff:meeting_status", args=[meeting.pk]),
        {"to_state": next_step(before) or S.DRAFT, "from_state": before, "next": detail_url},
    )
    after = Meeting.objects.get(pk=meeting.pk).state
    if step.status_code == 302 and outcome(step) != "login":
        seen["workflow step"] = "moved" if after != before else "refused"
    else:
        assert after == before, "a refused step changed the state"
        seen["workflow step"] = outcome(step)
    return seen


def closed_item_shown(html: str) -> str:
    everything = [
        "Udpegning til bestyrelse",
        "2011-29298",
        "Fortroligt bilag",
        "Lukket punkt</strong>",
    ]
    everything.append("Indstilling til udpegning")
    if all(text in html for text in everything):
        return "full"
    if "<h3>2.2. Lukket punkt</h3>" in html and not any(text in html for text in everything):
        return "title"
    return "partly shown"


@pytest.mark.parametrize("state", S.values)
@pytest.mark.parametrize("persona", PERSONAS)
def test_each_persona_meets_the_rules_on_every_page(client, persona, state):
    place = scene(state)
    user = persona_create(persona, body=place["meeting"].body)
    if user.is_authenticated:
        client.force_login(user)

    expected = {page: table[(persona, state)] for page, table in PAGES.items()}
    assert observe(client, place) == expected


@pytest.mark.parametrize(("persona", "want"), AUDIT_LOG.items())
def test_each_persona_meets_the_rules_on_the_audit_log(client, persona, want):
    meeting = meeting_create(state=S.PUBLISHED)
    user = persona_create(persona, body=meeting.body)
    if user.is_authenticated:
        client.force_login(user)
    assert outcome(client.get(reverse("staff:audit_log"))) == want


def test_a_refused_workflow_step_changes_nothing(client):
    meeting = meeting_create(state=S.SENT)
    client.force_login(persona_create("member", body=meeting.body))

    page = client.post(
        reverse("staff:meeting_status", args=[meeting.pk]), {"to_state": S.PUBLISHED}
    )

    assert page.status_code == 403
    assert "sekretariat" in page.content.decode()
    assert Meeting.objects.get(pk=meeting.pk).state == S.SENT
    assert not AuditEntry.objects.exists()
