"""Floor 2, the site: what every later stage needs to know about the site as a whole.
Its config read once (config.py), addresses under directory URLs (urls.py), the page
table and the site's own pages (pages.py), the anchors the site makes for itself
(anchors.py), the link manifest's format (manifest.py), the escaping filters every
output goes through (escaping.py), the preview pictures' size (previews.py) and the
deploy check (deploy.py)."""
