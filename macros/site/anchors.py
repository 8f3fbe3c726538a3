"""The anchors the site makes for itself, never taken from data: a record's id may not
start with one of these prefixes (validate/rules.py), and the link manifest leaves
anchors made from them to the records they belong to (cli/links_lock.py)."""

from __future__ import annotations

# A citation's backlink target: cite-<paragraph>-<n> (render/citations.py).
CITATION_PREFIX = "cite-"
# The "Link to this guide" page's own sections: links-<key> (links/sections.py).
LINK_PAGE_PREFIX = "links-"
LINK_PAGE_SECTION = LINK_PAGE_PREFIX + "{key}"
# A drawing's element ids: fig-<figure id>-<name> (figures/svg.py).
FIGURE_PREFIX = "fig-"

RESERVED_ID_PREFIXES = (CITATION_PREFIX, LINK_PAGE_PREFIX, FIGURE_PREFIX)
# Anchors a build derives from records (not kept in the manifest on their own).
DERIVED_PREFIXES = (CITATION_PREFIX, FIGURE_PREFIX)
