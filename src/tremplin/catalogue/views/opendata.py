"""Views of the catalogue: opendata."""
