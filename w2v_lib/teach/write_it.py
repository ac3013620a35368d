"""Checkers for the **Write it yourself** exercises: the learner's function against w2v_lib.

Each ``check_*`` runs the learner's function on several seeded random inputs, compares it
with the library's own function (and with ``w.check_gradient``), and prints one line in
words: what is wrong (a shape, a coordinate, a missing term, an overflow), or that it is
right. ``diagnose_*`` returns that line instead of printing it (for tests). A stub that
raises NotImplementedError or returns None gets NOT_YET.

    check_softmax(fn)                     fn(scores (V,)) -> probs (V,)          (03)
    check_naive_softmax_loss_and_grad(fn) fn(v_c (d,), o, U (V, d)) -> (loss, (d,), (V, d))
    check_minibatch_update(fn)            fn(center_vecs, outside_vecs, batch, lr)
                                          -> (new center_vecs, new outside_vecs)   (05)

The checker for 06's ``neg_sampling_loss_and_grad`` is in ``write_it_sgns``.
"""

import warnings

import numpy as np

from .. import (
    check_gradient,
    naive_softmax_loss_and_grad,
    nll_loss,
    nll_loss_and_grad,
    softmax,
    train,
)
from .quiz import RIGHT, WRONG

NOT_YET = ("Not written yet: fill in the function body (in place of `raise "
           "NotImplementedError`) and `return` the result, then run this cell again.")
UNSTABLE = (f"{WRONG} Not numerically stable: overflow for large scores (np.exp of a score "
            f"above 709.8 is inf, and inf / inf is nan). Subtract the largest score first.")


class _Stop(Exception):
    """Raised inside a diagnosis with the message to show."""


def _run(fn, *args, on_overflow=None):
    """fn(*copies of args), RuntimeWarnings (overflow, 0/0) raised as errors."""
    copies = [a.copy() if isinstance(a, np.ndarray) else a for a in args]
    try:
        with warnings.catch_warnings(), np.errstate(over="warn", invalid="warn",
                                                    divide="warn", under="ignore"):
            warnings.simplefilter("error", RuntimeWarning)
            out = fn(*copies)
    except NotImplementedError:
        raise _Stop(NOT_YET) from None
    except (RuntimeWarning, FloatingPointError, OverflowError) as err:
        raise _Stop(on_overflow or f"{WRONG} Your function hit a numerical problem: {err}.") \
            from None
    except Exception as err:  # the learner's bug, reported in one line
        raise _Stop(f"{WRONG} Your function raised {type(err).__name__}: {err}") from None
    if out is None:
        raise _Stop(NOT_YET)
    return out


def _array(x, name, shape):
    try:
        arr = np.asarray(x, dtype=float)
    except (TypeError, ValueError):
        raise _Stop(f"{WRONG} {name} should be an array of numbers, got {type(x).__name__}.") \
            from None
    if arr.shape != shape:
        raise _Stop(f"{WRONG} Wrong shape: {name} has shape {arr.shape}, expected {shape}.")
    if not np.all(np.isfinite(arr)):
        raise _Stop(f"{WRONG} {name} contains inf or nan.")
    return arr


def _close(a, b):
    return np.allclose(a, b, rtol=1e-6, atol=1e-8)


def _where(name, mine, expected):
    """A sentence naming the worst coordinate where ``mine`` differs from ``expected``."""
    idx = np.unravel_index(np.argmax(np.abs(mine - expected)), np.shape(mine))
    at = ", ".join(str(int(i)) for i in idx)
    return (f"{WRONG} {name} differs at [{at}]: yours {mine[idx]:.6g}, "
            f"expected {expected[idx]:.6g}.")


def _tuple(out, n, names):
    if not isinstance(out, (tuple, list)) or len(out) != n:
        raise _Stop(f"{WRONG} Return {n} things, ({', '.join(names)}); "
                    f"yours returned {type(out).__name__}"
                    f"{f' of length {len(out)}' if isinstance(out, (tuple, list)) else ''}.")
    return out


