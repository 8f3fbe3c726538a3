"""Per-build work that the benchmarks showed to matter stays cheap and correct."""

from __future__ import annotations

import pytest

import macros
from macros import loading
from support import DATA


def test_core_is_reloaded_only_when_one_of_its_files_changed(monkeypatch):
    reloaded = []
    monkeypatch.setattr(macros.importlib, "reload", lambda module: reloaded.append(module.__name__))
    macros._reload_core()
    assert reloaded == [], "unchanged core files were reloaded"
    monkeypatch.setattr(macros, "_loaded_stamp", (0,) * len(macros._CORE))  # as after an edit under serve
    macros._reload_core()
    assert reloaded == [module.__name__ for module in macros._CORE]


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

    def render_all(renderer):
        return [getattr(renderer, name)("../") for name in macros.COMPONENTS]

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

    walks = []
    real = rendering.records_by_id
    monkeypatch.setattr(rendering, "records_by_id", lambda g: walks.append(1) or real(g))
    renderer = rendering.GuideRenderer(guide)
    kinds = {"ticks": renderer.tick_checklist, "fault-finder": renderer.fault_finder,
             "progression-tracker": renderer.progression_tracker, "session-card": renderer.session_card}
    for checklist in guide.checklists.checklists:
        kinds[checklist.kind](checklist.id, "", "https://example.test/c/")
    assert len(guide.checklists.checklists) > 1 and len(walks) == 1
