"""The agenda check: what to fix in an agenda before it is sent.

``document_lint`` reads a ``Document`` and returns ``Finding``s in agenda order (the
preamble, then section by section, item by item, and within an item: the item itself, its
parts in order, the decision, the attachments). An error blocks sending unless a person
overrides it with a recorded reason; a warning is shown and does not block. The staff UI
and ``dagsorden lint`` both read the findings from here, so the rules live in one place.

Everything here except ``meeting_lint`` is a pure function of the document: no database, so
an agenda file can be checked before it is imported.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from dagsorden.documents.format import AttachmentRef, Document, Item, Part

ERROR = "error"
WARNING = "warning"

# Every code and its severity, in one table so the UI can list them and a code cannot be an
# error in one place and a warning in another.
SEVERITIES: dict[str, str] = {
    "placeholder": ERROR,
    "missing-part": ERROR,
    "misplaced-indstilling": ERROR,
    "duplicate-number": ERROR,
    "empty-title": ERROR,
    "attachment-untitled": WARNING,
    "case-number": WARNING,
    "case-number-pattern": WARNING,
}

RECOMMENDATION = "Indstilling"
# The decision is not a part in the document format, but it is printed under this heading
# in minutes, so that is where a finding about it belongs.
DECISION = "Beslutning"
ATTACHMENTS = "attachments"

# Text that the agenda templates put in a part for the author to replace. Left in, it is
# printed in the agenda that goes to the members and the public, so it is an error. The
# patterns need a word boundary on both sides: "udskrives", "skrivehjælp" and "Texas" are
# ordinary words. "Her skrives …" takes the rest of its line so the message can quote it.
PLACEHOLDER_PATTERNS: tuple[re.Pattern[str], ...] = (
    re.compile(r"\bher skrives\b[^\n.]*", re.IGNORECASE),
    re.compile(r"\[\s*(?:skriv|indsæt)\b[^\]\n]*\]", re.IGNORECASE),
    re.compile(r"\bskriv her\b", re.IGNORECASE),
    # "xxx", "XX", "kr. xx mio.", "kl. xx.xx"; not "XXL".
    re.compile(r"(?<!\w)x{2,}(?!\w)", re.IGNORECASE),
    re.compile(r"\blorem ipsum\b", re.IGNORECASE),
    re.compile(r"\b(?:TBD|TODO)\b", re.IGNORECASE),
)

# A sentence that starts "Det indstilles" is the recommendation, wherever it stands: at the
# start of a line or list item, or after the end of the previous sentence.
_RECOMMENDATION_SENTENCE = re.compile(
    r"(?:^(?:- |\d+\) )?|(?<=[.!?])[ \t]+)(Det indstilles\b[^\n]*)", re.MULTILINE
)

_FILE_EXTENSION = r"\.(?:pdf|docx?|xlsx?|pptx?|odt|ods|rtf|txt|msg)"
# Titles that say nothing about the attachment: "Bilag", "Bilag 2a", "Bilag nr. 3.pdf", or a
# bare file name ("bilag.pdf", "scan0001.pdf") as a scanner or a file system names it.
_GENERIC_ATTACHMENT_TITLE = re.compile(
    rf"bilag(?:\s*(?:nr\.?\s*)?\d+[a-z]?)?(?:{_FILE_EXTENSION})?|\S+{_FILE_EXTENSION}",
    re.IGNORECASE,
)

KL_CASE_NUMBER = r"SAG-\d{4}-\d{5}"
GENERIC_CASE_NUMBER = r"\d{4}-\d+|[A-ZÆØÅ]{2,}-\d{4}-\d+"

_QUOTE_LENGTH = 60


@dataclass(frozen=True)
class Finding:
    item: str | None  # item number ("1.2"), None for the meeting as a whole
    part: str | None  # part heading, "attachments", or None for the item as a whole
    code: str
    severity: str  # "error" | "warning"
    message: str  # Danish, for the person who writes the agenda: what is wrong, what to do

    def to_dict(self) -> dict[str, str | None]:
        return {
            "item": self.item,
            "part": self.part,
            "code": self.code,
            "severity": self.severity,
            "message": self.message,
        }


def has_errors(findings: Iterable[Finding]) -> bool:
    return any(f.severity == ERROR for f in findings)


def document_lint(*, document: Document, case_number_pattern: str | None = None) -> list[Finding]:
    """Check an agenda. ``case_number_pattern`` is the body's scheme (a regex, full match);
    without it the scheme is chosen from the body's name."""
    findings: list[Finding] = []
    scheme = _case_number_scheme(document.body, case_number_pattern)
    if scheme is None:
        findings.append(
            _finding(
                "case-number-pattern",
                None,
                None,
                f'Organets mønster for sagsnumre ("{case_number_pattern}") er ikke et gyldigt '
                "regulært udtryk, så sagsnumrene er ikke kontrolleret: "
                "ret mønsteret under organet.",
            )
        )
    for part in document.preamble:
        findings.extend(_placeholders(None, part.heading, part.text))

    sections_seen: set[str] = set()
    items_seen: set[str] = set()
    for section in document.sections:
        if section.number in sections_seen:
            findings.append(
                _finding(
                    "duplicate-number",
                    None,
                    None,
                    f"Afsnit {section.number} ({section.title}) har samme nummer som et afsnit "
                    "før det: giv afsnittene hvert sit nummer.",
                )
            )
        sections_seen.add(section.number)
        for item in section.items:
            findings.extend(_item_lint(item, scheme=scheme, duplicate=item.number in items_seen))
            items_seen.add(item.number)
    return findings


