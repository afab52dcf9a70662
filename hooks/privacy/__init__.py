"""The personal-data checker: its rules and word lists, the scanner, and the check of data/."""
