"""The catalogue of notices: every message the platform sends is declared once, as a `Notice`,
in the `notices.py` of the app that sends it, and registered from that app's `ready()`.

This module is the mechanism (the shape and the registry), not a declaration: it is plain
Python below messaging's models (MessageTemplate.kind reads its choices from it), hence not
named notices.py, the layer of declarations that sits above the models in every app.

A notice carries its kind (its name, unique on the platform), its default wording (subject
and text, translated with gettext like the interface), its placeholders, and how to read
their values from the object it is about. `messaging.services.send` renders it in each
recipient's language (staff wording when there is one, else the default) and records the
message. Messaging itself declares no domain notice: it only knows the shape.

Two scopes of wording:
- CALL: a call words its own messages (applications and selection): staff may reword each
  notice per call (MessageTemplate with the call).
- PLATFORM: one wording for the whole platform (catalogue, network, acceleration), which staff
  may reword too (MessageTemplate without a call).

Two formats of default wording, so that translations keep working:
- BRACES: placeholders written `{{ name }}` in the msgid (what staff write).
- PERCENT: gettext strings written with `%(name)s` long before the catalogue existed. Their
  msgids stay as they are (the translations are keyed by them); the translated text is turned
  into the braces form before it is filled, so the message reads exactly as before, and staff
  edit the braces form.

A default body may be a sequence of paragraphs (each translated on its own, as before),
joined by a blank line. `optional` placeholders may be empty: an empty one takes its line
with it, or its whole paragraph when it stands alone on its line (the label above it goes
too). Staff wording follows the same rule."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from django.utils import translation

CALL = "call"
PLATFORM = "platform"
BRACES = "braces"
PERCENT = "percent"

_PERCENT_PLACEHOLDER = re.compile(r"%\(([a-z_]+)\)s")


@dataclass(frozen=True)
class Notice:
    kind: str  # unique name; the MessageTemplate.kind of its staff wording
    label: str  # what staff read in the list of notices
    # A text, or a function of the values for a plural (ngettext): staff wording has one form.
    subject: str | Callable[[dict], str]
    body: str | Sequence[str]  # a text, or paragraphs joined by a blank line
    placeholders: dict  # name -> what it stands for (shown to staff)
    # The placeholders that may appear in the subject: what the platform or staff write, or a
    # moderated title. What members write freely goes only in the text.
    in_subject: frozenset = frozenset()
    values: Callable | None = None  # obj -> {name: value}, called in the recipient's language
    scope: str = PLATFORM
    message_kind: str = ""  # Message.kind of the messages it records (default: kind)
    optional: frozenset = frozenset()
    format: str = BRACES
    app: str = field(default="", compare=False)  # the app that declares it (set by register)

    @property
    def stored_kind(self) -> str:
        return self.message_kind or self.kind

    def default_wording(self, language: str, values: dict | None = None) -> tuple[str, str]:
        """The platform's default subject and body in `language`, with placeholders written
        `{{ name }}` (what staff see and edit)."""
        values = values or {}
        with translation.override(language):
            subject = self.subject(values) if callable(self.subject) else str(self.subject)
            body = (
                str(self.body)
                if isinstance(self.body, str) or not isinstance(self.body, Sequence)
                else "\n\n".join(str(part) for part in self.body)
            )
        if self.format == PERCENT:
            subject, body = as_braces(subject), as_braces(body)
        return subject, body


class Renamed:
    """A translated text whose `%(old)s` placeholders are read as `%(new)s`: two msgids that
    both say %(link)s for two different links keep their msgids (and translations)."""

    def __init__(self, text, **names):
        self.text, self.names = text, names

    def __str__(self) -> str:
        text = str(self.text)
        for old, new in self.names.items():
            text = text.replace(f"%({old})s", f"%({new})s")
        return text


def as_braces(text: str) -> str:
    """`%(name)s` written as `{{ name }}`, and `%%` as `%`: the same text once filled."""
    return _PERCENT_PLACEHOLDER.sub(r"{{ \1 }}", text).replace("%%", "%")


_REGISTRY: dict[str, Notice] = {}


def register(notice: Notice, app: str = "") -> Notice:
    """Declare `notice` (at the import of an app's registry.py). A kind is declared once."""
    app = app or notice.app
    if notice.kind in _REGISTRY and _REGISTRY[notice.kind].app != app:
        raise ValueError(f"The notice {notice.kind!r} is declared twice.")
    if notice.scope not in (CALL, PLATFORM) or notice.format not in (BRACES, PERCENT):
        raise ValueError(f"The notice {notice.kind!r} has an unknown scope or format.")
    object.__setattr__(notice, "app", app)
    _REGISTRY[notice.kind] = notice
    return notice


def registered(scope: str | None = None) -> list[Notice]:
    """Every declared notice (of `scope`), in the order they were declared."""
    return [n for n in _REGISTRY.values() if scope is None or n.scope == scope]


def get(kind: str) -> Notice | None:
    return _REGISTRY.get(kind)


def template_kinds() -> list[tuple[str, str]]:
    """The choices of MessageTemplate.kind: every registered notice."""
    return [(notice.kind, notice.label) for notice in _REGISTRY.values()]
