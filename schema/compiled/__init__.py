"""Compiled execution: for a known document, the selection is resolved against the schema once
(`plan`), and each request runs that plan (`executor`) instead of graphql-core's generic,
per-field collection and completion. The plan keeps graphql-core's semantics (the order in
which resolvers start and are awaited, error locations and paths, nulls propagating to the
nearest nullable parent); whatever it does not support runs through graphql-core."""
