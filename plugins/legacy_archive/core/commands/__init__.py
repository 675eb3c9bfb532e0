"""Subcommands of the `archive` command line, one module each, registered in `cli.py`."""
