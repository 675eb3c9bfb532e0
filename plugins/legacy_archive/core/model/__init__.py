"""Stage 3, model: the Archive (every valid record, its URL) and what relates records."""
