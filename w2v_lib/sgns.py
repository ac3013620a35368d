"""Skip-gram with negative sampling (SGNS): how word2vec really trains.

The full softmax needs all V scores u_w . v_c for every pair. Negative sampling turns each
pair (c, o) into K + 1 yes/no questions instead: "is o a real outside word of c?" (yes) and
"is n_k?" (no) for K noise words n_k drawn from P_n(w), the unigram distribution ** 0.75.
With sigma(x) = 1 / (1 + exp(-x)), the loss of one pair is

    loss = -log sigma(u_o . v_c) - sum_k log sigma(-u_{n_k} . v_c)

which costs (K + 1) d multiply-adds instead of V d. A negative equal to the true outside
word o is skipped (it contributes nothing), as in word2vec.c and gensim: counting it would
push u_o away from v_c in the very step that pulls it closer, a contradictory signal whose
net effect is only noise.

Where each part lives (all importable from here too):

- w2v_lib.sgns_loss: the loss and its gradients for one pair written out term by term
  (neg_sampling_loss_and_grad), for a batch (sgns_loss_and_grad), and one SGD step (sgns_step)
- w2v_lib.sampling: the corpus as ids, subsampling (keep_probabilities), windows and pairs,
  the noise distribution and its sampler (noise_distribution, NegativeSampler)
- w2v_lib.scatter: the scatter-add every update does
- here: train_sgns, which runs them epoch by epoch
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
from .sgns_loss import (  # noqa: F401
    _targets_labels_mask,
    _update,
    neg_sampling_loss_and_grad,
    sgns_loss_and_grad,
    sgns_step,
)


def train_sgns(sentences, *, dim=100, window=5, negative=5, min_count=5, sample=1e-3, epochs=5,
               lr=0.025, min_lr=1e-4, batch_size=256, seed=1, progress=True, engine="numpy",
               workers=1):
    """Train skip-gram with negative sampling on ``sentences``, as word2vec does.

    Each epoch: drop each occurrence of w with chance 1 - keep(w) (subsampling), draw a
    window 1..``window`` per center, pair it with the outside words in that window, draw
    ``negative`` noise words per pair from P_n, and descend on the SGNS loss (see
    w2v_lib.sgns_loss), the learning rate falling linearly from ``lr`` at the first batch to
    ``min_lr`` at the end of the last epoch. float32, as word2vec.

    Parameters
    ----------
    sentences : iterable of lists of str
        The corpus, e.g. a list of token lists, a generator, or a TextCorpus (read_corpus).
        It is read into memory once, at the start: TextCorpus streams its file, but the
        trainer keeps every kept token as an id (8 bytes per token, plus the token lists
        while the vocabulary is built), so a generator is fine and the file is read once.
    dim : int >= 1, default 100
        d, the dimension of the vectors.
    window : int >= 1, default 5
        m, the largest window; each center draws its own window uniformly in 1..m.
    negative : int >= 1, default 5
        K, noise words per pair, drawn from P_n = count ** 0.75 (normalized).
    min_count : int >= 1, default 5
        Words seen fewer times are dropped before training (as if not in the text).
    sample : float >= 0, default 1e-3
        The subsampling threshold of keep_probabilities; 0 keeps every word.
    epochs : int >= 1, default 5
        Passes over the corpus, each with fresh subsampling, windows and noise words.
    lr : float > 0, default 0.025
        The learning rate of the first batch.
    min_lr : float > 0 and <= lr, default 1e-4
        The learning rate reached at the end of training (equal to ``lr``: constant).
    batch_size : int >= 1, default 256
        Pairs per update (engine "numpy"). A batch reads the vectors once, so its pairs do
        not see each other's updates (word2vec updates after every pair); keep it modest.
    seed : int >= 0, default 1
        Seeds a fresh numpy Generator (global state untouched): the same seed, the same
        vectors, bit for bit (with engine "loop": with workers=1).
    progress : bool, default True
        Show a tqdm bar of words processed, with the epoch and its loss.
    engine : "numpy" or "loop", default "numpy"
        "numpy": the batch trainer above (notebook 06). "loop": word2vec's own per-pair
        loop, compiled by numba (w2v_lib.sgns_loop), several times faster; it updates after
        every pair and ignores ``batch_size``.
    workers : int >= 1, default 1
        Threads sharing the vectors (engine "loop" only). With 1 a seed gives the same
        vectors on every run; with more, not bit for bit (as in gensim).

    Returns
    -------
    WordVectors
        The v_w, most frequent word first, with ``.outside_vectors`` (the trained u_w,
        (V, d) float32), ``.epoch_losses`` (mean pair loss per epoch, a list of floats)
        and ``.train_seconds``.

    Raises ValueError naming the setting for a bad value (``min_lr > lr`` names both), for
    fewer than 2 words left after ``min_count``, and for an epoch with no pairs (no
    sentence keeps two words); TypeError for a setting of the wrong type or sentences that
    are not lists of str; FloatingPointError if the vectors overflow (``lr`` too large).
    """
    _check_settings(dim=dim, window=window, negative=negative, min_count=min_count,
                    epochs=epochs, batch_size=batch_size, seed=seed, lr=lr, min_lr=min_lr)
    _check_engine(engine, workers)
    vocab, ids, sent, n_words, rng, center_vecs, outside_vecs, keep, sampler = _start(
        sentences, dim=dim, min_count=min_count, sample=sample, seed=seed)
    bar, on_epoch = _epoch_bar(epochs, n_words, progress)
    epoch_losses, start = [], time.perf_counter()

    if engine == "loop":
        from .sgns_loop import _train_epochs  # imports numba only when asked for

        epoch_losses = _train_epochs(center_vecs, outside_vecs, ids, sent, keep, sampler,
                                     window=window, negative=negative, epochs=epochs, lr=lr,
                                     min_lr=min_lr, seed=seed, workers=workers,
                                     on_epoch=on_epoch)
    else:
        for epoch in range(epochs):
            centers, outsides = _epoch_pairs(ids, sent, keep, window, rng)
            if len(centers) == 0:
                raise ValueError(f"epoch {epoch + 1} has no (center, outside) pairs: subsampling "
                                 f"(sample={sample}) left no sentence with two words; use "
                                 "sample=0 or a larger corpus")
            total = 0.0
            with np.errstate(over="ignore", invalid="ignore"):  # divergence: reported below
                for lo, batch in _batches(centers, outsides, negative, sampler, batch_size,
                                          rng):
                    done = (epoch + lo / len(centers)) / epochs
                    total += _update(center_vecs, outside_vecs, *batch,
                                     lr - (lr - min_lr) * done)
            epoch_losses.append(total / len(centers))
            on_epoch(epoch, epoch_losses[-1])
            if not np.isfinite(total):
                break
    if bar is not None:
        bar.close()
    if not (np.all(np.isfinite(epoch_losses)) and np.all(np.isfinite(center_vecs))):
        raise FloatingPointError(f"training diverged (vectors became inf/NaN): lr={lr} too large")
    wv = WordVectors(vocab.words, center_vecs, counts=vocab.counts)
    wv.outside_vectors = outside_vecs
    wv.epoch_losses, wv.train_seconds = epoch_losses, time.perf_counter() - start
    return wv


def _check_settings(*, dim, window, negative, min_count, epochs, batch_size, seed, lr, min_lr):
    """The checks of train_sgns's settings (shared with the other trainers), naming the bad one."""
    for name, value in (("dim", dim), ("window", window), ("negative", negative),
                        ("min_count", min_count), ("epochs", epochs),
                        ("batch_size", batch_size)):
        check_int(name, value)
    check_int("seed", seed, minimum=0)
    check_positive("lr", lr)
    check_positive("min_lr", min_lr)
    if min_lr > lr:
        raise ValueError(f"min_lr={min_lr} must be <= lr={lr}: the learning rate falls from "
                         "lr to min_lr")


