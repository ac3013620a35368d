"""The SGNS loss and its gradients: one pair written out, a batch of pairs, one SGD step.

With sigma(x) = 1 / (1 + exp(-x)), one pair (c, o) and K noise words n_1..n_K:

    loss = -log sigma(u_o . v_c) - sum_k log sigma(-u_{n_k} . v_c)
    d loss / d v_c     = (sigma(u_o . v_c) - 1) u_o + sum_k sigma(u_{n_k} . v_c) u_{n_k}
    d loss / d u_o     = (sigma(u_o . v_c) - 1) v_c
    d loss / d u_{n_k} = sigma(u_{n_k} . v_c) v_c        (summed if n_k is drawn twice)

Every term is "predicted minus observed": a scored word t with score s = u_t . v_c and
label y (1 for o, 0 for a noise word) contributes coef = sigma(s) - y to d loss / d s. A
noise word equal to o is skipped (mask 0), as in word2vec.c and gensim.
"""

import numpy as np
from scipy.special import expit

from .checks import as_one_pair, check_id, check_ids, check_positive
from .scatter import _scatter_rows


def neg_sampling_loss_and_grad(center_vec, outside_id, negative_ids, outside_vecs):
    """Loss and gradients for one (center, outside) pair and its K negatives, term by term.

    Parameters
    ----------
    center_vec : array-like of float, shape (d,)
        v_c, the center word's vector (one row of ``center_vecs``; a 2-D array is refused).
    outside_id : int
        o, the observed outside word, 0 <= outside_id < V.
    negative_ids : array-like of int, shape (K,)
        The noise words n_k, each 0 <= n_k < V; K = 0 is allowed. A repeat counts twice;
        one equal to ``outside_id`` is skipped (it adds nothing).
    outside_vecs : array-like of float, shape (V, d)
        The rows u_w.

    Returns
    -------
    (loss, grad_center_vec, grad_outside_vecs) : (float, (d,) array, (V, d) array)
        As naive_softmax_loss_and_grad returns, so the same check_gradient applies.

    >>> loss, grad_c, grad_o = neg_sampling_loss_and_grad([0.0, 0.0], 0, [1, 2], np.zeros((3, 2)))
    >>> round(loss, 4)  # three terms, each -log sigma(0) = log 2
    2.0794
    """
    center_vec, outside_vecs = as_one_pair(center_vec, outside_vecs)
    check_id(outside_id, len(outside_vecs), "outside_id")
    negative_ids = np.asarray(negative_ids)
    if negative_ids.ndim != 1:
        raise ValueError(f"negative_ids must be a (K,) list of ids, got shape {negative_ids.shape}")
    for k in negative_ids.tolist():
        check_id(k, len(outside_vecs), "negative id")

    # the observed word o: -log sigma(s_o) = log(1 + exp(-s_o)), written stably
    score = outside_vecs[outside_id] @ center_vec
    loss = np.logaddexp(0, -score)
    coef = expit(score) - 1  # sigma(s_o) - 1: predicted minus observed (label 1)
    grad_center_vec = coef * outside_vecs[outside_id]
    grad_outside_vecs = np.zeros_like(outside_vecs)
    grad_outside_vecs[outside_id] += coef * center_vec
    # each noise word n_k: -log sigma(-s_k) = log(1 + exp(s_k))
    for k in negative_ids.tolist():
        if k == outside_id:  # skipped, as in word2vec.c and gensim
            continue
        score = outside_vecs[k] @ center_vec
        loss += np.logaddexp(0, score)
        coef = expit(score)  # sigma(s_k) - 0: predicted minus observed (label 0)
        grad_center_vec += coef * outside_vecs[k]
        grad_outside_vecs[k] += coef * center_vec
    return float(loss), grad_center_vec, grad_outside_vecs


def _targets_labels_mask(outsides, negatives):
    """Each pair's K + 1 scored words, their labels and the mask of counted terms.

    outsides : (B,) ids o;  negatives : (B, K) ids n_k.  Returns targets (B, K+1) =
    [o, n_1..n_K], labels (B, K+1) float32 (1 for o, 0 for a negative) and mask (B, K+1)
    float32 (0 for a negative equal to o, which is skipped; 1 elsewhere).
    """
    targets = np.concatenate([outsides[:, None], negatives], axis=1)
    labels = np.zeros(targets.shape, np.float32)
    labels[:, 0] = 1
    mask = np.ones(targets.shape, np.float32)
    mask[:, 1:] = negatives != outsides[:, None]
    return targets, labels, mask


def _loss_and_coef(vc, ut, labels, mask):
    """The core of SGNS for B pairs at once: the summed loss and d loss / d score.

    vc : (B, d) v_c;  ut : (B, K+1, d) the rows u_t of the targets;  labels, mask : (B, K+1).
    With s = u_t . v_c, each counted term costs -log sigma(s) (label 1) or -log sigma(-s)
    (label 0), and coef = sigma(s) - label. Both use sign = 1 - 2 label (-1 or +1):
    the cost is log(1 + exp(sign s)) and coef = sign sigma(sign s), which equals
    sigma(s) - label (since sigma(s) - 1 = -sigma(-s)) without the cancellation of
    1 - sigma(s) in float32 when s is large.
    Returns (summed loss, coef (B, K+1)), 0 where mask is 0.
    """
    scores = np.einsum("bd,bkd->bk", vc, ut)
    sign = 1 - 2 * labels
    z = scores * sign
    loss = np.vdot(np.logaddexp(0, z), mask)
    return float(loss), expit(z) * sign * mask


