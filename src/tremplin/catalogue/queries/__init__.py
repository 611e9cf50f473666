"""Reads of the catalogue's pages, one module per part."""
