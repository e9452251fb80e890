"""Request bodies strawberry would choke on: answered 400, never 500."""

from __future__ import annotations

from typing import Any

from cross_web import HTTPException  # what strawberry's views raise for a 4xx answer


class JsonObjectBodies:
    """Mixin for the GraphQL view. Strawberry reads any JSON value and then calls `.get` on
    it, so a body of `null`, `1` or `"x"` raised AttributeError (HTTP 500); bytes that are
    not UTF-8 and JSON nested past Python's recursion limit did too."""

    def parse_json(self, data: str | bytes) -> Any:
        try:
            parsed = self.decode_json(data)
        except (ValueError, RecursionError):  # JSONDecodeError and UnicodeDecodeError
            raise HTTPException(400, "Unable to parse request body as JSON") from None
        if not isinstance(parsed, (dict, list)):  # a list is a batch, refused later
            raise HTTPException(400, "The request body must be a JSON object.")
        return parsed
