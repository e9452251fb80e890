"""The business of inserting credits into CTE P/C records: the rules (pure functions), the
services that apply them, and the repository that stores them. Knows nothing of GraphQL or
HTTP; see docs/architecture.md for where each rule lives."""
