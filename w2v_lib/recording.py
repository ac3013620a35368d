"""Training recorded one update at a time, so it can be stepped through and replayed.

``Recording`` runs the same mini-batch gradient descent as ``train`` (same batches, same
arithmetic) but keeps every update: the vectors before it, its batch, P(. | c) for each of
its pairs, the gradients and the loss. The view that draws it is ``teach.stepper``.

For one pair (c, o) the step on v_c is
    -lr * (-u_o + sum_w P(w | c) u_w) = lr * u_o  -  lr * E[u]
a pull toward u_o and a push away from the expected vector E[u] = sum_w P(w | c) u_w.
"""

import math
from dataclasses import dataclass

import numpy as np

from .checks import as_params, check_int, check_positive
from .loss import as_pairs, nll_loss, nll_loss_and_grad
from .optim import minibatches, updates_per_epoch
from .softmax import outside_probs


@dataclass(frozen=True, eq=False)
class Step:
    """One recorded update (k = number, counted from 1).

    center_vecs, outside_vecs : (V, d) v_w and u_w before the update
    pair_indices : (B,) positions of the batch's pairs in the pair list (0-based)
    batch        : (B, 2) the batch's pairs (c, o)
    probs        : (B, V) P(. | c_i) before the update, one row per pair
    grad_center_vecs, grad_outside_vecs : (V, d) the batch's mean gradient
    loss, loss_after : the batch's mean -log P(o | c) before and after the update
    full_loss    : J over all N pairs before the update
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

    def changed_center_rows(self):
        """Rows of center_vecs this update changes: the batch's centers (sorted ids)."""
        return sorted(int(i) for i in np.flatnonzero(np.any(self.grad_center_vecs != 0, axis=1)))

    def changed_outside_rows(self):
        """Rows of outside_vecs this update changes: every word with P(w | c) > 0."""
        return sorted(int(i) for i in np.flatnonzero(np.any(self.grad_outside_vecs != 0, axis=1)))

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

    center_vecs, outside_vecs : (V, d) the start (copied; ``reset`` returns to it)
    pairs : (N, 2) ids (c, o), used in order, epoch after epoch (as ``train`` does)
    After k updates, ``center_vecs`` / ``outside_vecs`` equal what ``train`` returns after
    the same k updates; ``steps[k - 1]`` is update k and ``loss`` is J over all pairs now.
    Training counts as diverged (``step`` raises) once J exceeds ``blowup`` times J at the
    start: by then the steps overshoot and the numbers only grow toward inf.
    """

    def __init__(self, center_vecs, outside_vecs, pairs, *, lr, batch_size, blowup=10.0):
        start_c, start_o = as_params(center_vecs, outside_vecs)
        check_positive("blowup", blowup)
        self.pairs = as_pairs(pairs, len(start_c))
        self.start = (start_c, start_o)
        self.start_loss = nll_loss(start_c, start_o, self.pairs)
        self.max_loss = blowup * self.start_loss
        self.reset(lr=lr, batch_size=batch_size)

    def reset(self, *, lr=None, batch_size=None):
        """Forget every update and go back to the start, optionally with a new lr / B."""
        lr = self.lr if lr is None else lr
        batch_size = self.batch_size if batch_size is None else batch_size
        check_positive("lr", lr)
        self.updates_per_epoch = updates_per_epoch(len(self.pairs), batch_size)  # checks B
        self.lr, self.batch_size = float(lr), int(batch_size)
        self._batches = minibatches(np.arange(len(self.pairs)), self.batch_size)
        self.center_vecs, self.outside_vecs = self.start[0].copy(), self.start[1].copy()
        self.loss = self.start_loss
        self.steps = []

    def step(self, n=1):
        """Take and record ``n`` updates; returns the last Step.

        Raises FloatingPointError, recording nothing more, if an update would make the
        vectors or the loss inf/NaN or J larger than ``blowup`` times J at the start.
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
        with np.errstate(over="ignore", invalid="ignore"):  # checked just below
            loss, (grad_c, grad_o) = nll_loss_and_grad(c_vecs, o_vecs, batch)
            new_c, new_o = c_vecs.copy(), o_vecs.copy()
            new_c -= self.lr * grad_c  # exactly train()'s arithmetic
            new_o -= self.lr * grad_o
            finite = np.isfinite(loss) and np.isfinite(new_c).all() and np.isfinite(new_o).all()
            loss_now = nll_loss(new_c, new_o, self.pairs) if finite else math.inf
        if not (np.isfinite(loss_now) and loss_now <= self.max_loss):
            raise FloatingPointError(
                f"training diverged at update {k + 1}: J would go from {self.loss:.4g} to "
                f"{loss_now:.4g}: lr={self.lr:g} is too large, the steps overshoot; "
                "lower lr (that restarts) or press Reset"
            )
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
