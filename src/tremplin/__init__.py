"""Tremplin: run a social innovation accelerator and share its innovations across the movement."""

__version__ = "0.1.0"