def _verdict(diagnose):
    def run(fn):
        try:
            return diagnose(fn)
        except _Stop as stop:
            return str(stop)
    run.__doc__ = diagnose.__doc__
    run.__name__ = diagnose.__name__
    return run


def _gradcheck(f, x, what):
    try:
        check_gradient(f, x)
    except AssertionError as err:
        raise _Stop(f"{WRONG} {what} disagrees with finite differences of your loss "
                    f"(check_gradient: {err}).") from None


def _gradcheck_both(fn, v, u, *middle):
    """check_gradient on fn(v, *middle, u) for v (grad_center_vec) and for u."""
    _gradcheck(lambda x: _run(fn, x, *middle, u)[:2], v, "Your grad_center_vec")
    _gradcheck(lambda x: _run(fn, v, *middle, x)[::2], u, "Your grad_outside_vecs")


# --- 03 the stable softmax -----------------------------------------------------------------


@_verdict
def diagnose_softmax(fn):
    """The verdict on fn(scores (V,)) -> probabilities (V,), as one line."""
    rng = np.random.default_rng(0)
    for size in (5, 1, 8):
        scores = rng.normal(0, 3, size)
        probs = _array(_run(fn, scores), "the result", scores.shape)
        if not np.isclose(probs.sum(), 1.0):
            raise _Stop(f"{WRONG} The probabilities sum to {probs.sum():.4g}, not 1: divide "
                        f"each exp by the sum of all of them.")
        expected = softmax(scores)
        if not _close(probs, expected):
            raise _Stop(_where("P", probs, expected))
    for big in ([1000.0, 999.0, 0.0], [-1000.0, -1001.0, -1002.0]):
        scores = np.array(big)
        probs = _run(fn, scores, on_overflow=UNSTABLE)
        if not np.all(np.isfinite(np.asarray(probs, dtype=float))):
            raise _Stop(UNSTABLE)
        probs = _array(probs, "the result", scores.shape)
        if not _close(probs, softmax(scores)):
            raise _Stop(_where("P for large scores", probs, softmax(scores)))
    return (f"{RIGHT} Your softmax matches w.softmax on 3 random inputs and stays finite "
            f"for scores like [1000, 999, 0].")


# --- 04 the naive-softmax loss and gradient ------------------------------------------------


def _toy_inputs(rng, sizes=((5, 3), (7, 4), (4, 2))):
    for vocab_size, dim in sizes:
        yield rng.normal(0, 1, dim), int(rng.integers(vocab_size)), \
            rng.normal(0, 1, (vocab_size, dim))


@_verdict
def diagnose_naive_softmax_loss_and_grad(fn):
    """The verdict on fn(center_vec (d,), outside_id, outside_vecs (V, d)), as one line."""
    names = ("loss", "grad_center_vec", "grad_outside_vecs")
    for v, o, u in _toy_inputs(np.random.default_rng(1)):
        out = _tuple(_run(fn, v, o, u), 3, names)
        loss, grad_v, grad_u = out
        ref_loss, ref_v, ref_u = naive_softmax_loss_and_grad(v, o, u)
        probs = softmax(u @ v)
        loss = float(_array(loss, "loss", ()))
        if not np.isclose(loss, ref_loss):
            if np.isclose(loss, -ref_loss):
                raise _Stop(f"{WRONG} The loss has the wrong sign: it is −log P(o | c).")
            if np.isclose(loss, -u[o] @ v):
                raise _Stop(f"{WRONG} The loss misses the normaliser term "
                            f"log Σ_w exp(u_w · v_c).")
            raise _Stop(f"{WRONG} The loss is {loss:.6g}, expected −log P(o | c) = "
                        f"{ref_loss:.6g}.")
        grad_v = _array(grad_v, "grad_center_vec", v.shape)
        if not _close(grad_v, ref_v):
            if _close(grad_v, -u[o]):
                raise _Stop(f"{WRONG} grad_center_vec: the expected term Σ_w P(w | c) u_w "
                            f"is missing.")
            if _close(grad_v, probs @ u):
                raise _Stop(f"{WRONG} grad_center_vec: the observed term −u_o is missing.")
            if _close(grad_v, -ref_v):
                raise _Stop(f"{WRONG} grad_center_vec has the wrong sign.")
            raise _Stop(_where("grad_center_vec", grad_v, ref_v))
        grad_u = _array(grad_u, "grad_outside_vecs", u.shape)
        if not _close(grad_u, ref_u):
            if _close(grad_u, np.outer(probs, v)):
                raise _Stop(f"{WRONG} grad_outside_vecs: the [w = o] term is missing (row o "
                            f"is (P(o | c) − 1) v_c).")
            if _close(grad_u, -ref_u):
                raise _Stop(f"{WRONG} grad_outside_vecs has the wrong sign.")
            raise _Stop(_where("grad_outside_vecs", grad_u, ref_u))
        _gradcheck_both(fn, v, u, o)
    return (f"{RIGHT} Loss and both gradients match w2v_lib on 3 random inputs, and "
            f"check_gradient agrees.")


