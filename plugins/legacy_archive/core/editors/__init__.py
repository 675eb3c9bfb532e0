"""Editors' tools outside the build: the CMS forms, scaffolds, pull-request reports and
the link-rot report."""
