"""Full-text search and facet counts of the catalogue, behind one interface on SQLite (FTS5) and
PostgreSQL (tsvector + GIN). docs/catalogue-search.md explains the choices.

What is indexed (see indexing.py): one SearchDocument per published innovation and platform
language. Its body is accent-folded text in three sections separated by a form feed: the head
(title, pitch), the text (the other text fields) and the facets (names of its themes, publics,
SDGs and country in that language, its national society and carrying organisation). A record
written in French only still has English, Spanish and Arabic documents holding its facet
names in those languages, so that "mayores" finds a French record tagged "older people".

How a document is analysed, in Python on both databases: folded (lower case, accents removed:
"âgées" -> "agees"), cut into words, the Snowball stop words of its language dropped, each
word stemmed with the Snowball stemmer of its language (PyStemmer: French, English, Spanish;
Arabic and other languages are not stemmed). The index has one row per innovation with the
terms of every language and one token per facet value (facet_token):
- SQLite: the FTS5 table `catalogue_search_fts` (rowid = the innovation's id), three columns
  per language (head, text, facet names) and `fv` (facet tokens).
- PostgreSQL: `catalogue_search_vector`, a tsvector of language-prefixed terms ("fr:accompagn")
  weighted A/B/C by section, plus the facet tokens, with a GIN index.

How a query is matched: its words are folded, then stemmed with EACH language's stemmer; an
innovation matches when one language version contains every word under that language's
analysis (the French stems in the French columns, ...), or the words as typed in any column.
So a Spanish query finds a French record through its Spanish translation or its Spanish facet
names. Facet filters are part of the same full-text expression: the index intersects them.
Ranking: bm25 on FTS5 (head x4, text x1, facet names x0.5), ts_rank on PostgreSQL (weights
A 1.0, B 0.4, C 0.2), computed for the final results only.

Facets combine by AND across facets and OR within a facet (several countries = any of them).
The count shown next to a value of facet F is the number of innovations matching the text and
the filters of every OTHER facet that have that value (the usual "multi-select" convention:
a count says how many results you would get by adding that value to the filter of F, or by
choosing it instead when F already has one). One SQL statement computes the page of results,
the total and every facet count (`search()`)."""

from __future__ import annotations

import functools
import hashlib
import json
import math
import re
import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import Stemmer
from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction

from tremplin.core import pagination
from tremplin.core.text import fold

from .models import Innovation

FACETS = ("theme", "public", "country", "sdg", "stage")
SECTION = "\f"  # separates head, text and facets in SearchDocument.body
FTS_TABLE = "catalogue_search_fts"
PG_TABLE = "catalogue_search_vector"
PG_FACETS = "f_theme, f_public, f_country, f_sdg, f_stage"
SNOWBALL = {"fr": "french", "en": "english", "es": "spanish"}
BM25_WEIGHTS = (4.0, 1.0, 0.5)  # head, text, facets
MAX_TERMS = 12
WORD = re.compile(r"[^\W_]+")

SORT_RELEVANCE = "relevance"
SORT_DATE = "date"


# --- Analysis: folding, stop words, stems --------------------------------------------------------


def words(text: str) -> list[str]:
    return WORD.findall(fold(text))


@functools.cache
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


def forget_index_state() -> None:
    """Forget whether the full-text tables exist (a migration may have just made or dropped
    them): the next search looks again."""
    _FTS_STATE.clear()


def facet_token(facet: str, value: str) -> str:
    """The index term of a facet value ("theme", "elderly" -> "x7468656d653d656c6465726c79"):
    letters and digits only, so that every tokenizer keeps it whole, and never a word."""
    return "x" + f"{facet}={value}".encode().hex()


# One FTS5 row per innovation (rowid = its id), with three columns per platform language
# (head, text, facets: h_fr, t_fr, f_fr, h_en...) and the facet values' tokens (fv): the search
# reads matching innovations from the rowids alone, a column filter keeps each analysis to its
# language's columns, and facet filters are intersected inside the index.
def fts_columns(language: str) -> list[str]:
    return [f"{section}_{language}" for section in ("h", "t", "f")]


def all_fts_columns() -> list[str]:
    return [column for code, _name in settings.LANGUAGES for column in fts_columns(code)]


