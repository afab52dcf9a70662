"""Text rules shared by the importer, the personal-data checker and the draft checker (自查):
numbering markers, item headings, part headings, Markdown marks, punctuation, aspect matching,
traditional characters, reading .txt/.docx files; patterns and export give them to the browser."""
