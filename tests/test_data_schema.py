"""The JSON Schemas editors get (data/schema/) are generated from the models, committed
current, named by each data file, and agree with the build on the real data."""

from __future__ import annotations

import json

import yaml
from jsonschema import Draft202012Validator

from macros import schema as schema_module
from macros.model import FILE_MODELS
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
    assert schema_module.main(["schema", "--check", str(tmp_path)]) == 1
    assert schema_module.main(["schema", str(tmp_path)]) == 0
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
    good = {"title": "FAQs", "faqs": [{"id": "q", "question": "Why?", "answer": ["Because.", {"text": "So.", "cites": ["x"]}]}]}
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
