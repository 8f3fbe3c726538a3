"""Floor 8, after the build: the pipeline (pipeline.py) that turns a folder of built HTML
into the finished site, whichever engine built it: the record-level search index
(search_index.py), links.json (links_json.py), the link-preview pictures
(preview_cards.py, fonts/), table cells labelled for phones (table_labels.py), our minified CSS and JS (minify.py), and the offline app last
(offline.py, webapp/), because it hashes the final bytes."""
