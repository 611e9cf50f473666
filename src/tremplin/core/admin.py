from django.contrib import admin

from .models import HistoryEntry


@admin.register(HistoryEntry)
class HistoryEntryAdmin(admin.ModelAdmin):
    list_display = ["at", "actor_name", "action", "target_repr", "from_state", "to_state"]
    list_filter = ["action", "target_type", "at"]
    search_fields = ["actor_name", "target_repr", "reason", "action"]
    date_hierarchy = "at"
    readonly_fields = [f.name for f in HistoryEntry._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
