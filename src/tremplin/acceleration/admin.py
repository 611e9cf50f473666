"""The acceleration in the Django admin: staff edit the reference lists (cohorts, templates,
the mentor pool); what the pages write with its history (milestones, journal, funding,
consultations, reminders) is read-only here."""

from django.contrib import admin

from tremplin.core.admin import PlatformAdmin

from .models import (
    CheckIn,
    Cohort,
    ExpertConsultation,
    FundingTranche,
    LaureateProject,
    MentorProfile,
    Milestone,
    MilestoneTemplate,
    Reminder,
)


@admin.register(LaureateProject)
class LaureateProjectAdmin(PlatformAdmin):
    """Staff correct a project's description here. Its people (referent, mentors, team: each
    opens the project to that person) are set on the project's people page, its outcome by
    its workflow, its links to the application and the catalogue by their services."""

    list_display = [
        "name",
        "season",
        "programme",
        "track",
        "organisation",
        "referent",
        "state",
        "ends_on",
    ]
    list_filter = ["season", "programme", "track", "state", "region"]
    search_fields = ["name", "organisation__name"]
    list_select_related = ["season", "programme", "organisation", "referent"]
    filter_horizontal = ["business_lines", "mentors", "team"]
    autocomplete_fields = ["organisation", "referent"]
    raw_id_fields = ["application", "innovation", "cohort"]
    prepopulated_fields = {"slug": ["name"]}
    workflow_fields = ("outcome_recorded_at", "deployed_sites", "lessons")
    privileged_fields = ("application", "innovation")


@admin.register(Cohort)
class CohortAdmin(PlatformAdmin):
    list_display = ["__str__", "starts_on", "ends_on"]
    list_filter = ["season", "programme"]
    list_select_related = ["programme", "season"]


@admin.register(MilestoneTemplate)
class MilestoneTemplateAdmin(PlatformAdmin):
    list_display = ["title", "programme", "phase", "due_offset_days"]
    list_filter = ["programme", "phase"]


@admin.register(MentorProfile)
class MentorProfileAdmin(PlatformAdmin):
    """Staff edit a mentor's profile here; a mentor joins the pool on the pool page (which
    grants the role and records it)."""

    list_display = ["person", "kind", "partner", "available", "max_projects"]
    list_filter = ["kind", "available"]
    search_fields = ["person__full_name", "person__email"]
    list_select_related = ["person", "partner"]
    autocomplete_fields = ["person"]
    filter_horizontal = ["business_lines"]


class ReadOnlyAdmin(PlatformAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Milestone)
class MilestoneAdmin(ReadOnlyAdmin):
    list_display = ["title", "project", "phase", "due_on", "state"]
    list_filter = ["phase", "state"]
    list_select_related = ["project"]
    search_fields = ["title", "project__name"]


@admin.register(CheckIn)
class CheckInAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "project", "state", "author_name"]
    list_filter = ["kind", "state"]
    list_select_related = ["project"]


@admin.register(ExpertConsultation)
class ExpertConsultationAdmin(ReadOnlyAdmin):
    list_display = ["expert_name", "project", "expertise", "consulted_on", "hours"]
    list_filter = ["expertise"]
    list_select_related = ["project"]


@admin.register(FundingTranche)
class FundingTrancheAdmin(ReadOnlyAdmin):
    list_display = ["project", "amount", "partner", "planned_on", "disbursed_on"]
    list_select_related = ["project", "partner"]


@admin.register(Reminder)
class ReminderAdmin(ReadOnlyAdmin):
    list_display = ["kind", "milestone", "check_in", "recipient", "due", "sent_at"]
    list_filter = ["kind"]
    list_select_related = ["milestone", "check_in", "recipient"]
