"""Updates: how pairs are grouped into (mini-)batches, and gradient descent over them.

An epoch uses every pair once. With N pairs and batch size B there are ceil(N / B)
updates per epoch: B = 1 is SGD (N updates), B = N is full-batch descent (1 update).
"""

import math
from dataclasses import dataclass, field

import numpy as np

from .checks import as_pairs, as_params, check_int, check_positive
from .loss import nll_loss, nll_loss_and_grad


def updates_per_epoch(n_items, batch_size):
    """ceil(n_items / batch_size): the updates in one epoch.

    Parameters
    ----------
    n_items : int
        N, the pairs in an epoch, >= 0.
    batch_size : int
        B, pairs per update, >= 1 (TypeError for a non-integer, ValueError below 1).

    Returns
    -------
    int >= 0
        ceil(N / B), the number of batches minibatches(items, B) gives for N items.

    >>> updates_per_epoch(18, 1), updates_per_epoch(18, 4), updates_per_epoch(18, 18)
    (18, 5, 1)
    """
    check_int("batch_size", batch_size)
    check_int("n_items", n_items, minimum=0)
    return math.ceil(n_items / batch_size)


def minibatches(items, batch_size, *, shuffle=False, rng=None):
    """Split items into consecutive batches of ``batch_size`` (the last may be short).

    Parameters
    ----------
    items : list or ndarray
        N items (an array is split along its first axis).
    batch_size : int
        B >= 1.
    shuffle : bool, default False
        Put the items in a random order first, drawn from ``rng``.
    rng : numpy.random.Generator, optional
        Needed when ``shuffle`` (ValueError without); the same seed, the same batches.

    Returns
    -------
    list of ceil(N / B) batches
        Lists for a list, arrays of shape (<= B, ...) for an array.

    >>> [len(b) for b in minibatches(list(range(18)), 4)]
    [4, 4, 4, 4, 2]
    """
    check_int("batch_size", batch_size)
    order = np.arange(len(items))
    if shuffle:
        if not isinstance(rng, np.random.Generator):
            raise ValueError(f"shuffle=True needs rng=np.random.default_rng(seed), got rng={rng!r}")
        order = rng.permutation(len(items))
    chunks = [order[i : i + batch_size] for i in range(0, len(items), batch_size)]
    if isinstance(items, np.ndarray):
        return [items[chunk] for chunk in chunks]
    return [[items[i] for i in chunk] for chunk in chunks]


BLOWUP = 10.0  # training has diverged once J is above this many times J at the start


def sgd_step(center_vecs, outside_vecs, batch, lr):
    """One gradient-descent update on one batch: theta <- theta - lr * gradient.

    The one update rule of ``train`` and ``Recording``; the inputs are not modified.

    Parameters
    ----------
    center_vecs, outside_vecs : ndarray of shape (V, d)
        v_w and u_w before the update.
    batch : ndarray of shape (B, 2)
        The batch's pairs (c, o), ids in [0, V).
    lr : float
        The learning rate, > 0 (checked by the callers, once).

    Returns
    -------
    (loss, (grad_center_vecs, grad_outside_vecs), (new_center_vecs, new_outside_vecs))
        loss: the batch's mean -log P(o | c) before the update; the (V, d) mean gradients;
        the (V, d) vectors after the update. May hold inf/NaN: ``_check_progress`` says so.

    >>> import numpy as np
    >>> batch = np.array([[0, 1]])
    >>> loss, (g_c, g_o), (c, o) = sgd_step(np.zeros((2, 1)), np.ones((2, 1)), batch, 0.5)
    >>> round(loss, 4), c.ravel().tolist()     # log 2; v_0 moves by lr * (u_1 - E[u]) = 0
    (0.6931, [0.0, 0.0])
    """
    with np.errstate(over="ignore", invalid="ignore"):  # _check_progress reports inf/NaN
        loss, (grad_c, grad_o) = nll_loss_and_grad(center_vecs, outside_vecs, batch)
        new_c = center_vecs - lr * grad_c
        new_o = outside_vecs - lr * grad_o
    return loss, (grad_c, grad_o), (new_c, new_o)


