"""Starting a new archive: presets for its collections and the files of a project that builds."""
