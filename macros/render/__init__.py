"""Floor 6, rendering: the registry of components (registry.py: start here), the renderer
and its one link builder `href` (renderer.py), the Jinja environments (environment.py),
the Markdown templates (templates/), and what components need: citation anchors
(citations.py), the At a glance box (glance.py) and schema.org descriptions
(structured_data.py)."""
