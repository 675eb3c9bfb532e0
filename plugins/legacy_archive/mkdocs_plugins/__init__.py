"""Thin MkDocs/ProperDocs adapters over `legacy_archive.core`."""
