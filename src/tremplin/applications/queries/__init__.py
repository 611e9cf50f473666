"""Reads of applications, one module per part: `application` (what the applicant's team
sees), `answers`, `team`, `review_list` (the staff list and its exports) and `screening`
(one application as staff read it)."""
