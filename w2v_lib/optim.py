"""Updates: how pairs are grouped into (mini-)batches, and gradient descent over them.

An epoch uses every pair once. With N pairs and batch size B there are ceil(N / B)
updates per epoch: B = 1 is SGD (N updates), B = N is full-batch descent (1 update).
"""

import math
from dataclasses import dataclass, field

import numpy as np

from .checks import as_params, check_int, check_positive
from .loss import as_pairs, nll_loss, nll_loss_and_grad


def updates_per_epoch(n_items, batch_size):
    """ceil(n_items / batch_size): 18 pairs give 18 updates for SGD, 5 for B = 4."""
    check_int("batch_size", batch_size)
    check_int("n_items", n_items, minimum=0)
    return math.ceil(n_items / batch_size)


def minibatches(items, batch_size, *, shuffle=False, rng=None):
    """Split items into consecutive batches of ``batch_size`` (the last may be short).

    items : list or array of N items.  Returns a list of ceil(N / B) batches (lists for a
    list, arrays for an array). With shuffle=True, items are first put in a random order
    drawn from ``rng`` (a numpy Generator), so the same seed gives the same batches.
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


@dataclass
class TrainResult:
    """What train() returns.

    center_vecs, outside_vecs : (V, d) the trained v_w and u_w
    update_losses : one float per update, the batch's mean loss before that update
    epoch_losses  : one float per epoch, J over all pairs after that epoch
    """

    center_vecs: np.ndarray
    outside_vecs: np.ndarray
    update_losses: list = field(default_factory=list)
    epoch_losses: list = field(default_factory=list)


def train(center_vecs, outside_vecs, pairs, *, lr, batch_size, epochs=1, shuffle=False, rng=None):
    """Mini-batch gradient descent on the naive-softmax loss; the inputs are not modified.

    center_vecs, outside_vecs : (V, d) starting v_w, u_w;  pairs : (N, 2) ids (c, o)
    Each update: theta <- theta - lr * (mean of the batch's per-pair gradients).
    Returns TrainResult with ceil(N / B) * epochs update losses.
    """
    center_vecs, outside_vecs = as_params(center_vecs, outside_vecs)  # private copies
    pairs = as_pairs(pairs, len(center_vecs))
    check_positive("lr", lr)
    check_int("epochs", epochs)
    result = TrainResult(center_vecs, outside_vecs)
    with np.errstate(over="ignore", invalid="ignore"):  # divergence is reported below
        for _ in range(epochs):
            for batch in minibatches(pairs, batch_size, shuffle=shuffle, rng=rng):
                loss, (grad_c, grad_o) = nll_loss_and_grad(center_vecs, outside_vecs, batch)
                center_vecs -= lr * grad_c
                outside_vecs -= lr * grad_o
                if not (np.isfinite(loss) and np.isfinite(center_vecs).all()
                        and np.isfinite(outside_vecs).all()):
                    raise FloatingPointError(
                        f"training diverged (loss or vectors became inf/NaN): lr={lr} is too large"
                    )
                result.update_losses.append(loss)
            result.epoch_losses.append(nll_loss(center_vecs, outside_vecs, pairs))
    return result
