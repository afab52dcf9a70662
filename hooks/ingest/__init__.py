"""Import a 民主生活会 material (.txt, .md, .docx) as draft example YAML.

    python -m hooks.ingest INPUT [-o OUTPUT.yaml] [--show-originals]

Steps (one module each): read → clean (web debris, paywall markers, Markdown, punctuation) →
classify (document type, unit, meeting) → anonymise (hooks.privacy findings, consistent
placeholders) → structure (numbering tree) → sections / minutes (parts, aspect groups, opinions)
→ aspects (heading → official aspect) → records → emit (YAML + the sources.yaml entry).
"""
