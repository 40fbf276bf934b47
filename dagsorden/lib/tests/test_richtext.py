from itertools import pairwise

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given, settings
from hypothesis import strategies as st

from dagsorden.lib.richtext import html_to_text, text_clean_input, text_validate
from dagsorden.publishing.html import text_to_html

# -- text_validate -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("Hej <script>alert(1)</script>", "(<script>)"),
        ("<SCRIPT SRC=//x.dk/a.js></SCRIPT>", "(<script>)"),
        ("<style>p { display: none }</style>", "(<style>)"),
        ('<iframe src="https://x.dk"></iframe>', "(<iframe>)"),
        ("<object data=x.swf>", "(<object>)"),
        ("<embed src=x.swf>", "(<embed>)"),
        ('<img src=x onerror="alert(1)">', "(onerror=)"),
        ("<a href=https://kl.dk onClick=x()>KL</a>", "(onclick=)"),
        ("<svg/onload=alert(1)>", "(onload=)"),
        ("[klik](javascript:alert(1))", "javascript:"),
        ('<a href="JavaScript:alert(1)">x</a>', "javascript:"),
        ("java script:alert(1)", "javascript:"),
    ],
)
def test_validate_refuses_dangerous_html(text, named):
    with pytest.raises(ValidationError) as caught:
        text_validate(text)
    message = caught.value.messages[0]
    assert named in message
    assert message.startswith("Teksten indeholder")


def test_the_message_says_what_to_use_instead():
    with pytest.raises(ValidationError) as caught:
        text_validate("<script>x</script>")
    assert caught.value.messages == [
        "Teksten indeholder HTML, som ikke er tilladt (<script>). "
        "Brug **fed**, *kursiv* og [link](https://…) til formatering."
    ]
    assert caught.value.code == "html_not_allowed"


@pytest.mark.parametrize(
    "text",
    [
        "Beløb < 5 mio. kr. og > 3 mio. kr.",
        "a<b og c>d, 2 <3",
        "Brug **fed**, *kursiv* og [KL](https://kl.dk)",
        "online=ja, onsdag=mødedag",
        "Scriptet <manuskriptet> er klar",
        "<p>Et <b>afsnit</b></p>",
        "",
    ],
)
def test_validate_accepts_prose_marks_and_harmless_html(text):
    text_validate(text)


# -- text_clean_input ----------------------------------------------------------------------


def test_clean_input_normalises_line_ends_and_trailing_spaces():
    text = "Første  \r\nanden\t\r\n\r\n- punkt \rsidste \n\n"
    assert text_clean_input(text) == "Første\nanden\n\n- punkt\nsidste"


def test_clean_input_keeps_plain_text_with_angle_brackets():
    assert text_clean_input("Beløb < 5 mio. kr.\n\n**Fed**") == "Beløb < 5 mio. kr.\n\n**Fed**"


def test_clean_input_converts_html():
    text = (
        "<p>Indstilling:</p>\r\n"
        "<ul><li><b>godkender</b> planen</li><li>tager til efterretning</li></ul>"
    )
    assert text_clean_input(text) == (
        "Indstilling:\n\n- **godkender** planen\n- tager til efterretning"
    )


@pytest.mark.parametrize(
    "text",
    [
        "<p>Hej</p><script>alert(1)</script>",
        "<p>Hej <img src=x onerror=alert(1)></p>",
        '<p><a href="javascript:alert(1)">Hej</a></p>',
        # Entities decode on the way in: the stored text would hold the tag.
        "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>",
    ],
)
def test_clean_input_refuses_dangerous_html(text):
    with pytest.raises(ValidationError):
        text_clean_input(text)


# -- html_to_text --------------------------------------------------------------------------

