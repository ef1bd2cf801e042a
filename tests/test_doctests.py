"""The examples in the docstrings of the small shared modules run as written."""

import doctest

import pytest

from presslens import lexicon, store_rows, unionfind
from presslens.entities import story_names


@pytest.mark.parametrize("module", [lexicon, unionfind, store_rows, story_names])
def test_docstring_examples_hold(module):
    result = doctest.testmod(module)
    assert result.attempted > 0 and result.failed == 0
