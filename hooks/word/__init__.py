"""The Word templates (.docx in GB/T 9704 format) of each outline and meeting."""
