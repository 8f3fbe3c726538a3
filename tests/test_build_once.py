"""Per-build work that the benchmarks showed to matter stays cheap and correct."""

from __future__ import annotations

import sys

import pytest

import macros
from macros import loading
from support import DATA, ROOT


def test_core_is_reloaded_only_when_one_of_its_files_changed(monkeypatch):
    reloaded = []
    monkeypatch.setattr(macros.importlib, "reload", lambda module: reloaded.append(module.__name__))
    macros._reload_core()
    assert reloaded == [], "unchanged core files were reloaded"
    monkeypatch.setattr(macros, "_loaded_stamp", ())  # as after an edit under serve
    macros._reload_core()
    # Every loaded module of the package, found without a hand-kept list, each after the
    # modules it imports (a reload must see its dependencies' new code).
    loaded = {name for name in sys.modules if name.startswith("macros.")}
    assert set(reloaded) == loaded and {"macros.components", "macros.rendering", "macros.model"} <= loaded
    for module, dependency in [("macros.rendering", "macros.components"), ("macros.components", "macros.model"),
                               ("macros.checks", "macros.components"), ("macros.model", "macros.loading"),
                               ("macros.validation", "macros.checks"), ("macros.link_index", "macros.components")]:
        if {module, dependency} <= loaded:
            assert reloaded.index(dependency) < reloaded.index(module), f"{module} reloaded before {dependency}"
    # A new module is picked up: every file of the package counts.
    assert len(macros._source_stamp()) == len(list((ROOT / "macros").glob("*.py")))


def test_fast_yaml_loader_gives_the_same_data_and_positions(monkeypatch):
    assert loading._FAST_LOADER is not None, "PyYAML was installed without libyaml"
    for path in sorted(DATA.glob("*.yml")):
        text = path.read_text(encoding="utf-8")
        fast = loading.parse_yaml(text, path.name)
        with monkeypatch.context() as m:
            m.setattr(loading, "_FAST_LOADER", None)
            pure = loading.parse_yaml(text, path.name)
        assert fast.data == pure.data, path.name
        assert fast.value_positions == pure.value_positions, path.name
        assert fast.key_positions == pure.key_positions, path.name


def test_yaml_errors_keep_the_pure_loaders_messages(monkeypatch):
    text = "title: x\nsteps:\n  - id: a\n    title: [unclosed\n"
    with pytest.raises(loading.DataError) as fast:
        loading.parse_yaml(text, "t.yml")
    with monkeypatch.context() as m, pytest.raises(loading.DataError) as pure:
        m.setattr(loading, "_FAST_LOADER", None)
        loading.parse_yaml(text, "t.yml")
    assert fast.value.report() == pure.value.report()
    assert "YAML syntax error" in fast.value.report()


def test_templates_come_from_the_bytecode_cache_with_the_same_output(guide, tmp_path, monkeypatch):
    from jinja2 import Environment, FileSystemBytecodeCache

    from macros.rendering import GuideRenderer

    from macros.components import COMPONENTS

    def render_all(renderer):
        return [renderer.render(component.name, page="checklists/index.md") for component in COMPONENTS]

    plain = render_all(GuideRenderer(guide))
    cache = FileSystemBytecodeCache(str(tmp_path))
    assert render_all(GuideRenderer(guide, bytecode_cache=cache)) == plain
    assert list(tmp_path.iterdir()), "nothing was written to the bytecode cache"
    compiled = []
    original = Environment.compile
    monkeypatch.setattr(Environment, "compile", lambda self, *a, **k: compiled.append(a) or original(self, *a, **k))
    assert render_all(GuideRenderer(guide, bytecode_cache=cache)) == plain
    assert compiled == [], "a cached template was compiled again"


def test_checklists_share_one_record_index_per_renderer(guide, monkeypatch):
    from macros import rendering

    from macros import components, model

    walks = []
    real = model.walk
    renderer = rendering.GuideRenderer(guide)
    # Count walks over whole data files (the index walks each file once).
    monkeypatch.setattr(model, "walk", lambda record, *a: (walks.append(1) if not a else None) or real(record, *a))
    for checklist in guide.checklists.checklists:
        kind = components.CHECKLIST_KINDS[checklist.kind]
        renderer.render(kind.macro, checklist.id, page_url="https://example.test/c/")
        renderer.print_fit(checklist.id)
    files = len(type(guide).model_fields)
    assert len(guide.checklists.checklists) > 1 and len(walks) <= files, (
        f"{len(walks)} walks of whole files for {len(guide.checklists.checklists)} checklists")
