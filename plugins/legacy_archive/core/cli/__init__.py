"""The `archive` command: `check`, `new`, `ledger` and `links`."""
