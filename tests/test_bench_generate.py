"""The scale benchmark's synthetic data is valid guide data with the promised item counts."""

from __future__ import annotations

import pytest

from bench.generate import SCALED, generate
from macros.validate.load import load_guide


@pytest.mark.parametrize("factor", [1, 3])
def test_generated_data_validates_with_scaled_counts(tmp_path, guide, factor):
    counts = generate(tmp_path / "data", factor)
    scaled = load_guide(tmp_path / "data")  # raises DataError on duplicate ids or dangling/unused citations
    for file_key, list_key in SCALED.items():
        real = len(getattr(getattr(guide, file_key), list_key))
        assert len(getattr(getattr(scaled, file_key), list_key)) == counts[list_key] == real * factor

