"""One-hot and dense vectors, and how alike two vectors are."""

import numpy as np

from .checks import check_id, check_int


def one_hot(index, vocab_size):
    """The one-hot vector of word ``index``: shape (V,), a single 1.0.

    Parameters
    ----------
    index : int in [0, vocab_size)
        The word id whose entry is 1.
    vocab_size : int >= 1
        V, the length of the vector.

    Returns
    -------
    ndarray of shape (V,)
        float64 zeros with a 1.0 at ``index``.

    >>> one_hot(2, 5)
    array([0., 0., 1., 0., 0.])
    """
    check_int("vocab_size", vocab_size)
    check_id(index, vocab_size, "index")
    vec = np.zeros(vocab_size)
    vec[index] = 1.0
    return vec


def cosine_similarity(a, b):
    """cos(a, b) = a.b / (|a| |b|), a float in [-1, 1].

    Parameters
    ----------
    a, b : array-like of float, shape (d,)
        Two vectors of the same length, finite; a zero vector, NaN or inf, or shapes that
        differ raise ValueError.

    Returns
    -------
    float in [-1, 1]
        The cosine of the angle between a and b.
    """
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    if a.ndim != 1 or a.shape != b.shape:
        raise ValueError(f"need two vectors of the same shape (d,), got {a.shape} and {b.shape}")
    if not (np.all(np.isfinite(a)) and np.all(np.isfinite(b))):
        raise ValueError("cosine_similarity got a vector with NaN or inf")
    norm_a, norm_b = np.linalg.norm(a), np.linalg.norm(b)
    if norm_a == 0 or norm_b == 0:
        which = "a" if norm_a == 0 else "b"
        raise ValueError(f"cosine similarity is undefined for a zero vector ({which} is all zeros)")
    return float(np.clip(a @ b / (norm_a * norm_b), -1.0, 1.0))