# --- 05 one mini-batch update --------------------------------------------------------------


@_verdict
def diagnose_minibatch_update(fn):
    """The verdict on fn(center_vecs, outside_vecs, batch, lr) -> (new center, new outside)."""
    rng = np.random.default_rng(2)
    for vocab_size, dim, size, lr in ((5, 3, 4, 0.5), (6, 2, 1, 0.1), (5, 3, 3, 1.5)):
        center, outside = rng.normal(0, 0.5, (2, vocab_size, dim))
        batch = [tuple(int(i) for i in rng.integers(vocab_size, size=2)) for _ in range(size)]
        out = _tuple(_run(fn, center, outside, batch, lr), 2,
                     ("new center_vecs", "new outside_vecs"))
        new_c = _array(out[0], "new center_vecs", center.shape)
        new_o = _array(out[1], "new outside_vecs", outside.shape)
        ref = train(center, outside, batch, lr=lr, batch_size=size, epochs=1)
        _, (grad_c, grad_o) = nll_loss_and_grad(center, outside, batch)
        for name, new, old, want, grad in (("center_vecs", new_c, center, ref.center_vecs,
                                            grad_c),
                                           ("outside_vecs", new_o, outside, ref.outside_vecs,
                                            grad_o)):
            if _close(new, want):
                continue
            if _close(new, old):
                raise _Stop(f"{WRONG} {name} did not change: update both matrices.")
            if _close(new, old + lr * grad):
                raise _Stop(f"{WRONG} {name} went uphill: step against the gradient, "
                            f"θ ← θ − lr · ∇J.")
            if size > 1 and _close(new, old - lr * size * grad):
                raise _Stop(f"{WRONG} {name}: the step is B = {size} times too big: use the "
                            f"mean of the pairs' gradients, not their sum.")
            if lr != 1 and _close(new, old - grad):
                raise _Stop(f"{WRONG} {name}: the step ignores the learning rate lr.")
            raise _Stop(_where(f"new {name}", new, want))
        theta = np.stack([center, outside])
        step = (theta - np.stack([new_c, new_o])) / lr  # the gradient your step used

        def batch_loss(x, step=step, batch=batch):
            return nll_loss(x[0], x[1], batch), step
        _gradcheck(batch_loss, theta, "(θ − your new θ) / lr")
    return (f"{RIGHT} Your update matches one step of w.train on 3 random batches, and "
            f"check_gradient agrees that it steps by −lr · ∇J_B.")


def check_softmax(fn):
    """Print the verdict on your stable softmax ``fn(scores) -> probabilities`` (03)."""
    print(diagnose_softmax(fn))


def check_naive_softmax_loss_and_grad(fn):
    """Print the verdict on your ``naive_softmax_loss_and_grad`` (04)."""
    print(diagnose_naive_softmax_loss_and_grad(fn))


def check_minibatch_update(fn):
    """Print the verdict on your ``minibatch_update(center_vecs, outside_vecs, batch, lr)`` (05)."""
    print(diagnose_minibatch_update(fn))
