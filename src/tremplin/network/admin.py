from django.contrib import admin

from .models import ExperimentationSite


@admin.register(ExperimentationSite)
class ExperimentationSiteAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "kind",
        "town",
        "department",
        "region",
        "capacity",
        "willing_to_host",
        "contact",
    ]
    list_filter = ["kind", "willing_to_host", "region", "business_lines"]
    search_fields = ["name", "town", "department__name"]
    list_select_related = ["region", "department", "contact"]
    filter_horizontal = ["business_lines"]
    autocomplete_fields = ["contact"]
