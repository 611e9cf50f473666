"""Full-text search and facet counts of the catalogue, behind one interface on SQLite (FTS5) and
PostgreSQL (text search configurations).

What is indexed (see indexing.py): one SearchDocument per published innovation and platform
language. Its body is accent-folded text in three sections separated by a form feed: the head
(title, pitch), the text (the other text fields) and the facets (names of its themes, publics,
SDGs and country in that language, its national society and carrying organisation). A record
written in French only still has English, Spanish and Arabic documents holding its facet
names in those languages, so that "mayores" finds a French record tagged "older people".

How a document is analysed, the same on both databases: folded (lower case, accents removed:
"âgées" -> "agees"), cut into words, the Snowball stop words of its language dropped, each
word stemmed with the Snowball stemmer of its language (French, English, Spanish; Arabic and
other languages are not stemmed, PostgreSQL's `simple`).
- SQLite: the stems are computed in Python (PyStemmer) and stored in the FTS5 table
  `catalogue_search_fts` (rowid = SearchDocument id; tokenizer unicode61 remove_diacritics 2).
- PostgreSQL: a stored generated column `search_vector` = to_tsvector(<the document language's
  configuration>, section) per section with weights A/B/C, and a GIN index on it.

How a query is matched: its words are folded, then stemmed with EACH language's stemmer; a
document matches when it contains every word of the query under one of these analyses (the
French stems, or the English ones, or the Spanish ones, or the words as typed). So a Spanish
query finds a French record through its Spanish translation or its Spanish facet names.
Ranking: bm25 on FTS5 (head x4, text x1, facets x0.5), ts_rank on PostgreSQL (weights A 1.0,
B 0.4, C 0.2); an innovation's score is that of its best document.

Facets combine by AND across facets and OR within a facet (several countries = any of them).
The count shown next to a value of facet F is the number of innovations matching the text and
the filters of every OTHER facet that have that value (the usual "multi-select" convention:
a count says how many results you would get by adding that value to the filter of F, or by
choosing it instead when F already has one). One SQL statement computes the page of results,
the total and every facet count (`search()`)."""

from __future__ import annotations

import json
import math
import re
import threading
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import Stemmer
from django.db import connection

FACETS = ("theme", "public", "country", "sdg", "stage")
SECTION = "\f"  # separates head, text and facets in SearchDocument.body
FTS_TABLE = "catalogue_search_fts"
SNOWBALL = {"fr": "french", "en": "english", "es": "spanish"}
BM25_WEIGHTS = (4.0, 1.0, 0.5)  # head, text, facets
MAX_TERMS = 12
WORD = re.compile(r"[^\W_]+")

SORT_RELEVANCE = "relevance"
SORT_DATE = "date"


# --- Analysis: folding, stop words, stems --------------------------------------------------------


