"""The innovation catalogue.

An Innovation is the lasting identity of a record (its address, owner, replications). Its
content lives in InnovationVersion rows: the version online (`Innovation.published`) stays
online while a newer version goes through moderation (see workflow.py). Text fields are
TranslatedText ({language: text}); `original_language` says which one the author wrote.

Search and facets read denormalised rows written when a version is published
(SearchDocument per language, FacetValue per facet value): see search.py and indexing.py.

One module per part (record: the innovation and its versions; moderation, replication,
follows, reports; search_index), all importable from here."""

from .follows import Follow
from .moderation import Review
from .record import (
    MAX_PUBLICS,
    MAX_SDGS,
    MAX_THEMES,
    RESERVED_SLUGS,
    CostRange,
    Criterion,
    Image,
    ImpactFigure,
    Innovation,
    InnovationVersion,
    Resource,
    SocietyPolicy,
    Stage,
    TargetPublic,
    default_licence,
)
from .replication import Replication
from .reports import AbuseReport
from .search_index import (
    FacetListField,
    FacetValue,
    SearchDocument,
    SearchVector,
    VectorField,
)

__all__ = [
    "MAX_PUBLICS",
    "MAX_SDGS",
    "MAX_THEMES",
    "RESERVED_SLUGS",
    "AbuseReport",
    "CostRange",
    "Criterion",
    "FacetListField",
    "FacetValue",
    "Follow",
    "Image",
    "ImpactFigure",
    "Innovation",
    "InnovationVersion",
    "Replication",
    "Resource",
    "Review",
    "SearchDocument",
    "SearchVector",
    "SocietyPolicy",
    "Stage",
    "TargetPublic",
    "VectorField",
    "default_licence",
]
