"""GloVe (Pennington, Socher & Manning 2014): least squares on the log co-occurrence counts.

Over the nonzero entries X_ij of a co-occurrence matrix (window-weighted by 1 / distance):

    J = sum_{X_ij > 0} f(X_ij) (w_i . w~_j + b_i + b~_j - log X_ij)^2
    f(x) = (x / x_max)^alpha  if x < x_max  else 1          (x_max = 100, alpha = 3/4)

f lets rare pairs (noisy counts) and very frequent ones (the, of) weigh less. With
diff_ij = w_i . w~_j + b_i + b~_j - log X_ij and g_ij = 2 f(X_ij) diff_ij:

    dJ/dw_i = sum_j g_ij w~_j,   dJ/dw~_j = sum_i g_ij w_i,   dJ/db_i = sum_j g_ij,
    dJ/db~_j = sum_i g_ij

W and W~ play symmetric roles, so the word vectors are W + W~.
"""

import time

import numpy as np

from .checks import check_ids, check_int, check_positive
from .cooccur import cooccurrence_matrix
from .keyed import WordVectors
from .text import Vocab, build_vocab


def glove_weights(x, x_max=100.0, alpha=0.75):
    """f(x) = min(1, (x / x_max)^alpha) for an array of counts x > 0; same shape."""
    return np.minimum(1.0, (np.asarray(x, float) / x_max) ** alpha)


def glove_loss_and_grad(w, w_ctx, b, b_ctx, rows, cols, x, x_max=100.0, alpha=0.75):
    """The GloVe loss J over the entries x at (rows, cols), and its gradients.

    >>> loss, _ = glove_loss_and_grad(np.zeros((2, 1)), np.zeros((2, 1)), np.zeros(2),
    ...                               np.zeros(2), [0], [1], [np.e * 100])
    >>> round(loss, 4)  # f = 1 and diff = -log(100 e), so J = (log 100 + 1)^2
    31.4179

    Parameters
    ----------
    w, w_ctx : array-like of float, shape (V, d)
        Word vectors w_i and context vectors w~_j (the same shape).
    b, b_ctx : array-like of float, shape (V,)
        Biases b_i and b~_j.
    rows, cols : array-like of int, shape (N,)
        Ids i, j in [0, V) of the nonzero entries.
    x : array-like of float, shape (N,)
        The counts X_ij, each > 0 (GloVe sums over nonzero entries only).
    x_max : float > 0, default 100.0
        Counts at or above it get weight 1.
    alpha : float > 0, default 0.75
        The weighting's power.

    Returns
    -------
    loss : float >= 0
        J, the weighted sum (not the mean) over the N entries.
    (grad_w, grad_w_ctx, grad_b, grad_b_ctx) : tuple of ndarray
        dJ / dw and dJ / dw~ of shape (V, d), dJ / db and dJ / db~ of shape (V,).
    """
    w, w_ctx = np.asarray(w, float), np.asarray(w_ctx, float)
    b, b_ctx = np.asarray(b, float), np.asarray(b_ctx, float)
    if w.ndim != 2 or w.shape != w_ctx.shape:
        raise ValueError(f"w and w_ctx must both be (V, d), got {w.shape} and {w_ctx.shape}")
    if b.shape != (len(w),) or b_ctx.shape != (len(w),):
        raise ValueError(f"b and b_ctx must be ({len(w)},), got {b.shape} and {b_ctx.shape}")
    rows, cols, x = np.asarray(rows), np.asarray(cols), np.asarray(x, float)
    if rows.ndim != 1 or rows.shape != cols.shape or rows.shape != x.shape:
        raise ValueError(f"rows, cols and x must be (N,) alike, got {rows.shape}, "
                         f"{cols.shape} and {x.shape}")
    rows, cols = check_ids("rows", rows, len(w)), check_ids("cols", cols, len(w))
    if np.any(~(x > 0)):
        raise ValueError(f"x must hold counts > 0 (GloVe sums over nonzero entries), got "
                         f"{x[~(x > 0)][0]!r}")
    check_positive("x_max", x_max)
    check_positive("alpha", alpha)
    diff = np.einsum("nd,nd->n", w[rows], w_ctx[cols]) + b[rows] + b_ctx[cols] - np.log(x)
    weight = glove_weights(x, x_max, alpha)
    g = 2 * weight * diff
    grad_w, grad_w_ctx = np.zeros_like(w), np.zeros_like(w_ctx)
    np.add.at(grad_w, rows, g[:, None] * w_ctx[cols])
    np.add.at(grad_w_ctx, cols, g[:, None] * w[rows])
    size = len(w)
    grad_b = np.bincount(rows, g, minlength=size)
    grad_b_ctx = np.bincount(cols, g, minlength=size)
    return float(weight @ diff**2), (grad_w, grad_w_ctx, grad_b, grad_b_ctx)


