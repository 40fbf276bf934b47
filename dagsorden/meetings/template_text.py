"""An agenda template as plain text, so a secretary can edit it in a textarea.

::

    1. Godkendelse af referat og dagsorden
       - Godkendelse af referat (referat)
       - Godkendelse af dagsorden

    2. Siden sidst
       - Siden sidst

A section is ``<number>. <title>``, a standard item under it ``- <title>``; ``(referat)``
after an item's title marks the item that approves the previous meeting's minutes.
Blank lines are only for reading. The fixed parts of new items are one line of headings
separated by commas.
"""

from __future__ import annotations

import re
from typing import Any

from django.core.exceptions import ValidationError

MINUTES_MARK = "(referat)"
_SECTION = re.compile(r"^(\d{1,3})\.?\s+(\S.*)$")
_ITEM = re.compile(r"^\s*[-–•*]\s*(.*)$")
_TITLE_MAX = 500
_HEADING_MAX = 200


def template_format(*, sections: list[dict[str, Any]]) -> str:
    blocks = []
    for section in sections:
        lines = [f"{section['number']}. {section['title']}"]
        for item in section.get("items", []):
            mark = f" {MINUTES_MARK}" if item.get("minutes_of_previous") else ""
            lines.append(f"   - {item['title']}{mark}")
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


def template_parse(text: str) -> list[dict[str, Any]]:
    """The sections of a template written as text; every problem at once, by line number."""
    sections: list[dict[str, Any]] = []
    errors: list[str] = []
    minutes_line: int | None = None
    for n, raw in enumerate(text.splitlines(), start=1):
        line = raw.rstrip()
        if not line.strip():
            continue
        item = _ITEM.match(line)
        section = None if item else _SECTION.match(line.strip())
        if section:
            number, title = section[1].lstrip("0") or "0", section[2].strip()
            if any(s["number"] == number for s in sections):
                errors.append(
                    f"Linje {n}: afsnit {number} findes allerede; giv det et andet nummer."
                )
            elif len(title) > _TITLE_MAX:
                errors.append(f"Linje {n}: titlen er for lang (højst {_TITLE_MAX} tegn).")
            sections.append({"number": number, "title": title, "items": []})
        elif item:
            title = item[1].strip()
            minutes = title.lower().endswith(MINUTES_MARK)
            if minutes:
                title = title[: -len(MINUTES_MARK)].strip()
            if not sections:
                errors.append(
                    f'Linje {n}: punktet "{title}" står før første afsnit; '
                    'skriv et afsnit først, fx "1. Godkendelse af dagsorden".'
                )
            elif not title:
                errors.append(f'Linje {n}: punktet har ingen titel; skriv den efter "- ".')
            elif len(title) > _TITLE_MAX:
                errors.append(f"Linje {n}: titlen er for lang (højst {_TITLE_MAX} tegn).")
            elif minutes and minutes_line is not None:
                errors.append(
                    f"Linje {n}: kun ét punkt kan godkende referatet; "
                    f"linje {minutes_line} er allerede markeret {MINUTES_MARK}."
                )
            else:
                minutes_line = minutes_line or (n if minutes else None)
                sections[-1]["items"].append({"title": title, "minutes_of_previous": minutes})
        else:
            errors.append(
                f'Linje {n}: "{_short(line.strip())}" er hverken et afsnit ("3. Titel") '
                'eller et punkt ("   - Titel").'
            )
    if not sections and not errors:
        errors.append('Skabelonen har ingen afsnit; skriv mindst ét, fx "1. Sager".')
    if errors:
        raise ValidationError(errors)
    return sections


def parts_parse(text: str) -> list[str]:
    parts = [heading.strip() for heading in text.split(",") if heading.strip()]
    seen: set[str] = set()
    for heading in parts:
        if len(heading) > _HEADING_MAX:
            raise ValidationError(f'"{_short(heading)}" er for lang (højst {_HEADING_MAX} tegn).')
        if heading.casefold() in seen:
            raise ValidationError(f'"{heading}" står to gange.')
        seen.add(heading.casefold())
    return parts


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
