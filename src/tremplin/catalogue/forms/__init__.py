"""The catalogue's forms, one module per part."""
