"""The public portal as plain files: what ``dagsorden export-site OUTDIR`` writes.

The portal is crawled in process as an anonymous visitor, from "/" along every same-site
``href`` and ``src``, so whatever the portal shows the public is exported and nothing
else; no URL map is kept here. Pages become ``a/b/index.html``, downloads keep the name
their Content-Disposition gives, static files come from the staticfiles finders, and
every link is rewritten to a relative path, so any web server, a CDN or a file:// browser
can serve the result.

Where the files go and how they replace the previous export: ``export_outdir``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import email.message
import hashlib
import html
import logging
import mimetypes
import os
import posixpath
import re
import shutil
import time
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from urllib.parse import quote, unquote, urljoin, urlsplit

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.exceptions import SuspiciousFileOperation
from django.db import DatabaseError
from django.test import Client

from dagsorden.cases.models import Attachment
from dagsorden.meetings import access
from dagsorden.publishing.export_outdir import MARKER, ExportError, Outdir, os_reason

__all__ = ["MARKER", "Export", "ExportError", "leak_check", "site_export"]

# The WSGI environ key that tells the portal a page is for the export: no login box, no forms.
EXPORT_KEY = "dagsorden.export"
# Never public, whatever they answer: not even asked.
PRIVATE = ("/konto/", "/sekretariat/", "/admin/")
# Rendered by the portal only for members and the secretariat; never in a public page.
CLOSED_CANARY = "closed-marker"
PROGRESS_SECONDS = 2.0


@dataclass
class Export:
    outdir: Path
    version: Path
    pages: int = 0
    files: int = 0
    # Same-site links to what is not public (login, 404, a query): left as they are.
    skipped: set[str] = field(default_factory=set)
    # A real folder that was OUTDIR before the first swap, kept aside whole.
    replaced: Path | None = None


def site_export(
    outdir: str | os.PathLike,
    *,
    progress: Callable[[int, int], None] | None = None,
    client: Client | None = None,
) -> Export:
    """Export the public portal to ``outdir``; raises ``ExportError`` with the reason."""
    target = Outdir(Path(os.path.abspath(outdir)))
    target.check()
    try:
        with target.locked():
            target.clean()
            export = _version_write(target, client or _client(), progress)
            export.replaced = target.swap(export.version)
            target.clean()
    except OSError as exc:
        raise ExportError(os_reason(exc)) from exc
    return export


def _version_write(outdir: Outdir, client: Client, progress) -> Export:
    """The export in a new version folder beside OUTDIR, complete or not there at all."""
    partial = outdir.partial()
    try:
        _file_write(partial, MARKER, [_marker_text()])
        export = Export(outdir=outdir.path, version=partial)
        _Crawler(partial, export, client, progress).run()
        leak_check(partial)
        export.version = outdir.finish(partial)
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    return export


# -- crawling ---------------------------------------------------------------------------------


class _Crawler:
    def __init__(self, root: Path, export: Export, client: Client, progress) -> None:
        self.root, self.export, self.client, self.progress = root, export, client, progress
        self.static_url = settings.STATIC_URL if settings.STATIC_URL.startswith("/") else None
        self.host = client.defaults.get("HTTP_HOST", "testserver")
        self.written: dict[str, str] = {}  # URL path → file path in the export
        self.rewrites: list[tuple[str, str]] = []  # (URL path, file) of pages and CSS
        self.queue: deque[str] = deque(["/"])
        self.seen = {"/"}
        self.last_report = time.monotonic()

    def run(self) -> None:
        while self.queue:
            self.visit(self.queue.popleft())
        # Only now is every link's file known, so links are rewritten in a second pass.
        for url, path in self.rewrites:
            text = (self.root / path).read_text("utf-8", errors="surrogateescape")
            page = path.endswith(".html")
            links = html_links(text) if page else css_links(text)
            new = rewrite(text, links, lambda link, u=url, p=path: self.relative(u, p, link), page)
            if new != text:
                _file_write(self.root, path, [new.encode("utf-8", errors="surrogateescape")])

    def visit(self, url: str) -> None:
        if self.static_url and url.startswith(self.static_url):
            data = _static_file(url[len(self.static_url) :])
            if data is None:
                self.export.skipped.add(url)
            elif url.endswith(".css"):
                self.store(url, url[1:], [data], css=data.decode("utf-8", errors="surrogateescape"))
            else:
                self.store(url, url[1:], [data])
            return
        try:
            with _request_log_quiet():
                response = self.client.get(quote(url), secure=True)
        except DatabaseError as exc:
            detail = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise ExportError(
                f"{url}: the database could not be read ({detail}); "
                "has `dagsorden migrate` been run?"
            ) from exc
        except Exception as exc:
            raise ExportError(f"{url}: the portal failed ({type(exc).__name__}: {exc})") from exc
        # The guard: a crawl that is not anonymous must never publish anything.
        user = getattr(response.wsgi_request, "user", None)  # None if refused before auth
        if user is not None and user.is_authenticated:
            raise ExportError(f"{url}: the crawl was not anonymous; nothing was exported")
        no_store = "no-store" in response.get("Cache-Control", "")
        if response.status_code >= 500 or (
            url == "/" and (response.status_code != 200 or no_store)
        ):
            raise ExportError(f"{url}: the portal answered {response.status_code}")
        if response.status_code != 200 or no_store:
            self.export.skipped.add(url)
            _drain(response)
            return
        if response["Content-Type"].startswith("text/html"):
            text = response.content.decode(response.charset or "utf-8")
            self.store(url, _page_path(url), [text.encode("utf-8")], html=text)
        else:
            chunks = response.streaming_content if response.streaming else [response.content]
            self.store(url, _download_path(url, response), chunks)

    def store(self, url: str, path: str, chunks: Iterable[bytes], html=None, css=None) -> None:
        _file_write(self.root, path, chunks)
        self.written[url] = path
        if html is not None:
            self.export.pages += 1
            self.follow(url, (link for _, _, link in html_links(html)))
        else:
            self.export.files += 1
            if css is not None:
                self.follow(url, (link for _, _, link in css_links(css)))
        if html is not None or css is not None:
            self.rewrites.append((url, path))
        now = time.monotonic()
        if self.progress and now - self.last_report >= PROGRESS_SECONDS:
            self.last_report = now
            self.progress(self.export.pages, self.export.files)

    def follow(self, base: str, links: Iterable[str]) -> None:
        for link in links:
            url = self.same_site(base, link)
            if url is None or url in self.seen:
                continue
            self.seen.add(url)
            if url.startswith(PRIVATE) or "?" in url:
                self.export.skipped.add(url)
            else:
                self.queue.append(url)

    def same_site(self, base: str, link: str) -> str | None:
        """The decoded path (and any query) of a link into this site, else None."""
        parts = urlsplit(urljoin(base, link.strip()))
        if parts.scheme not in ("", "http", "https") or parts.netloc not in ("", self.host):
            return None
        path = unquote(parts.path or "/")
        return f"{path}?{parts.query}" if parts.query else path

    def relative(self, base: str, path: str, link: str) -> str | None:
        if link.startswith("#"):
            return None  # within the page: stays as it is
        url = self.same_site(base, link)
        target = self.written.get(url) if url else None
        if target is None:
            return None
        fragment = urlsplit(link).fragment
        relative = posixpath.relpath(target, posixpath.dirname(path) or ".")
        return quote(relative) + (f"#{fragment}" if fragment else "")


def _client() -> Client:
    # The Client only speaks to allowed hosts; "*" or ".example.dk" allow a plain name.
    hosts = [h.lstrip(".") for h in settings.ALLOWED_HOSTS if h != "*"]
    if "*" in settings.ALLOWED_HOSTS:
        hosts.append("testserver")
    elif settings.DEBUG:
        hosts.append("localhost")  # what Django allows with DEBUG and no ALLOWED_HOSTS
    if not hosts:
        raise ExportError("ALLOWED_HOSTS is empty, so the portal answers no request; set it")
    return Client(HTTP_HOST=hosts[0], **{EXPORT_KEY: True})


@contextlib.contextmanager
def _request_log_quiet():
    # The failure is raised as one line with its reason; --traceback shows the rest.
    logger = logging.getLogger("django.request")
    level = logger.level
    logger.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        logger.setLevel(level)


def _drain(response) -> None:
    # The Client closes a streamed response (its file) once it is read to the end; closing
    # it again would send request_finished a second time and drop the database connection.
    if response.streaming:
        for _ in response.streaming_content:
            pass


def _static_file(name: str) -> bytes | None:
    # The test Client does not serve static files without DEBUG; the finders know them.
    try:
        found = finders.find(name)
        if found:
            return Path(found).read_bytes()
        if staticfiles_storage.exists(name):
            with staticfiles_storage.open(name) as handle:
                return handle.read()
    except SuspiciousFileOperation:
        pass
    return None


def _page_path(url: str) -> str:
    if url.endswith("/"):
        return f"{url[1:]}index.html"
    return url[1:] if url.endswith((".html", ".htm")) else f"{url[1:]}/index.html"


def _download_path(url: str, response) -> str:
    folder = url if url.endswith("/") else posixpath.dirname(url) + "/"
    message = email.message.Message()
    message["content-disposition"] = response.get("Content-Disposition", "")
    name = (message.get_filename() or "").replace("\\", "/").rsplit("/", 1)[-1].strip()
    if name and not name.startswith(".") and "\x00" not in name:
        return f"{folder[1:]}{name}"
    if not url.endswith("/"):
        return url[1:]
    content_type = response.get("Content-Type", "").split(";")[0].strip()
    return f"{url[1:]}download{mimetypes.guess_extension(content_type) or ''}"


# -- links in HTML and CSS -------------------------------------------------------------------

_ATTRIBUTE = re.compile(r"""\s(?:href|src)\s*=\s*("[^"]*"|'[^']*'|[^\s"'=<>`]+)""", re.IGNORECASE)
_CSS_URL = re.compile(r"""url\(\s*("[^"]*"|'[^']*'|[^)'"\s]+)\s*\)|@import\s+("[^"]*"|'[^']*')""")


