"""Full-text search behind one interface: FTS5 on SQLite, text search on PostgreSQL.

Text is folded before it is stored or searched (lower case, accents removed: "agees" finds
"âgées"), so that both databases behave alike."""

from __future__ import annotations

import re
from itertools import islice

from django.db import connection, transaction
from django.db.models.expressions import RawSQL

from .models import SearchEntry
from .text import fold

FTS_TABLE = "core_search_fts"
WORD = re.compile(r"\w+", re.UNICODE)


def terms(query: str) -> list[str]:
    return WORD.findall(fold(query))[:20]


def _fts5_available() -> bool:
    return connection.vendor == "sqlite" and _table_exists(FTS_TABLE)


_FTS_STATE: dict[str, bool] = {}


def _table_exists(name: str) -> bool:
    key = f"{connection.alias}:{connection.settings_dict['NAME']}"
    if key not in _FTS_STATE:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM sqlite_master WHERE name = %s", [name])
            _FTS_STATE[key] = cursor.fetchone() is not None
    return _FTS_STATE[key]


def index(doc_type: str, doc_id: int, text: str, language: str = "") -> None:
    """Add or replace the searchable text of a document."""
    body = fold(text)
    with transaction.atomic():
        entry, _created = SearchEntry.objects.update_or_create(
            doc_type=doc_type, doc_id=doc_id, language=language, defaults={"body": body}
        )
        if _fts5_available():
            with connection.cursor() as cursor:
                cursor.execute(f"DELETE FROM {FTS_TABLE} WHERE rowid = %s", [entry.pk])  # noqa: S608
                cursor.execute(
                    f"INSERT INTO {FTS_TABLE}(rowid, body) VALUES (%s, %s)",  # noqa: S608
                    [entry.pk, body],
                )


def remove(doc_type: str, doc_id: int) -> None:
    ids = list(
        SearchEntry.objects.filter(doc_type=doc_type, doc_id=doc_id).values_list("pk", flat=True)
    )
    if ids and _fts5_available():
        with connection.cursor() as cursor:
            cursor.executemany(f"DELETE FROM {FTS_TABLE} WHERE rowid = %s", [[i] for i in ids])  # noqa: S608
    SearchEntry.objects.filter(pk__in=ids).delete()


def matching_ids(doc_type: str, query: str):
    """A subquery of the ids of the documents of `doc_type` containing every term of `query`
    (terms match word prefixes)."""
    words = terms(query)
    entries = SearchEntry.objects.filter(doc_type=doc_type)
    if not words:
        return entries.none().values("doc_id")
    if connection.vendor == "postgresql":
        tsquery = " & ".join(f"{w}:*" for w in words)
        entries = entries.filter(
            pk__in=RawSQL(
                "SELECT id FROM core_searchentry WHERE body_vector @@ to_tsquery('simple', %s)",
                [tsquery],
            )
        )
    elif _fts5_available():
        match = " AND ".join(f'"{w}"*' for w in words)
        entries = entries.filter(
            # The table name is a constant and the user's terms are a bound parameter.
            pk__in=RawSQL(f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s", [match])  # noqa: S608, S611
        )
    else:
        for word in words:
            entries = entries.filter(body__contains=word)
    return entries.values("doc_id")


def index_many(doc_type: str, documents, language: str = "", batch_size: int = 2000) -> int:
    """Add or replace the searchable text of many documents at once ((doc_id, text) pairs):
    for generated data and re-indexing, where index() one by one would take minutes."""
    iterator = iter(documents)
    count = 0
    with transaction.atomic():
        while chunk := list(islice(iterator, batch_size)):
            ids = [doc_id for doc_id, _text in chunk]
            old = list(
                SearchEntry.objects.filter(
                    doc_type=doc_type, language=language, doc_id__in=ids
                ).values_list("pk", flat=True)
            )
            if old:
                if _fts5_available():
                    with connection.cursor() as cursor:
                        cursor.executemany(
                            f"DELETE FROM {FTS_TABLE} WHERE rowid = %s",  # noqa: S608
                            [[pk] for pk in old],
                        )
                SearchEntry.objects.filter(pk__in=old).delete()
            entries = SearchEntry.objects.bulk_create(
                [
                    SearchEntry(
                        doc_type=doc_type, doc_id=doc_id, language=language, body=fold(text)
                    )
                    for doc_id, text in chunk
                ]
            )
            if _fts5_available():
                with connection.cursor() as cursor:
                    cursor.executemany(
                        f"INSERT INTO {FTS_TABLE}(rowid, body) VALUES (%s, %s)",  # noqa: S608
                        [[entry.pk, entry.body] for entry in entries],
                    )
            count += len(entries)
    return count
