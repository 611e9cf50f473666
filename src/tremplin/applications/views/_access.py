"""What the applicant's team's pages share: the application they may see, and who is on it."""

from __future__ import annotations

from django.core.exceptions import ValidationError

from tremplin.core.permissions import get_visible_or_404

from ..queries import application as queries


def application_for(request, pk, perm="applications.view_application"):
    """The application if the person holds `perm` on it; 404 for who may not see it, so that
    nobody learns that someone else's application exists; 403 for who sees it (staff reading
    it) but may not do this."""
    return get_visible_or_404(request.user, queries.with_call(), perm, pk=pk)


def team_ids(application) -> set[int]:
    ids = set(
        application.co_applicants.filter(accepted_at__isnull=False).values_list(
            "person_id", flat=True
        )
    )
    if application.applicant_id:
        ids.add(application.applicant_id)
    return ids


def joined(error: ValidationError) -> str:
    return " ".join(error.messages)
