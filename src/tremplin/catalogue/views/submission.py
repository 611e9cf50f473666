"""Views of the catalogue: submission."""
