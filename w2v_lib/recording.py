"""Training recorded one update at a time, so it can be stepped through and replayed.

``Recording`` runs the same mini-batch gradient descent as ``train`` (same batches, the
same update rule ``optim.sgd_step``, the same divergence rule) but keeps every update:
the vectors before it, its batch, P(. | c) for each of its pairs, the gradients and the
loss. The view that draws it is ``teach.stepper``.

For one pair (c, o) the step on v_c is
    -lr * (-u_o + sum_w P(w | c) u_w) = lr * u_o  -  lr * E[u]
a pull toward u_o and a push away from the expected vector E[u] = sum_w P(w | c) u_w.
"""

from dataclasses import dataclass

import numpy as np

from .checks import as_pairs, as_params, check_int, check_positive
from .loss import nll_loss
from .optim import BLOWUP, _check_blowup, _check_progress, minibatches, sgd_step, updates_per_epoch
from .softmax import outside_probs


class _ChangedRows:
    """What an update changed, read from its gradients (for Step and CBOWStep)."""

    def changed_center_rows(self):
        """Rows of center_vecs this update changes (sorted ids): the batch's centers for
        skip-gram, the batch's context words for CBOW."""
        return sorted(int(i) for i in np.flatnonzero(np.any(self.grad_center_vecs != 0, axis=1)))

    def changed_outside_rows(self):
        """Rows of outside_vecs this update changes: every word with P(w | .) > 0."""
        return sorted(int(i) for i in np.flatnonzero(np.any(self.grad_outside_vecs != 0, axis=1)))


@dataclass(frozen=True, eq=False)
class Step(_ChangedRows):
    """One recorded update, as ``Recording.step`` returns it (made by Recording only).

    Attributes
    ----------
    number : int
        The update's number k, counted from 1.
    epoch, batch_number : int
        Its epoch (from 1) and its batch within the epoch (from 1).
    lr : float
        The learning rate it used.
    center_vecs, outside_vecs : ndarray of shape (V, d)
        v_w and u_w before the update.
    pair_indices : ndarray of shape (B,)
        Positions of the batch's pairs in the pair list (0-based).
    batch : ndarray of shape (B, 2)
        The batch's pairs (c, o).
    probs : ndarray of shape (B, V)
        P(. | c_i) before the update, one row per pair.
    grad_center_vecs, grad_outside_vecs : ndarray of shape (V, d)
        The batch's mean gradient.
    loss, loss_after : float
        The batch's mean -log P(o | c) before and after the update.
    full_loss : float
        J over all N pairs before the update.
    """

    number: int
    epoch: int
    batch_number: int
    lr: float
    center_vecs: np.ndarray
    outside_vecs: np.ndarray
    pair_indices: np.ndarray
    batch: np.ndarray
    probs: np.ndarray
    grad_center_vecs: np.ndarray
    grad_outside_vecs: np.ndarray
    loss: float
    loss_after: float
    full_loss: float

    def arrows(self):
        """The step on v_c for the first pair's center c, split in two.

        Returns (c, origin (d,), pull (d,), push (d,)): origin is v_c before the update,
        pull = (lr / B) * sum of u_o over the batch's pairs with center c (toward u_o),
        push = -(lr * n_c / B) * E[u] (away from the expected vector), n_c such pairs.
        pull + push = -lr * grad_center_vecs[c], the whole step on v_c; for B = 1 they are
        lr * u_o and -lr * E[u].
        """
        c = int(self.batch[0, 0])
        mine = self.batch[:, 0] == c
        n = len(self.batch)
        pull = self.lr / n * self.outside_vecs[self.batch[mine, 1]].sum(axis=0)
        push = -self.lr * mine.sum() / n * (self.probs[0] @ self.outside_vecs)
        return c, self.center_vecs[c].copy(), pull, push