def _start(sentences, *, dim, min_count, sample, seed):
    """The corpus as ids and the starting point of training (shared with the other trainers).

    Returns (vocab, ids (T,), sent (T,), n_words, rng, center_vecs (V, d) float32 uniform in
    [-0.5/d, 0.5/d), outside_vecs (V, d) float32 zeros, keep (V,), sampler of P_n), in the
    order the seed's numbers are drawn. ValueError if no sentence keeps two words.
    """
    vocab, ids, sent, n_words = _encode(sentences, min_count)
    if len(sent) == 0 or np.bincount(sent).max() < 2:
        raise ValueError(f"no (center, outside) pairs: after min_count={min_count} no sentence "
                         "has two words left (lower min_count or use longer sentences)")
    rng = np.random.default_rng(seed)
    vocab_size = len(vocab)
    center_vecs = ((rng.random((vocab_size, dim), dtype=np.float32) - 0.5) / dim).astype(np.float32)
    outside_vecs = np.zeros((vocab_size, dim), np.float32)
    keep = keep_probabilities(vocab.counts, sample)
    sampler = NegativeSampler(noise_distribution(vocab.counts))
    return vocab, ids, sent, n_words, rng, center_vecs, outside_vecs, keep, sampler


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


def _check_engine(engine, workers):
    """ValueError unless engine is "numpy" or "loop" and workers (an int >= 1) fits it."""
    if engine not in ("numpy", "loop"):
        raise ValueError(f'engine must be "numpy" or "loop", got {engine!r}')
    check_int("workers", workers)
    if workers > 1 and engine == "numpy":
        raise ValueError(f'workers={workers} needs engine="loop" (the numpy engine has one)')


def _epoch_bar(epochs, n_words, progress):
    """(bar or None, on_epoch(epoch, loss)): a bar of epochs * n_words words, moved per epoch."""
    bar = _progress_bar(epochs * n_words, progress)

    def on_epoch(epoch, loss):
        if bar is not None:
            bar.set_description(f"epoch {epoch + 1}/{epochs}")
            bar.set_postfix(loss=f"{loss:.3f}")
            bar.update(n_words)

    return bar, on_epoch


def _progress_bar(total, progress, unit="word"):
    """A tqdm bar of ``total`` units (words; GloVe: entries) if ``progress`` is true, else None."""
    if not progress:
        return None
    from tqdm.auto import tqdm

    return tqdm(total=total, unit=unit, unit_scale=True, desc="epoch 0")