class _TagParser(HTMLParser):
    """Where each start tag sits in the text: a real parser, so text, comments and
    scripts that merely look like tags are never taken for links."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.lines = [0] + [m.end() for m in re.finditer("\n", text)]
        self.tags: list[tuple[int, str]] = []

    def handle_starttag(self, tag, attrs) -> None:
        line, column = self.getpos()
        self.tags.append((self.lines[line - 1] + column, self.get_starttag_text() or ""))

    handle_startendtag = handle_starttag


def html_links(text: str) -> list[tuple[int, int, str]]:
    """Each ``href``/``src`` value as (start, end, link); start–end spans its quotes."""
    parser = _TagParser(text)
    parser.feed(text)
    parser.close()
    links = []
    for offset, raw in parser.tags:
        for match in _ATTRIBUTE.finditer(raw):
            value = match.group(1)
            link = html.unescape(value[1:-1] if value[0] in "\"'" else value)
            links.append((offset + match.start(1), offset + match.end(1), link))
    return links


def css_links(text: str) -> list[tuple[int, int, str]]:
    links = []
    for match in _CSS_URL.finditer(text):
        group = 1 if match.group(1) else 2
        value = match.group(group)
        link = value[1:-1] if value[0] in "\"'" else value
        links.append((match.start(group), match.end(group), link))
    return links


def rewrite(text: str, links, new_link: Callable[[str], str | None], escape: bool) -> str:
    """The text with each link that ``new_link`` gives a new value for replaced by it."""
    out, done = [], 0
    for start, end, link in links:
        new = new_link(link)
        if new is None:
            continue
        out += [text[done:start], '"', html.escape(new) if escape else new, '"']
        done = end
    return "".join([*out, text[done:]])


# -- writing and the final guard --------------------------------------------------------------


def _file_write(root: Path, path: str, chunks: Iterable[bytes]) -> None:
    """Write one file of the export; a path that would leave the export is refused."""
    parts = PurePosixPath(path).parts
    if not parts or path.startswith("/") or any(p in ("", ".", "..") for p in parts):
        raise ExportError(f"{path}: not a path inside the export")
    if "\x00" in path or (parts[-1] == MARKER and len(parts) > 1):
        raise ExportError(f"{path}: not a path inside the export")
    target = root.joinpath(*parts)
    target.parent.mkdir(parents=True, exist_ok=True)
    with open(target, "wb") as handle:
        for chunk in chunks:
            handle.write(chunk)


def leak_check(root: Path) -> None:
    """Refuse an export with a page showing closed content or a closed attachment's bytes.

    The crawl is anonymous, so neither can be there; this is the check that it stayed so.
    Only closed files as large as some exported file are read, so it costs little.
    """
    by_size: dict[int, list[Path]] = {}
    for path in sorted(p for p in root.rglob("*") if p.is_file() and p.name != MARKER):
        if path.suffix == ".html":
            if CLOSED_CANARY in path.read_text("utf-8", errors="replace"):
                raise ExportError(f"{path.relative_to(root)} shows closed content; not exported")
        elif path.suffix != ".css":
            by_size.setdefault(path.stat().st_size, []).append(path)
    if not by_size:
        return
    anonymous = AnonymousUser()
    closed, public = set(), set()
    attachments = Attachment.objects.exclude(file="").select_related("item__section__meeting__body")
    for attachment in attachments.iterator():
        try:
            if attachment.file.size not in by_size:
                continue
            digest = _digest(attachment.file.open("rb"))
        except FileNotFoundError:
            continue
        visible = access.can_see_attachment(anonymous, attachment)
        (public if visible else closed).add(digest)
    forbidden = closed - public
    for path in (p for paths in by_size.values() for p in paths):
        if forbidden and _digest(open(path, "rb")) in forbidden:  # noqa: SIM115
            raise ExportError(
                f"{path.relative_to(root)} holds a closed attachment's bytes; not exported"
            )


def _digest(handle) -> str:
    with handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def _marker_text() -> bytes:
    return (
        "Written by `dagsorden export-site`; the next export replaces this folder whole.\n"
        f"{dt.datetime.now(dt.UTC).isoformat(timespec='seconds')}\n"
    ).encode()
