"""What the item editor sends, checked and tidied before ``editing.item_update`` stores it.

Each ``*_clean`` returns the value to store or raises ``ValidationError`` with messages
that name the offending part or link, so the editor can show them next to the field.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator

from dagsorden.cases.models import Case
from dagsorden.lib.richtext import text_clean_input
from dagsorden.meetings.models import AgendaItem, ItemPart

TITLE_MAX = AgendaItem._meta.get_field("title").max_length
HEADING_MAX = ItemPart._meta.get_field("heading").max_length
CASE_NUMBER_MAX = Case._meta.get_field("number").max_length
LINK_MAX = 1000


def collect(errors: dict[str, list[str]], field: str, clean, value):
    try:
        return clean(value)
    except ValidationError as error:
        errors.setdefault(field, []).extend(error.messages)
        return None


def title_clean(title: str) -> str:
    title = " ".join((title or "").split())
    if not title:
        raise ValidationError("Skriv en titel.")
    if len(title) > TITLE_MAX:
        raise ValidationError(f"Titlen er {len(title)} tegn; højst {TITLE_MAX} er tilladt.")
    return title


def case_number_clean(number: str | None) -> str:
    number = (number or "").strip()
    if len(number) > CASE_NUMBER_MAX:
        raise ValidationError(f"Sagsnummeret er for langt (højst {CASE_NUMBER_MAX} tegn).")
    return number


def parts_clean(parts: Iterable[tuple[str, str]]) -> list[list[str]]:
    cleaned, messages = [], []
    for heading, text in parts:
        heading = " ".join(heading.split())
        try:
            text = text_clean_input(text)
        except ValidationError as error:
            messages.extend(f"{heading or 'Tekst uden overskrift'}: {m}" for m in error.messages)
            continue
        if not heading and not text.strip():
            continue  # the empty extra row of the editor
        if not heading:
            messages.append("Der er en tekst uden overskrift: skriv en overskrift til den.")
        elif len(heading) > HEADING_MAX:
            messages.append(f"Overskriften {heading[:40]}… er for lang (højst {HEADING_MAX} tegn).")
        cleaned.append([heading, text])
    if messages:
        raise ValidationError(messages)
    return cleaned


_url = URLValidator(schemes=["http", "https"])


def links_clean(links: Sequence[str]) -> list[str]:
    cleaned, messages = [], []
    for link in links:
        link = link.strip()
        if not link:
            continue
        try:
            if len(link) > LINK_MAX:
                raise ValidationError("for lang")
            _url(link)
        except ValidationError:
            messages.append(
                f'"{link[:80]}" er ikke en gyldig adresse: skriv hele adressen, '
                "begyndende med https:// eller http://."
            )
            continue
        cleaned.append(link)
    if messages:
        raise ValidationError(messages)
    return cleaned


CHANGE_NAMES = {
    "title": "titel",
    "case_number": "sagsnummer",
    "handlers": "sagsbehandlere",
    "public": "åbent/lukket",
    "parts": "tekst",
    "links": "links",
}


def change_names(changes: dict[str, Any]) -> list[str]:
    return [CHANGE_NAMES[key] for key in changes]
