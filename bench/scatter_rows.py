"""Which scatter-add should SGNS use? Times the choices for out[rows] += weights * values.

    .venv/bin/python bench/scatter_rows.py [--repeats 30]

w2v_lib.scatter._scatter_rows uses scipy's private csc_matvecs kernel (checked at import)
and falls back on the public sparse product. This asks whether numpy alone is now close
enough to drop the private import: np.add.at (numpy >= 1.25 has a faster add.at) on rows
or on 1-D indices into out.ravel(), and a stable sort with np.add.reduceat. Each choice
does one trainer batch, float32, d = 100: the outside-word update (B pairs x (K + 1) rows,
weighted) and the center update (B rows), into a (V, d) matrix, for V = 4,067 (the Lee
corpus, min_count 2) and V = 50,000.
Prints ms per batch (best of --repeats) and each choice's time / the kernel's time.
"""

import argparse
import platform

import numpy as np
import scipy
import scipy.sparse as sp

from w2v_lib import scatter


def _products(rows, values, weights):
    """(B K, d): row i k of the update, weights[i, k] * values[i]."""
    return (weights[:, :, None] * values[:, None, :]).reshape(rows.size, values.shape[1])


def add_at(out, rows, values, weights):
    np.add.at(out, rows.ravel(), _products(rows, values, weights))


def add_at_flat(out, rows, values, weights):
    """np.add.at on 1-D indices into out.ravel(), numpy's fastest add.at case."""
    dim = out.shape[1]
    flat = (rows.reshape(-1, 1) * dim + np.arange(dim)).ravel()
    np.add.at(out.reshape(-1), flat, _products(rows, values, weights).ravel())


def sort_reduceat(out, rows, values, weights):
    flat = rows.ravel()
    order = np.argsort(flat, kind="stable")
    ids = flat[order]
    starts = np.flatnonzero(np.r_[True, ids[1:] != ids[:-1]])
    upd = _products(rows, values, weights)[order]
    out[ids[starts]] += np.add.reduceat(upd, starts, axis=0)


def public_sparse(out, rows, values, weights):
    scatter._scatter_rows(out, rows, values, weights, fast=False)


def private_kernel(out, rows, values, weights):
    scatter._scatter_rows(out, rows, values, weights)


CHOICES = (private_kernel, public_sparse, add_at, add_at_flat, sort_reduceat)


def best_ms(f, args, repeats):
    import time

    f(*args)
    best = np.inf
    for _ in range(repeats):
        start = time.perf_counter()
        f(*args)
        best = min(best, time.perf_counter() - start)
    return best * 1e3


def case(vocab_size, batch, k, repeats, rng):
    """{choice: ms} for one weighted (batch, k) update into a (vocab_size, 100) float32 matrix."""
    probs = 1 / np.arange(1, vocab_size + 1) ** 0.75  # Zipf-like: frequent rows repeat
    rows = rng.choice(vocab_size, (batch, k), p=probs / probs.sum())
    weights = rng.standard_normal((batch, k)).astype(np.float32)
    values = rng.standard_normal((batch, 100)).astype(np.float32)
    outs = {f.__name__: np.zeros((vocab_size, 100), np.float32) for f in CHOICES}
    times = {f.__name__: best_ms(f, (outs[f.__name__], rows, values, weights), repeats)
             for f in CHOICES}
    for name, out in outs.items():  # all choices added the same numbers (repeats + 1 times)
        np.testing.assert_allclose(out, outs["private_kernel"], rtol=1e-3, atol=1e-3,
                                   err_msg=name)
    return times


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=30)
    args = parser.parse_args()
    assert scatter._KERNEL is not None, "the private kernel failed its import check here"
    rng = np.random.default_rng(0)
    print(f"{platform.node()}  Python {platform.python_version()}  numpy {np.__version__}  "
          f"scipy {scipy.__version__}  ({sp.__name__})")
    names = [f.__name__ for f in CHOICES]
    print(f"{'V':>7} {'B x rows':>9}  " + "  ".join(f"{n:>14}" for n in names) + "   (ms; ratio)")
    for vocab_size in (4_067, 50_000):
        for batch, k in ((256, 6), (256, 1), (1024, 6)):
            t = case(vocab_size, batch, k, args.repeats, rng)
            cells = "  ".join(f"{t[n]:6.3f} ({t[n] / t['private_kernel']:5.1f}x)" for n in names)
            print(f"{vocab_size:7,} {f'{batch} x {k}':>9}  {cells}", flush=True)


if __name__ == "__main__":
    main()
