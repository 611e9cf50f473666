"""Every message the innovation catalogue sends, declared once (messaging.registry): the
moderation decisions, a record taken offline, the digest of what a person follows, the
confirmation of a submission, the replication requests and answers, and the messages of the
contact form. The wording is the platform's (staff may reword it on the staff page of the
notices), sent by messaging.services.send in the recipient's language.

The wordings are the gettext strings the catalogue has always used (msgids unchanged, so the
translations still apply: format PERCENT); a wording that was built from several strings is
a sequence of paragraphs, and what was added only when present (the moderator's message, an
answer, the account of a signed-in visitor) is an optional placeholder. The values are read
here, in the recipient's language (titles are translated records); who receives a notice is
the services' business.

Also the public links that the notices (and a few pages) give to an innovation."""

from __future__ import annotations

from django.urls import reverse
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from tremplin.core.text import one_line, quoted
from tremplin.core.translated import as_translated
from tremplin.core.urls_absolute import absolute
from tremplin.messaging.registry import PERCENT, Notice, Renamed, register

from .models import Review

APP = "catalogue"
MESSAGE_KIND = "catalogue"  # messaging.Message.kind of every catalogue notice


def innovation_link(innovation) -> str:
    return absolute(innovation.get_absolute_url())


def versions_link(innovation) -> str:
    return absolute(reverse("catalogue:versions", kwargs={"slug": innovation.slug}))


def replication_link(replication) -> str:
    return absolute(reverse("catalogue:replication", kwargs={"pk": replication.pk}))


def title_of(innovation) -> str:
    """The innovation's published title in the active language (the recipient's)."""
    version = innovation.published
    return (version.title.shown().text if version else "") or innovation.slug


def _declare(kind, label, subject, body, placeholders, values, *, in_subject, optional=()):
    return register(
        Notice(
            kind=kind,
            label=label,
            subject=subject,
            body=body,
            placeholders=placeholders,
            in_subject=frozenset(in_subject),
            values=values,
            message_kind=MESSAGE_KIND,
            optional=frozenset(optional),
            format=PERCENT,
        ),
        APP,
    )


# --- Moderation decisions (obj: the Review) ----------------------------------------------------

TITLE = _("the innovation's title")
DECISION_PLACEHOLDERS = {
    "title": TITLE,
    "society": _("the national society"),
    "number": _("the version's number"),
    "message": _("the moderator's message (left out with its label when empty)"),
    "innovation_link": _("the address of the innovation's public page"),
    "versions_link": _("the address of the record's versions"),
}


def decision_values(review) -> dict:
    version = review.version
    return {
        "title": version.title.shown().text or version.innovation.slug,
        "society": str(version.national_society or ""),
        "number": version.number,
        "message": review.message,
        "innovation_link": innovation_link(version.innovation),
        "versions_link": versions_link(version.innovation),
    }


MODERATOR_MESSAGE = format_lazy("{}\n%(message)s", _("Message from the moderator:"))
VERSIONS = Renamed(
    _("The versions of your record and the moderators' messages: %(link)s"), link="versions_link"
)


def _decision(kind, label, subject, lead):
    return _declare(
        kind,
        label,
        subject,
        (lead, MODERATOR_MESSAGE, VERSIONS),
        DECISION_PLACEHOLDERS,
        decision_values,
        in_subject={"title", "society"},
        optional={"message"},
    )


SOCIETY_VALIDATED = _decision(
    "innovation_society_validated",
    _("Innovation validated by its national society"),
    _("“%(title)s” is validated by %(society)s"),
    _(
        "%(society)s has validated version %(number)s of “%(title)s”. It now goes to "
        "the catalogue's moderation team, who will let you know their decision."
    ),
)
SOCIETY_CHANGES = _decision(
    "innovation_society_changes",
    _("Changes asked by the national society"),
    _("%(society)s asks for changes to “%(title)s”"),
    _(
        "%(society)s asks you to change version %(number)s of “%(title)s” before "
        "it goes to the catalogue's moderation team. Edit it, then submit it again."
    ),
)
SOCIETY_REFUSED = _decision(
    "innovation_society_refused",
    _("Innovation not validated by its national society"),
    _("“%(title)s” is not validated by %(society)s"),
    _("%(society)s has not validated version %(number)s of “%(title)s”."),
)
PUBLISHED = _decision(
    "innovation_published",
    _("Innovation published"),
    _("“%(title)s” is published in the catalogue"),
    Renamed(
        _("Version %(number)s of “%(title)s” is published in the innovation catalogue: %(link)s"),
        link="innovation_link",
    ),
)
CHANGES_REQUESTED = _decision(
    "innovation_changes_requested",
    _("Changes asked by the moderation team"),
    _("Changes requested to “%(title)s”"),
    _(
        "The moderation team asks you to change version %(number)s of “%(title)s”. "
        "Edit it, then submit it again."
    ),
)
NOT_PUBLISHED = _decision(
    "innovation_not_published",
    _("Innovation not published"),
    _("“%(title)s” is not published"),
    _("The moderation team has decided not to publish version %(number)s of “%(title)s”."),
)


