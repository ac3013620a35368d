"""The skip-gram loss with the full (naive) softmax, its gradient, and a gradient checker.

For one pair (c, o):  loss = -log P(o | c) = -u_o . v_c + log sum_w exp(u_w . v_c)
    d loss / d v_c = -u_o + sum_w P(w | c) u_w          ("observed minus expected")
    d loss / d u_w = (P(w | c) - [w = o]) v_c
"""

import numpy as np

from .checks import as_one_pair, as_pairs, check_id
from .softmax import softmax


def naive_softmax_loss_and_grad(center_vec, outside_id, outside_vecs):
    """Loss and gradients for one (center, outside) pair.

    Parameters
    ----------
    center_vec : array-like of float, shape (d,)
        v_c, the center word's vector.
    outside_id : int in [0, V)
        o, the observed outside word.
    outside_vecs : array-like of float, shape (V, d)
        Rows u_w, the outside vectors.

    Returns
    -------
    loss : float >= 0
        -log P(o | c).
    grad_center_vec : ndarray of shape (d,)
        d loss / d v_c = -u_o + sum_w P(w | c) u_w.
    grad_outside_vecs : ndarray of shape (V, d)
        d loss / d u_w = (P(w | c) - [w = o]) v_c, row w.
    """
    center_vec, outside_vecs = as_one_pair(center_vec, outside_vecs)
    check_id(outside_id, len(outside_vecs), "outside_id")
    probs = softmax(outside_vecs @ center_vec)  # (V,) P(w | c)
    loss = -np.log(probs[outside_id])
    grad_center_vec = probs @ outside_vecs - outside_vecs[outside_id]
    delta = probs.copy()
    delta[outside_id] -= 1.0  # P(w | c) - [w = o]
    grad_outside_vecs = np.outer(delta, center_vec)
    return float(loss), grad_center_vec, grad_outside_vecs


def _log_probs(center_vecs, outside_vecs, pairs):
    """(N, V) log P(w | c_i) for each pair's center c_i."""
    scores = center_vecs[pairs[:, 0]] @ outside_vecs.T
    scores -= scores.max(axis=1, keepdims=True)
    return scores - np.log(np.exp(scores).sum(axis=1, keepdims=True))


def nll_loss(center_vecs, outside_vecs, pairs):
    """J = mean over pairs of -log P(o | c).

    With all vectors zero every P(o | c) = 1/V, so J = log V.

    Parameters
    ----------
    center_vecs, outside_vecs : array-like of float, shape (V, d)
        Rows v_w and u_w.
    pairs : array-like of int, shape (N, 2), N >= 1
        The (c, o) id pairs, each id in [0, V): an (N, 2) array or a list of pairs.

    Returns
    -------
    float >= 0
        J, the mean of -log P(o | c) over the N pairs.
    """
    pairs = as_pairs(pairs, len(center_vecs))
    log_p = _log_probs(np.asarray(center_vecs, float), np.asarray(outside_vecs, float), pairs)
    return float(-log_p[np.arange(len(pairs)), pairs[:, 1]].mean())


def nll_loss_and_grad(center_vecs, outside_vecs, pairs):
    """J over ``pairs`` (as nll_loss) and its gradient with respect to both matrices.

    Parameters
    ----------
    center_vecs, outside_vecs : array-like of float, shape (V, d)
        Rows v_w and u_w.
    pairs : array-like of int, shape (N, 2), N >= 1
        The (c, o) id pairs, each id in [0, V).

    Returns
    -------
    loss : float >= 0
        J, as nll_loss.
    (grad_center_vecs, grad_outside_vecs) : tuple of ndarray of shape (V, d)
        dJ / d center_vecs and dJ / d outside_vecs: the mean of the per-pair gradients of
        naive_softmax_loss_and_grad, computed for the batch at once.
    """
    center_vecs = np.asarray(center_vecs, float)
    outside_vecs = np.asarray(outside_vecs, float)
    pairs = as_pairs(pairs, len(center_vecs))
    n = len(pairs)
    log_p = _log_probs(center_vecs, outside_vecs, pairs)  # (N, V)
    rows = np.arange(n)
    loss = -log_p[rows, pairs[:, 1]].mean()
    delta = np.exp(log_p)  # (N, V) P(w | c_i) - [w = o_i]
    delta[rows, pairs[:, 1]] -= 1.0
    grad_center_vecs = np.zeros_like(center_vecs)
    np.add.at(grad_center_vecs, pairs[:, 0], delta @ outside_vecs / n)
    grad_outside_vecs = delta.T @ center_vecs[pairs[:, 0]] / n
    return float(loss), (grad_center_vecs, grad_outside_vecs)


