"""Searching the library: one function, `search_materials`, for every page that searches.

Each whitespace-separated term must occur in the title, summary or text (a substring,
case-insensitive). On PostgreSQL the terms are first looked up in the full-text index over
`Material.search_bigrams` (see `materials.search_text`), which narrows 50k materials to a
few rows by index; the substring test then drops the rows whose bigrams all occur but not
side by side. Title matches rank first, then the newest.
"""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db import connections
from django.db.models import Case, IntegerField, Q, Value, When

from materials.search_text import tokens

MAX_TERMS = 5
MAX_TERM_LENGTH = 50


def bigram_vector():
    """The indexed expression; the query must use the very same one to use the index."""
    return SearchVector("search_bigrams", config="simple")


def bigram_index():
    return GinIndex(bigram_vector(), name="material_bigrams_gin")


def search_terms(q):
    return [term[:MAX_TERM_LENGTH] for term in (q or "").split()][:MAX_TERMS]


def _tsquery(terms):
    """A raw tsquery AND-ing every token of every term; None when no term has a token.

    Tokens hold only CJK letters, a-z and 0-9, so they need no quoting. A Latin word may be
    the start of a longer word in the text, so it matches as a prefix.
    """
    parts = []
    for term in terms:
        for token in tokens(term):
            parts.append(token if not token.isascii() else f"{token}:*")
    return " & ".join(dict.fromkeys(parts)) or None


def search_materials(queryset, q):
    """`queryset` narrowed to the materials matching `q`, title matches first."""
    terms = search_terms(q)
    if not terms:
        return queryset
    in_text = Q()
    in_title = Q()
    for term in terms:
        in_text &= Q(title__icontains=term) | Q(summary__icontains=term) | Q(body_text__icontains=term)
        in_title &= Q(title__icontains=term)
    if connections[queryset.db].vendor == "postgresql":
        tsquery = _tsquery(terms)
        if tsquery:
            queryset = queryset.annotate(bigrams=bigram_vector()).filter(
                bigrams=SearchQuery(tsquery, search_type="raw", config="simple")
            )
    return (
        queryset.filter(in_text)
        .annotate(title_match=Case(When(in_title, then=Value(1)), default=Value(0), output_field=IntegerField()))
        .order_by("-title_match", "-published_at", "-pk")
    )
