"""Test and measuring tooling (Chromium, a local Pages-like server, a crawler): used by the
tests and the scripts, never shipped in the package."""
