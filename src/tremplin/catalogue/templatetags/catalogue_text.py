"""Template helpers for catalogue text: `|rich` shows a submitter's rich text sanitised again
(nh3), in the reader's language with its language marked; `owner_pending_version` finds the
version an owner is working on."""

from __future__ import annotations

from django import template
from django.conf import settings
from django.utils.html import format_html
from django.utils.translation import gettext as _

from tremplin.core.translated import TranslatedText, as_translated

from .. import richtext
from ..queries.submission import pending_version

register = template.Library()


@register.filter
def rich(value, language=None):
    """Sanitised HTML of a rich text. A TranslatedText is shown in the reader's language (or
    `language`), wrapped in a <div lang dir="auto">, with a note when it is a fallback; a plain
    string is just sanitised."""
    if isinstance(value, (TranslatedText, dict)):
        shown = as_translated(value).shown(language)
        if not shown.text:
            return ""
        body = richtext.render(shown.text)
        if not shown.is_fallback:
            return format_html('<div lang="{}" dir="auto">{}</div>', shown.language, body)
        names = dict(settings.LANGUAGES)
        note = _("Not yet available in %(requested)s; shown in %(language)s.") % {
            "requested": names.get(shown.requested, shown.requested),
            "language": names.get(shown.language, shown.language),
        }
        return format_html(
            '<p class="fallback-note"><small>({})</small></p><div lang="{}" dir="auto">{}</div>',
            note,
            shown.language,
            body,
        )
    return richtext.render(value)


@register.simple_tag
def owner_pending_version(innovation, user):
    """The version of `innovation` its owner is working on (not yet published, not closed),
    or None; no query unless `user` owns the innovation."""
    if innovation is None or not getattr(user, "is_authenticated", False):
        return None
    if innovation.owner_id != user.pk:
        return None
    return pending_version(innovation)
