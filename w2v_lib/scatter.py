"""Scatter-add of weighted rows: the one write SGNS does per batch, ``out[rows] += ...``.

Rows repeat within a batch (frequent words are drawn as noise again and again), so a plain
fancy-index assignment would lose updates; this module adds every one.
"""

import numpy as np
import scipy.sparse as sp

try:  # scipy's kernel behind csc @ dense, which can accumulate into an existing array
    from scipy.sparse._sparsetools import csc_matvecs as _csc_matvecs
except ImportError:  # pragma: no cover - a scipy without it uses the public product
    _csc_matvecs = None


def scatter_rows(out, rows, values, weights=None):
    """Add weights[i, k] * values[i] into row rows[i, k] of ``out``, for all i, k; in place.

    out : (V, d) float array;  rows : (B,) or (B, K) ids;  values : (B, d);  weights : like
    rows (default all ones). Rows may repeat, so ``out[rows] += ...`` would lose updates.
    This is one sparse-matrix product, out += S @ values with S (V, B) holding the weights,
    done by scipy's compiled kernel straight into ``out`` (no (V, d) temporary): many times
    faster than np.add.at or sorting with np.add.reduceat (bench/sgns_vs_gensim.py times them).
    """
    rows = np.asarray(rows).reshape(len(values), -1)
    data = np.ones(rows.size, out.dtype) if weights is None else np.ravel(weights).astype(out.dtype)
    indptr = np.arange(0, rows.size + 1, rows.shape[1], dtype=np.int64)
    indices = np.ravel(rows).astype(np.int64, copy=False)
    values = np.ascontiguousarray(values, dtype=out.dtype)
    if _csc_matvecs is not None and out.flags.c_contiguous:
        _csc_matvecs(len(out), len(values), out.shape[1], indptr, indices, data,
                     values.ravel(), out.ravel())
    else:  # the same product through scipy's public API, with a temporary
        out += sp.csc_matrix((data, indices, indptr), shape=(len(out), len(values))) @ values
    return out