def check_gradient(f, x, *, eps=1e-6, tol=1e-5):
    """Compare f's analytic gradient with central differences; raise if they disagree.

    Relative error per coordinate: |numeric - analytic| / max(1, |numeric|, |analytic|).

    Parameters
    ----------
    f : callable
        f(x) -> (value, grad): a float and an array shaped like x (another shape:
        ValueError).
    x : array-like of float, any shape
        The point to check at (not modified: f gets copies).
    eps : float > 0, default 1e-6
        The step of the central differences (f(x + eps) - f(x - eps)) / (2 eps).
    tol : float >= 0, default 1e-5
        The largest relative error accepted.

    Returns
    -------
    None
        When every coordinate agrees; otherwise AssertionError naming the worst coordinate
        (also for a non-finite value or gradient).
    """
    x = np.array(x, dtype=float)  # a private copy
    value, grad = f(x.copy())
    grad = np.asarray(grad, dtype=float)
    if grad.shape != x.shape:
        raise ValueError(f"gradient shape {grad.shape} differs from x's shape {x.shape}")
    if not np.isfinite(value) or not np.all(np.isfinite(grad)):
        raise AssertionError(f"f returned a non-finite value or gradient at x (value {value})")
    numeric = np.zeros_like(x)
    for idx in np.ndindex(x.shape):
        old = x[idx]
        x[idx] = old + eps
        f_plus = f(x.copy())[0]
        x[idx] = old - eps
        f_minus = f(x.copy())[0]
        x[idx] = old
        numeric[idx] = (f_plus - f_minus) / (2 * eps)
    rel = np.abs(numeric - grad) / np.maximum(1.0, np.maximum(np.abs(numeric), np.abs(grad)))
    worst = np.unravel_index(np.argmax(rel), rel.shape) if rel.size else ()
    if rel.size and rel[worst] > tol:
        raise AssertionError(
            f"gradient check failed at coordinate {tuple(int(i) for i in worst)}: "
            f"analytic {grad[worst]:.6g}, numeric {numeric[worst]:.6g} "
            f"(relative error {rel[worst]:.2e} > {tol:g})"
        )


def best_loss(pairs):
    """J*, the lowest J any vectors can reach on ``pairs``: the text's own cross-entropy.

    J* = -(1/N) sum over the pairs of log p_hat(o | c), with
    p_hat(o | c) = count(c, o) / count(c), the text's own context distribution. No model
    does better, since the mean of -log P(o | c) is smallest when P(. | c) = p_hat(. | c).

    >>> round(best_loss([(0, 1), (0, 2)]), 4)  # log 2: c = 0 has two equally likely contexts
    0.6931

    Parameters
    ----------
    pairs : array-like of int, shape (N, 2), N >= 1
        The (c, o) id pairs (ids >= 0), as a list of pairs or an array.

    Returns
    -------
    float >= 0
        J*, in nats; 0 when every center has a single context.
    """
    pairs = as_pairs(pairs, np.iinfo(np.int64).max)
    _, pair_counts = np.unique(pairs, axis=0, return_inverse=False, return_counts=True)
    _, center_counts = np.unique(pairs[:, 0], return_counts=True)
    n = len(pairs)
    # sum over pairs of log count(c, o) - log count(c), grouped by distinct (c, o) and c
    total = pair_counts @ np.log(pair_counts) - center_counts @ np.log(center_counts)
    return float(-total / n)
