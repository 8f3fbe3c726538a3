"""Floor 7, validation: `load_guide` (load.py), the one path both `make check-data` and
the build take. Each file is validated against its model (pydantic errors turned into
`file:line:column field: message` by messages.py), then the rules registered in
registry.py run in their phases: across files (rules.py) and on the whole guide
(print_fit.py, manifest.py)."""
