"""Following the event log live: one poller per process fanning events out to subscribers."""
