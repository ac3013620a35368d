"""Skip-gram with negative sampling (SGNS): how word2vec really trains.

The full softmax needs all V scores u_w . v_c for every pair. Negative sampling turns each
pair (c, o) into K + 1 yes/no questions instead: "is o a real outside word of c?" (yes) and
"is n_k?" (no) for K noise words n_k drawn from P_n(w), the unigram distribution ** 0.75.
With sigma(x) = 1 / (1 + exp(-x)), the loss of one pair is

    loss = -log sigma(u_o . v_c) - sum_k log sigma(-u_{n_k} . v_c)
    d loss / d v_c     = (sigma(u_o . v_c) - 1) u_o + sum_k sigma(u_{n_k} . v_c) u_{n_k}
    d loss / d u_o     = (sigma(u_o . v_c) - 1) v_c
    d loss / d u_{n_k} = sigma(u_{n_k} . v_c) v_c        (summed if n_k is drawn twice)

which costs (K + 1) d multiply-adds instead of V d.

A negative equal to the true outside word o is skipped (it contributes nothing), as in
word2vec.c and gensim: counting it would push u_o away from v_c in the very step that
pulls it closer, a contradictory signal whose net effect is only noise.
"""

import time

import numpy as np

from .checks import check_int, check_positive
from .keyed import WordVectors

# Re-exported: ``from w2v_lib.sgns import _encode`` etc. serves the other trainers.
from .sampling import (  # noqa: F401
    NegativeSampler,
    _encode,
    _epoch_pairs,
    _window_pairs,
    keep_probabilities,
    noise_distribution,
)
from .scatter import _scatter_rows  # noqa: F401
from .sgns_loss import (  # noqa: F401
    _loss_and_coef,
    _targets_labels_mask,
    _update,
    neg_sampling_loss_and_grad,
    sgns_loss_and_grad,
    sgns_step,
)


def train_sgns(sentences, *, dim=100, window=5, negative=5, min_count=5, sample=1e-3, epochs=5,
               lr=0.025, min_lr=1e-4, batch_size=256, seed=1, progress=True, engine="numpy",
               workers=1):
    """Train skip-gram with negative sampling on ``sentences`` (lists of str), as word2vec does.

    Each epoch: drop each occurrence of w with chance 1 - keep(w) (subsampling), draw a
    window 1..``window`` per center, pair it with the outside words in that window, draw
    ``negative`` noise words per pair from P_n, and descend on the SGNS loss in batches of
    ``batch_size`` pairs, the learning rate falling linearly from ``lr`` to ``min_lr``.
    A batch reads vectors once, so pairs in it do not see each other's updates (word2vec
    updates after every pair); keep it modest. float32, as word2vec. Deterministic for
    ``seed`` (a fresh numpy Generator; global state untouched).
    Returns WordVectors of the v_w, with ``.epoch_losses`` (mean pair loss per epoch) and
    ``.train_seconds``.

    engine : "numpy" (default: the batch trainer above, notebook 06) or "loop": word2vec's
        own per-pair loop, compiled by numba (w2v_lib.sgns_loop), several times faster;
        it updates after every pair and ignores ``batch_size``.
    workers : int >= 1, default 1: threads sharing the vectors ("loop" only). With 1 a
        seed gives the same vectors on every run; with more, not bit for bit (as gensim).
    """
    for name, value in (("dim", dim), ("window", window), ("negative", negative),
                        ("min_count", min_count), ("epochs", epochs),
                        ("batch_size", batch_size)):
        check_int(name, value)
    check_int("seed", seed, minimum=0)
    check_positive("lr", lr)
    check_positive("min_lr", min_lr)
    if engine not in ("numpy", "loop"):
        raise ValueError(f'engine must be "numpy" or "loop", got {engine!r}')
    check_int("workers", workers)
    if workers > 1 and engine == "numpy":
        raise ValueError(f'workers={workers} needs engine="loop" (the numpy engine has one)')
    vocab, ids, sent, n_words = _encode(sentences, min_count)
    rng = np.random.default_rng(seed)
    vocab_size = len(vocab)
    center_vecs = ((rng.random((vocab_size, dim), dtype=np.float32) - 0.5) / dim).astype(np.float32)
    outside_vecs = np.zeros((vocab_size, dim), np.float32)
    keep = keep_probabilities(vocab.counts, sample)
    sampler = NegativeSampler(noise_distribution(vocab.counts))
    bar = _progress_bar(epochs * n_words, progress)
    epoch_losses, start = [], time.perf_counter()

    def on_epoch(epoch, loss):  # the progress bar, after each epoch
        if bar is not None:
            bar.set_description(f"epoch {epoch + 1}/{epochs}")
            bar.set_postfix(loss=f"{loss:.3f}")
            bar.update(n_words)

    if engine == "loop":
        from .sgns_loop import _train_epochs  # imports numba only when asked for

        epoch_losses = _train_epochs(center_vecs, outside_vecs, ids, sent, keep, sampler,
                                     window=window, negative=negative, epochs=epochs, lr=lr,
                                     min_lr=min_lr, seed=seed, workers=workers,
                                     on_epoch=on_epoch)
    else:
        for epoch in range(epochs):
            centers, outsides = _epoch_pairs(ids, sent, keep, window, rng)
            total = 0.0
            with np.errstate(over="ignore", invalid="ignore"):  # divergence: reported below
                for lo, batch in _batches(centers, outsides, negative, sampler, batch_size,
                                          rng):
                    done = (epoch + lo / len(centers)) / epochs
                    total += _update(center_vecs, outside_vecs, *batch,
                                     lr - (lr - min_lr) * done)
            epoch_losses.append(total / max(len(centers), 1))
            on_epoch(epoch, epoch_losses[-1])
            if not np.isfinite(total):
                break
    if bar is not None:
        bar.close()
    if not (np.all(np.isfinite(epoch_losses)) and np.all(np.isfinite(center_vecs))):
        raise FloatingPointError(f"training diverged (vectors became inf/NaN): lr={lr} too large")
    wv = WordVectors(vocab.words, center_vecs, counts=vocab.counts)
    wv.epoch_losses, wv.train_seconds = epoch_losses, time.perf_counter() - start
    return wv


def _batches(centers, outsides, negative, sampler, batch_size, rng, per_draw=64):
    """Yield (start, (centers, targets, labels, mask)) for each batch of an epoch, in order.

    Noise words are drawn for ``per_draw`` batches at a time: few numpy calls per batch,
    little memory per epoch.
    """
    chunk = batch_size * per_draw
    for lo in range(0, len(centers), chunk):
        hi = min(lo + chunk, len(centers))
        negatives = sampler((hi - lo, negative), rng)
        targets, labels, mask = _targets_labels_mask(outsides[lo:hi], negatives)
        for b in range(0, hi - lo, batch_size):
            part = slice(b, b + batch_size)
            yield lo + b, (centers[lo + b : lo + b + batch_size], targets[part], labels[part],
                           mask[part])


def _progress_bar(total, progress):
    if not progress:
        return None
    from tqdm.auto import tqdm

    return tqdm(total=total, unit="word", unit_scale=True, desc="epoch 0")
