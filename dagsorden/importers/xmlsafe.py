"""Parsing XML from other systems safely, with errors a user can act on.

defusedxml refuses entity declarations and external references (billion laughs, file
disclosure) before anything expands; expat's own messages get a hint where one helps.
"""

from __future__ import annotations

from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from dagsorden.importers.base import ImportFailed

_CUT_SHORT = ("no element found", "unclosed token")


def xml_root(source: bytes | str, path: str, *, tag: str, system: str) -> Element:
    """The root element of ``source``, which must be ``<tag>``; else ``ImportFailed``.

    Give bytes to let expat read the encoding the declaration names, or text already
    decoded (and mended) by the importer.
    """
    try:
        root = fromstring(source, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        raise ImportFailed(
            path, f"refused: the XML declares entities or external references ({exc})"
        ) from None
    except ParseError as exc:
        raise ImportFailed(path, parse_error(exc)) from None
    if root.tag != tag:
        raise ImportFailed(path, f"the root element is <{root.tag}>, not {system}'s <{tag}>")
    return root


def parse_error(exc: ParseError) -> str:
    detail = str(exc).splitlines()[0] if str(exc) else "unreadable"
    cut = " (the file looks cut short)" if detail.startswith(_CUT_SHORT) else ""
    return f"not well-formed XML: {detail}{cut}"
