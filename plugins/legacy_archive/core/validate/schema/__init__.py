"""JSON Schema for records, one room: `load` reads the files, `resolve` follows `$ref` and
`allOf`, `keywords` defines the project's `x-` keywords, `fields` is the field view every
other stage reads, `messages` puts errors in an editor's words and `check` runs it all."""
