"""Rich text written by submitters: sanitised with nh3 on save and again when shown.

The allow-list is small on purpose: paragraphs, line breaks, bold, italics, lists and links to
http(s) addresses (with rel="nofollow noopener noreferrer ugc"). People mostly type plain text
in a textarea: their line breaks become paragraphs when shown."""

from __future__ import annotations

import html
import re

import nh3
from django.utils.html import linebreaks
from django.utils.safestring import SafeString, mark_safe

TAGS = {"p", "br", "strong", "em", "ul", "ol", "li", "a"}
ATTRIBUTES = {"a": {"href"}, "*": set()}  # "*": no attribute on every tag (lang, title...)
URL_SCHEMES = {"http", "https"}
LINK_REL = "nofollow noopener noreferrer ugc"

_BLOCK = re.compile(r"<\s*(p|ul|ol|li|br)\b", re.IGNORECASE)


def _only_absolute_web_links(tag: str, attribute: str, value: str) -> str | None:
    if tag == "a" and attribute == "href":
        return value if re.match(r"^https?://", value.strip(), re.IGNORECASE) else None
    return value


def clean(text: str | None) -> str:
    """The text with every tag and attribute outside the allow-list removed."""
    if not text:
        return ""
    return nh3.clean(
        str(text),
        tags=TAGS,
        attributes=ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel=LINK_REL,
        attribute_filter=_only_absolute_web_links,
        strip_comments=True,
    ).strip()


def for_editing(stored: str | None) -> str:
    """What the author sees again in the textarea: the stored (sanitised) text without the
    entities added by sanitising, so that "A & B" is not shown as "A &amp; B". Saving it again
    gives the same stored text."""
    return html.unescape(stored or "")


def render(text: str | None) -> SafeString:
    """Sanitised HTML ready to show: plain text gets its line breaks as paragraphs."""
    cleaned = clean(text)
    if not cleaned:
        return mark_safe("")
    if not _BLOCK.search(cleaned):
        cleaned = linebreaks(cleaned, autoescape=False)
    # Sanitised twice: linebreaks only adds <p> and <br>, both allowed.
    return mark_safe(clean(cleaned))  # noqa: S308 - sanitised by nh3 just above
