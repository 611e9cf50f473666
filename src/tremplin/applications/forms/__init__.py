"""Forms of applications, one module per part: `answers` (one step of the form),
`application`, `team`, `review_list` (filters, bulk actions) and `screening`."""
