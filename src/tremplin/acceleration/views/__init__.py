"""Acceleration pages: one module for a project's pages, one for the programme's staff pages."""
