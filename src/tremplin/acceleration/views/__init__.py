"""Acceleration pages, one module per part: projects (with cohorts), milestones (with the
programmes' templates), journal, people (with the mentor pool), funding, outcome. Staff and
project pages of one part share its module."""