def _strip_marks(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


# Latin letters with accents, folded by str.translate: 20 times faster than NFKD on long texts.
_LATIN = {code: _strip_marks(chr(code)) for code in range(0xC0, 0x250)}
_FOLD_TABLE = str.maketrans({code: folded for code, folded in _LATIN.items() if folded.isascii()})


def fold(text: str) -> str:
    """Lower case without accents: "Âgées" -> "agees" (marks removed after NFKD)."""
    text = (text or "").lower()
    if text.isascii():
        return text
    text = text.translate(_FOLD_TABLE)
    return text if text.isascii() else _strip_marks(text).lower()


def words(text: str) -> list[str]:
    return WORD.findall(fold(text))


@cache
def stop_words(language: str) -> frozenset[str]:
    """The Snowball stop words PostgreSQL's configuration of `language` drops (none for the
    languages without one). Compared with folded words, as PostgreSQL does."""
    path = Path(__file__).parent / "data" / "search_stopwords.json"
    data = json.loads(path.read_text(encoding="utf-8"))["stopwords"]
    return frozenset(data.get(language, ()))


_stemmers = threading.local()  # a PyStemmer object is not safe to share between threads


def _stemmer(language: str):
    cache_ = _stemmers.__dict__
    if language not in cache_:
        cache_[language] = Stemmer.Stemmer(SNOWBALL[language]) if language in SNOWBALL else None
    return cache_[language]


def analyse(text: str, language: str) -> list[str]:
    """The index terms of a text written in `language`."""
    tokens = words(text)
    stemmer = _stemmer(language)
    if stemmer is None:
        return tokens
    stops = stop_words(language)
    return stemmer.stemWords([t for t in tokens if t not in stops])


def query_alternatives(query: str) -> list[list[str]]:
    """The query's terms under each analysis (French, English, Spanish stems, the words as
    typed), without duplicates and empty ones. A document matches when it contains every term
    of one alternative."""
    tokens = words(query)[:MAX_TERMS]
    alternatives: list[list[str]] = []
    for language in (*SNOWBALL, ""):
        terms = analyse(" ".join(tokens), language) if language else tokens
        terms = list(dict.fromkeys(terms))
        if terms and terms not in alternatives:
            alternatives.append(terms)
    return alternatives


def document_body(head: str, text: str, facets: str) -> str:
    """SearchDocument.body: the three sections, folded."""
    return SECTION.join(fold(part).replace(SECTION, " ") for part in (head, text, facets))


def sections(body: str) -> tuple[str, str, str]:
    parts = [*body.split(SECTION), "", "", ""]
    return parts[0], parts[1], parts[2]


# --- Writing the index -------------------------------------------------------------------------


def backend() -> str:
    """ "fts5", "postgresql" or "plain" (SQLite without the FTS5 table: LIKE on the body)."""
    if connection.vendor == "postgresql":
        return "postgresql"
    if connection.vendor == "sqlite" and _fts_table_exists():
        return "fts5"
    return "plain"


_FTS_STATE: dict[str, bool] = {}


def _fts_table_exists() -> bool:
    key = f"{connection.alias}:{connection.settings_dict['NAME']}"
    if not _FTS_STATE.get(key):
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM sqlite_master WHERE name = %s", [FTS_TABLE])
            _FTS_STATE[key] = cursor.fetchone() is not None
    return _FTS_STATE[key]


def fts_rows(documents: Iterable) -> list[tuple]:
    """FTS5 rows (rowid, innovation, head, text, facets) of SearchDocuments, stemmed."""
    rows = []
    for doc in documents:
        head, text, facets = sections(doc.body)
        rows.append(
            (
                doc.pk,
                doc.innovation_id,
                " ".join(analyse(head, doc.language)),
                " ".join(analyse(text, doc.language)),
                " ".join(analyse(facets, doc.language)),
            )
        )
    return rows


def write_documents(documents: list) -> None:
    """Index SearchDocuments just saved (PostgreSQL computes their vector itself)."""
    if documents and backend() == "fts5":
        with connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {FTS_TABLE}(rowid, innovation, head, text, facets) "  # noqa: S608
                "VALUES (%s, %s, %s, %s, %s)",
                fts_rows(documents),
            )


def delete_documents(innovation_ids: Iterable[int]) -> None:
    """Remove the FTS5 rows of these innovations (before their SearchDocuments go)."""
    ids = list(innovation_ids)
    if ids and backend() == "fts5":
        with connection.cursor() as cursor:
            for start in range(0, len(ids), 500):
                chunk = ids[start : start + 500]
                marks = ", ".join(["%s"] * len(chunk))
                cursor.execute(
                    f"DELETE FROM {FTS_TABLE} WHERE rowid IN ("  # noqa: S608
                    f"SELECT id FROM catalogue_searchdocument WHERE innovation_id IN ({marks}))",
                    chunk,
                )


def clear() -> None:
    """Empty the FTS5 table (the whole index is being rebuilt)."""
    if backend() == "fts5":
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {FTS_TABLE}")  # noqa: S608


def optimise() -> None:
    """Merge the index's segments after a bulk load; refresh the planner's statistics."""
    with connection.cursor() as cursor:
        if backend() == "fts5":
            cursor.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('optimize')")  # noqa: S608
            cursor.execute("ANALYZE")
        elif backend() == "postgresql":
            cursor.execute("ANALYZE catalogue_searchdocument")
            cursor.execute("ANALYZE catalogue_facetvalue")
            cursor.execute("ANALYZE catalogue_innovation")