class Recording:
    """Mini-batch gradient descent, one update at a time, every update kept.

    Parameters
    ----------
    center_vecs, outside_vecs : array_like of shape (V, d)
        The start (copied; ``reset`` returns to it).
    pairs : array_like of shape (N, 2)
        Ids (c, o) in [0, V), used in order, epoch after epoch (as ``train`` does).
    lr : float
        Learning rate, > 0.
    batch_size : int
        Pairs per update, >= 1.
    blowup : float, default 10.0
        The divergence rule shared with ``train``: ``step`` raises FloatingPointError once
        J over all pairs would be inf/NaN or above ``blowup`` times J at the start.

    After k updates, ``center_vecs`` / ``outside_vecs`` equal what ``train`` returns after
    the same k updates; ``steps[k - 1]`` is update k and ``loss`` is J over all pairs now.

    >>> import numpy as np
    >>> rec = Recording(np.zeros((2, 1)), np.ones((2, 1)), [[0, 1], [1, 0]], lr=0.5, batch_size=1)
    >>> step = rec.step(2)
    >>> step.number, step.epoch, step.batch_number, round(rec.loss, 4)
    (2, 1, 2, 0.6931)
    """

    def __init__(self, center_vecs, outside_vecs, pairs, *, lr, batch_size, blowup=BLOWUP):
        start_c, start_o = as_params(center_vecs, outside_vecs)
        _check_blowup(blowup)
        self.pairs = as_pairs(pairs, len(start_c))
        self._n_items = len(self.pairs)  # what an epoch goes through (CBOWRecording: examples)
        self.start = (start_c, start_o)
        self.start_loss = nll_loss(start_c, start_o, self.pairs)
        self.blowup = blowup
        self.reset(lr=lr, batch_size=batch_size)

    def reset(self, *, lr=None, batch_size=None):
        """Forget every update and go back to the start, optionally with a new lr / B.

        Parameters
        ----------
        lr : float, optional
            A new learning rate (> 0); default: keep the current one.
        batch_size : int, optional
            A new batch size (>= 1); default: keep the current one.
        """
        lr = self.lr if lr is None else lr
        batch_size = self.batch_size if batch_size is None else batch_size
        check_positive("lr", lr)
        self.updates_per_epoch = updates_per_epoch(self._n_items, batch_size)  # checks B
        self.lr, self.batch_size = float(lr), int(batch_size)
        self._batches = minibatches(np.arange(self._n_items), self.batch_size)
        self.center_vecs, self.outside_vecs = self.start[0].copy(), self.start[1].copy()
        self.loss = self.start_loss
        self.steps = []

    def step(self, n=1):
        """Take and record ``n`` updates; returns the last Step.

        Parameters
        ----------
        n : int, default 1
            Updates to take, >= 1.

        Raises FloatingPointError, keeping the updates taken before, if an update would
        make J over all pairs inf/NaN or larger than ``blowup`` times J at the start.
        """
        check_int("n", n)
        for _ in range(n):
            self.steps.append(self._next())
        return self.steps[-1]

    def _next(self):
        k = len(self.steps)
        idx = self._batches[k % self.updates_per_epoch]
        batch = self.pairs[idx]
        c_vecs, o_vecs = self.center_vecs, self.outside_vecs
        loss, (grad_c, grad_o), (new_c, new_o) = sgd_step(c_vecs, o_vecs, batch, self.lr)
        with np.errstate(over="ignore", invalid="ignore"):  # checked just below
            loss_now = nll_loss(new_c, new_o, self.pairs)
        _check_progress(loss_now, self.loss, self.start_loss, update=k + 1, lr=self.lr,
                        blowup=self.blowup)
        step = Step(
            number=k + 1, epoch=k // self.updates_per_epoch + 1,
            batch_number=k % self.updates_per_epoch + 1, lr=self.lr,
            center_vecs=c_vecs, outside_vecs=o_vecs, pair_indices=idx, batch=batch,
            probs=np.array([outside_probs(c_vecs, o_vecs, int(c)) for c in batch[:, 0]]),
            grad_center_vecs=grad_c, grad_outside_vecs=grad_o, loss=loss,
            loss_after=nll_loss(new_c, new_o, batch), full_loss=self.loss,
        )
        self.center_vecs, self.outside_vecs, self.loss = new_c, new_o, loss_now
        return step
