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
from django.conf import settings
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


def query_alternatives(query: str) -> list[tuple[str, list[str]]]:
    """The query's terms under each analysis: (language, terms) for French, English and
    Spanish stems, and ("", the words as typed). A document matches when it contains every
    term of one alternative: the stems of a language in that language's version."""
    tokens = words(query)[:MAX_TERMS]
    if not tokens:
        return []
    alternatives = [
        (language, list(dict.fromkeys(analyse(" ".join(tokens), language))))
        for language in SNOWBALL
    ]
    alternatives.append(("", list(dict.fromkeys(tokens))))
    return [(language, terms) for language, terms in alternatives if terms]


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


# One FTS5 row per innovation (rowid = its id), with three columns per platform language
# (head, text, facets: h_fr, t_fr, f_fr, h_en...): the search reads matching innovations from
# the rowids alone, and a column filter keeps each analysis to its language's columns.
def fts_columns(language: str) -> list[str]:
    return [f"{section}_{language}" for section in ("h", "t", "f")]


def all_fts_columns() -> list[str]:
    return [column for code, _name in settings.LANGUAGES for column in fts_columns(code)]


def fts_rows(documents: Iterable) -> list[tuple]:
    """FTS5 rows (rowid, innovation, h_fr, t_fr, f_fr, ...) of SearchDocuments, stemmed: one
    per innovation, from its documents in every language."""
    columns = all_fts_columns()
    rows: dict[int, dict[str, str]] = {}
    for doc in documents:
        row = rows.setdefault(doc.innovation_id, {})
        for column, section in zip(fts_columns(doc.language), sections(doc.body), strict=True):
            if column in columns:
                row[column] = " ".join(analyse(section, doc.language))
    return [(pk, pk, *(row.get(column, "") for column in columns)) for pk, row in rows.items()]


def write_documents(documents: list) -> None:
    """Index SearchDocuments just saved, all the documents of each innovation at once
    (PostgreSQL computes their vector itself)."""
    if documents and backend() == "fts5":
        columns = ", ".join(all_fts_columns())
        marks = ", ".join(["%s"] * (len(all_fts_columns()) + 2))
        with connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT OR REPLACE INTO {FTS_TABLE}(rowid, innovation, {columns}) "  # noqa: S608
                f"VALUES ({marks})",
                fts_rows(documents),
            )


