"""Scores to probabilities: P(o | c) = exp(u_o . v_c) / sum_w exp(u_w . v_c)."""

import numpy as np


def softmax(scores, axis=-1):
    """Numerically stable softmax along ``axis``.

    scores : array of any shape.  Returns an array of the same shape, summing to 1 along axis.
    Subtracting the maximum first changes nothing mathematically (softmax is
    shift-invariant) but keeps exp() from overflowing: softmax([1e4, 0]) is [1, 0], not NaN.
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

    Returns (center_vecs, outside_vecs), each (V, d): row w is v_w and u_w.
    Entries are uniform in [-0.5/d, 0.5/d); theta holds 2 * d * V numbers.
    """
    for name, value in (("vocab_size", vocab_size), ("dim", dim)):
        if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < 1:
            raise ValueError(f"{name} must be an integer >= 1, got {value!r}")
    if not isinstance(rng, np.random.Generator):
        raise TypeError(f"rng must be a numpy.random.Generator, got {rng!r}")
    scale = 0.5 / dim
    center_vecs = rng.uniform(-scale, scale, size=(vocab_size, dim))
    outside_vecs = rng.uniform(-scale, scale, size=(vocab_size, dim))
    return center_vecs, outside_vecs


def check_id(word_id, vocab_size, name="id"):
    """Raise ValueError unless word_id is an integer in [0, vocab_size)."""
    if isinstance(word_id, bool) or not isinstance(word_id, (int, np.integer)):
        raise TypeError(f"{name} must be an integer word id, got {word_id!r}")
    if not 0 <= word_id < vocab_size:
        raise ValueError(f"{name} {word_id} is out of range for a vocabulary of {vocab_size} words")


def outside_probs(center_vecs, outside_vecs, center_id):
    """P(o | c) for every word o.

    center_vecs : (V, d) rows v_w;  outside_vecs : (V, d) rows u_w;  center_id : c.
    Returns (V,), sums to 1: softmax(outside_vecs @ v_c).
    """
    center_vecs, outside_vecs = np.asarray(center_vecs), np.asarray(outside_vecs)
    if center_vecs.ndim != 2 or center_vecs.shape != outside_vecs.shape:
        raise ValueError(
            f"center_vecs and outside_vecs must both be (V, d), got {center_vecs.shape} "
            f"and {outside_vecs.shape}"
        )
    check_id(center_id, len(center_vecs), "center_id")
    return softmax(outside_vecs @ center_vecs[center_id])
