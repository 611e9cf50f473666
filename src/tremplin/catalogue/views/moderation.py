"""Views of the catalogue: moderation."""
