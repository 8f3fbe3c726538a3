"""The site's settings, one typed object (`SiteConfig`) read once: by the engine adapter
from the config the engine was given (engine/), or from mkdocs.yml without an engine
(`read_site_config`, for the command-line tools and the post-build pipeline run on its own).

The reader understands the tags a config may use: `!ENV NAME` and `!ENV [NAME, ..., default]`
(the first variable that is set, else the default, as MkDocs reads it); any other tag
reads as nothing, since none of the values read here uses one.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import yaml

# The process environment's names, spelt once.
# Set by hooks/engine_command.py: "serve" or "build" (serving keeps invalid data on screen).
COMMAND_VARIABLE = "GUIDE_ENGINE_COMMAND"
# Set for the build `make links-lock` reads new addresses from: that build must not stop
# because the manifest lacks them.
LINKS_LOCK_UPDATING_VARIABLE = "GUIDE_LINKS_LOCK_UPDATE"


@dataclass(frozen=True)
class SiteConfig:
    """What our stages read of the site's config."""

    site_url: str
    # Old docs page -> where it moved ("faq.md": "questions.md"), as in `redirect_maps`.
    redirects: dict[str, str] = field(default_factory=dict)
    site_name: str = ""
    site_description: str = ""
    # mkdocs.yml `extra.offline`: the offline app (postbuild/offline.py).
    offline_enabled: bool = True
    offline_short_name: str = ""
    # The palette's primary colour (the app's theme colour), when the config names one.
    primary_colour: str | None = None
    # The search plugin's languages (lunr's language files are precached for others than en).
    search_languages: frozenset[str] = frozenset({"en"})
    # The theme's custom_dir (overrides/): the stylesheets and scripts we ship.
    theme_dir: str | None = None


def serving() -> bool:
    """Whether the engine runs `serve` (told by hooks/engine_command.py)."""
    return os.environ.get(COMMAND_VARIABLE) == "serve"


def updating_links_lock() -> bool:
    """Whether this build is the one `make links-lock` reads new addresses from."""
    return os.environ.get(LINKS_LOCK_UPDATING_VARIABLE) == "1"


def primary_colour(palette: object) -> str | None:
    """The first `primary` of a theme palette (a list of palettes, or one)."""
    if isinstance(palette, list):
        return next((p.get("primary") for p in palette if p.get("primary")), None)
    return (palette or {}).get("primary")


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
    """The settings of the config file at `path` (mkdocs.yml)."""
    path = Path(path)
    config = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader) or {}
    plugins = config.get("plugins") or []
    offline = (config.get("extra") or {}).get("offline") or {}
    theme = config.get("theme") or {}
    search = plugin_options(plugins, "search")
    languages = search.get("lang") or ["en"]
    custom_dir = theme.get("custom_dir") if isinstance(theme, Mapping) else None
    return SiteConfig(
        site_url=str(config.get("site_url") or "/"), redirects=redirect_maps(plugins),
        site_name=str(config.get("site_name") or ""), site_description=str(config.get("site_description") or ""),
        offline_enabled=bool(offline.get("enabled", True)),
        offline_short_name=str(offline.get("short_name") or config.get("site_name") or ""),
        primary_colour=primary_colour(theme.get("palette") if isinstance(theme, Mapping) else None),
        search_languages=frozenset([languages] if isinstance(languages, str) else languages),
        theme_dir=str(path.parent / custom_dir) if custom_dir else None)


def plugin_options(plugins: list | dict, name: str) -> dict:
    """One plugin's options from a config's `plugins:` (a list of names or one-key
    mappings, or a mapping); empty when it is not there."""
    entries = plugins.items() if isinstance(plugins, dict) else (
        next(iter(p.items())) if isinstance(p, dict) else (p, {}) for p in plugins)
    for plugin, options in entries:
        if plugin == name:
            return dict(options or {})
    return {}


def redirect_maps(plugins: list | dict) -> dict[str, str]:
    """The redirects plugin's `redirect_maps` from a config's `plugins:`."""
    maps = plugin_options(plugins, "redirects").get("redirect_maps") or {}
    return {str(old): str(new) for old, new in maps.items()}
