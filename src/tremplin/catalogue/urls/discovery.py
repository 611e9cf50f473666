"""URLs of the catalogue: discovery."""

urlpatterns: list = []
