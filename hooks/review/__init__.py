"""自查: check a draft against the year's official aspects, parts and the library, in the browser
(docs/review.md, assets/review.js) and here (`python -m hooks.review DRAFT`), with one set of rules:
rules (data/review_rules.yaml), export (what the build publishes as api/review.js), engine (the
report), copycheck (passages repeating a record or an earlier draft)."""
