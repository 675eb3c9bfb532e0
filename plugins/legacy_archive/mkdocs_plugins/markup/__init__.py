"""`archive-markup` plugin: keeps the theme's HTML valid (see `legacy_archive.core.emit.markup`)."""
