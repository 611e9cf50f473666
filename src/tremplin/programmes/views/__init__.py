"""Pages of the programmes app, one module per part: calls (public and staff), programmes,
seasons, form_builder (a call's application form) and criteria (its eligibility checklist).
Views parse, call a service or a query, render."""
