"""INSERT_CREDITS change requests: submission, review, exactly-once approval."""
