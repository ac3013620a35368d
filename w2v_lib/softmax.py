"""Scores to probabilities: P(o | c) = exp(u_o . v_c) / sum_w exp(u_w . v_c)."""

import numpy as np

from .checks import as_params, check_id, check_int


def softmax(scores, axis=-1):
    """Numerically stable softmax along ``axis``.

    Subtracting the maximum first changes nothing mathematically (softmax is
    shift-invariant) but keeps exp() from overflowing: softmax([1e4, 0]) is [1, 0], not NaN.

    Parameters
    ----------
    scores : array-like of float, any non-empty shape
        Finite scores (NaN, inf or an empty array: ValueError).
    axis : int, default -1
        The axis the probabilities sum over (a valid axis of ``scores``).

    Returns
    -------
    ndarray of the shape of ``scores``
        float64 probabilities in [0, 1], summing to 1 along ``axis``.
    """
    scores = np.asarray(scores, dtype=float)
    if scores.size == 0:
        raise ValueError("softmax of an empty array is undefined")
    if not np.all(np.isfinite(scores)):
        raise ValueError(f"softmax got non-finite scores: {scores[~np.isfinite(scores)][:3]}")
    shifted = scores - scores.max(axis=axis, keepdims=True)
    e = np.exp(shifted)
    return e / e.sum(axis=axis, keepdims=True)


def init_params(vocab_size, dim, rng):
    """Small random starting vectors, as word2vec does.

    Entries are uniform in [-0.5/d, 0.5/d); theta holds 2 * d * V numbers.

    Parameters
    ----------
    vocab_size : int >= 1
        V, the number of words.
    dim : int >= 1
        d, the dimension of each vector.
    rng : numpy.random.Generator
        The source of randomness (e.g. np.random.default_rng(0)); anything else: TypeError.

    Returns
    -------
    center_vecs, outside_vecs : ndarray of shape (V, d)
        float64; row w is v_w and u_w.
    """
    check_int("vocab_size", vocab_size)
    check_int("dim", dim)
    if not isinstance(rng, np.random.Generator):
        raise TypeError(f"rng must be a numpy.random.Generator, got {rng!r}")
    scale = 0.5 / dim
    center_vecs = rng.uniform(-scale, scale, size=(vocab_size, dim))
    outside_vecs = rng.uniform(-scale, scale, size=(vocab_size, dim))
    return center_vecs, outside_vecs


def outside_probs(center_vecs, outside_vecs, center_id):
    """P(o | c) for every word o.

    Parameters
    ----------
    center_vecs : array-like of float, shape (V, d)
        Rows v_w, the center vectors.
    outside_vecs : array-like of float, shape (V, d)
        Rows u_w, the outside vectors (the same shape as ``center_vecs``).
    center_id : int in [0, V)
        c, the center word.

    Returns
    -------
    ndarray of shape (V,)
        P(o | c) for o = 0..V-1, summing to 1: softmax(outside_vecs @ v_c).
    """
    center_vecs, outside_vecs = as_params(center_vecs, outside_vecs)
    check_id(center_id, len(center_vecs), "center_id")
    return softmax(outside_vecs @ center_vecs[center_id])
