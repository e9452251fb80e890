"""Everything that talks to MongoDB, in the domain's terms: the domain passes scopes, filters
and typed changes; documents, operators and field names stay in here. No driver call lives
outside this package, so that a move from motor to PyMongo's AsyncMongoClient is one local
change."""

from .round_trips import RoundTrips
from .store import Store, open_store

__all__ = ["RoundTrips", "Store", "open_store"]
