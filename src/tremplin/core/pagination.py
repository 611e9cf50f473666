"""Pages of a list: the one way every list page and the API read the page number asked for.

The page number comes from the address, so anyone can type anything there. The rules, the
same everywhere:
- a whole number written in ASCII digits is a page number; anything else ("abc", "1e9",
  "2.5", "", a full-width digit) asks for the first page, and so does a number below 1;
- a number past the last page, however large, gives the last page (an HTML list never
  answers an error because of its page number);
- numbers are capped at MAX_PAGE before any arithmetic, so that an offset computed from one
  always fits the 64-bit integers of the databases (PostgreSQL refuses a larger OFFSET, and
  SQLite a non-integer one).
The JSON API declares its `page` as a whole number from 1 to MAX_PAGE (422 otherwise) and
answers 404 for a page past the last one (see catalogue/api.py)."""

from __future__ import annotations

import re

from django.core.paginator import Page, Paginator

# No list of the platform comes near a million pages; every offset below it fits 64 bits
# whatever the page size (at most a few hundred rows).
MAX_PAGE = 1_000_000
PAGE_PARAMETER = "page"
_DIGITS = re.compile(r"[0-9]+")


def requested_page(raw) -> int:
    """The page number in `raw` (a GET value, None, or an int), from 1 to MAX_PAGE."""
    if isinstance(raw, int):
        number = raw
    else:
        text = str(raw or "").strip()
        if not _DIGITS.fullmatch(text):
            return 1
        # Compare lengths first: int() of a string of thousands of digits is itself slow
        # (and refused by Python past 4300 digits).
        if len(text.lstrip("0")) > len(str(MAX_PAGE)):
            return MAX_PAGE
        number = int(text)
    return min(max(number, 1), MAX_PAGE)


def paginate(object_list, per_page: int, raw) -> Page:
    """The page `raw` (see requested_page) of `object_list`; past the last page, the last
    one. An empty list has one empty page. The page's elided_range holds the numbers the
    pagination links show (core/_pagination.html)."""
    paginator = Paginator(object_list, per_page)
    number = min(requested_page(raw), paginator.num_pages)
    page = paginator.page(number)
    page.elided_range = list(paginator.get_elided_page_range(number))
    return page


def page_of(request, object_list, per_page: int, parameter: str = PAGE_PARAMETER) -> Page:
    """The page of `object_list` that the request's query string asks for."""
    return paginate(object_list, per_page, request.GET.get(parameter))
