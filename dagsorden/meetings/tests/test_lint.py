"""The agenda check: each rule on a small agenda that breaks it and one that does not, and the
exact findings on the seed."""

from __future__ import annotations

import pytest

from dagsorden.documents.format import AttachmentRef, Document, Item, Part, Section
from dagsorden.importers import registry
from dagsorden.lib.seeds import seed_agenda
from dagsorden.meetings.lint import (
    ERROR,
    PLACEHOLDER_PATTERNS,
    SEVERITIES,
    WARNING,
    Finding,
    document_lint,
    has_errors,
    meeting_lint,
)
from dagsorden.meetings.services import document_import
from dagsorden.meetings.tests.factories import document_build, item_build

CASE = "SAG-2021-04819"
RECOMMENDATION = Part("Indstilling", "Det indstilles, at KKR tager orienteringen til efterretning.")
BACKGROUND = Part("Baggrund", "KKR blev orienteret på sidste møde.")

# The seed, all of it. The seven placeholders and 1.2's recommendation written under
# Baggrund are the template mistakes the seed is known for. Nothing else, and in particular
# no other error: both case numbers (SAG-2021-04819, SAG-2020-06517) are KL's form, every
# attachment has a real title, the numbers are unique and every item has a title. 5.1's
# empty Sagsfremstilling is not a finding: only the Indstilling is required, and an empty
# optional part prints as nothing rather than as wrong text.
SEED_FINDINGS = [
    ("1.1", "Sagsfremstilling", "placeholder", ERROR),
    ("1.2", "Baggrund", "misplaced-indstilling", ERROR),
    ("1.2", "Indstilling", "placeholder", ERROR),
    ("1.2", "Sagsfremstilling", "placeholder", ERROR),
    ("2.1", "Indstilling", "placeholder", ERROR),
    ("2.1", "Sagsfremstilling", "placeholder", ERROR),
    ("6.1", "Indstilling", "placeholder", ERROR),
    ("6.1", "Sagsfremstilling", "placeholder", ERROR),
]


def item(number: str = "1.1", **fields) -> Item:
    """An item with nothing to find: KL case number, Baggrund and Indstilling."""
    return item_build(
        number, **{"case_number": CASE, "parts": (BACKGROUND, RECOMMENDATION)} | fields
    )


def agenda(*items: Item, body: str = "KKR Hovedstaden", **fields) -> Document:
    return document_build(
        **{"body": body, "preamble": (), "sections": (Section("1", "Sager", tuple(items)),)}
        | fields
    )


def found(document: Document, **options) -> list[tuple[str | None, str | None, str]]:
    return [(f.item, f.part, f.code) for f in document_lint(document=document, **options)]


def test_a_clean_agenda_has_no_findings():
    assert document_lint(document=agenda(item("1.1"), item("1.2"))) == []


# -- placeholder --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        ("Her skrives Sagsfremstillingen", "Her skrives Sagsfremstillingen"),
        ("HER SKRIVES BAGGRUND\n\nMere tekst.", "HER SKRIVES BAGGRUND"),
        ("Første afsnit.\n\nher skrives baggrund. Resten.", "her skrives baggrund"),
        ("Kommunen [Skriv kommunens navn] deltager.", "[Skriv kommunens navn]"),
        ("Skriv her", "Skriv her"),
        ("Udgiften er xxx kr.", "xxx"),
        ("Mødet begynder kl. XX.", "XX"),
        ("Lorem ipsum dolor sit amet.", "Lorem ipsum"),
        ("Tidsplan: TBD", "TBD"),
        ("- todo: tjek tallene", "todo"),
    ],
)
def test_template_text_in_a_part_is_an_error_that_quotes_it(text, quoted):
    [finding] = document_lint(document=agenda(item(parts=(Part("Baggrund", text), RECOMMENDATION))))

    assert (finding.item, finding.part, finding.code, finding.severity) == (
        "1.1",
        "Baggrund",
        "placeholder",
        ERROR,
    )
    assert f'("{quoted}")' in finding.message
    assert finding.message.endswith("skriv baggrunden eller slet teksten.")


