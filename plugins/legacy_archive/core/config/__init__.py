"""Settings: the project's layout and the programme's facts, read from `mkdocs.yml`."""
