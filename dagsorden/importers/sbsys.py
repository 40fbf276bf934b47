"""Importer for SBSYS eDagsorden publications (``PublicationNN.xml`` and ``Enclosures/``).

SBSYS publishes a meeting as a folder: ``<Publication>`` holds the publication's type
(``PublicationTypeAsEnum``: Draft, Final or Minutes) and ``Agendas/Agenda`` with the
``Meeting`` (When, Until, Where), the ``Committee`` and ``Items/Item``. An item has a
Number, a Caption, a ``Case``, ``IsPublic``, its ``Enclosures`` (files written to
``Enclosures/`` and named by ``InstantiationFilePathRelative``) and ``Fields/ItemField``:
the item's text as captioned HTML fields, "Beslutning" among them. The sample is
``shared/data/sbsys-ballerup-2013/Publication32.zip`` (KMB IT-udvalget, 15 May 2013).
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path, PureWindowsPath
from xml.etree.ElementTree import Element

from django.core.exceptions import ValidationError

from dagsorden.documents.format import (
    AttachmentRef,
    Document,
    Item,
    MeetingInfo,
    Part,
    Section,
    Source,
)
from dagsorden.importers.base import ImportFailed, report
from dagsorden.importers.xmlsafe import xml_root
from dagsorden.lib.richtext import html_to_text, text_clean_input, text_validate

FORMAT = "sbsys"

DECISION_CAPTION = "Beslutning"

_DETECT = re.compile(
    rb"^(?:\xef\xbb\xbf)?\s*(?:<\?xml[^>]*\?>\s*)?(?:<!--.*?-->\s*)*<Publication\s*>", re.DOTALL
)
# Elements only SBSYS's publication writes, all in its first kilobytes.
_MARKERS = (b"<PublicationTypeAsEnum>", b"<EnclosureFileNamePattern>", b"<Agendas>")
_DECLARED = re.compile(rb"^\s*<\?xml[^>]*encoding\s*=\s*[\"']([A-Za-z0-9._-]+)[\"']")
_WHEN_FORMATS = ("%d-%m-%Y %H:%M:%S", "%d-%m-%Y %H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S")
_DATE_FORMATS = ("%d-%m-%Y", "%Y-%m-%d")


def detect(raw: bytes) -> bool:
    head = raw[:16384]
    return bool(_DETECT.match(head)) and any(m in head for m in _MARKERS)


def companions(raw: bytes, path: str) -> list[str]:
    # Agenda/Enclosures repeats every item's enclosures; a name is listed once.
    names = (_enclosure_file(e) for e in _root(raw, path).iter("Enclosure"))
    return list(dict.fromkeys(n for n in names if n))


def parse(raw: bytes, path: str) -> Document:
    root = _root(raw, path)
    agendas = root.findall("Agendas/Agenda")
    if not agendas:
        raise ImportFailed(path, "the SBSYS publication holds no <Agenda>")
    if len(agendas) > 1:
        # One file is one meeting here; guessing which agenda is meant would lose the others.
        raise ImportFailed(path, f"the SBSYS publication holds {len(agendas)} agendas, not one")
    agenda = agendas[0]
    body = _text(agenda, "Committee/Name") or _text(agenda, "Name")
    if not body:
        raise ImportFailed(path, "the SBSYS publication names no committee, so whose meeting it is")
    meeting = agenda.find("Meeting")
    date, start = _when(_text(meeting, "When"), path)
    end = _end(_text(meeting, "Until"), date, path)
    kind = (_text(root, "PublicationTypeAsEnum") or "").casefold()
    document = "minutes" if kind == "minutes" else "agenda"
    if kind == "draft":
        # A draft is what the secretariat had not yet sent; it is stored all the same.
        report(path, "a draft publication (PublicationTypeAsEnum Draft), imported as the agenda")
    folder = Path(path).parent
    items = [
        _item(e, n, path=path, folder=folder) for n, e in enumerate(agenda.findall("Items/Item"), 1)
    ]
    if not items:
        raise ImportFailed(path, "the SBSYS publication's agenda holds no items")
    return Document(
        source=Source(format=FORMAT, path=path),
        body=body,
        meeting=MeetingInfo(
            date=date, start=start, end=end, location=_text(meeting, "Where"), document=document
        ),
        # SBSYS's publication has no groupings of items: the agenda is one section.
        sections=(
            Section(
                number="1",
                title="Referat" if document == "minutes" else "Dagsorden",
                items=tuple(items),
            ),
        ),
    )


# -- reading the XML -------------------------------------------------------------------


def _root(raw: bytes, path: str) -> Element:
    _encoding_check(raw, path)
    # Bytes, not str: expat then reads the encoding the declaration names.
    return xml_root(raw, path, tag="Publication", system="SBSYS")


def _encoding_check(raw: bytes, path: str) -> None:
    """Say why a file is no XML in terms a user can act on, before expat says it its way."""
    if not raw.removeprefix(b"\xef\xbb\xbf").lstrip().startswith(b"<"):
        raise ImportFailed(path, "not XML: the file does not begin with a tag")
    m = _DECLARED.match(raw.removeprefix(b"\xef\xbb\xbf"))
    encoding = m.group(1).decode("ascii") if m else "utf-8"
    try:
        raw.decode(encoding)
    except LookupError:
        raise ImportFailed(path, f"the XML declares an unknown encoding {encoding!r}") from None
    except UnicodeDecodeError as error:
        raise ImportFailed(
            path,
            f"not {encoding} text as the XML declares (invalid byte at position {error.start})",
        ) from None


def _text(e: Element | None, tag: str) -> str | None:
    if e is None:
        return None
    value = " ".join((e.findtext(tag) or "").split())
    return value or None


def _flag(e: Element, tag: str, *, default: bool, path: str, what: str) -> bool:
    value = (e.findtext(tag) or "").strip().casefold()
    if not value:
        return default
    if value in ("true", "1"):
        return True
    if value not in ("false", "0"):
        # An unreadable flag must not publish what may be closed.
        report(path, f"{what}: {tag} is {value!r}, read as not public")
    return False


def _when(value: str | None, path: str) -> tuple[dt.date, str | None]:
    if not value:
        raise ImportFailed(path, "the SBSYS publication gives no meeting time (Meeting/When)")
    for pattern in _WHEN_FORMATS:
        try:
            moment = dt.datetime.strptime(value, pattern)
        except ValueError:
            continue
        return moment.date(), moment.strftime("%H:%M")
    for pattern in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(value, pattern).date(), None
        except ValueError:
            continue
    raise ImportFailed(path, f"the meeting time {value!r} is not a date and time SBSYS writes")


def _end(value: str | None, date: dt.date, path: str) -> str | None:
    if not value:
        return None
    try:
        end_date, end = _when(value, path)
    except ImportFailed:
        report(path, f"the meeting's end {value!r} is not a time; left out")
        return None
    # A meeting ending on another day has no end time on its own date.
    return end if end_date == date else None


# -- items -------------------------------------------------------------------------------


def _item(e: Element, position: int, *, path: str, folder: Path) -> Item:
    number = _text(e, "Number") or str(position)
    where = f"item {number}"
    public = _flag(e, "IsPublic", default=True, path=path, what=where)
    parts: list[Part] = []
    decisions: list[str] = []
    for field in _fields(e):
        caption = _text(field, "Caption") or ""
        if field.find("Images/*") is not None:
            report(path, f"{where}, {caption or 'field'}: its images are not imported")
        text = _field_text(field, path=path, where=f"{where}, {caption or 'field'}")
        if not text:
            continue  # SBSYS lists every field of the item's template, filled or not
        if caption.casefold() == DECISION_CAPTION.casefold():
            decisions.append(text)
        else:
            parts.append(Part(heading=caption, text=text))
    return Item(
        number=number,
        title=_text(e, "Caption") or "",
        case_number=_text(e, "Case/Number"),
        public=public,
        parts=tuple(parts),
        decision="\n\n".join(decisions) or None,
        attachments=tuple(
            _attachment(a, item_public=public, path=path, folder=folder, where=where)
            for a in e.findall("Enclosures/Enclosure")
        ),
    )


def _fields(e: Element) -> list[Element]:
    fields = e.findall("Fields/ItemField")

    def order(pair: tuple[int, Element]) -> tuple[int, int]:
        index = (pair[1].findtext("Index") or "").strip()
        return (int(index) if index.isdigit() else 10**6, pair[0])

    return [f for _, f in sorted(enumerate(fields), key=order)]


def _field_text(field: Element, *, path: str, where: str) -> str | None:
    content = field.findtext("Content") or ""
    if not content.strip():
        return None
    kind = (field.findtext("FieldTypeAsEnum") or "Html").strip().casefold()
    try:
        if kind == "html":
            # nh3 drops scripts, styles and handlers here; what is left is only text.
            return _clean(html_to_text(content)) or None
        return _clean(content) or None
    except ValidationError as exc:
        report(path, f"{where}: left out, {exc.messages[0]}")
        return None


def _clean(text: str) -> str:
    """Text form as stored text must be: what the editor would accept, HTML converted."""
    try:
        return text_clean_input(text)
    except ValidationError:
        # Escaped markup ("&lt;script&gt;") decodes to tags in the text: it was HTML twice
        # over. Convert those paragraphs once more, which drops what is dangerous; only
        # them, as converting collapses the text form's line breaks.
        paragraphs = text.split("\n\n")
        return text_clean_input("\n\n".join(_converted(p) for p in paragraphs))


def _converted(paragraph: str) -> str:
    try:
        text_validate(paragraph)
    except ValidationError:
        return html_to_text(paragraph)
    return paragraph


# -- enclosures --------------------------------------------------------------------------


def _enclosure_file(e: Element) -> str | None:
    """The enclosure's file relative to the XML, "/"-separated, if it is a safe one."""
    relative = _text(e, "InstantiationFilePathRelative")
    if relative is None:
        name = _text(e, "InstantiationFileName")
        if name is None:
            return None
        relative = name
    # SBSYS runs on Windows and writes "Enclosures\1.pdf".
    parts = PureWindowsPath(relative).parts
    if not parts or PureWindowsPath(relative).anchor or any(p in ("..", ".") for p in parts):
        return None
    return "/".join(parts)


def _attachment(
    e: Element, *, item_public: bool, path: str, folder: Path, where: str
) -> AttachmentRef:
    name = _text(e, "FileName")
    title = _text(e, "Name") or (Path(name).stem if name else None) or "Bilag"
    # The sample's enclosures carry no flag; a closed item's enclosures are closed with it.
    public = item_public and _flag(e, "IsPublic", default=True, path=path, what=where)
    file = _enclosure_file(e)
    relative = _text(e, "InstantiationFilePathRelative") or _text(e, "InstantiationFileName")
    if file is None and relative:
        report(path, f"{where}: enclosure {title!r} names {relative!r}, not a file beside it")
    elif file is not None and not (folder / file).is_file():
        report(path, f"{where}: enclosure {title!r}: {file} is not in the folder")
        file = None
    url = _text(e, "DownloadUrl")
    if url and not url.lower().startswith(("https://", "http://")):
        url = None
    return AttachmentRef(title=title, url=url, public=public, file=file)
