"""`archive-cms`: the editing forms at /admin/."""
