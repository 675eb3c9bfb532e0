"""Stage 4, emit: engine-neutral page sources (record pages, listings, taxonomy, notices,
JSON-LD) and the HTML clean-up after the engine renders them."""
