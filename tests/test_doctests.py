"""The examples in the docstrings of the small shared modules run as written."""

import doctest

import pytest

from presslens import lexicon, unionfind


@pytest.mark.parametrize("module", [lexicon, unionfind])
def test_docstring_examples_hold(module):
    result = doctest.testmod(module)
    assert result.attempted > 0 and result.failed == 0