def sgns_loss_and_grad(center_vecs, outside_vecs, pairs, negatives):
    """Mean SGNS loss over N pairs, and its gradient with respect to both matrices.

    Parameters
    ----------
    center_vecs, outside_vecs : array-like of float, shape (V, d)
        The rows v_w and u_w.
    pairs : array-like of int, shape (N, 2)
        The (c, o) ids, each in 0..V-1.
    negatives : array-like of int, shape (N, K)
        Pair i's noise words, each in 0..V-1 (one equal to o is skipped).

    Returns
    -------
    (loss, (grad_center_vecs, grad_outside_vecs)) : (float, ((V, d), (V, d)) arrays)
        The means over the pairs of neg_sampling_loss_and_grad's losses and gradients,
        computed for the batch at once with labels and a mask (see _loss_and_coef).
    """
    center_vecs, outside_vecs = np.asarray(center_vecs, float), np.asarray(outside_vecs, float)
    pairs, negatives = np.asarray(pairs), np.asarray(negatives)
    vocab_size = len(outside_vecs)
    shape_ok = pairs.ndim == 2 and pairs.shape[1] == 2 and negatives.ndim == 2
    if not shape_ok or len(negatives) != len(pairs):
        raise ValueError(
            f"need pairs (N, 2) and negatives (N, K), got {pairs.shape} and {negatives.shape}"
        )
    for name, ids, size in (("center", pairs[:, 0], len(center_vecs)),
                            ("outside", pairs[:, 1], vocab_size),
                            ("negative", negatives, vocab_size)):
        check_ids(name, ids, size)
    n = len(pairs)
    targets, labels, mask = _targets_labels_mask(pairs[:, 1], negatives)
    vc, ut = center_vecs[pairs[:, 0]], outside_vecs[targets]
    loss, coef = _loss_and_coef(vc, ut, labels, mask)
    grad_center_vecs = _scatter_rows(np.zeros_like(center_vecs), pairs[:, 0],
                                    np.einsum("bk,bkd->bd", coef, ut))
    grad_outside_vecs = _scatter_rows(np.zeros_like(outside_vecs), targets, vc, coef)
    return loss / n, (grad_center_vecs / n, grad_outside_vecs / n)


def sgns_step(center_vecs, outside_vecs, centers, outsides, negatives, lr):
    """One SGD update on a batch of B pairs, in place; returns the batch's summed loss.

    Parameters
    ----------
    center_vecs, outside_vecs : numpy.ndarray of float, shape (V, d)
        v_w and u_w, updated in place (float32 or float64 arrays, not lists).
    centers, outsides : array-like of int, shape (B,)
        The (c, o) ids of the B pairs, each in 0..V-1.
    negatives : array-like of int, shape (B, K)
        Each pair's noise words, each in 0..V-1 (one equal to o is skipped).
    lr : float >= 0
        Step size: every row moves by -lr times its summed gradient (0 changes nothing).

    Returns
    -------
    float
        The summed loss of the B pairs before the update (B times sgns_loss_and_grad's).

    Only the rows of the B centers and of the B (K + 1) outside and noise words are read
    and written: the cost is about 4 B (K + 1) d multiply-adds whatever V is (the full
    softmax needs about 4 B V d). Pairs in a batch do not see each other's updates.
    """
    for name, vecs in (("center_vecs", center_vecs), ("outside_vecs", outside_vecs)):
        if not (isinstance(vecs, np.ndarray) and vecs.ndim == 2
                and np.issubdtype(vecs.dtype, np.floating)):
            raise TypeError(f"{name} must be a (V, d) float numpy array (updated in place), "
                            f"got {type(vecs).__name__}")
    check_positive("lr", lr, allow_zero=True)
    centers, outsides, negatives = np.asarray(centers), np.asarray(outsides), np.asarray(negatives)
    if centers.ndim != 1 or outsides.shape != centers.shape or negatives.ndim != 2 \
            or len(negatives) != len(centers):
        raise ValueError(f"need centers (B,), outsides (B,) and negatives (B, K), got "
                         f"{centers.shape}, {outsides.shape} and {negatives.shape}")
    for name, ids, size in (("center", centers, len(center_vecs)),
                            ("outside", outsides, len(outside_vecs)),
                            ("negative", negatives, len(outside_vecs))):
        check_ids(name, ids, size)
    targets, labels, mask = _targets_labels_mask(outsides, negatives)
    return _update(center_vecs, outside_vecs, centers, targets, labels, mask, lr)


def _update(center_vecs, outside_vecs, centers, targets, labels, mask, lr):
    """sgns_step on prepared, trusted targets, labels and mask (see _targets_labels_mask)."""
    vc, ut = np.take(center_vecs, centers, axis=0), np.take(outside_vecs, targets, axis=0)
    loss, coef = _loss_and_coef(vc, ut, labels, mask)
    coef *= -lr
    _scatter_rows(center_vecs, centers, np.einsum("bk,bkd->bd", coef, ut))
    _scatter_rows(outside_vecs, targets, vc, coef)
    return loss
