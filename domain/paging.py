"""A page of a keyset-paginated list."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

MAX_PAGE = 100


@dataclass(frozen=True)
class Page:
    items: list[Any]
    has_next_page: bool
    total_count: int


def page_size(first: int) -> int:
    """`first`, capped at MAX_PAGE."""
    return max(0, min(first, MAX_PAGE))
