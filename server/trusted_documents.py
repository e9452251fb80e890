"""Trusted documents: GraphQL documents named by the hash of a document the web app's build
wrote into its manifest, and the rule that, where they are required, no other document runs
except an admin's.

A request names a document by `{"documentId": "sha256:<hex>"}` (the persisted-documents
convention) or by `extensions.persistedQuery.sha256Hash` (Apollo's automatic persisted
queries). Unknown hashes are never registered: a document the build did not write is, where
trusted documents are required, refused however it is sent. A full document that is one of
the manifest's, in any layout or order, is as trusted as its id.
"""

from __future__ import annotations

import hashlib
import json
import re
import time
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from graphql import DocumentNode, GraphQLError, parse
from strawberry.extensions import SchemaExtension
from strawberry.subscriptions.protocols.graphql_transport_ws.handlers import (
    BaseGraphQLTransportWSHandler,
)
from strawberry.types import ExecutionResult

from domain.models import Role, Viewer
from schema.error_codes import TopLevelCode

from .canonical_documents import canonical
from .logging import log_operation
from .prevalidation import refuse
from .settings import TrustedDocumentsMode as Mode

NOT_FOUND = TopLevelCode.PERSISTED_QUERY_NOT_FOUND
NOT_SUPPORTED = TopLevelCode.PERSISTED_QUERY_NOT_SUPPORTED
REQUIRED = TopLevelCode.TRUSTED_DOCUMENT_REQUIRED
BAD_REQUEST = TopLevelCode.BAD_REQUEST
HASH = re.compile(r"(?:sha256:)?([0-9a-f]{64})")


class ManifestError(RuntimeError):
    """The manifest of trusted documents is missing where it is needed, or malformed."""


