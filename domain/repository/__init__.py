"""Everything that talks to MongoDB. No driver call lives outside this package, so that a
move from motor to PyMongo's AsyncMongoClient is one local change."""

from .store import Store, open_store

__all__ = ["Store", "open_store"]
