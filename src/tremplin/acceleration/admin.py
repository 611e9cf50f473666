from django.contrib import admin

from .models import LaureateProject


@admin.register(LaureateProject)
class LaureateProjectAdmin(admin.ModelAdmin):
    list_display = ["name", "season", "programme", "track", "organisation", "referent", "ends_on"]
    list_filter = ["season", "programme", "track", "region"]
    search_fields = ["name", "organisation__name"]
    list_select_related = ["season", "programme", "organisation", "referent"]
    filter_horizontal = ["business_lines", "mentors", "team"]
    autocomplete_fields = ["organisation", "referent"]
    prepopulated_fields = {"slug": ["name"]}
