"""Page numbers for the coordinator's long lists: Django's Paginator over a DB-ordered
queryset (one COUNT and one LIMIT/OFFSET query, whatever the list's size), and the links that
keep the page's search and filters."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet

PER_PAGE = 50


@dataclass(frozen=True)
class Listing:
    page: Page
    param: str  # the GET field holding this list's page number
    query: str  # every other GET field, urlencoded, for the page links
    page_range: list

    @property
    def total(self) -> int:
        return self.page.paginator.count

    @property
    def rows(self) -> list:
        return list(self.page.object_list)


def paginate(request, queryset: QuerySet, *, param: str = "page", per_page: int = PER_PAGE):
    """The requested page of `queryset`. A page number that is not a number gives the first
    page, one past the end the last page (`Paginator.get_page`)."""
    paginator = Paginator(queryset, per_page)
    page = paginator.get_page(request.GET.get(param))
    # An empty list skips the row query; run it anyway so that a page's query count is
    # the same whether a list is empty or not (tests compare counts at two sizes).
    page.object_list = list(page.object_list if paginator.count else queryset[:per_page])
    params = request.GET.copy()
    params.pop(param, None)
    return Listing(
        page=page,
        param=param,
        query=params.urlencode(),
        page_range=list(paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)),
    )
