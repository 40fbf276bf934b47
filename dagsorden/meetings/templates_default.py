"""The agenda templates a body starts with until its secretariat edits its own.

The KKR template follows the agendas KL writes for the KKRs (see the seed agenda): the
same seven sections at every ordinary meeting, with the approval of the previous
meeting's minutes as item 1.1.
"""

from __future__ import annotations

from typing import Any

DEFAULT_PARTS = ["Baggrund", "Indstilling", "Sagsfremstilling"]


def _section(number: int, title: str, *items: str, minutes_item: str | None = None):
    entries = [{"title": title, "minutes_of_previous": title == minutes_item} for title in items]
    return {"number": str(number), "title": title, "items": entries}


KKR_SECTIONS: list[dict[str, Any]] = [
    _section(
        1,
        "Godkendelse af referat og dagsorden",
        "Godkendelse af referat",
        "Godkendelse af dagsorden",
        minutes_item="Godkendelse af referat",
    ),
    _section(2, "Siden sidst", "Siden sidst"),
    _section(3, "Regionalpolitiske sager"),
    _section(4, "Udpegninger"),
    _section(5, "KKR"),
    _section(6, "Punkter til næste møde"),
    _section(7, "Eventuelt", "Eventuelt"),
]

OTHER_SECTIONS: list[dict[str, Any]] = [
    _section(1, "Godkendelse af dagsorden", "Godkendelse af dagsorden"),
    _section(2, "Sager"),
    _section(3, "Eventuelt", "Eventuelt"),
]


def default_template(*, kkr: bool) -> dict[str, Any]:
    """``{"sections", "parts"}`` as stored on an ``AgendaTemplate``; a fresh copy each time."""
    sections = KKR_SECTIONS if kkr else OTHER_SECTIONS
    return {
        "sections": [
            {**section, "items": [dict(item) for item in section["items"]]} for section in sections
        ],
        "parts": list(DEFAULT_PARTS),
    }
