"""A page of a keyset-paginated list."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

MAX_PAGE = 100
T = TypeVar("T")


@dataclass(frozen=True)
class Page(Generic[T]):
    items: list[T]
    has_next_page: bool
    total_count: int


def page_size(first: int) -> int:
    """`first`, capped at MAX_PAGE."""
    return max(0, min(first, MAX_PAGE))
