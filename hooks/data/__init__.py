"""The data: the layout of data/ (every file read or reported), YAML loading with line marks, schemas, cross-references, page and file names, errors, the model and the library."""
