from django import template

from dagsorden.publishing.html import text_to_html

register = template.Library()


@register.filter
def as_html(text):
    """A part's text form as escaped HTML paragraphs and lists."""
    return text_to_html(text)
