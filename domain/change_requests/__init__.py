"""INSERT_CREDITS change requests: submission, review through the transition table,
exactly-once approval, queries, and what a reviewer is shown (assessment)."""