def _index_terms(documents: Iterable) -> dict[int, dict[str, list[str]]]:
    """{innovation: {language: [head terms, text terms, facet terms]}} of SearchDocuments."""
    terms: dict[int, dict[str, list[str]]] = {}
    for doc in documents:
        terms.setdefault(doc.innovation_id, {})[doc.language] = [
            " ".join(analyse(section, doc.language)) for section in sections(doc.body)
        ]
    return terms


def _facet_tokens(facets: Iterable) -> dict[int, list[str]]:
    tokens: dict[int, list[str]] = {}
    for row in facets:
        tokens.setdefault(row.innovation_id, []).append(facet_token(row.facet, row.value))
    return tokens


def fts_rows(documents: Iterable, facets: Iterable = ()) -> list[tuple]:
    """FTS5 rows (rowid, innovation, h_fr, t_fr, f_fr, ..., fv) of SearchDocuments and
    FacetValue rows, stemmed: one per innovation, from its documents in every language."""
    tokens = _facet_tokens(facets)
    rows = []
    for pk, languages in _index_terms(documents).items():
        cells = []
        for code, _name in settings.LANGUAGES:
            cells += languages.get(code, ["", "", ""])
        rows.append((pk, pk, *cells, " ".join(tokens.get(pk, ()))))
    return rows


PG_WEIGHTS = "ABC"  # head, text, facets sections
PG_RANK_WEIGHTS = "{0, 0.2, 0.4, 1.0}"  # D (facet tokens), C, B, A
PG_POSITIONS = 8  # positions kept per term: enough for ranking, keeps the vectors small


def pg_vector(languages: Mapping[str, list[str]], tokens: Iterable[str]) -> str:
    """The tsvector literal of one innovation: every term prefixed with its language
    ("fr:accompagn"), weighted by section (A head, B text, C facets), and its facet tokens.
    The analysis is done here, as for FTS5, so both databases match the same terms."""
    positions: dict[str, list[str]] = {}
    position = 0
    for language, parts in languages.items():
        for weight, part in zip(PG_WEIGHTS, parts, strict=True):
            for term in part.split():
                position = min(position + 1, 16383)
                kept = positions.setdefault(f"{language}:{term}", [])
                if len(kept) < PG_POSITIONS:
                    kept.append(f"{position}{weight}")
    lexemes = [f"'{lexeme}':{','.join(where)}" for lexeme, where in positions.items()]
    lexemes += [f"'{token}'" for token in tokens]
    return " ".join(lexemes)


def pg_rows(documents: Iterable, facets: Iterable = ()) -> list[tuple]:
    """(innovation, tsvector literal, published_at, [themes], [publics], [country], [sdgs],
    [stage]) per innovation."""
    facets = list(facets)
    tokens = _facet_tokens(facets)
    values: dict[int, dict[str, list[str]]] = {}
    for row in facets:
        values.setdefault(row.innovation_id, {}).setdefault(row.facet, []).append(row.value)
    published = dict(
        Innovation.objects.filter(pk__in=[doc.innovation_id for doc in documents]).values_list(
            "pk", "published_at"
        )
    )
    return [
        (
            pk,
            pg_vector(languages, tokens.get(pk, ())),
            published.get(pk),
            *(values.get(pk, {}).get(facet, []) for facet in FACETS),
        )
        for pk, languages in _index_terms(documents).items()
    ]


def write_documents(documents: list, facets: list) -> None:
    """Index SearchDocuments and FacetValue rows just saved, all those of each innovation at
    once (one FTS5 row or one tsvector per innovation)."""
    if not documents:
        return
    kind = backend()
    with connection.cursor() as cursor:
        if kind == "fts5":
            columns = ", ".join([*all_fts_columns(), "fv"])
            marks = ", ".join(["%s"] * (len(all_fts_columns()) + 3))
            cursor.executemany(
                f"INSERT OR REPLACE INTO {FTS_TABLE}(rowid, innovation, {columns}) "  # noqa: S608
                f"VALUES ({marks})",
                fts_rows(documents, facets),
            )
        elif kind == "postgresql":
            cursor.executemany(
                f"INSERT INTO {PG_TABLE} (innovation_id, vector, published_at, {PG_FACETS}) "  # noqa: S608
                "VALUES (%s, CAST(%s AS tsvector), %s, %s, %s, %s, %s, %s) "
                "ON CONFLICT (innovation_id) DO UPDATE SET "
                + ", ".join(
                    f"{column} = EXCLUDED.{column}"
                    for column in ("vector", "published_at", *PG_FACETS.split(", "))
                ),
                pg_rows(documents, facets),
            )


