"""A PDF fetches nothing: no local file and no network resource gets into it."""

from __future__ import annotations

import http.server
import io
import threading

import pytest
from pypdf import PdfReader

from dagsorden.publishing.pdf import html_pdf

SECRET = "HEMMELIG-FIL-7f3a"
SERVED = "FRA-SERVEREN-91c2"


@pytest.fixture
def server():
    """A local HTTP server that notes every request it gets."""
    requests: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            requests.append(self.path)
            body = f'p::after {{ content: "{SERVED}" }}'.encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/css")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}", requests
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def secret_file(tmp_path):
    path = tmp_path / "hemmelig.txt"
    path.write_text(SECRET)
    return path.as_uri()


def hostile_html(url: str, file_url: str) -> str:
    return f"""<!DOCTYPE html><html lang="da"><head><title>t</title>
<link rel="stylesheet" href="{url}/style.css">
<link rel="attachment" href="{file_url}">
<style>@import url("{url}/import.css"); body {{ background: url("{url}/bg.png") }}</style>
</head><body>
<p>Et punkt</p>
<img src="file:///etc/hostname" alt="">
<img src="{url}/billede.png" alt="">
<img src="{file_url}" alt="">
<a rel="attachment" href="{file_url}">bilag</a>
<object data="{url}/objekt.svg"></object>
</body></html>"""


def pdf_content(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    text = "".join(page.extract_text() for page in reader.pages)
    embedded = b"".join(data for files in reader.attachments.values() for data in files)
    return text + embedded.decode("utf-8", "replace")


def test_weasyprint_left_alone_would_fetch_all_this(server, secret_file):
    """The control: without our fetcher the same HTML reaches both the file and the server,
    so the test below would notice if ours let anything through."""
    from weasyprint import HTML

    url, requests = server
    pdf = HTML(string=hostile_html(url, secret_file)).write_pdf()
    assert requests
    assert SECRET in pdf_content(pdf)


def test_our_pdfs_fetch_no_file_and_no_url(server, secret_file):
    url, requests = server
    pdf = html_pdf(hostile_html(url, secret_file))
    assert requests == []
    content = pdf_content(pdf)
    assert "Et punkt" in content
    assert SECRET not in content
    assert SERVED not in content
    assert SECRET.encode() not in pdf
    assert not PdfReader(io.BytesIO(pdf)).attachments
