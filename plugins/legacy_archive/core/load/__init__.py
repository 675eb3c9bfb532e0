"""Stage 1, load: record files, their attachments and the vocabularies, read without
trusting them."""
