"""Documents built by hand for tests: plain functions, every default overridable."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from dagsorden.documents.format import (
    AttachmentRef,
    Attendance,
    Attendee,
    Document,
    Item,
    MeetingInfo,
    Part,
    Section,
    Source,
)


def item_build(number: str, title: str | None = None, **fields) -> Item:
    defaults = {
        "case_number": f"SAG-2021-{number.replace('.', '')}",
        "handlers": ("ssan",),
        "parts": (
            Part(heading="Baggrund", text=f"Baggrund for punkt {number}."),
            Part(
                heading="Indstilling",
                text="Det indstilles, at KKR tager orienteringen til efterretning.",
            ),
        ),
    }
    return Item(number=number, title=title or f"Punkt {number}", **{**defaults, **fields})


def document_build(**fields) -> Document:
    """A rich agenda: closed item, decision, attendance, an empty section, links, attachments."""
    defaults = {
        "source": Source(format="kl-text", path="seeds/kkr-hovedstaden-2021-10-15-dagsorden.txt"),
        "body": "KKR Hovedstaden",
        "meeting": MeetingInfo(
            date=dt.date(2021, 10, 15),
            start="09:30",
            end="12:00",
            location="Rådhuset, Ærøgade 1, Højbjerg",
            document="minutes",
            kind="extraordinary",
            virtual=True,
        ),
        "preamble": (
            Part(heading="Mission", text="KL bidrager til et stærkt lokalt demokrati."),
            Part(heading="Vision", text="Indflydelse og resultater\npå kommunernes vegne."),
        ),
        "attendance": Attendance(
            present=(
                Attendee(name="Steen Christiansen", party="A", role="formand"),
                Attendee(name="Søren Sørensen"),
            ),
            absent=(Attendee(name="Åse Ærø", party="Ø", role=None),),
        ),
        "sections": (
            Section(
                number="1",
                title="Godkendelse af referat og dagsorden",
                items=(
                    item_build("1.1", "Godkendelse af referat", decision="Godkendt."),
                    item_build("1.2", "Godkendelse af dagsorden", handlers=("nihj", "ssan")),
                ),
            ),
            Section(
                number="2",
                title="Regionalpolitiske sager",
                items=(
                    item_build(
                        "2.1",
                        "Status for den forberedende grunduddannelse (FGU)",
                        links=(
                            "https://www.kl.dk/kkr/hovedstaden/b.pdf",
                            "https://www.kl.dk/kkr/hovedstaden/a.pdf",
                        ),
                        attachments=(
                            AttachmentRef(title="Notat om FGU", url="https://example.org/fgu.pdf"),
                            AttachmentRef(
                                title="Fortroligt bilag", public=False, file="bilag/2.pdf"
                            ),
                            AttachmentRef(title="Tidsplan kan rekvireres"),
                        ),
                    ),
                    item_build(
                        "2.2",
                        "Udpegning til bestyrelse",
                        public=False,
                        case_number="2011-29298",
                        handlers=(),
                        decision="",
                    ),
                ),
            ),
            Section(number="3", title="Eventuelt"),
            Section(
                number="4",
                title="Orientering",
                items=(item_build("4.1", "Siden sidst", case_number="SAG-2021-11", parts=()),),
            ),
        ),
    }
    return Document(**{**defaults, **fields})


def document_items_build(count: int, **fields) -> Document:
    """A document with ``count`` items spread over sections, for measuring growth."""
    sections = []
    for s in range(1, count // 4 + 2):
        numbers = [f"{s}.{n}" for n in range(1, 5) if (s - 1) * 4 + n <= count]
        items = tuple(
            item_build(
                number,
                attachments=(AttachmentRef(title=f"Bilag til {number}", url="https://x.dk/a"),),
            )
            for number in numbers
        )
        sections.append(Section(number=str(s), title=f"Afsnit {s}", items=items))
    return document_build(sections=tuple(sections), **fields)


def section_replace(document: Document, index: int, **fields) -> Document:
    sections = list(document.sections)
    sections[index] = replace(sections[index], **fields)
    return replace(document, sections=tuple(sections))
