from django.contrib import admin

from tremplin.core.admin import PlatformAdmin

from .models import BusinessLine, Department, Region, SustainableDevelopmentGoal


@admin.register(Region)
class RegionAdmin(PlatformAdmin):
    list_display = ["name", "code", "kind"]
    list_filter = ["kind"]
    search_fields = ["name", "code"]


@admin.register(Department)
class DepartmentAdmin(PlatformAdmin):
    list_display = ["code", "name", "region"]
    list_filter = ["region"]
    search_fields = ["name", "code"]
    list_select_related = ["region"]


@admin.register(BusinessLine)
class BusinessLineAdmin(PlatformAdmin):
    list_display = ["__str__", "code", "position"]
    search_fields = ["code", "name"]


@admin.register(SustainableDevelopmentGoal)
class GoalAdmin(PlatformAdmin):
    list_display = ["number", "__str__"]
    search_fields = ["name"]
