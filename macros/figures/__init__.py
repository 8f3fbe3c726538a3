"""Floor 3, the drawings: each figure's pose computed from data/figures.yml (geometry.py),
drawn as inline SVG through templates/figure.svg.j2 (svg.py) and as a Pillow picture for
the link previews (raster.py), both from the same computed pose."""