def decision_notice(review) -> Notice:
    """The notice that tells the submitter the decision of `review`, at its level."""
    society = review.level == Review.Level.SOCIETY
    if review.decision == Review.Decision.ACCEPT:
        return SOCIETY_VALIDATED if society else PUBLISHED
    if review.decision == Review.Decision.CHANGES:
        return SOCIETY_CHANGES if society else CHANGES_REQUESTED
    return SOCIETY_REFUSED if society else NOT_PUBLISHED


# --- Taken offline (obj: the version; values: the reason) -------------------------------------


def taken_down_values(version) -> dict:
    return {
        "title": version.title.shown().text or version.innovation.slug,
        "link": versions_link(version.innovation),
    }


TAKEN_DOWN = _declare(
    "innovation_taken_down",
    _("Innovation taken offline"),
    _("“%(title)s” has been taken offline"),
    (
        _(
            "The moderation team has taken “%(title)s” offline: it no longer appears "
            "in the catalogue."
        ),
        format_lazy("{}\n%(reason)s", _("Reason:")),
        _("You can propose a corrected version: %(link)s"),
    ),
    {
        "title": TITLE,
        "reason": _("the reason given by the moderation team"),
        "link": _("the address of the record's versions"),
    },
    taken_down_values,
    in_subject={"title"},
)

# --- Digest of what a person follows (obj: the new innovations) -------------------------------


def digest_values(innovations) -> dict:
    lines = []
    for innovation in innovations:
        version = innovation.published
        title = version.title.shown().text or innovation.slug
        pitch = version.pitch.shown().text
        lines.append(f"- {title}")
        if pitch:
            lines.append(f"  {pitch}")
        lines.append(f"  {innovation_link(innovation)}")
    return {
        "count": len(innovations),
        "innovations": "\n".join(lines),
        "link": absolute(reverse("catalogue:my_follows")),
    }


DIGEST = _declare(
    "innovation_digest",
    _("New innovations in what a person follows"),
    lambda values: ngettext(
        "%(count)s new innovation in the catalogue",
        "%(count)s new innovations in the catalogue",
        int(values.get("count", 2)),
    ),
    (
        _("New in the innovation catalogue, in what you follow:"),
        "%(innovations)s",
        _("Choose what you follow: %(link)s"),
    ),
    {
        "count": _("how many innovations are new"),
        "innovations": _("the new innovations: title, pitch and address of each"),
        "link": _("the address of the page where the person chooses what they follow"),
    },
    digest_values,
    in_subject={"count"},
)

# --- Submission received (obj: the version; values: who checks it first) ----------------------


def received_values(version) -> dict:
    return {
        "title": as_translated(version.title).get(version.original_language) or str(version.title),
        "link": absolute(reverse("catalogue:my_innovations")),
    }


RECEIVED = _declare(
    "innovation_received",
    _("Innovation received (sent to the national society)"),
    _("We received your innovation “%(title)s”"),
    (
        _("Thank you for sharing “%(title)s” with the movement."),
        _("Your national society checks it first, then the catalogue's moderators do."),
        _(
            "You will receive a message when it is published, or if they ask you for "
            "changes. You can follow it on the page “My innovations”: %(link)s"
        ),
    ),
    {"title": TITLE, "link": _("the address of the page “My innovations”")},
    received_values,
    in_subject={"title"},
)
RECEIVED_BY_MODERATORS = _declare(
    "innovation_received_moderators",
    _("Innovation received (sent to the moderators)"),
    _("We received your innovation “%(title)s”"),
    (
        _("Thank you for sharing “%(title)s” with the movement."),
        _("The catalogue's moderators check it against the four criteria."),
        _(
            "You will receive a message when it is published, or if they ask you for "
            "changes. You can follow it on the page “My innovations”: %(link)s"
        ),
    ),
    {"title": TITLE, "link": _("the address of the page “My innovations”")},
    received_values,
    in_subject={"title"},
)

