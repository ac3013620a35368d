"""Checks at the library's boundary: a clear error that names the bad value.

Inner code trusts its inputs; public functions call these first. This module is the
package's internal toolkit (imported by the other modules, not part of ``w2v_lib.__all__``):
TypeError means the wrong kind of value, ValueError a value of the right kind out of range.

>>> check_int("window", 0)
Traceback (most recent call last):
...
ValueError: window must be an integer >= 1, got 0
>>> as_pairs([(0, 1), (1, 0)], vocab_size=2).tolist()
[[0, 1], [1, 0]]
"""

import math

import numpy as np


def check_int(name, value, minimum=1, maximum=None):
    """Raise TypeError unless value is an integer (not a bool), ValueError unless in range.

    As check_id does: a float such as 2.0, a str or None is the wrong type (TypeError);
    an integer below ``minimum`` or above ``maximum`` (None: no upper bound) is a bad value
    (ValueError). Both messages name ``name``, the allowed range and the value.
    """
    upper = f" and <= {maximum}" if maximum is not None else ""
    is_int = isinstance(value, (int, np.integer)) and not isinstance(value, (bool, np.bool_))
    if not is_int:
        raise TypeError(f"{name} must be an integer >= {minimum}{upper}, got {value!r}")
    if value < minimum or (maximum is not None and value > maximum):
        raise ValueError(f"{name} must be an integer >= {minimum}{upper}, got {value!r}")


def check_positive(name, value, *, allow_zero=False):
    """Raise ValueError unless value is a finite real number > 0 (>= 0 with allow_zero).

    name : str, named in the message;  value : any;  allow_zero : bool, default False.
    A bool, a str, inf or NaN is refused (ValueError, as learning rates always were).
    """
    is_real = isinstance(value, (int, float, np.integer, np.floating)) and not isinstance(
        value, (bool, np.bool_)
    )
    in_range = is_real and (0 <= value if allow_zero else 0 < value) and value < math.inf
    if not in_range:
        kind = "a finite number >= 0" if allow_zero else "a positive number"
        raise ValueError(f"{name} must be {kind}, got {value!r}")


def check_id(word_id, vocab_size, name="id"):
    """Raise TypeError unless word_id is an integer, ValueError unless 0 <= word_id < V.

    word_id : any;  vocab_size : int V;  name : str, default "id", named in the message.
    """
    if isinstance(word_id, (bool, np.bool_)) or not isinstance(word_id, (int, np.integer)):
        raise TypeError(f"{name} must be an integer word id, got {word_id!r}")
    if not 0 <= word_id < vocab_size:
        raise ValueError(f"{name} {word_id} is out of range for a vocabulary of {vocab_size} words")


def check_ids(name, ids, vocab_size):
    """An array of word ids, checked: returns it as int64 (any shape; empty is fine).

    name : str, named in the messages;  ids : array-like;  vocab_size : int V.
    TypeError unless the ids are integers; ValueError naming the first id outside 0..V-1.
    """
    ids = np.asarray(ids)
    if ids.size and not np.issubdtype(ids.dtype, np.integer):
        raise TypeError(f"{name} must hold integer word ids, got dtype {ids.dtype}")
    bad = (ids < 0) | (ids >= vocab_size)
    if bad.any():
        raise ValueError(f"{name} id {ids[bad].ravel()[0]} is out of range for a vocabulary "
                         f"of {vocab_size} words")
    return ids.astype(np.int64)


def as_params(center_vecs, outside_vecs):
    """Float copies of (center_vecs, outside_vecs); ValueError unless both are (V, d).

    center_vecs, outside_vecs : array-like, shape (V, d) each (the same shape).
    Returns two new float64 arrays (the caller's arrays are never modified through them).
    """
    center_vecs = np.array(center_vecs, dtype=float)
    outside_vecs = np.array(outside_vecs, dtype=float)
    if center_vecs.ndim != 2 or center_vecs.shape != outside_vecs.shape:
        raise ValueError(
            f"center_vecs and outside_vecs must both be (V, d), got {center_vecs.shape} "
            f"and {outside_vecs.shape}"
        )
    return center_vecs, outside_vecs


def as_one_pair(center_vec, outside_vecs):
    """Float arrays (center_vec (d,), outside_vecs (V, d)); ValueError naming both shapes else.

    For the one-pair loss functions: a 2-D center_vec (a batch) or a d that differs is refused.
    """
    center_vec, outside_vecs = np.asarray(center_vec, float), np.asarray(outside_vecs, float)
    if center_vec.ndim != 1 or outside_vecs.ndim != 2 or outside_vecs.shape[1] != len(center_vec):
        raise ValueError(
            f"need center_vec (d,) and outside_vecs (V, d), got {center_vec.shape} "
            f"and {outside_vecs.shape}"
        )
    return center_vec, outside_vecs


def as_pairs(pairs, vocab_size):
    """Validate id pairs: a list of (c, o) or an (N, 2) array -> an (N, 2) int64 array.

    pairs : array-like of int, shape (N, 2), N >= 1;  vocab_size : int V, every id must be
    in 0..V-1. ValueError for a wrong shape, an empty list or an id out of range (naming
    it); TypeError for ids that are not integers. Returns a new int64 array.
    """
    arr = np.asarray(pairs)
    if arr.ndim != 2 or arr.shape[1] != 2 or len(arr) == 0:
        raise ValueError(f"pairs must be a non-empty (N, 2) array of ids, got shape {arr.shape}")
    return check_ids("pair", arr, vocab_size)
