"""A stand-in for the web app's bundle (server/static/app), so that the server's tests of it
do not depend on the committed build."""

from __future__ import annotations

import json
from pathlib import Path

from server.trusted_documents import document_hash

INDEX_PAGE = (
    '<!doctype html><html lang="en"><head><title>ctecr</title>'
    '<script type="module" src="/app/assets/index-4f2a9c1e.js"></script></head>'
    '<body><div id="root"></div></body></html>'
)
GRAPHIQL_PAGE = "<!doctype html><html><head><title>GraphiQL</title></head><body></body></html>"
SCRIPT = "assets/index-4f2a9c1e.js"
STYLE = "assets/index-9b8d7e6f.css"


def write_bundle(parent: Path, documents: tuple[str, ...] = ()) -> Path:
    """A bundle under `parent` whose manifest holds `documents`."""
    root = parent / "bundle"
    (root / "assets").mkdir(parents=True)
    (root / "index.html").write_text(INDEX_PAGE)
    (root / "graphiql.html").write_text(GRAPHIQL_PAGE)
    (root / SCRIPT).write_text("console.log('ctecr');\n")
    (root / STYLE).write_text("body { margin: 0 }\n")
    (root / "favicon.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"/>')
    write_manifest(root / "persisted-documents.json", documents)
    return root


def write_manifest(path: Path, documents: tuple[str, ...]) -> Path:
    path.write_text(json.dumps({f"sha256:{document_hash(d)}": d for d in documents}))
    return path
