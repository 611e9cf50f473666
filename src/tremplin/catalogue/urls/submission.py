"""URLs of the catalogue: submission."""

urlpatterns: list = []
