"""The template as text: what the secretary writes, and every mistake by line number."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from dagsorden.meetings.template_text import parts_parse, template_format, template_parse
from dagsorden.meetings.templates_default import default_template


def test_the_default_templates_survive_a_round_trip_through_text():
    for kkr in (True, False):
        sections = default_template(kkr=kkr)["sections"]
        assert template_parse(template_format(sections=sections)) == sections


def test_it_reads_sections_items_and_the_minutes_mark():
    text = (
        "1. Godkendelse af referat og dagsorden\n"
        "   - Godkendelse af referat (referat)\n"
        "   - Godkendelse af dagsorden\n"
        "\n"
        "2 Sager\n"
        "\n"
        "3. Eventuelt\n"
        "- Eventuelt   \n"
    )
    assert template_parse(text) == [
        {
            "number": "1",
            "title": "Godkendelse af referat og dagsorden",
            "items": [
                {"title": "Godkendelse af referat", "minutes_of_previous": True},
                {"title": "Godkendelse af dagsorden", "minutes_of_previous": False},
            ],
        },
        {"number": "2", "title": "Sager", "items": []},
        {
            "number": "3",
            "title": "Eventuelt",
            "items": [{"title": "Eventuelt", "minutes_of_previous": False}],
        },
    ]


def test_every_mistake_is_named_with_its_line():
    text = (
        "   - Punkt uden afsnit\n"  # 1
        "1. Sager\n"  # 2
        "Siden sidst\n"  # 3
        "   - (referat)\n"  # 4
        "1. Igen\n"  # 5
        "   - A (referat)\n"  # 6
        "   - B (referat)\n"  # 7
    )
    with pytest.raises(ValidationError) as refused:
        template_parse(text)
    messages = refused.value.messages
    assert messages[0].startswith('Linje 1: punktet "Punkt uden afsnit" står før første afsnit')
    assert messages[1].startswith('Linje 3: "Siden sidst" er hverken et afsnit')
    assert messages[2].startswith("Linje 4: punktet har ingen titel")
    assert messages[3].startswith("Linje 5: afsnit 1 findes allerede")
    assert messages[4] == (
        "Linje 7: kun ét punkt kan godkende referatet; linje 6 er allerede markeret (referat)."
    )
    assert len(messages) == 5


def test_an_empty_template_is_refused():
    with pytest.raises(ValidationError, match="ingen afsnit"):
        template_parse("\n \n")


def test_parts_are_a_comma_separated_line():
    assert parts_parse(" Baggrund, Indstilling ,,Sagsfremstilling ") == [
        "Baggrund",
        "Indstilling",
        "Sagsfremstilling",
    ]
    with pytest.raises(ValidationError, match="to gange"):
        parts_parse("Baggrund, baggrund")
