"""The SGNS loss and its gradients: one pair written out, a batch of pairs, one SGD step.

See w2v_lib.sgns for the formula and what it means.
"""

import numpy as np
from scipy.special import expit

from .scatter import scatter_rows


def neg_sampling_loss_and_grad(center_vec, outside_id, negative_ids, outside_vecs):
    """Loss and gradients for one (center, outside) pair and its K negatives.

    center_vec   : (d,) v_c
    outside_id   : int, the observed outside word o
    negative_ids : (K,) ints, the sampled noise words n_k (any equal to o are skipped)
    outside_vecs : (V, d) rows u_w
    Returns (loss, grad_center_vec (d,), grad_outside_vecs (V, d)), as
    naive_softmax_loss_and_grad does, so the same gradient check applies.
    """
    center_vec, outside_vecs = np.asarray(center_vec, float), np.asarray(outside_vecs, float)
    negative_ids = np.asarray(negative_ids)
    if negative_ids.ndim != 1:
        raise ValueError(f"negative_ids must be a (K,) list of ids, got shape {negative_ids.shape}")
    if negative_ids.size == 0:  # K = 0 is allowed: only the true pair is scored
        negative_ids = negative_ids.astype(np.int64)
    loss, (grad_c, grad_o) = sgns_loss_and_grad(
        center_vec[None, :], outside_vecs, np.array([[0, outside_id]]), negative_ids[None, :]
    )
    return loss, grad_c[0], grad_o


def targets_and_signs(outsides, negatives):
    """Each pair's K + 1 scored words and the sign of each term.

    outsides : (B,) ids o;  negatives : (B, K) ids n_k.  Returns targets (B, K+1) = [o, n_1..n_K]
    and signs (B, K+1) float32: -1 for o, +1 for a negative, 0 for a negative equal to o
    (skipped). The loss is then sum of log(1 + exp(sign * u_t . v_c)) over the nonzero signs.
    """
    targets = np.concatenate([outsides[:, None], negatives], axis=1)
    signs = np.ones(targets.shape, np.float32)
    signs[:, 0] = -1
    signs[:, 1:] *= negatives != outsides[:, None]
    return targets, signs


def _loss_and_coef(vc, ut, signs):
    """The core of SGNS for B pairs at once.

    vc : (B, d) v_c;  ut : (B, K+1, d) the rows u_t of the targets;  signs : (B, K+1)
    Returns (summed loss, coef (B, K+1)) with coef = d loss / d (u_t . v_c):
    sigma(s_o) - 1 for o, sigma(s_k) for a negative, 0 for a skipped one.
    """
    z = np.einsum("bd,bkd->bk", vc, ut) * signs
    loss = np.vdot(np.logaddexp(0, z), signs * signs)  # signs**2 masks skipped terms
    return float(loss), expit(z) * signs


def sgns_loss_and_grad(center_vecs, outside_vecs, pairs, negatives):
    """Mean SGNS loss over N pairs, and its gradient with respect to both matrices.

    center_vecs, outside_vecs : (V, d);  pairs : (N, 2) ids (c, o);  negatives : (N, K) ids
    Returns (loss, (grad_center_vecs (V, d), grad_outside_vecs (V, d))): the mean of the
    per-pair losses and gradients of neg_sampling_loss_and_grad.
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
        if not np.issubdtype(ids.dtype, np.integer):
            raise TypeError(f"{name} ids must be integers, got dtype {ids.dtype}")
        bad = (ids < 0) | (ids >= size)
        if bad.any():
            raise ValueError(f"{name} id {ids[bad][0]} is out of range for {size} words")
    n = len(pairs)
    targets, signs = targets_and_signs(pairs[:, 1], negatives)
    vc, ut = center_vecs[pairs[:, 0]], outside_vecs[targets]
    loss, coef = _loss_and_coef(vc, ut, signs)
    grad_center_vecs = scatter_rows(np.zeros_like(center_vecs), pairs[:, 0],
                                    np.einsum("bk,bkd->bd", coef, ut))
    grad_outside_vecs = scatter_rows(np.zeros_like(outside_vecs), targets, vc, coef)
    return loss / n, (grad_center_vecs / n, grad_outside_vecs / n)


def sgns_step(center_vecs, outside_vecs, centers, outsides, negatives, lr):
    """One SGD update on a batch of B pairs, in place; returns the batch's summed loss.

    center_vecs, outside_vecs : (V, d), updated in place;  centers, outsides : (B,) ids;
    negatives : (B, K) ids;  lr : step size. Only the rows of the B centers and of the
    B (K + 1) outside and noise words are read and written: the cost is about 4 B (K + 1) d
    multiply-adds whatever V is (the full softmax needs about 4 B V d).
    """
    targets, signs = targets_and_signs(np.asarray(outsides), np.asarray(negatives))
    return _update(center_vecs, outside_vecs, np.asarray(centers), targets, signs, lr)


def _update(center_vecs, outside_vecs, centers, targets, signs, lr):
    """sgns_step on prepared targets and signs (see targets_and_signs)."""
    vc, ut = np.take(center_vecs, centers, axis=0), np.take(outside_vecs, targets, axis=0)
    loss, coef = _loss_and_coef(vc, ut, signs)
    coef *= -lr
    scatter_rows(center_vecs, centers, np.einsum("bk,bkd->bd", coef, ut))
    scatter_rows(outside_vecs, targets, vc, coef)
    return loss
