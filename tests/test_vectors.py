"""one_hot and cosine_similarity."""

import itertools

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

import w2v_lib as w


def test_one_hot_shape_and_single_one():
    vec = w.one_hot(2, 5)
    assert vec.shape == (5,)
    assert vec.tolist() == [0, 0, 1, 0, 0]


@pytest.mark.parametrize("index", [-1, 5, 99])
def test_one_hot_out_of_range_names_the_index(index):
    with pytest.raises(ValueError, match=str(index)):
        w.one_hot(index, 5)


def test_one_hot_bad_size_and_type():
    with pytest.raises(ValueError, match="vocab_size"):
        w.one_hot(0, 0)
    with pytest.raises(TypeError, match="1.5"):
        w.one_hot(1.5, 5)


def test_distinct_one_hots_are_orthogonal():
    for i, j in itertools.combinations(range(6), 2):
        assert w.cosine_similarity(w.one_hot(i, 6), w.one_hot(j, 6)) == 0.0


def test_one_hot_times_matrix_picks_a_row():
    matrix = np.arange(15.0).reshape(5, 3)
    assert np.array_equal(w.one_hot(3, 5) @ matrix, matrix[3])


def test_cosine_hand_checked():
    assert w.cosine_similarity([1, 0], [1, 1]) == pytest.approx(1 / np.sqrt(2))
    assert w.cosine_similarity([1, 2], [-2, -4]) == pytest.approx(-1.0)


def test_cosine_zero_vector_raises():
    with pytest.raises(ValueError, match="zero vector"):
        w.cosine_similarity([0, 0], [1, 2])


def test_cosine_shape_mismatch_raises():
    with pytest.raises(ValueError, match=r"\(2,\).*\(3,\)"):
        w.cosine_similarity([1, 2], [1, 2, 3])


finite = st.floats(-1e3, 1e3, allow_nan=False).filter(lambda x: abs(x) > 1e-3)


@given(arrays(float, 4, elements=finite), arrays(float, 4, elements=finite))
def test_cosine_properties(a, b):
    c = w.cosine_similarity(a, b)
    assert -1.0 <= c <= 1.0
    assert c == pytest.approx(w.cosine_similarity(b, a))
    assert c == pytest.approx(w.cosine_similarity(3.0 * a, b))
    assert w.cosine_similarity(a, a) == pytest.approx(1.0)
