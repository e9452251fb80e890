"""The web app's first page: the JavaScript that index.html loads (its module script and the
chunks it preloads), raw and gzipped (level 9), against the 250 KB gzipped budget of
issue 11; GraphiQL's page for comparison. Reads the committed bundle, so no Node.js needed."""

from __future__ import annotations

import gzip
import re

from server.web import BUNDLE as APP_DIR

BUDGET_KB = 250
SCRIPTS = re.compile(r'(?:src|href)="/app/([^"]+\.js)"')


def page_scripts(page: str) -> list[str]:
    return SCRIPTS.findall((APP_DIR / page).read_text(encoding="utf-8"))


def sizes(page: str) -> tuple[int, int]:
    raw = gz = 0
    for path in page_scripts(page):
        data = (APP_DIR / path).read_bytes()
        raw += len(data)
        gz += len(gzip.compress(data, 9, mtime=0))
    return raw, gz


def main() -> None:
    print("web app bundle: JavaScript loaded by each page (server/static/app/)")
    for page in ("index.html", "graphiql.html"):
        raw, gz = sizes(page)
        files = len(page_scripts(page))
        print(f"  {page:14} {files} files, {raw / 1000:7.1f} KB raw, {gz / 1000:6.1f} KB gzipped")
    _, first = sizes("index.html")
    verdict = "under" if first / 1000 < BUDGET_KB else "OVER"
    print(f"  first page: {first / 1000:.1f} KB gzipped, {verdict} the {BUDGET_KB} KB budget")
