"""Floor 1, the data: the error vocabulary every stage reports with (problems.py), the
safe YAML reader that keeps every value's line and column (loading.py), the typed model
of the guide (model.py), the help text of every field (field_help.py) and what records
are called away from their headings (titles.py). Imports nothing else of ours.

Everything in data/ arrives through pull requests, so it is read as hostile: only regular
files inside data/, at most 1 MB each, UTF-8, no YAML anchors, aliases, merge keys or
tags, no nesting deeper than 40 levels (DEVELOPERS.md, "Data is untrusted input")."""
