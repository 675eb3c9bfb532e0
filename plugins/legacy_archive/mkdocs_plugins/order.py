"""When each archive plugin's handlers run, in one place, so the order reads as one list.

MkDocs runs the handlers of an event from the highest priority to the lowest; a plugin's
undecorated handlers, and the theme's plugins (Material's search, tags, offline), run at 0.
"""

from __future__ import annotations

FIRST = 100
"""Before any other plugin: the build clock starts, and a record page's HTML is taken as the
engine rendered it, before another plugin adds to it."""

AFTER_RECORD_FILES = -50
"""After the records plugin (at 0) has added the generated record pages to the files: the
form editor's files join a set that is already whole."""

LAST = -100
"""After every other plugin: the records plugin settles its settings, nav and pages when
nothing else will change them; the markup check sees the page as it will be written."""

AFTER_LAST = -110
"""After the LAST handlers: the promises plugin reads the settings the records plugin settled,
and the page's content security policy hashes its inline scripts as they will be served."""
