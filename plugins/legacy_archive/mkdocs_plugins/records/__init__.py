"""The `archive` plugin: records in, validated, out as generated pages."""
