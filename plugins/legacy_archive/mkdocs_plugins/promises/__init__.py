"""The `archive-promises` plugin: an archive that says what it is and never breaks a URL."""