WORD = """<html xmlns:o="urn:schemas-microsoft-com:office:office"><head>
<style><!-- p.MsoNormal {mso-style-parent:""; margin:0cm;} --></style>
<!--[if gte mso 9]><xml><w:WordDocument><w:View>Normal</w:View></w:WordDocument></xml>
<![endif]--></head><body lang=DA style='tab-interval:65.2pt'>
<!--StartFragment-->
<p class=MsoNormal><b><span style='font-size:12.0pt;mso-bidi-font-weight:normal'>Baggrund<o:p>
</o:p></span></b></p>
<p class=MsoNormal>KKR Hovedstaden besluttede den 15. oktober at&nbsp;igangs&aelig;tte
arbejdet med <i>Sundhedsaftalen</i>. Se <a href="https://www.kl.dk/kkr">kl.dk/kkr</a>.<o:p></o:p></p>
<p class=MsoNormal><o:p>&nbsp;</o:p></p>
<p class=MsoListParagraphCxSpFirst style='text-indent:-18.0pt;mso-list:l0 level1 lfo1'>
<![if !supportLists]><span style='font-family:Symbol'><span style='mso-list:Ignore'>·<span
style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp; </span></span>
</span><![endif]>F&oslash;rste punkt<o:p></o:p></p>
<p class=MsoListParagraphCxSpLast style='text-indent:-18.0pt;mso-list:l0 level1 lfo1'>
<![if !supportLists]><span style='font-family:Symbol'><span style='mso-list:Ignore'>·<span
style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp; </span></span>
</span><![endif]>Andet <b>vigtigt</b> punkt<o:p></o:p></p>
<p class=MsoListParagraph style='mso-list:l1 level1 lfo2'><![if !supportLists]><span>1.<span
style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;&nbsp;&nbsp; </span></span><![endif]>Nummer
et<o:p></o:p></p>
<p class=MsoNormal>§&nbsp;17, stk. 4 gælder.</p>
<!--EndFragment--></body></html>"""


def test_word_fragment():
    assert html_to_text(WORD) == (
        "**Baggrund**\n\n"
        "KKR Hovedstaden besluttede den 15. oktober at igangsætte arbejdet med "
        "*Sundhedsaftalen*. Se [kl.dk/kkr](https://www.kl.dk/kkr).\n\n"
        "- Første punkt\n- Andet **vigtigt** punkt\n1) Nummer et\n\n"
        "§ 17, stk. 4 gælder."
    )


def test_google_docs_fragment_is_not_all_bold():
    html = (
        '<meta charset="utf-8"><b style="font-weight:normal;" id="docs-internal-guid-1a2b">'
        '<p dir="ltr"><span style="font-weight:400;">Normal </span>'
        '<span style="font-weight:700;">fed</span>'
        '<span style="font-style:italic;font-weight:400"> kursiv</span></p></b>'
    )
    assert html_to_text(html) == "Normal **fed** *kursiv*"


def test_nested_lists_are_flattened_and_numbering_kept():
    html = (
        "<p>Indstilling:</p><ul><li>a<ul><li>b <b>fed</b></li><li>c</li></ul></li>"
        "<li>d</li></ul><ol start=3><li>x</li><li>y</li><li value=9>z</li></ol>"
    )
    assert html_to_text(html) == "Indstilling:\n\n- a\n- b **fed**\n- c\n- d\n3) x\n4) y\n9) z"


def test_list_items_holding_paragraphs():
    html = "<ul><li><p>a</p></li><li><p>b</p><p>mere</p></li></ul><p>efter</p>"
    assert html_to_text(html) == "- a\n- b\n\nmere\n\nefter"


def test_table_with_header_row():
    html = (
        "<p>Status:</p><table border=1 class=MsoTableGrid><thead><tr><th>Kommune</th>"
        "<th>Status</th></tr></thead><tbody><tr><td><p>Egedal</p></td>"
        "<td><b>Klar</b><br>i dag</td></tr><tr><td>A|B</td><td></td></tr>"
        "<tr><td>kort</td></tr></tbody></table><p>Efter</p>"
    )
    assert html_to_text(html) == (
        "Status:\n\n"
        "| Kommune | Status |\n|---|---|\n| Egedal | **Klar** i dag |\n| A\\|B | |\n"
        "| kort | |\n\n"
        "Efter"
    )


def test_table_without_header_row():
    assert html_to_text("<table><tr><td>a</td><td>b</td></tr></table>") == "| a | b |"


