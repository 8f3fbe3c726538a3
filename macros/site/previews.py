"""The link-preview pictures' size and place in the built site: what the pages' head tags
and the link page say of them (postbuild/preview_cards.py draws them)."""

from __future__ import annotations

# The size chat apps and social sites show for `og:image` with summary_large_image.
WIDTH, HEIGHT = 1200, 630
FOLDER = "assets/images/previews"
