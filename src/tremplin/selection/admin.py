"""The selection in the Django admin: read by staff, who run it on the committee pages (whose
services detect conflicts, release assignments, grant the committee role and record); kept
for administrators to repair, with every change recorded."""

from django.contrib import admin

from tremplin.core.admin import PlatformAdmin

from .models import (
    Assignment,
    Bid,
    CommitteeMember,
    Conflict,
    Decision,
    Meeting,
    Review,
    ReviewCriterion,
    SelectionSettings,
)


@admin.register(SelectionSettings)
class SelectionSettingsAdmin(PlatformAdmin):
    list_display = ["call", "reviews_per_application", "blind_review", "tie_break", "places"]
    list_select_related = ["call"]
    # Opening the bidding detects conflicts first (services.committee.update_settings).
    workflow_fields = ("bidding_open",)


@admin.register(CommitteeMember)
class CommitteeMemberAdmin(PlatformAdmin):
    list_display = ["person_name", "call", "role", "capacity"]
    list_filter = ["role", "call"]
    search_fields = ["person_name", "person__email"]
    list_select_related = ["call"]
    filter_horizontal = ["business_lines", "regions"]
    autocomplete_fields = ["person"]


@admin.register(Conflict)
class ConflictAdmin(PlatformAdmin):
    list_display = ["member", "application", "organisation", "source", "reason", "created_at"]
    list_filter = ["source"]
    search_fields = ["reason", "member__person_name"]
    list_select_related = ["member", "application", "organisation"]


@admin.register(Bid)
class BidAdmin(PlatformAdmin):
    list_display = ["member", "application", "preference", "updated_at"]
    list_filter = ["preference"]
    list_select_related = ["member", "application"]
    workflow_fields = ("preference",)  # the member's own bid


@admin.register(Assignment)
class AssignmentAdmin(PlatformAdmin):
    list_display = ["member", "application", "source", "affinity", "created_at"]
    list_filter = ["source", "member__call"]
    search_fields = ["member__person_name", "application__title"]
    list_select_related = ["member", "application"]


@admin.register(ReviewCriterion)
class ReviewCriterionAdmin(PlatformAdmin):
    list_display = ["__str__", "call", "weight", "scale_min", "scale_max", "position"]
    list_filter = ["call"]
    list_select_related = ["call"]


@admin.register(Review)
class ReviewAdmin(PlatformAdmin):
    list_display = ["assignment", "state", "score", "submitted_at"]
    list_filter = ["state"]
    list_select_related = ["assignment__member", "assignment__application"]
    readonly_fields = ["assignment", "state", "score", "version", "submitted_at"]
    # The reviewer's own work: nobody else types it.
    workflow_fields = (
        "score",
        "version",
        "submitted_at",
        "comment_for_committee",
        "comment_for_applicant",
    )


@admin.register(Meeting)
class MeetingAdmin(PlatformAdmin):
    list_display = ["call", "scheduled_for", "place", "state"]
    list_filter = ["state", "call"]


@admin.register(Decision)
class DecisionAdmin(PlatformAdmin):
    list_display = ["application", "outcome", "decided_by", "decided_at", "notified_at"]
    list_filter = ["outcome"]
    list_select_related = ["application"]
    readonly_fields = [
        "application",
        "outcome",
        "decided_by",
        "decided_at",
        "notified_at",
        "meeting",
    ]
