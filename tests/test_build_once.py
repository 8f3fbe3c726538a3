"""Per-build work that the benchmarks showed to matter stays cheap and correct."""

from __future__ import annotations

import sys

import pytest

import macros
from macros.data import loading, problems
from support import DATA, ROOT


def test_an_edit_to_any_module_of_the_package_imports_it_afresh(monkeypatch):
    from macros import engine

    first = engine.fresh_adapter()
    assert engine.fresh_adapter() is first, "unchanged sources were imported again"
    loaded = {name for name in sys.modules if name.startswith("macros.")}
    # Subpackages count: a module two levels down is loaded and stamped like any other.
    assert {"macros.render.registry", "macros.data.model", "macros.validate.rules"} <= loaded
    stamped = {path for path, _mtime in engine.source_stamp()}
    assert stamped == {p.relative_to(ROOT / "macros").as_posix() for p in (ROOT / "macros").rglob("*.py")}
    assert "render/registry.py" in stamped
    monkeypatch.setattr(engine, "_loaded_stamp", ())  # as after an edit under serve
    ours = {name: module for name, module in sys.modules.items() if name.startswith("macros.")}
    try:
        fresh = engine.fresh_adapter()
        assert fresh is not first, "the adapter was not imported afresh"
        assert sys.modules["macros.data.model"] is not ours["macros.data.model"], \
            "a module below the adapter kept its old code"
        assert sys.modules["macros.engine"] is engine, "the entry points were dropped"
    finally:
        # The other tests of this process hold the first modules' classes.
        for name in [name for name in sys.modules if name.startswith("macros.")]:
            del sys.modules[name]
        sys.modules.update(ours)


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
    with pytest.raises(problems.DataError) as fast:
        loading.parse_yaml(text, "t.yml")
    with monkeypatch.context() as m, pytest.raises(problems.DataError) as pure:
        m.setattr(loading, "_FAST_LOADER", None)
        loading.parse_yaml(text, "t.yml")
    assert fast.value.report() == pure.value.report()
    assert "YAML syntax error" in fast.value.report()


def test_templates_come_from_the_bytecode_cache_with_the_same_output(guide, tmp_path, monkeypatch):
    from jinja2 import Environment, FileSystemBytecodeCache

    from macros.render.renderer import GuideRenderer

    from macros.render.registry import COMPONENTS

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
    from macros.render import renderer as rendering

    from macros.checklists.kinds import CHECKLIST_KINDS
    from macros.data import model

    walks = []
    real = model.walk
    renderer = rendering.GuideRenderer(guide)
    # Count walks over whole data files (the index walks each file once).
    monkeypatch.setattr(model, "walk", lambda record, *a: (walks.append(1) if not a else None) or real(record, *a))
    for checklist in guide.checklists.checklists:
        kind = CHECKLIST_KINDS[checklist.kind]
        renderer.render(kind.macro, checklist.id, page_url="https://example.test/c/")
        renderer.print_fit(checklist.id)
    files = len(type(guide).model_fields)
    assert len(guide.checklists.checklists) > 1 and len(walks) <= files, (
        f"{len(walks)} walks of whole files for {len(guide.checklists.checklists)} checklists")