def delete_documents(innovation_ids: Iterable[int]) -> None:
    """Remove the index rows of these innovations."""
    ids = list(innovation_ids)
    table = {"fts5": f"{FTS_TABLE} WHERE rowid", "postgresql": f"{PG_TABLE} WHERE innovation_id"}
    if ids and backend() in table:
        with connection.cursor() as cursor:
            cursor.executemany(
                f"DELETE FROM {table[backend()]} = %s",  # noqa: S608
                [(pk,) for pk in ids],
            )


def clear() -> None:
    """Empty the index (the whole index is being rebuilt)."""
    table = {"fts5": FTS_TABLE, "postgresql": PG_TABLE}.get(backend())
    if table:
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {table}")  # noqa: S608


def optimise() -> None:
    """Merge the index's segments after a bulk load; refresh the planner's statistics."""
    with connection.cursor() as cursor:
        if backend() == "fts5":
            cursor.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('optimize')")  # noqa: S608
            cursor.execute("ANALYZE")
        elif backend() == "postgresql":
            for table in (PG_TABLE, "catalogue_facetvalue", "catalogue_innovation"):
                cursor.execute(f"ANALYZE {table}")


# --- Searching ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Query:
    """What a visitor asks: words, facet filters {facet: values}, a sort, a page."""

    text: str = ""
    filters: Mapping[str, frozenset[str]] = field(default_factory=dict)
    sort: str = SORT_RELEVANCE
    page: int = 1
    per_page: int = 20

    def __post_init__(self):
        # Whoever built the query, its page becomes an OFFSET: keep it within the pages any
        # list may have (see core/pagination.py), so the database never sees a huge number.
        object.__setattr__(self, "page", pagination.requested_page(self.page))

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


def _fts_expression(alternatives, filters: Mapping[str, list[str]]) -> str:
    """("agees" finds "âgées") {h_fr t_fr f_fr}: ("person" AND "age") OR {h_en ...}: (...) OR
    {every text column}: (the words as typed), AND {fv}: ((value OR value) AND (value))."""
    parts = []
    for language, terms in alternatives:
        columns = fts_columns(language) if language else all_fts_columns()
        expression = "(" + " AND ".join(f'"{term}"' for term in terms) + ")"
        parts.append("{" + " ".join(columns) + "}: " + expression)
    text = " OR ".join(parts)
    if not filters:
        return text
    facets = (
        "{fv}: ("
        + " AND ".join(
            "(" + " OR ".join(facet_token(facet, value) for value in values) + ")"
            for facet, values in filters.items()
        )
        + ")"
    )
    return f"({text}) AND {facets}" if text else facets


def _tsquery(alternatives, filters: Mapping[str, list[str]]) -> str:
    """The same expression as a tsquery on the language-prefixed terms of pg_vector."""
    languages = [code for code, _name in settings.LANGUAGES]
    parts = []
    for language, terms in alternatives:
        if language:
            parts.append(" & ".join(f"'{language}:{term}'" for term in terms))
        else:
            parts.append(
                " & ".join(
                    "(" + " | ".join(f"'{code}:{term}'" for code in languages) + ")"
                    for term in terms
                )
            )
    text = " | ".join(f"({part})" for part in parts)
    facets = " & ".join(
        "(" + " | ".join(f"'{facet_token(facet, value)}'" for value in values) + ")"
        for facet, values in filters.items()
    )
    if text and facets:
        return f"({text}) & {facets}"
    return text or facets


