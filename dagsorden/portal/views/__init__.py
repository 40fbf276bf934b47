"""The portal, for the public and the members: bodies and their meeting plans, one
meeting's agenda or minutes, one item, one case across meetings, attachment downloads,
and the corrections of a sent agenda.

What each visitor may see is decided in ``meetings.access``. A meeting or attachment one
may not see answers 404, as if it did not exist; a page of a meeting one may see but not
this part of it sends an anonymous visitor to log in and refuses anyone else with 403.
"""

from dagsorden.portal.views.bodies import body_detail, body_list, meeting_list
from dagsorden.portal.views.cases import case_detail
from dagsorden.portal.views.documents import (
    attachment_download,
    download_name,
    version_compare,
    version_list,
)
from dagsorden.portal.views.meetings import item_detail, meeting_detail
from dagsorden.portal.views.pdfs import meeting_pdf_download

__all__ = [
    "attachment_download",
    "body_detail",
    "body_list",
    "case_detail",
    "download_name",
    "item_detail",
    "meeting_detail",
    "meeting_list",
    "meeting_pdf_download",
    "version_compare",
    "version_list",
]
