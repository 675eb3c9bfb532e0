"""What every stage shares: the one message format, YAML that remembers lines, the
web-link scheme rule and how dates read."""
