"""CBOW training recorded one update at a time: ``Recording``'s sibling for the step-through.

The same batches (the examples in order, epoch after epoch), the same update rule
theta <- theta - lr * (the batch's mean gradient) and the same divergence rule
(``optim._check_progress``) as ``Recording``; the loss is ``cbow_softmax`` (full softmax).

For one example (C, c) and one context word j, the step on v_j is
    -lr * (1/|C|) (E[u] - u_c) = (lr / |C|) u_c  -  (lr / |C|) E[u]
a pull toward the target's u_c and a push away from E[u] = sum_w P(w | C) u_w.
"""

from dataclasses import dataclass

import numpy as np

from .cbow_softmax import _as_examples, _loss_and_grad
from .checks import as_params, check_int
from .optim import BLOWUP, _check_blowup, _check_progress
from .recording import Recording, _ChangedRows


@dataclass(frozen=True, eq=False)
class CBOWStep(_ChangedRows):
    """One recorded CBOW update, as ``CBOWRecording.step`` returns it.

    Attributes
    ----------
    number, epoch, batch_number : int
        The update's number k (from 1), its epoch (from 1) and batch within the epoch.
    lr : float
        The learning rate it used.
    center_vecs, outside_vecs : ndarray of shape (V, d)
        v_w (input) and u_w (output) before the update.
    example_indices : ndarray of shape (B,)
        Positions of the batch's examples in the example list (0-based).
    examples : list of B (context ids tuple, center id)
        The batch's examples.
    hidden : ndarray of shape (B, d)
        h of each example before the update (the mean of its context's v).
    probs : ndarray of shape (B, V)
        P(. | C) of each example before the update.
    grad_center_vecs, grad_outside_vecs : ndarray of shape (V, d)
        The batch's mean gradient.
    loss, loss_after : float
        The batch's mean -log P(c | C) before and after the update.
    full_loss : float
        J over all examples before the update.
    """

    number: int
    epoch: int
    batch_number: int
    lr: float
    center_vecs: np.ndarray
    outside_vecs: np.ndarray
    example_indices: np.ndarray
    examples: list
    hidden: np.ndarray
    probs: np.ndarray
    grad_center_vecs: np.ndarray
    grad_outside_vecs: np.ndarray
    loss: float
    loss_after: float
    full_loss: float

    def arrows(self):
        """The step on v_j for the first example's first context word j, split in two.

        Returns (j, origin (d,), pull (d,), push (d,)): origin is v_j before the update;
        over the batch's examples e, with n_e occurrences of j in C_e,
        pull = sum_e lr n_e / (B |C_e|) u_{c_e} and push = -sum_e lr n_e / (B |C_e|) E_e[u].
        pull + push = -lr * grad_center_vecs[j], the whole step on v_j.
        """
        j = int(self.examples[0][0][0])
        share = np.array([self.lr * list(context).count(j) / (len(self.examples) * len(context))
                          for context, _ in self.examples])  # (B,) lr n_e / (B |C_e|)
        targets = [center for _, center in self.examples]
        pull = share @ self.outside_vecs[targets]
        push = -share @ (self.probs @ self.outside_vecs)
        return j, self.center_vecs[j].copy(), pull, push


class CBOWRecording(Recording):
    """Full-softmax CBOW by mini-batch gradient descent, one update at a time, all kept.

    Parameters
    ----------
    center_vecs, outside_vecs : array_like of shape (V, d)
        The start, v_w (input) and u_w (output); copied, ``reset`` returns to it.
    examples : list of (context ids, center id), length N >= 1
        E.g. ``cbow_examples(ids, window)``; used in order, epoch after epoch.
    lr : float
        Learning rate, > 0.
    batch_size : int
        Examples per update, 1 <= B <= N (ValueError outside, naming B).
    blowup : float, default 10.0
        ``Recording``'s divergence rule: ``step`` raises FloatingPointError once J over all
        examples would be inf/NaN or above ``blowup`` times J at the start.

    ``steps[k - 1]`` is update k (a ``CBOWStep``), ``loss`` J over all examples now;
    ``step`` and ``reset`` are ``Recording``'s.

    >>> import numpy as np
    >>> rec = CBOWRecording(np.zeros((2, 1)), np.ones((2, 1)), [((1,), 0), ((0,), 1)],
    ...                     lr=0.5, batch_size=1)
    >>> step = rec.step(2)
    >>> step.number, step.epoch, step.batch_number, round(rec.loss, 4)
    (2, 1, 2, 0.6931)
    """

    def __init__(self, center_vecs, outside_vecs, examples, *, lr, batch_size, blowup=BLOWUP):
        start_c, start_o = as_params(center_vecs, outside_vecs)
        _check_blowup(blowup)
        self._weights, self._targets = _as_examples(examples, len(start_c))
        self.examples = [(tuple(int(j) for j in c), int(t)) for c, t in examples]
        self._n_items = len(self.examples)
        self.start = (start_c, start_o)
        self.start_loss = self._full(*self.start)[0]
        self.blowup = blowup
        self.reset(lr=lr, batch_size=batch_size)

    def reset(self, *, lr=None, batch_size=None):
        """Forget every update and go back to the start, optionally with a new lr / B.

        Parameters
        ----------
        lr : float, optional
            A new learning rate (> 0); default: keep the current one.
        batch_size : int, optional
            A new batch size, 1 <= B <= N; default: keep the current one.
        """
        size = self.batch_size if batch_size is None else batch_size
        check_int("batch_size", size, 1, self._n_items)
        super().reset(lr=lr, batch_size=batch_size)

    def _full(self, center_vecs, outside_vecs, idx=slice(None)):
        with np.errstate(over="ignore", invalid="ignore", divide="ignore"):  # checked later
            return _loss_and_grad(center_vecs, outside_vecs, self._weights[idx],
                                  self._targets[idx])

    def _next(self):
        k = len(self.steps)
        idx = self._batches[k % self.updates_per_epoch]
        c_vecs, o_vecs = self.center_vecs, self.outside_vecs
        loss, (grad_c, grad_o), hidden, probs = self._full(c_vecs, o_vecs, idx)
        new_c, new_o = c_vecs - self.lr * grad_c, o_vecs - self.lr * grad_o
        loss_now = self._full(new_c, new_o)[0]
        _check_progress(loss_now, self.loss, self.start_loss, update=k + 1, lr=self.lr,
                        blowup=self.blowup)
        step = CBOWStep(
            number=k + 1, epoch=k // self.updates_per_epoch + 1,
            batch_number=k % self.updates_per_epoch + 1, lr=self.lr,
            center_vecs=c_vecs, outside_vecs=o_vecs, example_indices=idx,
            examples=[self.examples[i] for i in idx], hidden=hidden, probs=probs,
            grad_center_vecs=grad_c, grad_outside_vecs=grad_o, loss=loss,
            loss_after=self._full(new_c, new_o, idx)[0], full_loss=self.loss,
        )
        self.center_vecs, self.outside_vecs, self.loss = new_c, new_o, loss_now
        return step
