"""The moderation workflow of an innovation version, in one place (core.workflow.StateMachine).

    draft ──submit──▶ submitted ──publish──▶ published ──supersede──▶ superseded
      │  └─submit_to_society─▶ society_review ──society_accept──▶ submitted
      │                          ├─society_request_changes─▶ changes_requested
      │                          └─society_reject─▶ rejected
    submitted ──request_changes──▶ changes_requested ──submit / submit_to_society──▶ ...
    submitted ──reject──▶ rejected
    published ──take_down──▶ withdrawn (a moderator, after a report)
    draft / changes_requested / society_review / submitted ──withdraw──▶ withdrawn (the owner)

A national society whose SocietyPolicy requires validation sees its versions first
(submit_to_society); the others go straight to the central moderators (submit). Publishing a
newer version supersedes the one online (services/moderation.py does both in one transaction).
The decisions (society_*, publish, request_changes, reject) are four-eyes transitions: the
version's authors (rules._authors) never take them.
"""

from django.utils.translation import gettext_lazy as _

from tremplin.core.workflow import StateMachine, Transition

from .models import InnovationVersion

S = InnovationVersion.State
EDITABLE = (S.DRAFT, S.CHANGES_REQUESTED)

VERSION_WORKFLOW = StateMachine(
    "state",
    [
        Transition("submit", EDITABLE, S.SUBMITTED, _("Submit"), "catalogue.edit_version"),
        Transition(
            "submit_to_society",
            EDITABLE,
            S.SOCIETY_REVIEW,
            _("Submit to the national society"),
            "catalogue.edit_version",
        ),
        Transition(
            "society_accept",
            (S.SOCIETY_REVIEW,),
            S.SUBMITTED,
            _("Validate for the national society"),
            "catalogue.decide_for_society",
            four_eyes=True,
        ),
        Transition(
            "society_request_changes",
            (S.SOCIETY_REVIEW,),
            S.CHANGES_REQUESTED,
            _("Request changes"),
            "catalogue.decide_for_society",
            four_eyes=True,
            requires_reason=True,
        ),
        Transition(
            "society_reject",
            (S.SOCIETY_REVIEW,),
            S.REJECTED,
            _("Reject"),
            "catalogue.decide_for_society",
            four_eyes=True,
            requires_reason=True,
        ),
        Transition(
            "publish",
            (S.SUBMITTED,),
            S.PUBLISHED,
            _("Publish"),
            "catalogue.moderate_version",
            four_eyes=True,
        ),
        Transition(
            "request_changes",
            (S.SUBMITTED,),
            S.CHANGES_REQUESTED,
            _("Request changes"),
            "catalogue.moderate_version",
            four_eyes=True,
            requires_reason=True,
        ),
        Transition(
            "reject",
            (S.SUBMITTED,),
            S.REJECTED,
            _("Reject"),
            "catalogue.moderate_version",
            four_eyes=True,
            requires_reason=True,
        ),
        # Fired by services.moderation when a newer version is published, never by hand.
        Transition("supersede", (S.PUBLISHED,), S.SUPERSEDED, _("Replace by a newer version")),
        Transition(
            "take_down",
            (S.PUBLISHED,),
            S.WITHDRAWN,
            _("Take offline"),
            "catalogue.take_down",
            requires_reason=True,
        ),
        Transition(
            "withdraw",
            (S.DRAFT, S.CHANGES_REQUESTED, S.SOCIETY_REVIEW, S.SUBMITTED),
            S.WITHDRAWN,
            _("Withdraw"),
            "catalogue.withdraw_version",
        ),
    ],
)
