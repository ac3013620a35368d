"""Scatter-add of weighted rows: the one write SGNS does per batch, ``out[rows] += ...``.

Rows repeat within a batch (frequent words are drawn as noise again and again), so a plain
fancy-index assignment would lose updates; this module adds every one.

It is one sparse-matrix product, out += S @ values. The fast path is scipy's private
kernel behind csc @ dense (``scipy.sparse._sparsetools.csc_matvecs``), which accumulates
straight into ``out`` with no (V, d) temporary. Being private, it may change in any scipy
release, so at import it is tried once on a small case against the public product and used
only if it agrees; on any exception or disagreement the public product is used instead.
"""

import numpy as np
import scipy.sparse as sp


def _import_kernel():
    """scipy's private csc_matvecs, or None if it cannot be imported."""
    try:
        from scipy.sparse._sparsetools import csc_matvecs
    except Exception:  # any failure means: use the public product
        return None
    return csc_matvecs


def _checked_kernel(kernel):
    """``kernel`` if it matches the public sparse product on a small case, else None.

    The case has repeated rows and a weight of 0, in float32 and float64 (the trainer's
    and the gradient functions' dtypes); any exception counts as a disagreement.
    """
    if kernel is None:
        return None
    rng = np.random.default_rng(0)
    rows = np.array([[0, 2], [2, 2], [1, 0], [3, 2]])
    for dtype, tol in ((np.float32, 1e-5), (np.float64, 1e-12)):
        values = rng.normal(size=(4, 3)).astype(dtype)
        weights = rng.normal(size=(4, 2)).astype(dtype)
        weights[1, 0] = 0
        out = rng.normal(size=(5, 3)).astype(dtype)
        want = out + _sparse(rows, weights, 5) @ values
        try:
            _add_with_kernel(kernel, out, rows, values, weights)
            ok = out.shape == want.shape and np.allclose(out, want, rtol=tol, atol=tol)
        except Exception:  # a changed signature, dtype rules, anything
            return None
        if not ok:
            return None
    return kernel


def _sparse(rows, weights, n_out):
    """The (n_out, B) csc matrix S with S[rows[i, k], i] = weights[i, k]."""
    indptr = np.arange(0, rows.size + 1, rows.shape[1], dtype=np.int64)
    return sp.csc_matrix((np.ravel(weights), np.ravel(rows), indptr), shape=(n_out, len(rows)))


def _add_with_kernel(kernel, out, rows, values, weights):
    """out += S @ values through ``kernel`` (csc_matvecs' signature), in place."""
    indptr = np.arange(0, rows.size + 1, rows.shape[1], dtype=np.int64)
    indices = np.ravel(rows).astype(np.int64, copy=False)
    data = np.ravel(weights).astype(out.dtype, copy=False)
    kernel(len(out), len(values), out.shape[1], indptr, indices, data, values.ravel(), out.ravel())


_KERNEL = _checked_kernel(_import_kernel())  # None: every call uses the public product


def _scatter_rows(out, rows, values, weights=None, *, fast=None):
    """Add weights[i, k] * values[i] into row rows[i, k] of ``out``, for all i, k; in place.

    out : (V, d) float32 or float64 array;  rows : (B,) or (B, K) ids in 0..V-1;
    values : (B, d);  weights : like rows (default all ones).  fast : None (default) uses
    the checked private kernel when there is one; False forces the public product (with a
    (V, d) temporary). Returns ``out``. bench/scatter_rows.py times the choices.
    """
    rows = np.asarray(rows).reshape(len(values), -1)
    weights = np.ones(rows.shape, out.dtype) if weights is None else np.asarray(weights, out.dtype)
    values = np.ascontiguousarray(values, dtype=out.dtype)
    use_kernel = _KERNEL is not None and fast is not False
    if use_kernel and out.flags.c_contiguous and out.dtype in (np.float32, np.float64):
        _add_with_kernel(_KERNEL, out, rows, values, weights)
    else:
        out += _sparse(rows, weights, len(out)) @ values
    return out