def _subset_sql(alternatives, tokens, filters, ranked: bool) -> tuple[str, list]:
    """SELECT id, score: the published innovations matching the words (any language's
    analysis) and every facet filter given, intersected inside the full-text index; the score
    (bm25, ts_rank) is computed only when `ranked`."""
    kind = backend()
    if kind == "postgresql":
        return _pg_subset_sql(alternatives, filters, ranked)
    if kind == "plain" or not (alternatives or filters):
        return _plain_subset_sql(tokens if alternatives else [], filters)
    score = "0.0"
    if ranked:
        weights = ", ".join(str(w) for _code in all_fts_columns()[::3] for w in BM25_WEIGHTS)
        score = f"-bm25({FTS_TABLE}, 0, {weights}, 0)"
    return (
        f"SELECT rowid AS id, {score} AS score FROM {FTS_TABLE} "  # noqa: S608
        f"WHERE {FTS_TABLE} MATCH %s",
        [_fts_expression(alternatives, filters)],
    )


def _pg_subset_sql(alternatives, filters, ranked: bool) -> tuple[str, list]:
    """On PostgreSQL the index holds every published innovation: it answers every query, with
    the date and facet values of each match for the page and the counts."""
    params = []
    score = "0.0"
    if ranked:
        score = f"ts_rank('{PG_RANK_WEIGHTS}', vector, CAST(%s AS tsquery))"
        params.append(_tsquery(alternatives, {}))
    where = ""
    if alternatives or filters:
        where = "WHERE vector @@ CAST(%s AS tsquery)"
        params.append(_tsquery(alternatives, filters))
    return (
        f"SELECT innovation_id AS id, {score} AS score, published_at, {PG_FACETS} "  # noqa: S608
        f"FROM {PG_TABLE} {where}",
        params,
    )


def _plain_subset_sql(tokens, filters) -> tuple[str, list]:
    """Without a full-text index (SQLite without FTS5) or without words and filters: every
    folded word as typed anywhere in a document (no stemming), the filters through the facet
    rows."""
    conditions, params = ["i.published_id IS NOT NULL"], []
    for term in dict.fromkeys(tokens):
        conditions.append(
            "i.id IN (SELECT innovation_id FROM catalogue_searchdocument WHERE body LIKE %s)"
        )
        params.append(f"%{term}%")
    for facet, values in filters.items():
        marks = ", ".join(["%s"] * len(values))
        conditions.append(
            "i.id IN (SELECT innovation_id FROM catalogue_facetvalue "  # noqa: S608
            f"WHERE facet = %s AND value IN ({marks}))"
        )
        params += [facet, *values]
    where = " AND ".join(conditions)
    return f"SELECT i.id AS id, 0.0 AS score FROM catalogue_innovation i WHERE {where}", params  # noqa: S608


def _match_sql(alternatives, tokens: list[str], filters=None) -> tuple[str, list]:
    """SELECT id: the innovations matching the words and the filters (no ranking)."""
    sql, params = _subset_sql(alternatives, tokens, filters or {}, ranked=False)
    return f"SELECT id FROM ({sql}) m", params  # noqa: S608


# Searches without words and with one facet filter at most (the catalogue's home, the pages per
# country, SDG, theme and public, their next pages) count every published innovation or a large
# share of them: they are kept in the cache until the index changes (the generation below).
GENERATION_KEY = "catalogue:search:generation"
CACHE_SECONDS = 3600


def _generation() -> int:
    return cache.get_or_set(GENERATION_KEY, 0, None)


def index_changed() -> None:
    """Forget the cached searches: now, for this process's next reads in the transaction, and
    once the transaction commits, for every other process."""

    def bump():
        try:
            cache.incr(GENERATION_KEY)
        except ValueError:
            cache.set(GENERATION_KEY, 1, None)

    bump()
    transaction.on_commit(bump)


def search(query: Query) -> Results:
    """The results of a query (see _search); those of the browsing pages come from the cache."""
    if words(query.text) or len(query.active_filters()) > 1:
        return _search(query)
    asked = (query.active_filters(), query.sort, query.page, query.per_page)
    key = f"catalogue:search:{_generation()}:{hash_key(asked)}"
    found = cache.get(key)
    if found is None:
        found = _search(query)
        cache.set(key, found, CACHE_SECONDS)
    return found


def hash_key(value) -> str:
    return hashlib.sha256(repr(value).encode()).hexdigest()[:32]


