"""URLs of the catalogue: opendata."""

urlpatterns: list = []
