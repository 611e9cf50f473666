"""URLs of the catalogue: replication."""

urlpatterns: list = []
