"""What every stage shares: the one message format, YAML that remembers lines, and the
web-link scheme rule."""
