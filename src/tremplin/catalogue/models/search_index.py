"""The search index and facets of published innovations, written by indexing.py when a
version is published (see search.py)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from .record import Innovation

# --- Search and facets: written by indexing.py when a version is published ------------------


class SearchDocument(models.Model):
    """The searchable text of a published innovation in one language: its own text in that
    language plus the names of its facets in that language (so that "mayores" finds a French
    record tagged "older people"). Stemmed for that language (see search.py) into the
    full-text index: FTS5 on SQLite, SearchVector on PostgreSQL (one row per innovation)."""

    innovation = models.ForeignKey(
        Innovation,
        verbose_name=_("innovation"),
        on_delete=models.CASCADE,
        related_name="search_documents",
    )
    language = models.CharField(_("language"), max_length=8)
    body = models.TextField(_("searchable text"))

    class Meta:
        verbose_name = _("search document")
        verbose_name_plural = _("search documents")
        constraints = [
            models.UniqueConstraint(
                fields=["innovation", "language"], name="one_document_per_language"
            )
        ]

    def __str__(self) -> str:
        return f"{self.innovation_id}:{self.language}"


class VectorField(models.TextField):
    """A tsvector on PostgreSQL; plain text, unused, elsewhere (SQLite searches with FTS5)."""

    def db_type(self, connection):
        return "tsvector" if connection.vendor == "postgresql" else super().db_type(connection)


class FacetListField(models.TextField):
    """A text[] on PostgreSQL; plain text, unused, elsewhere."""

    def db_type(self, connection):
        return "text[]" if connection.vendor == "postgresql" else super().db_type(connection)


class SearchVector(models.Model):
    """The full-text index of a published innovation on PostgreSQL: one tsvector of its terms
    in every language, prefixed with the language ("fr:accompagn"), and of its facet values'
    tokens, written by search.write_documents (GIN index, migration 0005); its date of
    publication and facet values, which the results page and the facet counts read from the
    matching rows without a join. Empty on SQLite."""

    innovation = models.OneToOneField(
        Innovation,
        verbose_name=_("innovation"),
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="+",
    )
    vector = VectorField(_("search vector"))
    published_at = models.DateTimeField(_("published"), null=True)
    # The facet values of the innovation, one array per facet: the counts read them with
    # each match, without a join (PostgreSQL only).
    f_theme = FacetListField(_("themes"))
    f_public = FacetListField(_("publics"))
    f_country = FacetListField(_("country"))
    f_sdg = FacetListField(_("SDGs"))
    f_stage = FacetListField(_("stage"))

    class Meta:
        db_table = "catalogue_search_vector"
        verbose_name = _("search vector")
        verbose_name_plural = _("search vectors")

    def __str__(self) -> str:
        return str(self.innovation_id)


class FacetValue(models.Model):
    """One facet value of a published innovation (kind "theme", "public", "country", "sdg",
    "stage"): facet counts are GROUP BY over these rows."""

    innovation = models.ForeignKey(
        Innovation, verbose_name=_("innovation"), on_delete=models.CASCADE, related_name="facets"
    )
    facet = models.CharField(_("facet"), max_length=10)
    value = models.CharField(_("value"), max_length=50)

    class Meta:
        verbose_name = _("facet value")
        verbose_name_plural = _("facet values")
        constraints = [
            models.UniqueConstraint(fields=["innovation", "facet", "value"], name="one_facet_value")
        ]
        indexes = [models.Index(fields=["facet", "value", "innovation"], name="facet_lookup")]

    def __str__(self) -> str:
        return f"{self.facet}={self.value}"