# --- Searching ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Query:
    """What a visitor asks: words, facet filters {facet: values}, a sort, a page."""

    text: str = ""
    filters: Mapping[str, frozenset[str]] = field(default_factory=dict)
    sort: str = SORT_RELEVANCE
    page: int = 1
    per_page: int = 20

    def active_filters(self) -> dict[str, list[str]]:
        return {facet: sorted(self.filters[facet]) for facet in FACETS if self.filters.get(facet)}


@dataclass
class Results:
    ids: list[int]  # the innovations of the page, in order
    total: int
    facets: dict[str, dict[str, int]]  # {facet: {value: count}}
    page: int
    per_page: int
    searched: bool  # whether the query had words to search

    @property
    def num_pages(self) -> int:
        return max(1, math.ceil(self.total / self.per_page))


def _match_sql(alternatives: list[list[str]], tokens: list[str]) -> tuple[str, list]:
    """SELECT id, score: the innovations whose documents match, with their best score."""
    kind = backend()
    if kind == "fts5":
        expression = " OR ".join(
            "(" + " AND ".join(f'"{term}"' for term in terms) + ")" for terms in alternatives
        )
        weights = ", ".join(str(w) for w in BM25_WEIGHTS)
        return (
            # bm25() may not sit inside an aggregate: rank the documents, then group them.
            f"WITH r AS MATERIALIZED (SELECT innovation, "  # noqa: S608
            f"-bm25({FTS_TABLE}, 0, {weights}) AS score "
            f"FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s) "
            "SELECT innovation AS id, MAX(score) AS score FROM r GROUP BY innovation",
            [expression],
        )
    if kind == "postgresql":
        text = " ".join(tokens)  # PostgreSQL analyses them with each configuration
        tsquery = " || ".join(
            f"plainto_tsquery('{config}', %s)" for config in (*SNOWBALL.values(), "simple")
        )
        return (
            "SELECT d.innovation_id AS id, MAX(ts_rank(d.search_vector, q.q)) AS score "  # noqa: S608
            f"FROM catalogue_searchdocument d, (SELECT {tsquery} AS q) q "
            "WHERE d.search_vector @@ q.q GROUP BY d.innovation_id",
            [text] * (len(SNOWBALL) + 1),
        )
    # SQLite without FTS5: every folded word as typed, anywhere in a document (no stemming).
    terms = list(dict.fromkeys(tokens))
    likes = " AND ".join("body LIKE %s" for _ in terms)
    return (
        "SELECT innovation_id AS id, 1.0 AS score FROM catalogue_searchdocument "  # noqa: S608
        f"WHERE {likes} GROUP BY innovation_id",
        [f"%{term}%" for term in terms],
    )