def _count_sql(name: str, facets: list[str]) -> list[str]:
    """SELECT facet, value, count over the matches of `name` (a CTE or a subquery).
    PostgreSQL unnests the facet arrays read with each match; SQLite loops over the matches
    (CROSS JOIN: it must not read every row of a facet and probe the matches) with the unique
    index (innovation, facet, value) of FacetValue."""
    if backend() == "postgresql":
        return [
            f"SELECT '{facet}', v, COUNT(*) FROM {name} s "  # noqa: S608
            f"CROSS JOIN LATERAL unnest(s.f_{facet}) v GROUP BY v"
            for facet in facets
        ]
    listed = ", ".join(f"'{facet}'" for facet in facets)
    return [
        f"SELECT fv.facet AS kind, fv.value AS value, COUNT(*) AS n FROM {name} s "  # noqa: S608
        "CROSS JOIN catalogue_facetvalue fv "
        f"WHERE fv.innovation_id = s.id AND fv.facet IN ({listed}) GROUP BY fv.facet, fv.value"
    ]


def _search(query: Query) -> Results:
    """The page of results, the total and the facet counts of a query, in one SQL statement.

    a: the innovations matching the words and every filter (the results: total, page, and the
    counts of the facets without a filter); b<n>, for each filtered facet: those matching the
    words and the OTHER facets' filters (the counts of that facet). Each is one intersection
    inside the full-text index, so no row is read that does not count."""
    alternatives = query_alternatives(query.text)
    tokens = words(query.text)[:MAX_TERMS]
    filters = query.active_filters()
    ranked = bool(alternatives) and query.sort == SORT_RELEVANCE
    postgres = backend() == "postgresql"
    params: list = []
    ctes = []
    sql, subset_params = _subset_sql(alternatives, tokens, filters, ranked)
    ctes.append(f"a AS MATERIALIZED ({sql})")
    params += subset_params
    base = dict.fromkeys(FACETS, "a")
    for position, facet in enumerate(filters):
        others = {other: values for other, values in filters.items() if other != facet}
        sql, subset_params = _subset_sql(alternatives, tokens, others, ranked=False)
        # Read once: PostgreSQL inlines it (no copy of wide rows); SQLite materialises it.
        ctes.append(f"b{position} AS {'' if postgres else 'MATERIALIZED '}({sql})")
        params += subset_params
        base[facet] = f"b{position}"
    offset = (max(query.page, 1) - 1) * query.per_page
    limit = f"LIMIT {int(query.per_page)} OFFSET {int(offset)}"
    order = "score DESC, " if ranked else ""
    order += "published_at DESC, id DESC"
    page = "SELECT a.id, a.score, i.published_at FROM a JOIN catalogue_innovation i ON i.id = a.id"
    if postgres:  # the index has the dates
        page = "SELECT id, score, published_at FROM a"
    # Only constants, facet names of FACETS and integers are written in; values are bound.
    # The facet counts: one pass over `a` for the facets without a filter, one over b<n> for
    # each filtered facet.
    unfiltered = [facet for facet in FACETS if base[facet] == "a"]
    counted = [("a", unfiltered)] if unfiltered else []
    counted += [(base[facet], [facet]) for facet in filters]
    parts = [part for name, facets in counted for part in _count_sql(name, facets)]
    # The page and the total come after the counts: SQLite 3.40 plans a join on a CTE that an
    # earlier arm of the UNION already read as a nested evaluation (90 ms instead of 7).
    parts += [
        # The window numbers the rows of the page only, after the LIMIT.
        f"SELECT 'page', CAST(pg.id AS VARCHAR(20)), "  # noqa: S608
        f"ROW_NUMBER() OVER (ORDER BY {order}) "
        f"FROM (SELECT * FROM ({page}) p ORDER BY {order} {limit}) pg",
        "SELECT 'total', '', COUNT(*) FROM a",
    ]
    sql = "WITH " + ", ".join(ctes) + " " + " UNION ALL ".join(parts)
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


def index_is_empty() -> bool:
    """Whether the full-text index has no row (new layout, restored database, SQLite file
    copied to PostgreSQL): catalogue.apps then rebuilds it after `migrate`."""
    table = {"fts5": FTS_TABLE, "postgresql": PG_TABLE, "plain": "catalogue_searchdocument"}
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT 1 FROM {table[backend()]} LIMIT 1")  # noqa: S608
        return cursor.fetchone() is None
