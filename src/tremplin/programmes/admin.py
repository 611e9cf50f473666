from django.contrib import admin

from tremplin.core.admin import PlatformAdmin

from .models import Call, Programme, Season


@admin.register(Programme)
class ProgrammeAdmin(PlatformAdmin):
    list_display = [
        "__str__",
        "slug",
        "audience",
        "duration_months",
        "financial_package",
        "places",
        "is_active",
    ]
    list_filter = ["audience", "is_active", "regional_representativeness"]
    search_fields = ["slug", "name"]
    filter_horizontal = ["partners"]


@admin.register(Season)
class SeasonAdmin(PlatformAdmin):
    list_display = ["__str__", "number", "opened_on"]


@admin.register(Call)
class CallAdmin(PlatformAdmin):
    list_display = ["__str__", "programme", "season", "opens_at", "closes_at", "time_zone"]
    list_filter = ["season", "programme"]
    search_fields = ["slug", "title"]
    list_select_related = ["programme", "season"]
    date_hierarchy = "opens_at"
