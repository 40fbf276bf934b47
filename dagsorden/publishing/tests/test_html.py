from dagsorden.publishing.html import text_to_html


def test_paragraphs_lists_and_breaks():
    html = text_to_html("Første afsnit\nny linje\n\nPunkter:\n- en\n- to\n1) tre\n\nSlut")
    assert html == (
        "<p>Første afsnit<br>\nny linje</p>\n"
        "<p>Punkter:</p>\n<ul>\n<li>en</li>\n<li>to</li>\n</ul>\n"
        '<ol>\n<li value="1">tre</li>\n</ol>\n'
        "<p>Slut</p>"
    )


def test_markup_in_text_is_escaped_and_urls_linked():
    html = text_to_html('<script>alert(1)</script> <img src=x onerror="x()"> https://kl.dk/a')
    assert "<script>" not in html and "<img" not in html
    assert "&lt;script&gt;" in html
    assert '<a href="https://kl.dk/a" rel="nofollow">https://kl.dk/a</a>' in html


def test_empty_text_gives_nothing():
    assert text_to_html("") == "" and text_to_html(None) == ""
