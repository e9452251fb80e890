"""`GET /attachments/{id}`: evidence downloads, with the visibility of the request the file
belongs to. A file the viewer may not see answers exactly as an unknown one (404)."""

from __future__ import annotations

import unicodedata
from urllib.parse import quote

from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response, StreamingResponse

from domain.change_requests.model import Attachment

from .auth import Unauthenticated, viewer_from_authorization

NOT_FOUND = "No attachment with this id exists, or you may not see it."


def content_disposition(filename: str) -> str:
    """`attachment` with the name as RFC 6266 asks: an ASCII `filename` for old clients and the
    exact name as RFC 5987 `filename*`. Stored names are already cleaned of quotes, slashes and
    control characters; the fallback also drops what is not printable ASCII."""
    ascii_name = unicodedata.normalize("NFKD", filename).encode("ascii", "ignore").decode()
    ascii_name = "".join(c if c.isprintable() and c not in '"\\' else "_" for c in ascii_name)
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename, safe='')}"


def download_headers(attachment: Attachment) -> dict[str, str]:
    return {
        "Content-Disposition": content_disposition(attachment.filename),
        "Content-Length": str(attachment.size),
        "X-Content-Type-Options": "nosniff",
        # Student records: neither shared caches nor the browser should keep a copy.
        "Cache-Control": "private, no-store",
        # Should a browser render it anyway, it runs nothing and loads nothing.
        "Content-Security-Policy": "default-src 'none'; sandbox",
    }


async def download_attachment(request: Request) -> Response:
    settings = request.app.state.settings
    try:
        viewer = viewer_from_authorization(
            request.headers.get("authorization"), settings.jwt_secret.get_secret_value()
        )
    except Unauthenticated as refusal:
        return PlainTextResponse(str(refusal), 401, headers={"WWW-Authenticate": "Bearer"})
    services = request.app.state.services
    download = await services.evidence.download(viewer, request.path_params["attachment_id"])
    if download is None:
        return PlainTextResponse(NOT_FOUND, 404)
    return StreamingResponse(
        download.chunks,
        media_type=download.attachment.content_type,
        headers=download_headers(download.attachment),
    )
