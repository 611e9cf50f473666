"""Every write of the acceleration: one transaction, permission and state checked, history
recorded. One module per part: projects (with cohorts), milestones, journal, people, funding,
outcome."""
