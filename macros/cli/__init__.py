"""Floor 9, the command-line tools behind `python -m macros COMMAND` (macros/__main__.py):
check-data, check-links, links-lock, schema and postbuild, each a module with
`main(argv) -> int`."""
