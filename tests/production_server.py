"""The app as production runs it, but on the embedded store with the sample data, for the
browser test of production mode (`ctecr serve` rightly refuses the embedded store in
production). Settings come from the environment; the store is handed in."""

from __future__ import annotations

import sys

import uvicorn

from domain.repository import open_store
from server.app import create_app, sample_data_dir
from server.settings import Settings
from tests.hardening import UNUSED_URI

if __name__ == "__main__":
    settings = Settings(mongodb_uri=UNUSED_URI)
    store = open_store(None, settings.database)
    app = create_app(settings, store=store, data_dir=sample_data_dir())
    uvicorn.run(app, host="127.0.0.1", port=int(sys.argv[1]), log_level="warning")