def document_hash(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


class Manifest:
    """Document texts by the hex SHA-256 the build named them with."""

    def __init__(self, by_hash: Mapping[str, str] | None = None):
        self.by_hash = dict(by_hash or {})
        self.texts = frozenset(self.by_hash.values())
        self.canonical_texts = frozenset(canonical(parse(text)) for text in self.texts)

    def document(self, hex_hash: str) -> str | None:
        return self.by_hash.get(hex_hash)

    def trusts(self, text: str, document: DocumentNode | None) -> bool:
        """The same text as one of the manifest's, or the same document in another layout
        or order (clients print their documents differently from the build's manifest)."""
        if text in self.texts:
            return True
        return document is not None and canonical(document) in self.canonical_texts

    @classmethod
    def read(cls, path: Path) -> Manifest:
        """The manifest at `path`: a JSON object of "sha256:<hex>" (or "<hex>") -> text."""
        try:
            entries = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as problem:
            raise ManifestError(f"Cannot read the trusted documents at {path}: {problem}") from None
        if not isinstance(entries, dict):
            raise ManifestError(f"{path} must hold a JSON object of hash -> document.")
        by_hash = {}
        for key, text in entries.items():
            matched = HASH.fullmatch(key.lower())
            if matched is None or not isinstance(text, str):
                raise ManifestError(
                    f"{path}: entry {key!r} must map 'sha256:<64 hex digits>' to a document."
                )
            try:
                parse(text)
            except GraphQLError as problem:
                raise ManifestError(f"{path}: entry {key!r}: {problem.message}") from None
            by_hash[matched.group(1)] = text
        return cls(by_hash)


def load_manifest(mode: Mode, path: Path, configured: bool) -> Manifest:
    """The manifest the mode needs. Without the file, `allowed` serves full documents only,
    unless the path was set on purpose; `required` would refuse everyone but admins, so it
    refuses to start instead."""
    if mode == "off":
        return Manifest()
    if not path.exists() and not configured and mode == "allowed":
        return Manifest()
    if not path.exists():
        raise ManifestError(
            f"CTECR_TRUSTED_DOCUMENTS={mode} but there is no manifest at {path}: build the web "
            "app (make web) or set CTECR_TRUSTED_DOCUMENTS_MANIFEST."
        )
    return Manifest.read(path)


def _error(code: TopLevelCode, message: str) -> GraphQLError:
    return GraphQLError(message, extensions={"code": str(code)})


def _named_hash(document_id: Any, extensions: Any) -> str | None:
    """The hex hash a request names its document by, if it does."""
    persisted = extensions.get("persistedQuery") if isinstance(extensions, dict) else None
    if document_id is None and persisted is None:
        return None
    if document_id is None:
        named = persisted.get("sha256Hash") if isinstance(persisted, dict) else None
    else:
        named = document_id
    matched = HASH.fullmatch(named.lower()) if isinstance(named, str) else None
    if matched is None:
        raise _error(
            BAD_REQUEST,
            "A document id must be 'sha256:<64 hex digits>' (documentId) or 64 hex digits "
            "(extensions.persistedQuery.sha256Hash).",
        )
    return matched.group(1)


@dataclass(frozen=True)
class TrustedDocuments:
    mode: Mode
    manifest: Manifest

    def resolve(self, query: Any, document_id: Any, extensions: Any) -> Any:
        """The document text a request runs: its own, or the manifest's for the id it names.
        Raises a coded GraphQLError for an id that names nothing runnable."""
        named = _named_hash(document_id, extensions)
        if named is None:
            return query
        if self.mode == "off":
            raise _error(NOT_SUPPORTED, "This server does not serve documents by id.")
        # Apollo's second try sends the document with its hash; urql's persisted exchange
        # sends an empty one with the hash of a subscription.
        if isinstance(query, str) and query:
            if document_hash(query) != named:
                raise _error(BAD_REQUEST, "The document's SHA-256 hash is not the one named.")
            return query
        text = self.manifest.document(named)
        if text is None:
            raise _error(NOT_FOUND, "PersistedQueryNotFound: no trusted document has this id.")
        return text

    def allows(self, query: str, document: DocumentNode | None, viewer: Viewer | None) -> bool:
        """Where trusted documents are required, only they run, and admins' documents."""
        if self.mode != "required" or (viewer is not None and viewer.role is Role.ADMIN):
            return True
        return self.manifest.trusts(query, document)


def log_refusal(error: GraphQLError, context) -> None:
    """Log an operation refused before it could run, as server.logging logs the others."""
    code = str((error.extensions or {}).get("code"))
    log_operation(uuid.uuid4().hex, getattr(context, "viewer", None), [code], time.perf_counter())


class TrustedDocumentPolicy(SchemaExtension):
    """Refuses, over HTTP and the WebSocket alike, a document the mode does not allow. It runs
    after RequireViewer, so an anonymous caller is told to authenticate first."""

    def __init__(self, *, documents: TrustedDocuments):
        self.documents = documents

    def on_validate(self):
        query = self.execution_context.query
        document = self.execution_context.graphql_document
        viewer = getattr(self.execution_context.context, "viewer", None)
        if isinstance(query, str) and not self.documents.allows(query, document, viewer):
            refuse(
                self.execution_context,
                _error(
                    REQUIRED,
                    "This server runs only the web app's trusted documents: send "
                    '{"documentId": "sha256:<hex>"} for one of them.',
                ),
            )
        yield


class DocumentIdBodies:
    """Mixin for the HTTP view: runs the document a request names by id. Strawberry keeps only
    `query`, `variables`, `operationName` and `extensions` of a body, so a top-level
    `documentId` is carried in `extensions` to where it is resolved."""

    documents: TrustedDocuments

    def parse_json(self, data: str | bytes) -> Any:
        parsed = super().parse_json(data)
        if isinstance(parsed, dict) and "documentId" in parsed:
            extensions = parsed.get("extensions") or {}
            if isinstance(extensions, dict):  # else strawberry answers 400
                parsed["extensions"] = {**extensions, "documentId": parsed.pop("documentId")}
        return parsed

    def resolve_document(self, request_data) -> None:
        """Set `request_data.query` to the text of the document named by id, if one is; a
        GraphQLError when the id names nothing runnable."""
        extensions = request_data.extensions or {}
        request_data.query = self.documents.resolve(
            request_data.query, extensions.get("documentId"), extensions
        )

    async def execute_operation(self, *, request_data, context, **kwargs):
        if not isinstance(request_data, list):  # a batch is refused later
            try:
                self.resolve_document(request_data)
            except GraphQLError as error:
                log_refusal(error, context)
                return ExecutionResult(data=None, errors=[error])
        return await super().execute_operation(request_data=request_data, context=context, **kwargs)


class DocumentIdSubscriptions(BaseGraphQLTransportWSHandler):
    """graphql-transport-ws with subscriptions named by id as over HTTP: an id that names
    nothing runnable ends the operation with an `error` message carrying the code."""

    async def handle_subscribe(self, message) -> None:
        payload = message.get("payload")
        ready = self.connection_acknowledged and message.get("id") not in self.operations
        if ready and isinstance(payload, dict):
            try:
                query = self.view.documents.resolve(
                    payload.get("query"), payload.get("documentId"), payload.get("extensions")
                )
            except GraphQLError as error:
                log_refusal(error, self.context)
                await self.send_message(
                    {"id": message["id"], "type": "error", "payload": [error.formatted]}
                )
                return
            if query is not None:  # without one, strawberry refuses the message
                payload["query"] = query
        await super().handle_subscribe(message)
