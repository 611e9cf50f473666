from django.contrib import admin

from tremplin.core.admin import PlatformAdmin

from .models import Experiment, ExperimentationSite, SiteImport


@admin.register(ExperimentationSite)
class ExperimentationSiteAdmin(PlatformAdmin):
    list_display = [
        "name",
        "code",
        "kind",
        "town",
        "department",
        "region",
        "capacity",
        "willing_to_host",
        "contact",
    ]
    list_filter = ["kind", "willing_to_host", "region", "business_lines"]
    search_fields = ["name", "code", "town", "department__name"]
    list_select_related = ["region", "department", "contact"]
    filter_horizontal = ["business_lines"]
    autocomplete_fields = ["contact"]
    # Staff set a site's contact by importing the movement's site list as well; the contact
    # sees only the experiments proposed to their site. The change is recorded.
    staff_person_fields = ("contact",)


@admin.register(Experiment)
class ExperimentAdmin(PlatformAdmin):
    """Read in the admin; written on the platform's pages, where the state machine checks and
    records every change."""

    list_display = ["project", "site", "status", "starts_on", "ends_on", "people_reached"]
    list_filter = ["status", "site__region"]
    search_fields = ["project__name", "site__name", "site__code"]
    list_select_related = ["project", "site"]
    readonly_fields = [
        "project",
        "site",
        "status",
        "proposed_by",
        "created_at",
        "updated_at",
    ]
    fields = [
        "project",
        "site",
        "status",
        "starts_on",
        "ends_on",
        "proposal",
        "answer",
        "results",
        "people_reached",
        "proposed_by",
        "created_at",
        "updated_at",
    ]

    def has_add_permission(self, request):
        return False


@admin.register(SiteImport)
class SiteImportAdmin(PlatformAdmin):
    list_display = ["filename", "state", "uploaded_by", "uploaded_at", "applied_at"]
    list_filter = ["state"]
    fields = ["filename", "state", "uploaded_by", "uploaded_at", "applied_at", "report"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False
