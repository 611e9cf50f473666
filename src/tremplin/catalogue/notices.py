"""The wording of the catalogue's moderation notices. Each function returns a `write()` for
messaging.services.notify, which calls it with the recipient's language active: gettext and
the translated titles then speak the recipient's language."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from tremplin.core.urls_absolute import absolute


def innovation_link(innovation) -> str:
    return absolute(innovation.get_absolute_url())


def versions_link(innovation) -> str:
    return absolute(reverse("catalogue:versions", kwargs={"slug": innovation.slug}))


def decision(version, review):
    """Tell the submitter what was decided on their version, at either level."""
    from .models import Review

    def write():
        title = version.title.shown().text or version.innovation.slug
        society = str(version.national_society or "")
        values = {"title": title, "society": society, "number": version.number}
        if review.level == Review.Level.SOCIETY:
            if review.decision == Review.Decision.ACCEPT:
                subject = _("“%(title)s” is validated by %(society)s") % values
                lead = (
                    _(
                        "%(society)s has validated version %(number)s of “%(title)s”. It now goes to "
                        "the catalogue's moderation team, who will let you know their decision."
                    )
                    % values
                )
            elif review.decision == Review.Decision.CHANGES:
                subject = _("%(society)s asks for changes to “%(title)s”") % values
                lead = (
                    _(
                        "%(society)s asks you to change version %(number)s of “%(title)s” before "
                        "it goes to the catalogue's moderation team. Edit it, then submit it again."
                    )
                    % values
                )
            else:
                subject = _("“%(title)s” is not validated by %(society)s") % values
                lead = (
                    _("%(society)s has not validated version %(number)s of “%(title)s”.") % values
                )
        elif review.decision == Review.Decision.ACCEPT:
            subject = _("“%(title)s” is published in the catalogue") % values
            lead = _(
                "Version %(number)s of “%(title)s” is published in the innovation catalogue: "
                "%(link)s"
            ) % {**values, "link": innovation_link(version.innovation)}
        elif review.decision == Review.Decision.CHANGES:
            subject = _("Changes requested to “%(title)s”") % values
            lead = (
                _(
                    "The moderation team asks you to change version %(number)s of “%(title)s”. "
                    "Edit it, then submit it again."
                )
                % values
            )
        else:
            subject = _("“%(title)s” is not published") % values
            lead = (
                _(
                    "The moderation team has decided not to publish version %(number)s of "
                    "“%(title)s”."
                )
                % values
            )
        parts = [lead]
        if review.message:
            parts.append(_("Message from the moderator:") + "\n" + review.message)
        parts.append(
            _("The versions of your record and the moderators' messages: %(link)s")
            % {"link": versions_link(version.innovation)}
        )
        return subject, "\n\n".join(parts)

    return write


def taken_down(version, reason: str):
    def write():
        title = version.title.shown().text or version.innovation.slug
        subject = _("“%(title)s” has been taken offline") % {"title": title}
        body = "\n\n".join(
            [
                _(
                    "The moderation team has taken “%(title)s” offline: it no longer appears "
                    "in the catalogue."
                )
                % {"title": title},
                _("Reason:") + "\n" + reason,
                _("You can propose a corrected version: %(link)s")
                % {"link": versions_link(version.innovation)},
            ]
        )
        return subject, body

    return write


def digest(innovations, follows):
    """One message listing the innovations new in what a person follows."""

    def write():
        count = len(innovations)
        subject = ngettext(
            "%(count)s new innovation in the catalogue",
            "%(count)s new innovations in the catalogue",
            count,
        ) % {"count": count}
        lines = [
            _("New in the innovation catalogue, in what you follow:"),
            "",
        ]
        for innovation in innovations:
            version = innovation.published
            title = version.title.shown().text or innovation.slug
            pitch = version.pitch.shown().text
            lines.append(f"- {title}")
            if pitch:
                lines.append(f"  {pitch}")
            lines.append(f"  {innovation_link(innovation)}")
        lines += [
            "",
            _("Choose what you follow: %(link)s")
            % {"link": absolute(reverse("catalogue:my_follows"))},
        ]
        return subject, "\n".join(lines)

    return write
