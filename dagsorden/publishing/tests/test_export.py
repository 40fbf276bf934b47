"""``site_export``: what lands in the export. Only what the public may see, all of it
reachable, every link relative and resolving to a file that is there."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from django.core.files.base import ContentFile
from django.test import Client

from dagsorden.cases.models import Attachment
from dagsorden.documents.format import AttachmentRef, Attendance, Attendee, Part, Section
from dagsorden.meetings.models import Meeting
from dagsorden.meetings.services import document_import
from dagsorden.meetings.tests.factories import document_build, item_build
from dagsorden.meetings.tests.personas import secretary_create
from dagsorden.publishing.export import MARKER, ExportError, leak_check, site_export

pytestmark = pytest.mark.django_db

S = Meeting.State
PUBLIC_BYTES = b"%PDF-1.4\npublic attachment PUBLICBYTES\n"
# Words that exist only in what the public must not see.
SECRETS = [
    "SECRETTITLE",
    "SECRETCASE",
    "SECRETPART",
    "SECRETCLOSEDBYTES",
    "SECRETHIDDENBYTES",
    "SECRETDRAFT",
    "SECRETDRAFTBYTES",
    "SECRETDECISION",
    "SECRETATTENDEE",
]


def meeting_import(date, state, items, document="agenda", **fields):
    base = document_build()
    document = replace(
        base,
        meeting=replace(base.meeting, date=date, document=document),
        sections=(Section(number="1", title="Sager", items=tuple(items)),),
        **fields,
    )
    return document_import(document=document, state=state)


def upload(meeting, title, data):
    attachment = Attachment.objects.get(item__section__meeting=meeting, title=title)
    attachment.file.save("bilag.pdf", ContentFile(data))
    return attachment


@pytest.fixture
def site():
    """A published agenda with a closed item and a closed attachment, a draft, and a
    meeting whose minutes are approved but not yet published."""
    published = meeting_import(
        dt.date(2021, 10, 15),
        S.PUBLISHED,
        [
            item_build(
                "1.1",
                "Cykelstier i Gladsaxe",
                parts=(Part(heading="Baggrund", text="Offentlig tekst PUBLICWORD."),),
                attachments=(
                    AttachmentRef(title="Offentligt notat", file="a.pdf"),
                    AttachmentRef(title="Lukket notat", public=False, file="b.pdf"),
                ),
            ),
            item_build(
                "1.2",
                "Fortrolig sag SECRETTITLE",
                public=False,
                case_number="SECRETCASE-77",
                parts=(Part(heading="Baggrund", text="Hemmelig tekst SECRETPART."),),
                attachments=(AttachmentRef(title="Bilag til lukket punkt", file="c.pdf"),),
            ),
        ],
    )
    upload(published, "Offentligt notat", PUBLIC_BYTES)
    upload(published, "Lukket notat", b"%PDF-1.4\nSECRETCLOSEDBYTES\n")
    upload(published, "Bilag til lukket punkt", b"%PDF-1.4\nSECRETHIDDENBYTES\n")

    draft = meeting_import(
        dt.date(2021, 11, 1),
        S.DRAFT,
        [item_build("1.1", "Kladde SECRETDRAFT", attachments=(AttachmentRef(title="Udkast"),))],
    )
    upload(draft, "Udkast", b"%PDF-1.4\nSECRETDRAFTBYTES\n")

    meeting_import(
        dt.date(2021, 9, 1),
        S.MINUTES_APPROVED,
        [item_build("1.1", "Budget 2022 PUBLICAGENDA", decision="Vedtaget SECRETDECISION.")],
        document="minutes",
        attendance=Attendance(present=(Attendee(name="SECRETATTENDEE Hansen"),)),
    )
    return published


def files_in(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()
    }


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links, self.ids = [], set()

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "src") and value is not None:
                self.links.append(value)
            if name == "id":
                self.ids.add(value)


def parsed(path: Path) -> Links:
    parser = Links()
    parser.feed(path.read_text("utf-8"))
    return parser


def test_nothing_that_is_not_public_lands_in_the_export(site, tmp_path):
    out = tmp_path / "site"
    site_export(out)

    files = files_in(out)
    assert files, "nothing was exported"
    for name, data in files.items():
        for secret in SECRETS:
            assert secret.encode() not in data, f"{secret} in {name}"
            assert secret.lower().encode() not in data.lower(), f"{secret} in {name}"


def test_the_public_content_is_there(site, tmp_path):
    out = tmp_path / "site"
    export = site_export(out)

    files = files_in(out)
    public = Attachment.objects.get(title="Offentligt notat")
    assert files[f"bilag/{public.pk}/Offentligt-notat.pdf"] == PUBLIC_BYTES
    meeting_page = files[f"moeder/{site.pk}/index.html"].decode()
    assert "PUBLICWORD" in meeting_page and "Cykelstier i Gladsaxe" in meeting_page
    # A meeting whose minutes are not yet published still has its published agenda.
    assert any(b"PUBLICAGENDA" in data for data in files.values())
    assert "index.html" in files and MARKER in files
    assert "static/portal/portal.css" in files
    assert export.pages >= 3 and export.files >= 2


def test_every_relative_link_resolves_to_a_file_and_its_fragment(site, tmp_path):
    # A page cached for a visitor of the live site must not bring its login link along.
    assert Client().get(f"/moeder/{site.pk}/").status_code == 200
    out = tmp_path / "site"
    site_export(out)

    pages = sorted(out.rglob("*.html"))
    checked = 0
    for page in pages:
        for link in parsed(page).links:
            parts = urlsplit(link)
            if parts.scheme or parts.netloc:
                continue  # another site: left as it is
            # In the export the portal leaves out its login box: no link to the live site.
            assert not link.startswith("/"), f"{page.relative_to(out)}: {link}"
            if not parts.path:
                target = page  # "#punkt-1.1": within the page
            else:
                target = (page.parent / unquote(parts.path)).resolve()
                assert target.is_file(), f"{page.relative_to(out)}: {link} resolves to nothing"
                assert target.is_relative_to(out.resolve()), link
            if parts.fragment and target.suffix == ".html":
                assert unquote(parts.fragment) in parsed(target).ids, (page, link)
            checked += 1
    assert checked > 10


def test_pages_link_each_other_relatively(site, tmp_path):
    out = tmp_path / "site"
    site_export(out)

    # Reached from the front page, whichever pages lie between.
    linked = {
        (page.parent / unquote(link)).resolve()
        for page in out.rglob("*.html")
        for link in parsed(page).links
    }
    assert (out / f"moeder/{site.pk}/index.html").resolve() in linked
    meeting = parsed(out / f"moeder/{site.pk}/index.html").links
    assert "../../static/portal/portal.css" in meeting
    public = Attachment.objects.get(title="Offentligt notat")
    assert f"../../bilag/{public.pk}/Offentligt-notat.pdf" in meeting
    assert "#punkt-1.1" in meeting  # the table of contents stays within the page


def test_a_crawl_that_is_not_anonymous_is_refused(site, tmp_path):
    client = Client()
    client.force_login(secretary_create(body=site.body))

    with pytest.raises(ExportError, match="not anonymous"):
        site_export(tmp_path / "site", client=client)

    assert not (tmp_path / "site").exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".site.partial-")]


def test_the_guard_refuses_a_page_with_closed_content(site, tmp_path):
    # What a member sees: the closed item's content. The guard must know it for what it is.
    client = Client()
    client.force_login(secretary_create(body=site.body))
    page = client.get(f"/moeder/{site.pk}/").content
    assert b"SECRETPART" in page
    root = tmp_path / "export"
    root.mkdir()
    (root / "index.html").write_bytes(page)

    with pytest.raises(ExportError, match=r"index\.html shows closed content"):
        leak_check(root)


def test_the_guard_refuses_a_closed_attachments_bytes(site, tmp_path):
    root = tmp_path / "export"
    (root / "bilag").mkdir(parents=True)
    (root / "bilag" / "x.pdf").write_bytes(b"%PDF-1.4\nSECRETCLOSEDBYTES\n")

    with pytest.raises(ExportError, match=r"bilag/x\.pdf holds a closed attachment.s bytes"):
        leak_check(root)


def test_the_guard_lets_bytes_through_that_are_also_public(site, tmp_path):
    # The same file attached openly elsewhere is public, whatever else it is attached to.
    closed = Attachment.objects.get(title="Lukket notat")
    closed.file.save("same.pdf", ContentFile(PUBLIC_BYTES))
    root = tmp_path / "export"
    root.mkdir()
    (root / "x.pdf").write_bytes(PUBLIC_BYTES)

    leak_check(root)


def test_an_empty_portal_exports_its_front_page(tmp_path):
    export = site_export(tmp_path / "site")

    assert (tmp_path / "site" / "index.html").is_file()
    assert export.pages >= 1
