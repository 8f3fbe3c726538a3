"""The JSON Schemas editors get (data/schema/) are generated from the models, committed
current, named by each data file, and agree with the build on the real data."""

from __future__ import annotations

import json

import yaml
from jsonschema import Draft202012Validator

from macros.cli import schema as schema_module
from macros.data.model import FILE_MODELS
from support import DATA


def test_committed_schemas_match_the_models():
    stale = schema_module.stale_schemas(DATA)
    assert not stale, f"stale: {[p.name for p in stale]}; run `make schema` and commit data/schema/"


def test_stale_schema_is_detected(tmp_path):
    (tmp_path / "schema").mkdir()
    for key in FILE_MODELS:
        schema_module.schema_path(tmp_path, key).write_text(schema_module.schema_text(key))
    assert schema_module.stale_schemas(tmp_path) == []
    path = schema_module.schema_path(tmp_path, "faq")
    path.write_text(path.read_text().replace('"question"', '"questoin"'))
    assert schema_module.stale_schemas(tmp_path) == [path]
    assert schema_module.main(["--check", str(tmp_path)]) == 1
    assert schema_module.main([str(tmp_path)]) == 0
    assert schema_module.stale_schemas(tmp_path) == []


def test_every_data_file_names_its_schema_on_its_first_line():
    files = sorted(DATA.glob("*.yml"))
    assert {p.stem for p in files} == set(FILE_MODELS)
    for path in files:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first == f"# yaml-language-server: $schema=schema/{path.stem}.schema.json", path.name
        assert (DATA / "schema" / f"{path.stem}.schema.json").is_file()


def test_the_real_data_passes_its_schema():
    for key in FILE_MODELS:
        schema = json.loads(schema_module.schema_path(DATA, key).read_text(encoding="utf-8"))
        Draft202012Validator.check_schema(schema)
        data = yaml.safe_load((DATA / f"{key}.yml").read_text(encoding="utf-8"))
        errors = [e.message for e in Draft202012Validator(schema).iter_errors(data)]
        assert not errors, f"{key}.yml: {errors[:3]}"


def test_schema_tells_editors_what_the_build_enforces():
    faq = json.loads(schema_module.schema_path(DATA, "faq").read_text(encoding="utf-8"))
    validator = Draft202012Validator(faq)
    good = {"title": "FAQs", "faqs": [{"id": "q", "question": "Why?", "answer": ["Because.", {"text": "So.", "cites": ["neto-2019"]}]}]}
    assert not list(validator.iter_errors(good))
    for bad in (
        {**good, "titel": "typo"},                                                     # unknown key
        {"faqs": good["faqs"]},                                                         # required key
        {**good, "faqs": [{**good["faqs"][0], "id": "Not A Slug"}]},                    # id pattern
        {**good, "faqs": [{**good["faqs"][0], "answer": [["a list"]]}]},                # paragraph union
        {**good, "faqs": [{**good["faqs"][0], "question": "Why <script>x</script>"}]},  # markup
        {**good, "faqs": [{**good["faqs"][0], "question": "x onerror=alert(1)"}]},      # event handler
    ):
        assert list(validator.iter_errors(bad)), bad


def _definitions(schema: dict):
    yield "the file", schema
    yield from schema.get("$defs", {}).items()


def test_every_field_has_a_description_an_editor_sees_on_hover():
    missing = [f"{key}.schema.json {name}.{field}"
               for key in FILE_MODELS
               for name, definition in _definitions(json.loads(schema_module.schema_path(DATA, key).read_text()))
               for field, node in definition.get("properties", {}).items() if not node.get("description")]
    assert not missing, "fields without a description (macros/field_help.py):\n" + "\n".join(missing)


def test_ids_from_other_files_are_offered_as_enums(guide):
    defs = {key: json.loads(schema_module.schema_path(DATA, key).read_text())["$defs"] for key in FILE_MODELS}
    references = sorted(r.id for r in guide.references.references)
    assert defs["technique"]["CitedParagraph"]["properties"]["cites"]["items"]["enum"] == references
    assert defs["programming"]["ProgressionStep"]["properties"]["variations"]["items"]["enum"] == \
        sorted(v.id for v in guide.variations.variations)
    assert defs["checklists"]["FaultFinder"]["properties"]["items"]["items"]["enum"] == \
        sorted(m.id for m in guide.mistakes.mistakes)
    ticks = defs["checklists"]["TickChecklist"]["properties"]["items"]["items"]["enum"]
    assert guide.technique.steps[0].cues[0].id in ticks and guide.mistakes.mistakes[0].id not in ticks
    assert defs["faq"]["Faq"]["properties"]["shows"]["anyOf"][0]["enum"] == [guide.programming.guidelines.id]


def test_a_wrong_citation_id_fails_the_schema_as_the_editor_sees_it():
    schema = json.loads(schema_module.schema_path(DATA, "muscles").read_text(encoding="utf-8"))
    text = (DATA / "muscles.yml").read_text(encoding="utf-8")
    assert "cites: [contreras-2015]" in text
    good, bad = (yaml.safe_load(text.replace("cites: [contreras-2015]", f"cites: [{ref}]"))
                 for ref in ("contreras-2015", "contreras-2016"))
    validator = Draft202012Validator(schema)
    assert not list(validator.iter_errors(good))
    errors = list(validator.iter_errors(bad))
    assert errors and any("contreras-2016" in e.message for e in errors), [e.message for e in errors]