def meeting_lint(*, meeting) -> list[Finding]:
    """Check a stored meeting, with its body's own case number scheme if it has one."""
    # Imported here so the rest of this module works without Django being set up.
    from dagsorden.meetings.selectors import meeting_document

    return document_lint(
        document=meeting_document(meeting=meeting),
        # The field is new on Body; a body (or a schema) without it uses the default scheme.
        case_number_pattern=getattr(meeting.body, "case_number_pattern", None) or None,
    )


# -- one item -----------------------------------------------------------------------------


@dataclass(frozen=True)
class _Scheme:
    regex: re.Pattern[str]
    expected: str  # for the message: an example or the pattern itself


def _case_number_scheme(body: str, pattern: str | None) -> _Scheme | None:
    """The scheme to check case numbers against; None if the body's own pattern is broken."""
    if pattern:
        try:
            return _Scheme(re.compile(pattern), f"forventet mønster: {pattern}")
        except re.error:
            return None
    # KKR agendas are written in KL's case system, whatever the body's municipalities use.
    if body.startswith("KKR "):
        return _Scheme(re.compile(KL_CASE_NUMBER), "forventet fx SAG-2021-04819")
    return _Scheme(re.compile(GENERIC_CASE_NUMBER), "forventet fx 2021-04819 eller SAG-2021-04819")


def _item_lint(item: Item, *, scheme: _Scheme | None, duplicate: bool) -> Iterator[Finding]:
    n = item.number
    if not item.title.strip():
        yield _finding("empty-title", n, None, "Punktet har ingen titel: skriv en titel.")
    if duplicate:
        yield _finding(
            "duplicate-number",
            n,
            None,
            f"Punkt {n} har samme nummer som et punkt før det: giv punkterne hvert sit nummer.",
        )
    if item.case_number and scheme is not None and not scheme.regex.fullmatch(item.case_number):
        yield _finding(
            "case-number",
            n,
            None,
            f'Sagsnummeret "{item.case_number}" har ikke organets form for sagsnumre: '
            f"ret det ({scheme.expected}).",
        )

    recommendation = next((p for p in item.parts if _is_recommendation(p)), None)
    state = _recommendation_state(recommendation)
    # An item without a case number (Eventuelt, a heading item) needs no recommendation.
    needs_recommendation = bool(item.case_number)
    if state == "missing" and needs_recommendation:
        yield _finding(
            "missing-part",
            n,
            None,
            "Punktet har et sagsnummer, men ingen Indstilling: tilføj en Indstilling "
            '("Det indstilles, at …").',
        )
    for part in item.parts:
        yield from _placeholders(n, part.heading, part.text)
        if part is recommendation and state == "empty" and needs_recommendation:
            yield _finding(
                "missing-part",
                n,
                part.heading,
                'Indstilling er tom: skriv indstillingen ("Det indstilles, at …").',
            )
        if state != "ok" and not _is_recommendation(part):
            yield from _misplaced_recommendation(n, part, state)
    if item.decision is not None:
        yield from _placeholders(n, DECISION, item.decision)
    for index, attachment in enumerate(item.attachments, start=1):
        yield from _untitled_attachment(n, index, attachment)


