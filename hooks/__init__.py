"""Build the site from data/: mkdocs_hooks.py is the MkDocs adapter; one package per job below it."""
