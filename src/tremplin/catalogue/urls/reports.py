"""URLs of the catalogue: abuse reports (a reader's report on an innovation, the moderators'
list and the handling of one report)."""

from django.urls import path

from ..views import reports as views

urlpatterns = [
    path("moderation/reports/", views.reports, name="reports"),
    path("moderation/reports/<int:pk>/", views.report_handle, name="report_handle"),
    path("<slug:slug>/report/", views.report, name="report"),
]
