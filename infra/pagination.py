"""A paginator that never counts more than its pages hold."""

from functools import cached_property

from django.core.paginator import Paginator


class BoundedPaginator(Paginator):
    """Pages over the first `max_pages` pages of a queryset only. Its count is exact up to
    there (a COUNT over a LIMIT, so at most max_pages * per_page rows are touched) and capped
    past it: `is_capped` tells the template to say "the newest ..." and take the real total
    from elsewhere (a summary)."""

    def __init__(self, object_list, per_page, *, max_pages: int, **kwargs):
        self.max_pages = max_pages
        super().__init__(object_list, per_page, **kwargs)

    @cached_property
    def limit(self) -> int:
        return self.max_pages * self.per_page

    @cached_property
    def _bounded_count(self) -> int:
        return self.object_list[: self.limit + 1].count()

    @cached_property
    def count(self) -> int:
        return min(self._bounded_count, self.limit)

    @cached_property
    def is_capped(self) -> bool:
        return self._bounded_count > self.limit

    @cached_property
    def num_pages(self) -> int:
        return min(super().num_pages, self.max_pages)
