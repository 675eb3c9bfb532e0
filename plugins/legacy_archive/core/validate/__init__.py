"""Stage 2, validate: schemas, bodies and field text, every problem with its line."""
