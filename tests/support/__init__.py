"""Helpers the tests share: building a project and reading what it wrote."""