def test_tables_render_back_the_same():
    text = "| Kommune | Status |\n|---|---|\n| Egedal | **Klar** |\n| A \\| B | |"
    assert html_to_text(str(text_to_html(text))) == text


def test_links():
    html = (
        '<p><a href="https://kl.dk/a">KL</a>, <a href="mailto:kkr@kl.dk">skriv</a>, '
        '<a href="javascript:alert(1)">js</a>, <a href="/relativ">relativ</a>, '
        '<a href="ftp://x.dk">ftp</a>, <a href="https://kl.dk/b">https://kl.dk/b</a>, '
        '<a href="mailto:kkr@kl.dk">kkr@kl.dk</a>, <a href="https://kl.dk/c d(e">sti [1]</a>, '
        '<a href="https://kl.dk/f"><b>fed</b> link</a></p>'
    )
    assert html_to_text(html) == (
        "[KL](https://kl.dk/a), [skriv](mailto:kkr@kl.dk), js, relativ, ftp, "
        "https://kl.dk/b, kkr@kl.dk, sti [1] (https://kl.dk/c%20d%28e), "
        "[**fed** link](https://kl.dk/f)"
    )


def test_entities_are_decoded():
    html = "<p>&aelig;&oslash;&aring; &AElig;&Oslash;&Aring; a&nbsp;&nbsp;b &lt;5 &amp; &#8211;</p>"
    assert html_to_text(html) == "æøå ÆØÅ a b <5 & –"


def test_scripts_styles_and_comments_are_dropped():
    html = (
        "<p>før</p><script>alert('x')</script><style>p{color:red}</style><!-- note -->"
        "<noscript>slå js til</noscript><title>titel</title><p>efter</p>"
    )
    assert html_to_text(html) == "før\n\nefter"


def test_whitespace_is_normalised():
    html = (
        "<p>  mange   \n  mellemrum  </p>\n\n\n<p></p><p>  </p><div>næste<br>linje<br><br>"
        "<br>nyt afsnit</div><p><b>a</b> <b>b</b> <b>c </b>d<i> e</i></p>"
    )
    assert html_to_text(html) == (
        "mange mellemrum\n\nnæste\nlinje\n\nnyt afsnit\n\n**a b c** d *e*"
    )


def test_headings_are_paragraphs_of_their_own():
    assert html_to_text("<h1>Titel</h1>tekst<h2>Under</h2>mere") == (
        "Titel\n\ntekst\n\nUnder\n\nmere"
    )


def test_broken_html():
    assert html_to_text("<p>Unclosed <b>bold <i>and italic<p>next") == (
        "Unclosed **bold *and italic***\n\n***next***"
    )
    assert html_to_text("</b></p>stray end tags</i>") == "stray end tags"
    # HTML5 reads "<p<b>" as one tag named "p<b", as browsers do.
    assert html_to_text("<p<b>x</b> <a href='https://kl.dk") == "x"
    assert html_to_text("a < b <table><tr><td>x") == "a < b\n\n| x |"
    assert html_to_text("") == html_to_text("   ") == ""


@pytest.mark.parametrize(
    "html",
    [
        "".join(
            f"<p class=MsoNormal>Punkt {n}: <b>KKR</b> har <i>drøftet</i> "
            f"<a href='https://kl.dk/{n}'>aftalen</a>&nbsp;og&nbsp;status.<o:p></o:p></p>\n"
            for n in range(17_000)
        ),
        "<div>" * 400_000,
        "<ul><li>x" * 220_000,
    ],
    ids=["word", "nested-divs", "nested-lists"],
)
def test_two_megabytes_finish(html):
    # nh3's parser is quadratic in nesting depth; html_to_text flattens what is too deep.
    assert len(html) >= 1_900_000
    assert isinstance(html_to_text(html), str)


