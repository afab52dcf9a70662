"""Text rules shared by the importer, the personal-data checker and the draft checker: numbering markers, punctuation, aspect matching."""
