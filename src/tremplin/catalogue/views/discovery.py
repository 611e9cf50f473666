"""Views of the catalogue: discovery."""