def search(query: Query) -> Results:
    """The page of results, the total and the facet counts of a query, in one SQL statement."""
    alternatives = query_alternatives(query.text)
    filters = query.active_filters()
    params: list = []
    if alternatives:
        match_sql, match_params = _match_sql(alternatives, words(query.text)[:MAX_TERMS])
        params += match_params
        base = (
            f"SELECT m.id, m.score, i.published_at FROM ({match_sql}) m "  # noqa: S608
            "JOIN catalogue_innovation i ON i.id = m.id WHERE i.published_id IS NOT NULL"
        )
    else:
        base = (
            "SELECT i.id, 0.0 AS score, i.published_at FROM catalogue_innovation i "
            "WHERE i.published_id IS NOT NULL"
        )
    # One flag per active facet: whether the innovation has one of the chosen values.
    flags = []
    for position, (facet, values) in enumerate(filters.items()):
        marks = ", ".join(["%s"] * len(values))
        flags.append(
            f"CASE WHEN b.id IN (SELECT innovation_id FROM catalogue_facetvalue "  # noqa: S608
            f"WHERE facet = %s AND value IN ({marks})) THEN 1 ELSE 0 END AS ok{position}"
        )
        params += [facet, *values]
    ok = {facet: f"s.ok{position}" for position, facet in enumerate(filters)}
    flag_columns = "".join(", " + flag for flag in flags)
    all_ok = " AND ".join(f"{column} = 1" for column in ok.values()) or "1 = 1"
    # Rows failing two filters or more count nowhere: leave them out of the facet join.
    near = " + ".join(f"{column}" for column in ok.values())
    near_ok = f"{near} >= {len(ok) - 1}" if len(ok) > 1 else "1 = 1"

    def others_ok(facet: str) -> str:
        conditions = [f"{column} = 1" for other, column in ok.items() if other != facet]
        return " AND ".join(conditions) or "1 = 1"

    facet_condition = " OR ".join(
        f"(fv.facet = '{facet}' AND {others_ok(facet)})" for facet in FACETS
    )
    order = (
        "s.score DESC, s.published_at DESC, s.id DESC"
        if alternatives and query.sort == SORT_RELEVANCE
        else "s.published_at DESC, s.id DESC"
    )
    offset = (max(query.page, 1) - 1) * query.per_page
    sql = (
        # Only constants, facet names of FACETS and integers are written in; values are bound.
        f"WITH b AS MATERIALIZED ({base}), "  # noqa: S608
        f"s AS MATERIALIZED (SELECT b.id, b.score, b.published_at{flag_columns} FROM b) "
        f"SELECT * FROM (SELECT 'page' AS kind, CAST(s.id AS VARCHAR(20)) AS value, "
        f"ROW_NUMBER() OVER (ORDER BY {order}) AS n FROM s WHERE {all_ok} "
        f"ORDER BY {order} LIMIT {int(query.per_page)} OFFSET {int(offset)}) p "
        f"UNION ALL SELECT 'total', '', COUNT(*) FROM s WHERE {all_ok} "
        "UNION ALL SELECT fv.facet, fv.value, COUNT(*) FROM s "
        "JOIN catalogue_facetvalue fv ON fv.innovation_id = s.id "
        f"WHERE {near_ok} AND ({facet_condition}) GROUP BY fv.facet, fv.value"
    )
    page: list[tuple[int, int]] = []
    total = 0
    counts: dict[str, dict[str, int]] = {facet: {} for facet in FACETS}
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        for kind, value, number in cursor.fetchall():
            if kind == "page":
                page.append((number, int(value)))
            elif kind == "total":
                total = number
            else:
                counts[kind][value] = number
    return Results(
        ids=[pk for _n, pk in sorted(page)],
        total=total,
        facets=counts,
        page=max(query.page, 1),
        per_page=query.per_page,
        searched=bool(alternatives),
    )


def similar(innovation_id: int, limit: int = 4, candidates: int = 200) -> list[int]:
    """Innovations sharing the most themes, publics and SDGs with this one (the most recent
    first among equals). Cheap whatever the catalogue's size: only the `candidates` most
    recent innovations of each shared value are considered (index facet_lookup)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT facet, value FROM catalogue_facetvalue "
            "WHERE innovation_id = %s AND facet IN ('theme', 'public', 'sdg')",
            [innovation_id],
        )
        values = cursor.fetchall()
        if not values:
            return []
        parts = []
        params: list = []
        for facet, value in values:
            parts.append(
                "SELECT * FROM (SELECT innovation_id FROM catalogue_facetvalue "  # noqa: S608
                "WHERE facet = %s AND value = %s AND innovation_id <> %s "
                f"ORDER BY innovation_id DESC LIMIT {int(candidates)}) c"
            )
            params += [facet, value, innovation_id]
        cursor.execute(
            "SELECT u.innovation_id FROM ("  # noqa: S608 - the parts are constants
            + " UNION ALL ".join(parts)
            + ") u JOIN catalogue_innovation i ON i.id = u.innovation_id "
            "WHERE i.published_id IS NOT NULL GROUP BY u.innovation_id "
            f"ORDER BY COUNT(*) DESC, u.innovation_id DESC LIMIT {int(limit)}",
            params,
        )
        return [row[0] for row in cursor.fetchall()]
