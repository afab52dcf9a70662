"""The data: YAML loading with line marks, schemas, cross-references, errors, the model and the library."""
