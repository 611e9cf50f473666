"""Acceleration pages: cohorts, laureate projects, phases and milestones, journal, funding."""

app_name = "acceleration"
urlpatterns: list = []
