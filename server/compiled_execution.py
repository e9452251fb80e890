"""Which documents run compiled (schema.compiled): by default the trusted documents, those
the web app's build wrote into the manifest, in any layout (server.canonical_documents)."""

from __future__ import annotations

from graphql import DocumentNode

from schema.compiled.executor import CompiledDocuments, CompiledExecutor, compiled_executor

from .canonical_documents import canonical
from .settings import Settings
from .trusted_documents import Manifest


def executor_class(settings: Settings, manifest: Manifest) -> type[CompiledExecutor] | None:
    """The schema's executor for CTECR_COMPILED_EXECUTION; None: graphql-core's (also when
    there is nothing to compile)."""
    mode = settings.compiled_execution
    if mode == "off" or (mode == "trusted" and not manifest.texts):
        return None
    trusted = None if mode == "all" else _trusted_by(manifest)
    return compiled_executor(CompiledDocuments(trusted, settings.document_cache_size))


def _trusted_by(manifest: Manifest):
    def trusted(document: DocumentNode) -> bool:
        return canonical(document) in manifest.canonical_texts

    return trusted
