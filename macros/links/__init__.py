"""Floor 5, links that never break: the "Link to this guide" page's sections (sections.py),
the published link index links.json (index.py), the checker for links held by other
material (check.py), and a built site read as addresses and anchors (built.py), which
`make links-lock` and the link tests use."""
