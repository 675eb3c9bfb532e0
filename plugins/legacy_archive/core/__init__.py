"""The engine-free core: load, validate, model and emit an archive.

Nothing in this package may import MkDocs or ProperDocs (a test checks it).
"""
