"""Paged lists: one place for the page size and for the links of templates/_pagination.html."""

from django.core.paginator import Paginator

PAGE_SIZE = 20


def paginate(request, items, per_page=PAGE_SIZE):
    """The template context of a paged list: the requested `page` of `items`, and the
    `query_string` of the other parameters (the filters), which the page links keep."""
    query = request.GET.copy()
    query.pop("page", None)
    return {"page": Paginator(items, per_page).get_page(request.GET.get("page")), "query_string": query.urlencode()}
