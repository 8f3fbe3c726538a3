"""MkDocs hook: add the guide's table-label Markdown extension (macros/table_labels.py).

mkdocs.yml cannot name it under `markdown_extensions`: the project folder is not yet on
the import path when MkDocs validates that list, so the instance is appended here.
"""

import os
import sys


def on_config(config):
    root = os.path.dirname(os.path.abspath(config.config_file_path))
    if root not in sys.path:
        sys.path.insert(0, root)
    from macros.render.table_labels import TableLabelsExtension

    config.markdown_extensions.append(TableLabelsExtension())
    return config
