from django.contrib import admin

from .models import Answer, Application, Attachment, CoApplicant, InformationRequest, InternalNote


class AnswerInline(admin.TabularInline):
    model = Answer
    extra = 0
    fields = ["question", "text", "raw", "revision", "updated_at"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class AttachmentInline(admin.TabularInline):
    model = Attachment
    extra = 0
    fields = ["question", "original_name", "content_type", "size", "uploaded_at"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class CoApplicantInline(admin.TabularInline):
    model = CoApplicant
    extra = 0
    fields = ["email", "person", "invited_at", "accepted_at"]
    readonly_fields = fields


@admin.register(Application)
class ApplicationAdmin(admin.ModelAdmin):
    """Read-mostly: applications change state through the staff pages and their workflow."""

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
    date_hierarchy = "submitted_at"

    def has_add_permission(self, request):
        return False  # applications start from the call page, by their applicant


@admin.register(InformationRequest)
class InformationRequestAdmin(admin.ModelAdmin):
    list_display = ["application", "asked_at", "responded_at"]
    list_filter = ["responded_at"]
    search_fields = ["message", "response", "application__title"]
    list_select_related = ["application"]


@admin.register(InternalNote)
class InternalNoteAdmin(admin.ModelAdmin):
    list_display = ["application", "author_name", "created_at"]
    search_fields = ["text", "application__title"]
    list_select_related = ["application"]
