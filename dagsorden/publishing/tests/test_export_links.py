"""Finding and rewriting links in the exported HTML and CSS, and naming downloads."""

from __future__ import annotations

import io

from django.http import FileResponse, HttpResponse

from dagsorden.publishing.export import (
    _download_path,
    _page_path,
    css_links,
    html_links,
    rewrite,
)


def test_links_are_found_by_parsing_not_by_pattern():
    text = (
        '<!-- <a href="/kommentar/"> -->\n'
        "<script>var s = '<a href=\"/script/\">';</script>\n"
        '<p>Skriv href="/tekst/" her</p>\n'
        '<a class="x" href="/moeder/1/#punkt-1.1">a</a>'
        "<img src='/static/logo.png' alt=\"\">"
        "<a href=/uden-citat/>b</a>\n"
        '<a href="/a/?x=1&amp;y=2">c</a>'
    )
    links = [link for _, _, link in html_links(text)]
    assert links == [
        "/moeder/1/#punkt-1.1",
        "/static/logo.png",
        "/uden-citat/",
        "/a/?x=1&y=2",
    ]


def test_a_rewrite_changes_only_the_values_it_is_given():
    text = '<a id="top" href="/moeder/1/">Møde</a>\n<A HREF=\'/x/\'>x</A><a href="/y/">y</a>'

    new = rewrite(
        text,
        html_links(text),
        {"/moeder/1/": "moeder/1/index.html", "/x/": 'x"y.html'}.get,
        escape=True,
    )

    assert new == (
        '<a id="top" href="moeder/1/index.html">Møde</a>\n'
        '<A HREF="x&quot;y.html">x</A><a href="/y/">y</a>'
    )


def test_css_urls_and_imports():
    text = (
        "@import 'base.css';\nbody { background: url(/static/bg.png) }\na { b: url( \"x.svg\" ) }"
    )

    links = css_links(text)

    assert [link for _, _, link in links] == ["base.css", "/static/bg.png", "x.svg"]
    assert rewrite(text, links, {"/static/bg.png": "bg.png"}.get, escape=False) == (
        '@import \'base.css\';\nbody { background: url("bg.png") }\na { b: url( "x.svg" ) }'
    )


def test_pages_become_index_files():
    assert _page_path("/") == "index.html"
    assert _page_path("/moeder/1/punkter/3.1/") == "moeder/1/punkter/3.1/index.html"
    assert _page_path("/om.html") == "om.html"
    assert _page_path("/om") == "om/index.html"


def test_a_download_keeps_the_name_it_is_sent_with():
    def sent(filename):
        return FileResponse(io.BytesIO(b"x"), filename=filename)

    assert _download_path("/bilag/12/", sent("Notat-om-FGU.pdf")) == "bilag/12/Notat-om-FGU.pdf"
    assert _download_path("/bilag/12/", sent("Ældre.pdf")) == "bilag/12/Ældre.pdf"
    # A name that would leave its folder or hide itself is not taken.
    assert _download_path("/bilag/12/", sent("../../x.pdf")) == "bilag/12/x.pdf"
    plain = HttpResponse(b"%PDF", content_type="application/pdf")
    assert _download_path("/moeder/1/pdf/", plain) == "moeder/1/pdf/download.pdf"
    assert _download_path("/moeder/1/dagsorden.pdf", plain) == "moeder/1/dagsorden.pdf"
    hidden = HttpResponse(
        b"x",
        content_type="application/octet-stream",
        headers={"Content-Disposition": 'inline; filename=".htaccess"'},
    )
    assert _download_path("/bilag/3/", hidden) == "bilag/3/download.bin"
