from django.contrib import admin

from tremplin.core.admin import PlatformAdmin, PlatformTabularInline

from .models import Answer, Application, Attachment, CoApplicant, InformationRequest, InternalNote


class AnswerInline(PlatformTabularInline):
    model = Answer
    extra = 0
    fields = ["question", "text", "raw", "revision", "updated_at"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class AttachmentInline(PlatformTabularInline):
    model = Attachment
    extra = 0
    fields = ["question", "original_name", "content_type", "size", "uploaded_at"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class CoApplicantInline(PlatformTabularInline):
    model = CoApplicant
    extra = 0
    fields = ["email", "person", "invited_at", "accepted_at"]
    readonly_fields = fields


@admin.register(Application)
class ApplicationAdmin(PlatformAdmin):
    """Read here: an application changes through its team's pages (its answers, which its
    columns copy) and the staff pages (its workflow, extensions), which check and record."""

    list_display = [
        "__str__",
        "call",
        "applicant_name",
        "organisation_kind",
        "region",
        "state",
        "submitted_at",
    ]
    list_filter = ["state", "call__season", "call__programme", "organisation_kind", "region"]
    search_fields = ["title", "organisation_name", "applicant_name", "applicant__email"]
    list_select_related = ["call", "region"]
    readonly_fields = [
        "call",
        "applicant",
        "state",
        "version",
        "created_at",
        "updated_at",
        "submitted_at",
        "frozen_answers",
    ]
    fields = [
        "call",
        "applicant",
        "applicant_name",
        "title",
        "organisation_name",
        "organisation_kind",
        "region",
        "state",
        "deadline_extended_to",
        "version",
        "created_at",
        "updated_at",
        "submitted_at",
        "frozen_answers",
    ]
    inlines = [AnswerInline, AttachmentInline, CoApplicantInline]
    workflow_fields = ("submitted_at", "frozen_answers", "version", "deadline_extended_to")
    date_hierarchy = "submitted_at"

    def has_add_permission(self, request):
        return False  # applications start from the call page, by their applicant


@admin.register(InformationRequest)
class InformationRequestAdmin(PlatformAdmin):
    """Asked on the staff page and answered by the team (e-mailed, recorded): read here."""

    list_display = ["application", "asked_at", "responded_at"]
    list_filter = ["responded_at"]
    search_fields = ["message", "response", "application__title"]
    list_select_related = ["application"]
    workflow_fields = ("responded_at",)


@admin.register(InternalNote)
class InternalNoteAdmin(PlatformAdmin):
    list_display = ["application", "author_name", "created_at"]
    search_fields = ["text", "application__title"]
    list_select_related = ["application"]
