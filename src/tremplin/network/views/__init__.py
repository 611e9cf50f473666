"""Pages of the experimentation network."""
