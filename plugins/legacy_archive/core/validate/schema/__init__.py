"""JSON Schema for records: the resolver, the field view editors' tools read, and the
checks that turn schema errors into problems."""
