"""Checks at the library's boundary: a clear error that names the bad value.

Inner code trusts its inputs; public functions call these first.
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
    """Raise ValueError unless value is a finite real number > 0 (>= 0 with allow_zero)."""
    is_real = isinstance(value, (int, float, np.integer, np.floating)) and not isinstance(
        value, (bool, np.bool_)
    )
    in_range = is_real and (0 <= value if allow_zero else 0 < value) and value < math.inf
    if not in_range:
        kind = "a finite number >= 0" if allow_zero else "a positive number"
        raise ValueError(f"{name} must be {kind}, got {value!r}")


def check_id(word_id, vocab_size, name="id"):
    """Raise TypeError unless word_id is an integer, ValueError unless 0 <= word_id < V."""
    if isinstance(word_id, (bool, np.bool_)) or not isinstance(word_id, (int, np.integer)):
        raise TypeError(f"{name} must be an integer word id, got {word_id!r}")
    if not 0 <= word_id < vocab_size:
        raise ValueError(f"{name} {word_id} is out of range for a vocabulary of {vocab_size} words")


def as_params(center_vecs, outside_vecs):
    """Float copies of (center_vecs, outside_vecs); ValueError unless both are (V, d)."""
    center_vecs = np.array(center_vecs, dtype=float)
    outside_vecs = np.array(outside_vecs, dtype=float)
    if center_vecs.ndim != 2 or center_vecs.shape != outside_vecs.shape:
        raise ValueError(
            f"center_vecs and outside_vecs must both be (V, d), got {center_vecs.shape} "
            f"and {outside_vecs.shape}"
        )
    return center_vecs, outside_vecs