_SOUP = st.lists(
    st.sampled_from(
        [
            "<p>",
            "</p>",
            "<b>",
            "</b>",
            "<i>",
            "</i>",
            "<ul>",
            "<ol>",
            "<li>",
            "</li>",
            "</ul>",
            "<table>",
            "<tr>",
            "<td>",
            "<th>",
            "</td>",
            "</table>",
            "<br>",
            "<div>",
            "<a href='https://kl.dk'>",
            "<a href=javascript:x>",
            "</a>",
            "<span style='font-weight:bold'>",
            "</span>",
            "<script>",
            "</script>",
            "<!--",
            "-->",
            "<![if x]>",
            "&nbsp;",
            "&amp",
            "&#0;",
            "<",
            ">",
            "|",
            "*",
            "[",
            "](",
            " ",
            "\n",
            "x",
            "æ",
            "\xa0",
            "<o:p>",
            "<h1>",
        ]
    ),
    max_size=60,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(), _SOUP))
def test_html_to_text_never_raises_and_gives_tidy_text(html):
    text = html_to_text(html)
    assert "\n\n\n" not in text and text == text.strip()
    assert all(line == line.rstrip() for line in text.split("\n"))


# -- round trip ----------------------------------------------------------------------------

_WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyzæøåÆØÅ", min_size=1, max_size=8)
_KINDS = ["", "", "**", "*", "link", "url"]


def _line(words: list[tuple[str, str]]) -> str:
    """Words, some bold, italic, linked or bare URLs.

    Two neighbours with the same mark are not made: "**a** **b**" comes back as
    "**a b**" (html_to_text joins runs that Word splits), which is the same HTML.
    """
    out, previous = [], None
    for word, kind in words:
        kind = "" if kind == previous else kind
        previous = kind
        if kind == "link":
            out.append(f"[{word}](https://example.dk/side/{word})")
        elif kind == "url":
            out.append(f"https://example.dk/{word}")
        else:
            out.append(f"{kind}{word}{kind}")
    return " ".join(out)


_LINE = st.lists(st.tuples(_WORD, st.sampled_from(_KINDS)), min_size=1, max_size=6).map(_line)
_CELL = st.lists(st.tuples(_WORD, st.sampled_from(_KINDS[:4])), min_size=1, max_size=3).map(_line)
_LINES = st.lists(_LINE, min_size=1, max_size=3)
_NUMBERS = st.lists(st.integers(min_value=1, max_value=99), min_size=3, max_size=3)
_ROWS = st.integers(min_value=1, max_value=3).flatmap(
    lambda width: st.lists(st.lists(_CELL, min_size=width, max_size=width), min_size=1, max_size=4)
)
_PARAGRAPH = st.one_of(
    _LINES.map(lambda lines: ("prose", "\n".join(lines))),
    _LINES.map(lambda lines: ("bullets", "\n".join(f"- {x}" for x in lines))),
    st.tuples(_NUMBERS, _LINES).map(
        lambda t: ("numbers", "\n".join(f"{n}) {x}" for n, x in zip(*t, strict=False)))
    ),
    st.tuples(_ROWS, st.booleans()).map(lambda t: ("table", _table(*t))),
)


def _table(rows: list[list[str]], header: bool) -> str:
    lines = ["| " + " | ".join(row) + " |" for row in rows]
    if header:
        lines.insert(1, "|" + "|".join(["---"] * len(rows[0])) + "|")
    return "\n".join(lines)


@settings(max_examples=200, deadline=None)
@given(st.lists(_PARAGRAPH, min_size=1, max_size=5))
def test_round_trip(paragraphs):
    # Lists next to each other come back as one paragraph: html_to_text joins them because
    # Word writes each list item as a <p>, and the HTML is the same either way.
    text = paragraphs[0][1]
    lists = {"bullets", "numbers"}
    for (before, _), (kind, paragraph) in pairwise(paragraphs):
        text += ("\n" if before in lists and kind in lists else "\n\n") + paragraph
    assert html_to_text(str(text_to_html(text))) == text


@settings(max_examples=200, deadline=None)
@given(_SOUP.map(lambda html: html.replace("*", "").replace("|", "").replace("[", "")))
def test_converted_html_renders_and_converts_back_the_same(html):
    # Literal "*", "|" and "[" in HTML text read as marks in the text form (there is no
    # escaping), so they are left out here.
    text = html_to_text(html)
    assert html_to_text(str(text_to_html(text))) == text