# --- Replications (obj: the Replication; values: the owner's answer) --------------------------


def replication_values(replication) -> dict:
    return {
        "title": title_of(replication.innovation),
        "person": str(replication.person),
        "country": replication.country.name,
        "organisation": replication.organisation or _("(no organisation given)"),
        "plan": quoted(replication.plan),
        "link": replication_link(replication),
    }


REPLICATION_REQUESTED = _declare(
    "replication_requested",
    _("Request to replicate an innovation"),
    # The subject is ours: the person's name is theirs to choose, so it is only in the text,
    # with what they wrote quoted.
    _("A request to replicate “%(title)s”"),
    _(
        "%(person)s would like to replicate your innovation “%(title)s”.\n\n"
        "Where: %(country)s\nOrganisation: %(organisation)s\n\n"
        "How, as they wrote it:\n%(plan)s\n\n"
        "Answer them on the platform, and confirm the replication once it has happened: "
        "%(link)s"
    ),
    {
        "title": TITLE,
        "person": _("the name of the person who asks"),
        "country": _("the country of the replication"),
        "organisation": _("their organisation"),
        "plan": _("how they would replicate it, as they wrote it"),
        "link": _("the address of the request"),
    },
    replication_values,
    in_subject={"title"},
)

ANSWER_PLACEHOLDERS = {
    "title": TITLE,
    "country": _("the country of the replication"),
    "answer": _("the owner's message (left out with its label when empty)"),
    "link": _("the address of the request"),
}
THEIR_MESSAGE = format_lazy("{}\n%(answer)s", _("Their message:"))
SEE_REQUEST = _("See the request: %(link)s")


def _answer(kind, label, subject, intro):
    return _declare(
        kind,
        label,
        subject,
        (intro, THEIR_MESSAGE, SEE_REQUEST),
        ANSWER_PLACEHOLDERS,
        replication_values,
        in_subject={"title"},
        optional={"answer"},
    )


REPLICATION_CONFIRMED = _answer(
    "replication_confirmed",
    _("Replication confirmed"),
    _("Your replication of “%(title)s” is confirmed"),
    _(
        "The team behind “%(title)s” confirmed your replication in %(country)s: it now "
        "counts on the innovation's page."
    ),
)
REPLICATION_DECLINED = _answer(
    "replication_declined",
    _("Replication not confirmed"),
    _("Your replication of “%(title)s”: not confirmed"),
    _("The team behind “%(title)s” says the replication in %(country)s did not happen."),
)
REPLICATION_ANSWERED = _answer(
    "replication_answered",
    _("Answer to a replication request"),
    _("Answer about replicating “%(title)s”"),
    _("The team behind “%(title)s” answered your request."),
)


def answer_values(answer: str) -> dict:
    return {"answer": quoted(answer) if answer else ""}


# --- Contact form (obj: the innovation; values: what the visitor wrote) -----------------------


def contact_values(innovation) -> dict:
    return {"title": title_of(innovation), "link": innovation_link(innovation)}


def visitor_values(*, name: str, email: str, message: str, account: str) -> dict:
    return {
        "name": one_line(name),
        "email": one_line(email),
        "message": quoted(message),
        "account": account,
    }


CONTACT = _declare(
    "innovation_contact",
    _("Message from the contact form of an innovation"),
    _("A message about “%(title)s” from the innovation catalogue"),
    (
        _(
            "Someone wrote to you from the page of “%(title)s” in the innovation "
            "catalogue. The platform does not check who they are: be wary of links, and of "
            "requests for money or personal data."
        ),
        format_lazy(
            "{}\n{}\n{}",
            _("Their name, as they wrote it: %(name)s"),
            _("Their e-mail address, as they wrote it: %(email)s"),
            _("They were signed in to the platform as %(account)s."),
        ),
        format_lazy("{}\n%(message)s", _("Their message, as they wrote it:")),
        _(
            "To answer, reply to this e-mail: your answer goes to the address they gave. "
            "Your own address has not been shown to them."
        ),
        _("The page of your innovation: %(link)s"),
    ),
    {
        "title": TITLE,
        "name": _("the visitor's name, as they wrote it"),
        "email": _("the visitor's e-mail address, as they wrote it"),
        "account": _("the account of the visitor, when signed in (else the line is left out)"),
        "message": _("the visitor's message, quoted"),
        "link": _("the address of the innovation's public page"),
    },
    contact_values,
    in_subject={"title"},
    optional={"account"},
)
