from django import template

from dagsorden.lib.marks import SAFE_SCHEMES
from dagsorden.meetings import access
from dagsorden.publishing.html import text_to_html

register = template.Library()


@register.filter
def as_html(text):
    """A part's text form as escaped HTML paragraphs and lists."""
    return text_to_html(text)


@register.filter
def safe_href(url):
    """The URL if it is http(s) or mailto, else nothing: links can arrive from imports
    and the admin, and a ``javascript:`` address must never become a link."""
    scheme = str(url or "").split(":", 1)[0].strip().lower()
    return url if scheme in SAFE_SCHEMES else ""


@register.filter
def closed_title(item, body):
    """What someone who may not see a closed item reads as its title."""
    return access.closed_title(body, item.title)


@register.filter
def visible_attachments(item, closed):
    """The item's attachments that a visitor sees; ``closed`` is ``can_see_closed``."""
    return [
        a
        for a in item.attachments.all()
        if access.attachment_visible(item=item, attachment=a, closed=closed)
    ]
