"""Every write of the experimentation network: one transaction each, checked and recorded."""
