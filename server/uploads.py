"""GraphQL multipart requests (uploads): malformed ones are the client's error, not ours."""

from __future__ import annotations

import json
from typing import Any

from cross_web import HTTPException
from starlette.datastructures import UploadFile

from .auth import Unauthenticated

BAD_MAP = (
    "The multipart request's 'map' does not fit its 'operations': map each file part to a "
    'list of paths such as "variables.input.evidence.0" that exist in the operations.'
)


def _refuse(message: str) -> HTTPException:
    return HTTPException(400, message)


class SharedUpload:
    """One path's view of an uploaded file. The spec lets one file go to several variables;
    each gets its own read position, so that reading it for one does not leave it empty for
    the next."""

    def __init__(self, upload: UploadFile):
        self.upload = upload
        self.filename = upload.filename
        self.content_type = upload.content_type
        self.position = 0

    async def read(self, size: int = -1) -> bytes:
        await self.upload.seek(self.position)
        data = await self.upload.read(size)
        self.position += len(data)
        return data


def check_form(form) -> dict[str, list[str]]:
    """The parsed map, once the form's text parts, file parts and paths are checked."""
    for name in ("operations", "map"):
        values = form.getlist(name)
        if len(values) > 1:
            raise _refuse(f"The multipart request has more than one '{name}' part.")
        if values and not isinstance(values[0], str):
            raise _refuse(f"The '{name}' part must be a text field holding JSON, not a file.")
    try:
        files_map = json.loads(form.get("map") or "{}")
    except ValueError:
        raise _refuse("The 'map' part is not valid JSON.") from None
    if not isinstance(files_map, dict) or not all(
        isinstance(paths, list) and all(isinstance(p, str) for p in paths)
        for paths in files_map.values()
    ):
        raise _refuse(BAD_MAP)
    seen: set[str] = set()
    for key, paths in files_map.items():
        if len(form.getlist(key)) > 1:  # a text part is the resolver's to refuse, as not a file
            raise _refuse(f"The file part '{key}' is sent more than once; send it once.")
        for path in paths:
            if not path.startswith("variables."):
                raise _refuse(f"The map path '{path}' must point into the variables.")
            if path in seen:
                raise _refuse(f"Two file parts are mapped to '{path}'; send one per path.")
            seen.add(path)
    return files_map


def _set_path(operations: dict[str, Any], path: str, value: object) -> None:
    *parents, last = path.split(".")
    target: Any = operations
    for part in parents:
        target = target[int(part)] if isinstance(target, list) else target[part]
    if isinstance(target, list):
        target[int(last)] = value
    else:
        target[last] = value


class SafeMultipart:
    """Mixin for strawberry's HTTP view. Strawberry follows the `map` of a multipart request
    into `operations` unchecked: a path to a missing list item or a map that is not an object
    ended as a server error, an `operations` part sent as a file too, a path onto
    `operationName` put a Python object there, two file parts for one path dropped one, and
    one file mapped to two paths was empty the second time. Each is answered 400 here, or
    (the last) served."""

    async def parse_multipart(self, request):
        """The token is checked first: an anonymous upload is never read or spooled."""
        try:
            await self.authenticator.viewer(request.headers.get("authorization"))
        except Unauthenticated as refusal:
            raise HTTPException(401, str(refusal)) from None
        try:
            form = await request.get_form_data()
        except ValueError:
            raise _refuse("Unable to parse the multipart body") from None
        files_map = check_form(form.form)
        try:
            operations = await super().parse_multipart(request)
            for paths in files_map.values():
                for path in paths:
                    upload = _get_path(operations, path)
                    if isinstance(upload, UploadFile):
                        _set_path(operations, path, SharedUpload(upload))
        except (AttributeError, IndexError, KeyError, TypeError, ValueError) as error:
            raise HTTPException(400, BAD_MAP) from error
        return operations


def _get_path(operations: dict[str, Any], path: str) -> Any:
    target: Any = operations
    for part in path.split("."):
        target = target[int(part)] if isinstance(target, list) else target[part]
    return target