@pytest.mark.parametrize(
    "text",
    [
        "Borgeren udskrives fra hospitalet, og det skrives i journalen.",
        "Der skrives her ikke noget nyt.",  # "skrives her" is not "Skriv her"
        "Vi skriver herefter til ministeriet.",
        "Størrelse XXL og turen til Texas.",
        "Bilaget er vedlagt [se bilag 2].",
        "En todelt model.",
        "Pius XII og taxameteret",
    ],
)
def test_ordinary_danish_is_not_template_text(text):
    assert found(agenda(item(parts=(Part("Baggrund", text), RECOMMENDATION)))) == []


def test_a_part_with_several_placeholders_is_one_finding_quoting_the_first():
    text = "Lorem ipsum.\n\nHer skrives baggrund. Beløb: xxx kr. TODO"

    [finding] = document_lint(document=agenda(item(parts=(Part("Baggrund", text), RECOMMENDATION))))

    assert '("Lorem ipsum")' in finding.message


def test_the_message_says_what_to_write_in_the_recommendation():
    [finding] = document_lint(
        document=agenda(item(parts=(BACKGROUND, Part("Indstilling", "Her skrives indstillingen"))))
    )

    assert finding.message == (
        'Indstilling indeholder skabelontekst ("Her skrives indstillingen"): '
        "skriv indstillingen eller slet teksten."
    )


def test_placeholders_in_the_preamble_and_the_decision_are_found_too():
    document = agenda(
        item(decision="Her skrives beslutningen"),
        preamble=(Part("Mission", "Lorem ipsum"),),
    )

    assert found(document) == [
        (None, "Mission", "placeholder"),
        ("1.1", "Beslutning", "placeholder"),
    ]


def test_the_patterns_are_one_tuple_of_compiled_expressions():
    assert isinstance(PLACEHOLDER_PATTERNS, tuple)
    assert all(hasattr(p, "search") for p in PLACEHOLDER_PATTERNS)


# -- missing-part -------------------------------------------------------------------------


def test_an_item_with_a_case_number_needs_an_indstilling():
    assert found(agenda(item(parts=(BACKGROUND,)))) == [("1.1", None, "missing-part")]


@pytest.mark.parametrize("text", ["", "  \n\n "])
def test_an_empty_indstilling_is_missing(text):
    document = agenda(item(parts=(BACKGROUND, Part("Indstilling", text))))

    assert found(document) == [("1.1", "Indstilling", "missing-part")]


def test_an_item_without_a_case_number_needs_no_indstilling():
    assert found(agenda(item(case_number=None, parts=(BACKGROUND,)))) == []
    assert found(agenda(item(case_number=None, parts=()))) == []


def test_a_placeholder_indstilling_is_a_placeholder_not_also_missing():
    document = agenda(item(parts=(Part("Indstilling", "[Skriv indstillingen her]"),)))

    assert found(document) == [("1.1", "Indstilling", "placeholder")]


def test_the_heading_indstilling_is_recognised_in_any_case_and_with_a_colon():
    document = agenda(item(parts=(BACKGROUND, Part("INDSTILLING:", RECOMMENDATION.text))))

    assert found(document) == []


# -- misplaced-indstilling ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("recommendation", "also"),
    [
        ((), [("1.1", None, "missing-part")]),
        ((Part("Indstilling", ""),), [("1.1", "Indstilling", "missing-part")]),
        (
            (Part("Indstilling", "Her skrives indstillingen"),),
            [("1.1", "Indstilling", "placeholder")],
        ),
    ],
    ids=["missing", "empty", "placeholder"],
)
def test_det_indstilles_outside_a_missing_indstilling_is_misplaced(recommendation, also):
    background = Part("Baggrund", "Punktet er kort. Det indstilles, at KKR godkender planen.")

    findings = document_lint(document=agenda(item(parts=(background, *recommendation))))

    misplaced = [f for f in findings if f.code == "misplaced-indstilling"]
    assert [(f.item, f.part, f.severity) for f in misplaced] == [("1.1", "Baggrund", ERROR)]
    assert '("Det indstilles, at KKR godkender planen.")' in misplaced[0].message
    assert "flyt indstillingen til Indstilling" in misplaced[0].message
    assert [(f.item, f.part, f.code) for f in findings if f.code != "misplaced-indstilling"] == also


