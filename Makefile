# Two commands a fresh machine needs (see README): `make serve` and `make test`.
# Everything else is set up on demand by the targets below.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
# The engine: ProperDocs, the maintained MkDocs 1.x (DEVELOPERS.md, "Engines"); it reads mkdocs.yml.
ENGINE := $(VENV)/bin/properdocs
# Zensical, in its own venv from its own pinned requirements (`make build-zensical`).
ZENSICAL_VENV := .venv-zensical
ADDR ?= 127.0.0.1:8000
# Silence the banners Material and mkdocs-redirects (via properdocs) print on every build.
export NO_MKDOCS_2_WARNING := 1
export DISABLE_MKDOCS_2_WARNING := true

.PHONY: serve build build-zensical test test-recipes check-data check-links schema update bench browser-deps setup clean links-lock

# A failed check has said everything in its report: end make quietly instead of letting it
# add "make: *** [Makefile:NN: check-data] Error 1" (GNU make has no switch for that line).
# make then exits with status 141 (SIGPIPE), which CI and shells see as a failure.
QUIET_FAIL = { kill -PIPE $$PPID; exit 1; }

## Set up (if needed) and serve the site on http://$(ADDR) with live reload.
## The address is in use (another `make serve`)? make serve ADDR=127.0.0.1:8001
serve: $(VENV)/.installed
	@$(PY) -c 'import socket, sys; host, _, port = "$(ADDR)".rpartition(":"); s = socket.socket(); \
	s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); \
	sys.exit(0 if not s.connect_ex((host or "127.0.0.1", int(port))) == 0 else \
	"$(ADDR) is already in use (is another make serve running?): stop it, or serve on another port: make serve ADDR=127.0.0.1:8001")' \
	|| $(QUIET_FAIL)
	$(ENGINE) serve --config-file mkdocs.yml --dev-addr $(ADDR)

## Build the static site into site/.
build: $(VENV)/.installed
	$(ENGINE) build --strict --config-file mkdocs.yml

## Build the same sources with Zensical into site-zensical/, then run our post-build pipeline on it
## (Zensical runs no on_post_build). Try another Zensical: make build-zensical ZENSICAL=zensical==0.1.0
build-zensical: $(ZENSICAL_VENV)/.installed
	$(if $(ZENSICAL),$(ZENSICAL_VENV)/bin/python -m pip install --quiet --disable-pip-version-check '$(ZENSICAL)' && rm -f $(ZENSICAL_VENV)/.installed)
	PYTHONPATH=$(CURDIR) $(ZENSICAL_VENV)/bin/zensical build --strict --clean --config-file mkdocs.zensical.yml
	PYTHONPATH=$(CURDIR) $(ZENSICAL_VENV)/bin/python -m macros postbuild site-zensical

## Set up (if needed) and run every test: data, rendering, build, links, print, browser (two workers:
## pytest-xdist, an idle worker takes tests queued for the busy one; the session fixtures build each
## engine once per worker). The 25 slowest tests are listed at the end.
test: $(VENV)/.installed node_modules/.installed browser-deps
	$(PY) -m pytest -n 2 --dist worksteal --durations=25

## Apply every CONTRIBUTING recipe to a copy of the repository, then run the tests that read
## data/ on it: an editor's valid pull request must pass (tests/editor_recipes.py).
test-recipes: $(VENV)/.installed node_modules/.installed browser-deps
	$(PY) tests/editor_recipes.py

## Validate data/ without building the site (fast enough for a pre-commit hook).
check-data: $(VENV)/.installed
	@$(PY) -m macros check-data data || $(QUIET_FAIL)

## Check the links into the guide in other material: make check-links FILES="notes.md club.html"
## (Markdown, HTML or text; INDEX=site/links.json checks against a built or downloaded index
## instead of data/). One line per broken or old link; fails when one is broken.
check-links: $(VENV)/.installed
	@test -n "$(FILES)" || { echo 'usage: make check-links FILES="notes.md page.html" [INDEX=links.json]' >&2; exit 2; }
	$(PY) -m macros check-links $(if $(INDEX),--index $(INDEX)) $(FILES)

## Add the site's new public addresses (pages, #anchors) to data/links.lock, the link
## manifest. Refuses to drop an address that stopped resolving: keep the old id as an
## alias or add a redirect instead (DROP=1 drops them, for content removed on purpose).
links-lock: $(VENV)/.installed
	$(PY) -m macros links-lock $(if $(DROP),--drop-missing)

## The bookkeeping after adding, renaming or removing an id: the link manifest and the schemas
## (links-lock, then schema). `make check-data` says when it is due. DROP=1 as for links-lock.
update: $(VENV)/.installed
	$(PY) -m macros links-lock $(if $(DROP),--drop-missing)
	$(PY) -m macros schema data

## Regenerate the JSON Schemas editors use (data/schema/) from macros/data/model.py and the ids in data/; commit them.
schema: $(VENV)/.installed
	$(PY) -m macros schema data

## Benchmarks: build speed, scale, page weight, Lighthouse. Writes bench/results.md.
bench: $(VENV)/.installed node_modules/.installed browser-deps
	$(PY) bench/run.py

setup: $(VENV)/.installed node_modules/.installed browser-deps

$(VENV)/.installed: requirements.txt
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(ZENSICAL_VENV)/.installed: requirements-zensical.txt
	test -x $(ZENSICAL_VENV)/bin/python || python3 -m venv $(ZENSICAL_VENV)
	$(ZENSICAL_VENV)/bin/python -m pip install --quiet --disable-pip-version-check -r requirements-zensical.txt
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts
	touch $@

## Debian's chromium (browser tests, print to PDF), poppler-utils (PDF to image) and a
## Java runtime (the Nu HTML Checker, vnu.jar).
browser-deps:
	@if ! command -v chromium >/dev/null || ! command -v pdftoppm >/dev/null || ! command -v java >/dev/null; then \
		if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
		$$SUDO apt-get update -q && $$SUDO apt-get install -y -q chromium poppler-utils default-jre-headless; \
	fi

clean:
	rm -rf site site-zensical .pytest_cache
