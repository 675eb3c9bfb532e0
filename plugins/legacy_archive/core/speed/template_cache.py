"""Compiled Jinja templates kept for the life of the process.

Every build makes new Jinja environments (the theme's and the page emitter's), and each
compiles its templates again: about half a second a build. Under `mkdocs serve` that is
paid on every edit. Jinja checks each template's source checksum before using a stored
compilation, so an edited template is still compiled afresh.
"""

from __future__ import annotations

import jinja2


class MemoryBytecodeCache(jinja2.BytecodeCache):
    """Jinja's bytecode cache, held in memory."""

    def __init__(self) -> None:
        self.stored: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        data = self.stored.get(bucket.key)
        if data is not None:
            bucket.bytecode_from_string(data)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.stored[bucket.key] = bucket.bytecode_to_string()


COMPILED = MemoryBytecodeCache()
"""Shared by every environment of this process (keys include the template's name and
file, so environments cannot mix their templates up)."""
