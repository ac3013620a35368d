"""Skip-gram as matrix factorisation: the exact expected SGNS objective (Levy & Goldberg 2014).

Averaged over everything word2vec could sample from the counts X, the SGNS loss per pair is

    L = -(1/|D|) [ sum_(c,o) X[c, o] log sigma(s_co) + K sum_(c,o) X[c, .] P_n(o) log sigma(-s_co) ]

with s_co = u_o . v_c, |D| = sum X and P_n(o) = X[., o]^alpha / sum_o' X[., o']^alpha (the
noise distribution; alpha = 1 the plain unigram one). No sampling noise is left. Setting
dL/ds_co = 0 for one pair gives, when d is large enough for every score to be chosen freely,

    dL/ds_co = (1/|D|) [ -X[c, o] sigma(-s_co) + K X[c, .] P_n(o) sigma(s_co) ] = 0
    =>  s_co = log( X[c, o] / (X[c, .] P_n(o)) ) - log K = PMI(c, o) - log K

for every observed pair: skip-gram factorises the shifted PMI matrix.
"""

import numpy as np
from scipy.optimize import minimize
from scipy.special import expit

from .blas_threads import one_thread
from .checks import as_params, check_int, check_positive
from .cooccur import _check_counts, pmi_parts

_BLOCK = 512  # centers per block: the score matrix is built block by block, never V x V


def _noise(counts, alpha):
    col = np.asarray(counts.sum(axis=0)).ravel() ** alpha
    return col / col.sum()


def sgns_expected_loss_and_grad(center_vecs, outside_vecs, counts, negative, alpha=1.0):
    """The expected SGNS loss over a count matrix, and its gradient for both matrices.

    Memory O(512 V): centers go in blocks.

    >>> X = np.array([[0.0, 1.0], [1.0, 0.0]])
    >>> loss, _ = sgns_expected_loss_and_grad(np.zeros((2, 1)), np.zeros((2, 1)), X, 1)
    >>> round(loss, 4)  # all scores 0: (1 + K) log 2
    1.3863

    Parameters
    ----------
    center_vecs, outside_vecs : array-like of float, shape (V, d)
        Rows v_w and u_w.
    counts : sparse or array-like of float, shape (V, V)
        Co-occurrence counts X[c, o], finite, >= 0, with a total > 0.
    negative : float > 0
        K, noise words per pair.
    alpha : float > 0, default 1.0
        The noise distribution's power, P_n(o) ~ X[., o]^alpha.

    Returns
    -------
    loss : float
        L of the module docstring, the mean over the |D| observed pairs.
    (grad_center_vecs, grad_outside_vecs) : tuple of ndarray of shape (V, d)
        dL / d center_vecs and dL / d outside_vecs.
    """
    center_vecs, outside_vecs = as_params(center_vecs, outside_vecs)
    counts = _check_counts(counts)
    if counts.shape[0] != len(center_vecs):
        raise ValueError(f"counts is {counts.shape} but there are {len(center_vecs)} vectors")
    check_positive("negative", negative)
    check_positive("alpha", alpha)
    total = counts.sum()
    row_sums = np.asarray(counts.sum(axis=1)).ravel()
    noise = _noise(counts, alpha)
    loss = 0.0
    grad_center, grad_outside = np.zeros_like(center_vecs), np.zeros_like(outside_vecs)
    for lo in range(0, len(center_vecs), _BLOCK):
        block = counts[lo:lo + _BLOCK].tocoo()
        scores = center_vecs[lo:lo + _BLOCK] @ outside_vecs.T  # (b, V) s_co
        weight = negative * row_sums[lo:lo + _BLOCK, None] * noise[None, :]  # K X[c,.] P_n(o)
        loss += np.sum(weight * np.logaddexp(0, scores))  # -log sigma(-s) = log(1 + e^s)
        coef = weight * expit(scores)  # dL/ds (times |D|)
        s_obs = scores[block.row, block.col]
        loss += np.sum(block.data * np.logaddexp(0, -s_obs))
        np.add.at(coef, (block.row, block.col), -block.data * expit(-s_obs))
        grad_center[lo:lo + _BLOCK] = coef @ outside_vecs
        grad_outside += coef.T @ center_vecs[lo:lo + _BLOCK]
    return float(loss / total), (grad_center / total, grad_outside / total)


def shifted_pmi_pairs(counts, negative, alpha=1.0):
    """The observed pairs and their target: (rows (N,), cols (N,), PMI(c, o) - log K (N,)).

    Parameters
    ----------
    counts : sparse or array-like of float, shape (V, V)
        Co-occurrence counts X[c, o] >= 0, with a total > 0.
    negative : float > 0
        K; the target is shifted by log K.
    alpha : float > 0, default 1.0
        The power of the context distribution (match the alpha of the noise distribution).

    Returns
    -------
    rows, cols : ndarray of int, shape (N,)
        c and o of the N nonzero entries.
    target : ndarray of float, shape (N,)
        PMI(c, o) - log K for each of them.
    """
    check_positive("negative", negative)
    counts, log_row, log_col = pmi_parts(counts, alpha)
    coo = counts.tocoo()
    coo.eliminate_zeros()
    target = np.log(coo.data / counts.sum()) - log_row[coo.row] - log_col[coo.col]
    return coo.row, coo.col, target - np.log(negative)


def pair_scores(center_vecs, outside_vecs, rows, cols):
    """u_o . v_c for the pairs (rows[i], cols[i]) only: (N,), without a V x V product."""
    return np.einsum("nd,nd->n", center_vecs[rows], outside_vecs[cols])


def fit_sgns_expected(counts, dim, negative, *, alpha=1.0, max_iter=3000, tol=1e-10, seed=0):
    """Minimise the expected SGNS loss with L-BFGS (scipy.optimize): exact, no sampling.

    Parameters
    ----------
    counts : sparse or array-like of float, shape (V, V)
        Co-occurrence counts X[c, o] >= 0, with a total > 0.
    dim : int >= 1
        d, the dimension of the vectors.
    negative : float > 0
        K, noise words per pair.
    alpha : float > 0, default 1.0
        The noise distribution's power (1 = unigram).
    max_iter : int >= 1, default 3000
        L-BFGS iterations at most.
    tol : float > 0, default 1e-10
        Stop when the relative decrease of the loss falls below it.
    seed : int >= 0, default 0
        For the small random start (entries uniform in +-0.5 / d).

    Returns
    -------
    center_vecs, outside_vecs : ndarray of shape (V, d)
        The vectors found (float64).
    loss : float
        Their expected SGNS loss.
    """
    counts = _check_counts(counts)
    check_int("dim", dim)
    check_int("max_iter", max_iter)
    check_positive("tol", tol)
    check_int("seed", seed, minimum=0)
    size = counts.shape[0]
    rng = np.random.default_rng(seed)
    start = (rng.random(2 * size * dim) - 0.5) / dim

    def objective(theta):
        params = theta.reshape(2, size, dim)
        loss, (grad_c, grad_o) = sgns_expected_loss_and_grad(params[0], params[1], counts,
                                                              negative, alpha)
        return loss, np.concatenate([grad_c.ravel(), grad_o.ravel()])

    with one_thread():  # hundreds of small BLAS calls: see blas_threads
        result = minimize(objective, start, jac=True, method="L-BFGS-B",
                          options={"maxiter": max_iter, "ftol": tol, "gtol": 1e-12})
    params = result.x.reshape(2, size, dim)
    return params[0], params[1], float(result.fun)

