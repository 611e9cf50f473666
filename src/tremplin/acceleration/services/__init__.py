"""Every write of the acceleration: one transaction, permission and state checked, history
recorded. One module per part: projects, milestones, journal, people, funding."""
