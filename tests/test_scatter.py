"""Tests for w2v_lib.scatter: both scatter-add paths, and the import-time check of the kernel."""

import numpy as np
import pytest

from w2v_lib import scatter


def plain_scatter(out, rows, values, weights):
    want = out.astype(float)
    for i in range(len(rows)):
        for k in range(rows.shape[1]):
            want[rows[i, k]] += weights[i, k] * values[i].astype(float)
    return want


@pytest.mark.parametrize("fast", [None, False])
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_scatter_rows_matches_a_plain_loop(fast, dtype):
    rng = np.random.default_rng(1)
    rows = rng.integers(0, 7, size=(30, 4)).astype(np.int32)  # many repeats; any int type
    values = rng.normal(size=(30, 5)).astype(dtype)
    weights = rng.normal(size=(30, 4)).astype(dtype)
    out = rng.normal(size=(7, 5)).astype(dtype)
    want = plain_scatter(out, rows, values, weights)
    assert scatter._scatter_rows(out, rows, values, weights, fast=fast) is out
    np.testing.assert_allclose(out, want, rtol=1e-5, atol=1e-5)
    plain = np.zeros((7, 5), dtype)
    scatter._scatter_rows(plain, rows[:, 0], values, fast=fast)
    assert plain.sum(axis=1) == pytest.approx(
        [values[rows[:, 0] == r].sum() for r in range(7)], rel=1e-5, abs=1e-5
    )


def test_scatter_rows_into_a_non_contiguous_array_adds_every_row():
    rng = np.random.default_rng(2)
    rows, values = rng.integers(0, 4, (6, 2)), rng.normal(size=(6, 3))
    weights = rng.normal(size=(6, 2))
    base = rng.normal(size=(3, 4)).T  # (4, 3), Fortran order: the kernel cannot write into it
    want = plain_scatter(base, rows, values, weights)
    scatter._scatter_rows(base, rows, values, weights)
    np.testing.assert_allclose(base, want, atol=1e-12)


def test_the_private_kernel_passes_the_import_check_on_this_scipy():
    # the pinned scipy has a working kernel: if this fails, training silently got slower
    assert scatter._KERNEL is not None
    assert scatter._checked_kernel(scatter._import_kernel()) is scatter._KERNEL


def _raising_kernel(*args):
    raise TypeError("csc_matvecs() takes 7 arguments (8 given)")  # a changed signature


def _wrong_kernel(n_row, n_col, n_vecs, indptr, indices, data, x, y):
    y += 1.0  # runs, but computes something else


def _silent_kernel(*args):
    pass  # runs, writes nothing


@pytest.mark.parametrize("broken", [_raising_kernel, _wrong_kernel, _silent_kernel, None])
def test_a_broken_kernel_is_refused_and_the_fallback_is_right(monkeypatch, broken):
    assert scatter._checked_kernel(broken) is None
    monkeypatch.setattr(scatter, "_KERNEL", scatter._checked_kernel(broken))
    rng = np.random.default_rng(4)
    rows, values = rng.integers(0, 5, (8, 3)), rng.normal(size=(8, 2)).astype(np.float32)
    weights, out = rng.normal(size=(8, 3)), np.zeros((5, 2), np.float32)
    scatter._scatter_rows(out, rows, values, weights)
    np.testing.assert_allclose(out, plain_scatter(np.zeros((5, 2)), rows, values, weights),
                               rtol=1e-5, atol=1e-5)


def test_a_failed_import_means_the_public_product(monkeypatch):
    import builtins

    real_import = builtins.__import__

    def no_sparsetools(name, *args, **kwargs):
        if name.endswith("_sparsetools"):
            raise ImportError("no module named scipy.sparse._sparsetools")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_sparsetools)
    assert scatter._import_kernel() is None
