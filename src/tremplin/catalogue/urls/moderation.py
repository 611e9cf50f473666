"""URLs of the catalogue: moderation."""

urlpatterns: list = []
