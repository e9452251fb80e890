"""GraphQL multipart requests (uploads): malformed ones are the client's error, not ours."""

from __future__ import annotations

from cross_web import HTTPException

from .auth import Unauthenticated

BAD_MAP = (
    "The multipart request's 'map' does not fit its 'operations': map each file part to a "
    'list of paths such as "variables.input.evidence.0" that exist in the operations.'
)


class SafeMultipart:
    """Mixin for strawberry's HTTP view. Strawberry follows the `map` of a multipart request
    into `operations` unchecked, so a path to a missing list item or a map that is not an
    object would end as a server error; this answers 400 instead."""

    async def parse_multipart(self, request):
        """The token is checked first: an anonymous upload is never read or spooled."""
        try:
            self._viewer(request.headers.get("authorization"))
        except Unauthenticated as refusal:
            raise HTTPException(401, str(refusal)) from None
        try:
            return await super().parse_multipart(request)
        except (AttributeError, IndexError, TypeError, ValueError) as error:
            raise HTTPException(400, BAD_MAP) from error