def delete_documents(innovation_ids: Iterable[int]) -> None:
    """Remove the FTS5 rows of these innovations."""
    ids = list(innovation_ids)
    if ids and backend() == "fts5":
        with connection.cursor() as cursor:
            cursor.executemany(
                f"DELETE FROM {FTS_TABLE} WHERE rowid = %s",  # noqa: S608
                [(pk,) for pk in ids],
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


def _tsquery(tokens: list[str]) -> tuple[str, list]:
    """A document matches when the stems of its own language's configuration all match, or
    the words as typed (`simple`, for Arabic, names and numbers)."""
    text = " ".join(tokens)
    conditions = [
        f"(language = '{language}' AND search_vector @@ plainto_tsquery('{config}', %s))"
        for language, config in SNOWBALL.items()
    ]
    conditions.append("search_vector @@ plainto_tsquery('simple', %s)")
    return "(" + " OR ".join(conditions) + ")", [text] * len(conditions)


def _match_sql(alternatives, tokens: list[str]) -> tuple[str, list]:
    """SELECT id: the innovations one of whose documents matches (no ranking)."""
    kind = backend()
    if kind == "fts5":
        return (
            f"SELECT rowid AS id FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s",  # noqa: S608
            [_fts_expression(alternatives)],
        )
    if kind == "postgresql":
        condition, params = _tsquery(tokens)
        return (
            "SELECT DISTINCT innovation_id AS id FROM catalogue_searchdocument "  # noqa: S608
            f"WHERE {condition}",
            params,
        )
    # SQLite without FTS5: every folded word as typed, anywhere in a document (no stemming).
    terms = list(dict.fromkeys(tokens))
    likes = " AND ".join("body LIKE %s" for _ in terms)
    return (
        f"SELECT DISTINCT innovation_id AS id FROM catalogue_searchdocument WHERE {likes}",  # noqa: S608
        [f"%{term}%" for term in terms],
    )


def _rank_sql(alternatives, tokens, among: str) -> tuple[str, list]:
    """SELECT id, score of the innovations of the subquery `among` (the final results only:
    ranking is the costly part, so it is not done for matches that the facets leave out)."""
    kind = backend()
    if kind == "fts5":
        weights = ", ".join(str(w) for _code in all_fts_columns()[::3] for w in BM25_WEIGHTS)
        return (
            f"SELECT rowid AS id, -bm25({FTS_TABLE}, 0, {weights}) AS score "  # noqa: S608
            f"FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s AND (rowid + 0) IN ({among})",
            [_fts_expression(alternatives)],
        )
    if kind == "postgresql":
        condition, params = _tsquery(tokens)
        configs = ", ".join(f"'{config}'" for config in (*SNOWBALL.values(), "simple"))
        rank = (
            "GREATEST("
            + ", ".join(
                f"ts_rank(search_vector, plainto_tsquery({config}, %s))"
                for config in configs.split(", ")
            )
            + ")"
        )
        return (
            f"SELECT innovation_id AS id, MAX({rank}) AS score "  # noqa: S608
            f"FROM catalogue_searchdocument WHERE innovation_id IN ({among}) AND {condition} "
            "GROUP BY innovation_id",
            [" ".join(tokens)] * 4 + params,
        )
    return f"SELECT id, 1.0 AS score FROM ({among}) a", []  # noqa: S608


def _fts_expression(alternatives) -> str:
    """("agees" finds "âgées") {h_fr t_fr f_fr}: ("person" AND "age") OR {h_en ...}: (...) OR
    (the words as typed, in any column)."""
    parts = []
    for language, terms in alternatives:
        expression = "(" + " AND ".join(f'"{term}"' for term in terms) + ")"
        if language:
            expression = "{" + " ".join(fts_columns(language)) + "}: " + expression
        parts.append(expression)
    return " OR ".join(parts)


def search(query: Query) -> Results:
    """The page of results, the total and the facet counts of a query, in one SQL statement.

    t: the innovations matching the words (all published ones without words); s: t with one
    flag per active facet filter, keeping only the rows that fail at most one filter (the
    others count nowhere); then the total, one GROUP BY per facet over the rows that pass
    the OTHER facets' filters, and the page (ranked among the final results only)."""
    alternatives = query_alternatives(query.text)
    tokens = words(query.text)[:MAX_TERMS]
    filters = query.active_filters()
    params: list = []
    # Without words and with two filters or more, only innovations having a value of one of
    # the filters can count anywhere: start from them (index facet_lookup), not from all.
    candidates = ""
    if len(filters) >= 2:
        pairs = " OR ".join(
            f"(facet = %s AND value IN ({', '.join(['%s'] * len(values))}))"
            for values in filters.values()
        )
        candidates = f"SELECT innovation_id FROM catalogue_facetvalue WHERE {pairs}"  # noqa: S608
    if alternatives:
        # Checking each candidate against the words costs more than flagging every match.
        match_sql, match_params = _match_sql(alternatives, tokens)
        params += match_params
    elif candidates:
        match_sql = f"SELECT DISTINCT innovation_id AS id FROM ({candidates}) c"  # noqa: S608
        for facet, values in filters.items():
            params += [facet, *values]
    else:
        match_sql = "SELECT id FROM catalogue_innovation WHERE published_id IS NOT NULL"
    flags = []
    for position, (facet, values) in enumerate(filters.items()):
        marks = ", ".join(["%s"] * len(values))
        flags.append(
            f"CASE WHEN t.id IN (SELECT innovation_id FROM catalogue_facetvalue "  # noqa: S608
            f"WHERE facet = %s AND value IN ({marks})) THEN 1 ELSE 0 END AS ok{position}"
        )
        params += [facet, *values]
    ok = {facet: f"ok{position}" for position, facet in enumerate(filters)}
    flag_columns = "".join(", " + flag for flag in flags)
    all_ok = " AND ".join(f"{column} = 1" for column in ok.values()) or "1 = 1"
    near = " + ".join(ok.values())
    near_ok = f"WHERE {near} >= {len(ok) - 1}" if len(ok) > 1 else ""

    def others_ok(facet: str) -> str:
        conditions = [f"{column} = 1" for other, column in ok.items() if other != facet]
        return " AND ".join(conditions) or "1 = 1"

    final = f"SELECT id FROM s WHERE {all_ok}"  # noqa: S608
    offset = (max(query.page, 1) - 1) * query.per_page
    limit = f"LIMIT {int(query.per_page)} OFFSET {int(offset)}"
    ranked = ""
    if alternatives and query.sort == SORT_RELEVANCE:
        rank_sql, rank_params = _rank_sql(alternatives, tokens, final)
        params += rank_params
        ranked = f", r AS MATERIALIZED ({rank_sql})"
        page = (
            "SELECT r.id, r.score, i.published_at FROM r JOIN catalogue_innovation i ON i.id = r.id"
        )
        order = "score DESC, published_at DESC, id DESC"
    else:
        page = (
            "SELECT i.id, i.published_at FROM catalogue_innovation i "  # noqa: S608
            f"WHERE i.id IN ({final})"
        )
        order = "published_at DESC, id DESC"
    # Only constants, facet names of FACETS and integers are written in; values are bound.
    parts = [
        # The window numbers the rows of the page only, after the LIMIT.
        f"SELECT 'page' AS kind, CAST(pg.id AS VARCHAR(20)) AS value, "  # noqa: S608
        f"ROW_NUMBER() OVER (ORDER BY {order}) AS n "
        f"FROM (SELECT * FROM ({page}) p ORDER BY {order} {limit}) pg",
        f"SELECT 'total', '', COUNT(*) FROM s WHERE {all_ok}",  # noqa: S608
    ]
    for facet in FACETS:
        parts.append(
            f"SELECT '{facet}', fv.value, COUNT(*) FROM s "  # noqa: S608
            f"JOIN catalogue_facetvalue fv ON fv.innovation_id = s.id AND fv.facet = '{facet}' "
            f"WHERE {others_ok(facet)} GROUP BY fv.value"
        )
    flagged = f"SELECT t.id{flag_columns} FROM t"  # noqa: S608
    if near_ok:  # rows failing two filters or more count nowhere
        flagged = f"SELECT * FROM ({flagged}) x {near_ok}"  # noqa: S608
    sql = (
        f"WITH t AS MATERIALIZED ({match_sql}), "
        f"s AS MATERIALIZED ({flagged}){ranked} " + " UNION ALL ".join(parts)
    )
    rows: list[tuple[int, int]] = []
    total = 0
    counts: dict[str, dict[str, int]] = {facet: {} for facet in FACETS}
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        for kind, value, number in cursor.fetchall():
            if kind == "page":
                rows.append((number, int(value)))
            elif kind == "total":
                total = number
            else:
                counts[kind][value] = number
    return Results(
        ids=[pk for _n, pk in sorted(rows)],
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
