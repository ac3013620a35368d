"""Boundary checks: each accepts what it should and names the bad value otherwise."""

import re

import numpy as np
import pytest

from w2v_lib.checks import as_one_pair, as_pairs, as_params, check_id, check_int, check_positive


@pytest.mark.parametrize("value", [1, 5, np.int64(3)])
def test_check_int_accepts(value):
    check_int("window", value, 1, 5)


@pytest.mark.parametrize(
    "value, error",
    [(0, ValueError), (6, ValueError), (np.int32(-2), ValueError),
     (2.0, TypeError), (True, TypeError), (np.bool_(True), TypeError), ("3", TypeError),
     (None, TypeError)],
)
def test_check_int_names_the_bad_value(value, error):
    expected = rf"window must be an integer >= 1 and <= 5, got {re.escape(repr(value))}"
    with pytest.raises(error, match=expected):
        check_int("window", value, 1, 5)


def test_check_int_without_an_upper_bound():
    check_int("n", 10**12, minimum=0)
    with pytest.raises(ValueError, match="^n must be an integer >= 0, got -1$"):
        check_int("n", -1, minimum=0)


def test_check_positive_and_allow_zero():
    check_positive("lr", 0.1)
    check_positive("scale", 0, allow_zero=True)
    for bad in (0, -1.0, float("inf"), float("nan"), True, "1"):
        with pytest.raises(ValueError, match="lr must be a positive number"):
            check_positive("lr", bad)
    for bad in (-0.5, float("nan"), float("inf")):
        with pytest.raises(ValueError, match="scale must be a finite number >= 0"):
            check_positive("scale", bad, allow_zero=True)


def test_check_id():
    check_id(np.int64(4), 5)
    with pytest.raises(ValueError, match="center_id 5 is out of range for a vocabulary of 5"):
        check_id(5, 5, "center_id")
    with pytest.raises(TypeError, match="1.0"):
        check_id(1.0, 5)


def test_as_params_copies_and_checks_shapes():
    center = np.zeros((3, 2))
    c, o = as_params(center, np.ones((3, 2)))
    c[0, 0] = 7.0
    assert center[0, 0] == 0.0 and o.dtype == float
    with pytest.raises(ValueError, match=r"\(3, 2\) and \(2, 2\)"):
        as_params(center, np.ones((2, 2)))


def test_as_pairs_converts_and_names_the_bad_id():
    got = as_pairs([(0, 1), (2, 0)], 3)
    assert got.dtype == np.int64 and got.tolist() == [[0, 1], [2, 0]]
    with pytest.raises(ValueError, match="pair id 3 is out of range for a vocabulary of 3"):
        as_pairs([(0, 3)], 3)
    with pytest.raises(ValueError, match=r"non-empty \(N, 2\).*got shape \(0,\)"):
        as_pairs([], 3)
    with pytest.raises(ValueError, match=r"got shape \(1, 3\)"):
        as_pairs([(0, 1, 2)], 3)
    with pytest.raises(TypeError, match="integer word ids, got dtype float64"):
        as_pairs([(0.0, 1.0)], 3)


def test_as_one_pair_refuses_a_batch_of_centers():
    v, u = as_one_pair([1, 2], np.zeros((3, 2), int))
    assert v.dtype == u.dtype == float and v.shape == (2,) and u.shape == (3, 2)
    with pytest.raises(ValueError, match=r"center_vec \(d,\) and outside_vecs \(V, d\), "
                                         r"got \(1, 2\) and \(3, 2\)"):
        as_one_pair(np.zeros((1, 2)), np.zeros((3, 2)))
    with pytest.raises(ValueError, match=r"got \(3,\) and \(3, 2\)"):
        as_one_pair(np.zeros(3), np.zeros((3, 2)))
