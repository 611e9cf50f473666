"""Writes of the catalogue, one module per part: submission, moderation, replication."""
