"""softmax, init_params, outside_probs."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from references import softmax_by_loop

import w2v_lib as w

logits = arrays(float, st.integers(1, 8), elements=st.floats(-50, 50))


def test_softmax_hand_checked():
    e = np.exp([1.0, 2.0, 3.0])
    assert np.allclose(w.softmax([1.0, 2.0, 3.0]), e / e.sum())
    assert np.allclose(w.softmax([0.0, 0.0]), [0.5, 0.5])


def test_softmax_is_stable_for_huge_logits():
    p = w.softmax([1e4, -1e4, 0.0])
    assert np.all(np.isfinite(p)) and np.allclose(p, [1, 0, 0])
    assert np.allclose(w.softmax([1000.0, 999.0]), softmax_by_loop([1000.0, 999.0]))


@given(logits)
def test_softmax_matches_a_plain_loop(x):
    np.testing.assert_allclose(w.softmax(x), softmax_by_loop(x.tolist()), atol=1e-12)


@given(logits, st.floats(-100, 100))
def test_softmax_sums_to_one_and_is_shift_invariant(x, shift):
    p = w.softmax(x)
    assert np.all(p >= 0) and np.isclose(p.sum(), 1.0)
    assert np.allclose(w.softmax(x + shift), p)


def test_softmax_axis():
    x = np.arange(6.0).reshape(2, 3)
    assert np.allclose(w.softmax(x, axis=0).sum(axis=0), 1)
    assert np.allclose(w.softmax(x, axis=1)[1], w.softmax(x[1]))


def test_softmax_rejects_nan_and_empty():
    with pytest.raises(ValueError, match="non-finite"):
        w.softmax([1.0, np.nan])
    with pytest.raises(ValueError, match="empty"):
        w.softmax([])


def test_init_params_shapes_and_reproducibility():
    c1, o1 = w.init_params(5, 3, np.random.default_rng(0))
    c2, o2 = w.init_params(5, 3, np.random.default_rng(0))
    assert c1.shape == o1.shape == (5, 3)
    assert np.array_equal(c1, c2) and np.array_equal(o1, o2)
    assert not np.array_equal(c1, o1)
    assert np.abs(c1).max() <= 0.5 / 3


def test_init_params_bad_input():
    with pytest.raises(ValueError, match="dim"):
        w.init_params(5, 0, np.random.default_rng(0))
    with pytest.raises(TypeError, match="Generator"):
        w.init_params(5, 2, 0)


def test_outside_probs_matches_a_loop():
    rng = np.random.default_rng(1)
    center_vecs, outside_vecs = rng.normal(size=(4, 3)), rng.normal(size=(4, 3))
    c = 2
    scores = [sum(outside_vecs[o, k] * center_vecs[c, k] for k in range(3)) for o in range(4)]
    assert np.allclose(w.outside_probs(center_vecs, outside_vecs, c), softmax_by_loop(scores))


def test_outside_probs_bad_center():
    vecs = np.zeros((3, 2))
    with pytest.raises(ValueError, match="center_id 3"):
        w.outside_probs(vecs, vecs, 3)
    with pytest.raises(ValueError, match=r"\(3, 2\).*\(4, 2\)"):
        w.outside_probs(vecs, np.zeros((4, 2)), 0)
