"""Import originals (.docx, .txt) into notices: not a pipeline stage but a producer of notice files.

sources (file → neutral lines with bold/italic runs) → extract (front matter fields, each with the
text it came from) → markdown (the body) → writer (notices/<year>/<slug>.md and the report). The
notices it writes then go through the ordinary load → validate pipeline like hand-written ones.
"""
