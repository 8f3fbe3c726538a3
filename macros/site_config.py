"""What the link tools need from mkdocs.yml, read without MkDocs: `site_url` and the
redirects (mkdocs-redirects' `redirect_maps`).

The build hands these over from the config it was given (macros/__init__.py); this
reader is for the tools that run without a build (`python -m macros.check_links`). It
understands the tags a config may use for them: `!ENV NAME` and `!ENV [NAME, ..., default]`
(the first variable that is set, else the default, as MkDocs reads it); any other tag
reads as nothing, since neither value uses one.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import yaml


@dataclass(frozen=True)
class SiteConfig:
    site_url: str
    # Old docs page -> where it moved ("faq.md": "questions.md"), as in `redirect_maps`.
    redirects: dict[str, str] = field(default_factory=dict)


class _Loader(yaml.SafeLoader):
    pass


def _env(loader: yaml.SafeLoader, node: yaml.Node) -> object:
    if isinstance(node, yaml.ScalarNode):
        names, default = [loader.construct_scalar(node)], None
    else:
        values = loader.construct_sequence(node)
        names, default = values[:-1], values[-1] if len(values) > 1 else None
        if len(values) == 1:
            names = values
    for name in names:
        if name in os.environ:
            return yaml.safe_load(os.environ[name])
    return default


def _other_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> None:
    return None


_Loader.add_constructor("!ENV", _env)
_Loader.add_multi_constructor("!", _other_tag)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", _other_tag)


def read_site_config(path: Path | str) -> SiteConfig:
    """`site_url` and `redirect_maps` from the config file at `path`."""
    config = yaml.load(Path(path).read_text(encoding="utf-8"), Loader=_Loader) or {}
    return SiteConfig(str(config.get("site_url") or "/"), redirect_maps(config.get("plugins") or []))


def redirect_maps(plugins: list | dict) -> dict[str, str]:
    """The redirects plugin's `redirect_maps` from a config's `plugins:` (a list of names
    or one-key mappings, or a mapping)."""
    entries = plugins.items() if isinstance(plugins, dict) else (
        next(iter(p.items())) if isinstance(p, dict) else (p, {}) for p in plugins)
    for name, options in entries:
        if name == "redirects":
            return {str(old): str(new) for old, new in ((options or {}).get("redirect_maps") or {}).items()}
    return {}
