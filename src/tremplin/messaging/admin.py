from django.contrib import admin

from tremplin.core.admin import PlatformAdmin

from .models import Mailing, Message, MessageTemplate


@admin.register(MessageTemplate)
class MessageTemplateAdmin(PlatformAdmin):
    """Written on the call's messages page, which checks the placeholders: read here."""

    list_display = ["call", "kind", "language", "subject", "updated_at"]
    list_filter = ["kind", "language", "call"]
    search_fields = ["subject", "body"]
    list_select_related = ["call"]


@admin.register(Mailing)
class MailingAdmin(PlatformAdmin):
    list_display = ["__str__", "call", "state", "recipients_count", "created_at", "sent_at"]
    list_filter = ["state", "call"]
    list_select_related = ["call"]
    readonly_fields = ["state", "sent_at", "recipients_count", "created_by"]
    workflow_fields = ("sent_at", "recipients_count")


@admin.register(Message)
class MessageAdmin(PlatformAdmin):
    list_display = ["subject", "email", "kind", "language", "created_at", "emailed_at", "read_at"]
    list_filter = ["kind", "language", "emailed_at"]
    search_fields = ["subject", "email", "body"]
    readonly_fields = [f.name for f in Message._meta.fields]
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False