def train_glove(sentences, *, dim=100, window=10, min_count=5, epochs=25, seed=1, x_max=100.0,
                alpha=0.75, lr=0.05, max_words=None, workers=1, progress=True):
    """Train GloVe on ``sentences`` (lists of str) as the paper does, on threads as glove.c.

    With ``workers=1``, deterministic for ``seed``. With more, each epoch's shuffled order is
    cut into ``workers`` contiguous parts trained at once without locks (glove.c's
    "hogwild"): faster on several cores, but which thread writes first varies, so the
    vectors differ from run to run (the shuffles still follow ``seed``).

    Parameters
    ----------
    sentences : iterable of lists of str
        The corpus (a bare str: TypeError); read into memory once.
    dim : int >= 1, default 100
        d, the dimension of the vectors.
    window : int >= 1, default 10
        m, words on each side; co-occurrences are weighted 1 / distance.
    min_count : int >= 1, default 5
        Keep words occurring at least this often (fewer than 2 such words: ValueError).
    epochs : int >= 1, default 25
        Passes over the nonzero entries, shuffled each time.
    seed : int >= 0, default 1
        For the start (uniform in +-0.5 / d) and the shuffles.
    x_max : float > 0, default 100.0
        The weighting f: counts at or above it get weight 1.
    alpha : float > 0, default 0.75
        The weighting f's power.
    lr : float > 0, default 0.05
        AdaGrad's starting rate (glove.c's rule, see glove_loop: later steps approach
        g / sqrt(sum g^2)); too large: FloatingPointError.
    max_words : int >= 2 or None, default None
        Keep only this many of the most frequent words (None: all with min_count); the
        others are dropped before windows are formed.
    workers : int >= 1, default 1
        Threads training at once (see above); use at most the machine's cores.
    progress : bool, default True
        Show a tqdm bar of the entries trained, with the last epoch's mean loss.

    Returns
    -------
    WordVectors
        W + W~ (float32, shape (V, d)), with ``.epoch_losses`` (J / N, each entry's
        f diff^2 before its step, summed over the threads; a list of floats),
        ``.train_seconds`` (the training loop, counting excluded) and
        ``.cooccurrence_seconds``.
    """
    for name, value in (("dim", dim), ("window", window), ("min_count", min_count),
                        ("epochs", epochs)):
        check_int(name, value)
    check_int("seed", seed, minimum=0)
    check_int("workers", workers)
    for name, value in (("x_max", x_max), ("alpha", alpha), ("lr", lr)):
        check_positive(name, value)
    if isinstance(sentences, str):
        raise TypeError("train_glove expects sentences (lists of tokens), got a str")
    sentences = [list(s) for s in sentences]
    vocab = build_vocab((t for s in sentences for t in s), min_count=min_count)
    if len(vocab) < 2:
        raise ValueError(f"only {len(vocab)} words occur >= min_count={min_count} times")
    if max_words is not None:
        check_int("max_words", max_words, minimum=2)
        vocab = Vocab(vocab.words[:max_words], vocab.counts[:max_words])
    start = time.perf_counter()
    coo = cooccurrence_matrix(sentences, vocab, window, weighting="harmonic").tocoo()
    counting = time.perf_counter() - start
    from .glove_loop import _glove_epoch_threads  # imports numba only when asked for
    from .sgns import _progress_bar

    rng = np.random.default_rng(seed)
    size = len(vocab)
    w, w_ctx = ((rng.random((2, size, dim), dtype=np.float32) - 0.5) / dim)
    b, b_ctx = ((rng.random((2, size), dtype=np.float32) - 0.5) / dim)
    grads_sq = [np.ones_like(a) for a in (w, w_ctx, b, b_ctx)]  # glove.c starts G at 1
    rows, cols = coo.row.astype(np.int32), coo.col.astype(np.int32)
    log_x = np.log(coo.data).astype(np.float32)
    weight = glove_weights(coo.data, x_max, alpha).astype(np.float32)
    bar = _progress_bar(epochs * len(rows), progress, unit="entry")  # sgns's bar
    losses, start = [], time.perf_counter()
    for epoch in range(epochs):
        order = rng.permutation(len(rows))
        total = _glove_epoch_threads((w, w_ctx, b, b_ctx), grads_sq, rows, cols, log_x, weight,
                                     order, np.float32(lr), workers)
        losses.append(total / len(rows))
        if bar is not None:
            bar.set_description(f"epoch {epoch + 1}/{epochs}", refresh=False)
            bar.set_postfix(loss=f"{losses[-1]:.4f}", refresh=False)
            bar.update(len(rows))  # redraws the bar
        if not np.isfinite(total):
            raise FloatingPointError(f"GloVe diverged (loss {total}): lr={lr} too large")
    if bar is not None:
        bar.close()
    wv = WordVectors(vocab.words, w + w_ctx, counts=vocab.counts)
    wv.epoch_losses, wv.train_seconds = losses, time.perf_counter() - start
    wv.cooccurrence_seconds = counting
    return wv
