"""`archive-search`: Pagefind search for the built site."""