def _is_recommendation(part: Part) -> bool:
    return part.heading.strip().rstrip(":").casefold() == RECOMMENDATION.casefold()


def _recommendation_state(part: Part | None) -> str:
    """ "ok", "missing", "empty" or "placeholder" (nothing but template text)."""
    if part is None:
        return "missing"
    if not part.text.strip():
        return "empty"
    rest = part.text
    for pattern in PLACEHOLDER_PATTERNS:
        rest = pattern.sub("", rest)
    return "ok" if rest.strip(" \t\n.,:;-–…") else "placeholder"


def _placeholders(item: str | None, heading: str, text: str) -> Iterator[Finding]:
    # One finding per part: the author fixes the part, not each phrase in it.
    found = [m for pattern in PLACEHOLDER_PATTERNS if (m := pattern.search(text))]
    if not found:
        return
    first = min(found, key=lambda m: m.start())
    yield _finding(
        "placeholder",
        item,
        heading,
        f'{heading} indeholder skabelontekst ("{_quote(first.group())}"): '
        f"skriv {_definite(heading)} eller slet teksten.",
    )


def _misplaced_recommendation(item: str, part: Part, state: str) -> Iterator[Finding]:
    match = _RECOMMENDATION_SENTENCE.search(part.text)
    if match is None:
        return
    where = {
        "missing": "punktet har ingen Indstilling",
        "empty": "Indstilling er tom",
        "placeholder": "Indstilling er kun skabelontekst",
    }[state]
    yield _finding(
        "misplaced-indstilling",
        item,
        part.heading,
        f'{part.heading} indeholder indstillingen ("{_quote(match.group(1))}"), men {where}: '
        "flyt indstillingen til Indstilling.",
    )


def _untitled_attachment(item: str, index: int, attachment: AttachmentRef) -> Iterator[Finding]:
    title = attachment.title.strip().strip(".:-– ")
    if title and not _GENERIC_ATTACHMENT_TITLE.fullmatch(title):
        return
    what = f'har kun titlen "{attachment.title.strip()}"' if title else "har ingen titel"
    yield _finding(
        "attachment-untitled",
        item,
        ATTACHMENTS,
        f"Bilag {index} {what}: giv bilaget en titel, der siger, hvad det indeholder.",
    )


# -- wording ------------------------------------------------------------------------------


def _finding(code: str, item: str | None, part: str | None, message: str) -> Finding:
    return Finding(item=item, part=part, code=code, severity=SEVERITIES[code], message=message)


_DEFINITE = {"baggrund": "baggrunden", "beslutning": "beslutningen"}


def _definite(heading: str) -> str:
    """The heading as the thing to write: "Indstilling" → "indstillingen"."""
    word = heading.strip().rstrip(":").lower()
    if word in _DEFINITE:
        return _DEFINITE[word]
    if word.endswith("ing"):
        return f"{word}en"
    return "afsnittet"


def _quote(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _QUOTE_LENGTH else text[: _QUOTE_LENGTH - 1].rstrip() + "…"
