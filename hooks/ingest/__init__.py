"""Import a 民主生活会 material, minutes or notice (.txt, .md, .docx) as draft YAML.

    python -m hooks.ingest INPUT [-o OUTPUT.yaml] [--meeting ID] [--show-originals]

The stages, each a function from one typed value to the next (pipeline.py shows them in order):
read → clean → structure (sections; minutes by turns) → classify (type, meeting or none) →
map aspects → records → anonymise (hooks.privacy's scan, one placeholder per entity) → emit.
"""