def _check_progress(loss_now, loss_before, start_loss, *, update, lr, blowup=BLOWUP):
    """The divergence rule of ``train`` and ``Recording``, in one place.

    Training has diverged when J over all pairs after an update is not finite (the
    vectors overflowed) or is above ``blowup`` times J at the start: by then the steps
    overshoot and the numbers only grow toward inf.

    Parameters
    ----------
    loss_now : float
        J over all pairs after the update.
    loss_before : float
        J over all pairs before it (for the message).
    start_loss : float
        J over all pairs at the start of training.
    update : int
        The update's number, counted from 1 (for the message).
    lr : float
        The learning rate (for the message).
    blowup : float, default 10.0
        > 0; ``math.inf`` stops only at inf/NaN.

    Raises FloatingPointError naming the update, the two values of J and lr.
    """
    if not (np.isfinite(loss_now) and loss_now <= blowup * start_loss):
        raise FloatingPointError(
            f"training diverged at update {update}: J would go from {loss_before:.4g} to "
            f"{loss_now:.4g} (the limit is {blowup:g} × J at the start): lr={lr:g} is too "
            "large, the steps overshoot; lower lr"
        )


def _check_blowup(blowup):
    """Raise ValueError unless ``blowup`` is a number > 0 (``math.inf`` allowed)."""
    ok = isinstance(blowup, (int, float, np.integer, np.floating)) and not isinstance(
        blowup, (bool, np.bool_)) and blowup > 0
    if not ok:
        raise ValueError(f"blowup must be a number > 0 (math.inf: no limit), got {blowup!r}")


@dataclass
class TrainResult:
    """What ``train`` returns.

    Attributes
    ----------
    center_vecs, outside_vecs : ndarray of shape (V, d)
        The trained v_w and u_w.
    update_losses : list of float
        One per update: the batch's mean loss before that update.
    epoch_losses : list of float
        One per epoch: J over all pairs after that epoch.
    """

    center_vecs: np.ndarray
    outside_vecs: np.ndarray
    update_losses: list = field(default_factory=list)
    epoch_losses: list = field(default_factory=list)


def train(center_vecs, outside_vecs, pairs, *, lr, batch_size, epochs=1, shuffle=False, rng=None,
          blowup=BLOWUP):
    """Mini-batch gradient descent on the naive-softmax loss; the inputs are not modified.

    Parameters
    ----------
    center_vecs, outside_vecs : array_like of shape (V, d)
        The starting v_w and u_w.
    pairs : array_like of shape (N, 2)
        Ids (c, o) in [0, V), used in this order every epoch unless ``shuffle``.
    lr : float
        Learning rate, > 0. Each update is ``sgd_step``: theta <- theta - lr * (mean of
        the batch's per-pair gradients).
    batch_size : int
        Pairs per update, >= 1: ceil(N / B) updates per epoch.
    epochs : int, default 1
        Passes over the pairs, >= 1.
    shuffle : bool, default False
        Put the pairs in a new random order (drawn from ``rng``) every epoch.
    rng : numpy.random.Generator, optional
        Needed when ``shuffle``.
    blowup : float, default 10.0
        The divergence rule (``_check_progress``, shared with ``Recording``): stop with
        FloatingPointError when J over all pairs after an update is inf/NaN or above
        ``blowup`` times J at the start; ``math.inf`` stops only at inf/NaN. J is computed
        after every update, which suits the toy sizes the full softmax is meant for.

    Returns
    -------
    TrainResult
        The final vectors (V, d) and the loss history, with ceil(N / B) * epochs update
        losses.
    """
    center_vecs, outside_vecs = as_params(center_vecs, outside_vecs)
    pairs = as_pairs(pairs, len(center_vecs))
    check_positive("lr", lr)
    _check_blowup(blowup)
    check_int("epochs", epochs)
    start_loss = loss_now = nll_loss(center_vecs, outside_vecs, pairs)
    result = TrainResult(center_vecs, outside_vecs)
    for _ in range(epochs):
        for batch in minibatches(pairs, batch_size, shuffle=shuffle, rng=rng):
            loss, _, (center_vecs, outside_vecs) = sgd_step(center_vecs, outside_vecs, batch, lr)
            with np.errstate(over="ignore", invalid="ignore"):
                loss_before, loss_now = loss_now, nll_loss(center_vecs, outside_vecs, pairs)
            _check_progress(loss_now, loss_before, start_loss, update=len(result.update_losses) + 1,
                           lr=lr, blowup=blowup)
            result.update_losses.append(loss)
        result.epoch_losses.append(loss_now)
    result.center_vecs, result.outside_vecs = center_vecs, outside_vecs
    return result