def test_det_indstilles_is_found_at_a_line_or_list_item_start():
    for text in [
        "Intro:\nDet indstilles, at KKR godkender.",
        "- Det indstilles, at KKR godkender.",
    ]:
        document = agenda(item(parts=(Part("Sagsfremstilling", text),)))

        assert ("1.1", "Sagsfremstilling", "misplaced-indstilling") in found(document)


def test_det_indstilles_beside_a_real_indstilling_is_fine():
    background = Part("Baggrund", "Det indstilles, at KKR godkender planen.")

    assert found(agenda(item(parts=(background, RECOMMENDATION)))) == []


def test_det_indstilles_inside_a_sentence_is_not_a_recommendation():
    background = Part("Baggrund", "Hvad der indstilles, og hvad det indstilles til, afgør KKR.")

    assert found(agenda(item(case_number=None, parts=(background,)))) == []


# -- attachment-untitled ------------------------------------------------------------------


@pytest.mark.parametrize(
    "title",
    [
        "",
        "  ",
        "Bilag",
        "bilag 1",
        "Bilag 2a:",
        "Bilag nr. 3.pdf",
        "bilag.pdf",
        "scan0001.PDF",
        "referat_final_v3.docx",
    ],
)
def test_an_attachment_without_a_real_title_is_a_warning(title):
    document = agenda(item(attachments=(AttachmentRef("Notat om FGU"), AttachmentRef(title))))

    [finding] = document_lint(document=document)

    assert (finding.item, finding.part, finding.code, finding.severity) == (
        "1.1",
        "attachments",
        "attachment-untitled",
        WARNING,
    )
    assert finding.message.startswith("Bilag 2 ")
    assert not has_errors([finding])


@pytest.mark.parametrize(
    "title", ["Notat om FGU", "Bilag til punkt 3: økonomimodel", "Udkast til praksisplan.pdf"]
)
def test_a_descriptive_attachment_title_is_fine(title):
    assert found(agenda(item(attachments=(AttachmentRef(title),)))) == []


# -- case-number --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "number", "ok"),
    [
        ("KKR Hovedstaden", "SAG-2021-04819", True),
        ("KKR Hovedstaden", "SAG-2020-06517", True),
        ("KKR Hovedstaden", "2021-04819", False),
        ("KKR Hovedstaden", "SAG-2021-4819", False),
        ("KKR Hovedstaden", "SAG-2021-04819 ", False),
        ("Økonomiudvalget", "2021-123", True),
        ("Økonomiudvalget", "ØK-2021-5", True),
        ("Økonomiudvalget", "SAG-2021-04819", True),
        ("Økonomiudvalget", "SAG-21-1", False),
        ("Økonomiudvalget", "sag 2021", False),
        ("KKRs formandskab", "2021-123", True),  # "KKR " with a space means a KKR
    ],
)
def test_case_numbers_follow_the_default_scheme_for_the_body(body, number, ok):
    findings = document_lint(document=agenda(item(case_number=number), body=body))

    assert [(f.item, f.code, f.severity) for f in findings] == (
        [] if ok else [("1.1", "case-number", WARNING)]
    )


def test_the_message_names_the_expected_form():
    [finding] = document_lint(document=agenda(item(case_number="2021-04819")))

    assert '"2021-04819"' in finding.message
    assert "forventet fx SAG-2021-04819" in finding.message


def test_the_bodys_own_pattern_replaces_the_default():
    kle = r"\d{2}\.\d{2}\.\d{2}-[A-ZØ]\d{2}-\d+-\d{2}"
    document = agenda(item("1.1", case_number="00.01.00-A00-1-21"), item("1.2"))

    findings = document_lint(document=document, case_number_pattern=kle)

    assert [(f.item, f.code) for f in findings] == [("1.2", "case-number")]
    assert kle in findings[0].message


def test_an_empty_pattern_means_the_default():
    assert found(agenda(item()), case_number_pattern="") == []


def test_a_broken_pattern_is_one_warning_and_no_case_number_check():
    document = agenda(item("1.1", case_number="x"), item("1.2", case_number="y"))

    findings = document_lint(document=document, case_number_pattern="SAG-[")

    assert [(f.item, f.code, f.severity) for f in findings] == [
        (None, "case-number-pattern", WARNING)
    ]


