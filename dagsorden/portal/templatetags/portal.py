from django import template

from dagsorden.meetings import access
from dagsorden.publishing.html import text_to_html

register = template.Library()


@register.filter
def as_html(text):
    """A part's text form as escaped HTML paragraphs and lists."""
    return text_to_html(text)


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
