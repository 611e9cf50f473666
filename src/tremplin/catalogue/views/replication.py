"""Views of the catalogue: replication."""