# -- duplicate-number and empty-title -----------------------------------------------------


def test_a_repeated_item_number_is_reported_on_the_second():
    document = document_build(
        body="KKR Hovedstaden",
        sections=(
            Section("1", "A", (item("1.1"), item("1.2"))),
            Section("2", "B", (item("1.2", title="Igen"),)),
        ),
    )

    [finding] = document_lint(document=document)

    assert (finding.item, finding.code, finding.severity) == ("1.2", "duplicate-number", ERROR)


def test_a_repeated_section_number_is_a_meeting_finding():
    sections = (Section("1", "A", (item("1.1"),)), Section("1", "B", (item("2.1"),)))

    findings = document_lint(document=document_build(body="KKR Hovedstaden", sections=sections))

    assert [(f.item, f.part, f.code) for f in findings] == [(None, None, "duplicate-number")]
    assert "Afsnit 1 (B)" in findings[0].message


def test_an_item_without_a_title_is_an_error():
    # item_build would replace "" with a default title; blank is empty too.
    document = agenda(item("1.1", title=" \n"), item("1.2"))

    assert found(document) == [("1.1", None, "empty-title")]


# -- the whole --------------------------------------------------------------------------------


def test_findings_come_in_agenda_order_and_as_dicts():
    document = agenda(
        item(
            "1.1",
            case_number="2021-1",
            parts=(Part("Baggrund", "xxx"), Part("Sagsfremstilling", "Det indstilles, at.")),
            attachments=(AttachmentRef("Bilag"),),
        ),
        item("1.1"),
    )

    findings = document_lint(document=document)

    assert [(f.item, f.part, f.code) for f in findings] == [
        ("1.1", None, "case-number"),
        ("1.1", None, "missing-part"),
        ("1.1", "Baggrund", "placeholder"),
        ("1.1", "Sagsfremstilling", "misplaced-indstilling"),
        ("1.1", "attachments", "attachment-untitled"),
        ("1.1", None, "duplicate-number"),
    ]
    assert all(f.severity == SEVERITIES[f.code] for f in findings)
    assert findings[0].to_dict() == {
        "item": "1.1",
        "part": None,
        "code": "case-number",
        "severity": "warning",
        "message": findings[0].message,
    }


def test_has_errors_is_about_errors_only():
    warning = Finding(None, None, "case-number", WARNING, "…")
    error = Finding(None, None, "placeholder", ERROR, "…")

    assert not has_errors([])
    assert not has_errors([warning])
    assert has_errors([warning, error])


@pytest.fixture(scope="module")
def seed_document() -> Document:
    path = seed_agenda()
    if path is None:
        pytest.skip("the seed agenda (../shared/seeds) is not beside this checkout")
    [document] = registry.load(path)
    return document


def test_the_seed_has_exactly_the_known_findings(seed_document):
    findings = document_lint(document=seed_document)

    assert [(f.item, f.part, f.code, f.severity) for f in findings] == SEED_FINDINGS
    assert findings[1].message == (
        'Baggrund indeholder indstillingen ("Det indstilles, at KKR Hovedstaden godkender '
        'dagsorden for…"), men Indstilling er kun skabelontekst: flyt indstillingen til '
        "Indstilling."
    )


# -- a stored meeting ---------------------------------------------------------------------


@pytest.mark.django_db
def test_a_meeting_is_checked_as_its_document(seed_document):
    meeting = document_import(document=seed_document)

    assert meeting_lint(meeting=meeting) == document_lint(document=seed_document)


@pytest.mark.django_db
def test_a_meeting_uses_its_bodys_case_number_pattern_when_it_has_one():
    document = agenda(item("1.1"), item("1.2", case_number="2021-04819"))
    meeting = document_import(document=document)
    assert [(f.item, f.code) for f in meeting_lint(meeting=meeting)] == [("1.2", "case-number")]

    # Set on the instance, so this holds whether or not Body has the field yet.
    meeting.body.case_number_pattern = r"\d{4}-\d{5}"

    assert [(f.item, f.code) for f in meeting_lint(meeting=meeting)] == [("1.1", "case-number")]
