"""Stage 5, publish: staging and swap, the URL ledger, redirects, sitemap, open data and
the search index, and the check of who owns each address."""
