"""Experimentation network pages: site directory, imports, matching, experiments."""

app_name = "network"
urlpatterns: list = []
