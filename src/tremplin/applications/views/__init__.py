"""The pages of applications, one module per part: `application` (start, follow, submit,
withdraw), `answers` (the form, step by step, autosaved; files), `team` (co-applicants),
`review_list` (the staff list, bulk actions, exports) and `screening` (one application as
staff read and screen it)."""
