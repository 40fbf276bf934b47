"""The Danish words the index is built from: what Snowball really does to them."""

from __future__ import annotations

from dagsorden.search.text import highlight, query_parse, stem, stemmed


def test_inflections_of_klynge_share_one_stem():
    assert {stem(w) for w in ("klynge", "klynger", "klyngen", "klyngerne")} == {"klyng"}
    assert stem("sundhedsklynger") == stem("sundhedsklyngen") == "sundhedsklyng"


def test_aa_ae_oe_are_kept_as_letters():
    assert stem("år") == "år"
    assert stem("ar") == "ar"
    assert stemmed("Ærø og Øresund") == "ærø og øresund"


def test_query_parses_words_phrases_or_and_exclusions():
    query = query_parse('klynger "næste år" OR budget -skat SAG-2021-04819')
    assert query.fts5() == ('("klyng" AND "næst år" OR "budg" AND "sag 2021 04819") NOT "skat"')
    assert query_parse("-skat").fts5() == ""
    assert query_parse('  "" ').terms == []


def test_highlight_marks_matches_and_escapes_the_rest():
    html = highlight("<b>Sundhedsklyngen</b> & klynger\n\ni regionen", frozenset({"klyng"}))
    assert html == "&lt;b&gt;Sundhedsklyngen&lt;/b&gt; &amp; <mark>klynger</mark> i regionen"


def test_highlight_cuts_a_window_around_the_first_match():
    text = " ".join(f"ord{n}" for n in range(100)) + " klyngen " + "slut " * 50
    html = highlight(text, frozenset({"klyng"}), size=12)
    assert html.startswith("… ord")
    assert "<mark>klyngen</mark>" in html
    assert html.endswith(" …")
