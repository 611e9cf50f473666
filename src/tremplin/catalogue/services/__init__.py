"""Writes of the catalogue, one module per part: submission, moderation, follows, reports,
replication, contact."""
