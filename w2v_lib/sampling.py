"""What SGNS trains on: the corpus as ids, subsampled windows of pairs, and noise words.

- ``_encode``: sentences -> vocab, ids (T,) and each token's sentence number (T,)
- ``keep_probabilities`` and ``_epoch_pairs``: one epoch's (center, outside) pairs after
  subsampling, with a window drawn per center (``_window_pairs``)
- ``noise_distribution`` and ``NegativeSampler``: the noise words n_k ~ P_n(w)
"""

import numpy as np

from .checks import check_positive
from .text import build_vocab


def noise_distribution(counts, power=0.75):
    """P_n(w) = count(w) ** power / sum of the same: the noise words' distribution.

    Parameters
    ----------
    counts : array-like of float, shape (V,)
        Each word's count, all >= 0 and not all 0.
    power : float, default 0.75
        1 gives the unigram distribution, 0 the uniform one; word2vec's 0.75 lifts rare
        words a little.

    Returns
    -------
    numpy.ndarray of float, shape (V,)
        Probabilities summing to 1 (0 for a count of 0).

    >>> noise_distribution([16, 1]).round(4).tolist()  # 16 ** 0.75 = 8: 8/9 and 1/9
    [0.8889, 0.1111]
    """
    counts = np.asarray(counts, dtype=float)
    if counts.ndim != 1 or len(counts) == 0 or np.any(counts < 0) or counts.sum() <= 0:
        raise ValueError(f"counts must be a non-empty (V,) array of counts >= 0, got {counts!r}")
    weights = counts**power
    return weights / weights.sum()


def keep_probabilities(counts, sample):
    """Subsampling: the chance each occurrence of word w is kept.

    With f = count(w) and t = sample * total count (word2vec.c's formula, as in gensim):
        keep(w) = min(1, (sqrt(f / t) + 1) * t / f)
    Words rarer than about t are always kept; "the" is mostly dropped.

    Parameters
    ----------
    counts : array-like of float, shape (V,)
        Each word's count, all > 0.
    sample : float >= 0
        The threshold as a share of all tokens (word2vec's default 1e-3); 0 keeps all.

    Returns
    -------
    numpy.ndarray of float, shape (V,)
        Keep probabilities in (0, 1].

    >>> keep_probabilities([1000, 10, 1], sample=0).tolist()
    [1.0, 1.0, 1.0]
    """
    counts = np.asarray(counts, dtype=float)
    if counts.ndim != 1 or np.any(counts <= 0):
        raise ValueError(f"counts must be a (V,) array of counts > 0, got {counts!r:.80}")
    check_positive("sample", sample, allow_zero=True)
    if sample == 0:
        return np.ones_like(counts)
    threshold = sample * counts.sum()
    return np.minimum(1.0, (np.sqrt(counts / threshold) + 1) * threshold / counts)


class NegativeSampler:
    """Draws word ids from a distribution ``probs`` exactly, in O(1) per draw.

    Walker's alias method: V columns of height 1/V; column i keeps word i with chance
    keep[i] and otherwise gives word alias[i]. A draw picks a column uniformly, then one
    uniform number decides between its two words. (A binary search in the cumulative
    distribution would be exact too, but about 4x slower here; see bench/.)

    Parameters
    ----------
    probs : array-like of float, shape (V,)
        Weights >= 0, not all 0 (normalized here), e.g. noise_distribution(counts).

    Attributes
    ----------
    keep : numpy.ndarray of float, shape (V,)
        Column i's chance of giving word i, in [0, 1].
    alias : numpy.ndarray of int, shape (V,)
        The word column i gives otherwise.

    >>> sampler = NegativeSampler([0.0, 1.0, 4.0])  # word 2 four times as likely as word 1
    >>> draws = sampler((10_000,), np.random.default_rng(0))
    >>> draws.shape, 0 in draws, round(float(np.mean(draws == 2)), 1)
    ((10000,), False, 0.8)
    """

    def __init__(self, probs):
        probs = np.asarray(probs, dtype=float)
        if probs.ndim != 1 or len(probs) == 0 or np.any(probs < 0) or probs.sum() <= 0:
            raise ValueError(f"probs must be a non-empty (V,) array >= 0, got {probs!r:.80}")
        height = probs / probs.sum() * len(probs)
        alias = np.arange(len(probs))
        small, large = list(np.flatnonzero(height < 1)), list(np.flatnonzero(height >= 1))
        while small and large:  # fill each short column from a tall one
            short, tall = small.pop(), large.pop()
            alias[short] = tall
            height[tall] -= 1.0 - height[short]
            (small if height[tall] < 1 else large).append(tall)
        height[small + large] = 1.0  # left-overs are full up to rounding
        self.keep, self.alias = height, alias

    def __call__(self, size, rng):
        """Draw word ids from probs.

        size : int or tuple of ints, the shape of the result (e.g. (B, K));
        rng : numpy.random.Generator (TypeError otherwise), the only source of randomness.
        Returns an int64 array of shape ``size``.
        """
        if not isinstance(rng, np.random.Generator):
            raise TypeError(f"rng must be a numpy.random.Generator, got {rng!r}")
        column = rng.integers(0, len(self.keep), size)
        return np.where(rng.random(size) < self.keep[column], column, self.alias[column])


def _encode(sentences, min_count):
    """Vocab and the corpus as ids (T,) with each token's sentence number (T,), OOV dropped.

    Reads ``sentences`` (any iterable of token lists, a generator or a TextCorpus too) into
    memory once. Returns (vocab, ids (T,) int64, sent (T,) int64, n_words: tokens read).
    """
    if isinstance(sentences, str):
        raise TypeError("train_sgns expects sentences (lists of tokens), got a str")
    sentences = [list(s) for s in sentences]
    for s in sentences:
        if s and not isinstance(s[0], str):
            raise TypeError(f"each sentence must be a list of str tokens, got {s[:3]!r}")
    vocab = build_vocab((t for s in sentences for t in s), min_count=min_count)
    if len(vocab) < 2:
        raise ValueError(f"only {len(vocab)} words occur >= min_count={min_count} times")
    ids, sent = [], []
    for k, s in enumerate(sentences):
        kept = [vocab.index[t] for t in s if t in vocab.index]
        ids.extend(kept)
        sent.extend([k] * len(kept))
    n_words = sum(map(len, sentences))
    return vocab, np.array(ids, np.int64), np.array(sent, np.int64), n_words


def _window_pairs(sentence_ids, spans):
    """(center, outside) position pairs with a window per center, never crossing sentences.

    sentence_ids : (n,) the sentence of each position;  spans : (n,) ints >= 1, the window
    used around each position (word2vec draws it uniformly in 1..m per center).
    Returns (centers, outsides), int arrays of positions: centers in order, each one's
    outside words left to right (with every span = m and one sentence: skipgram_pairs).
    """
    n = len(spans)
    m = int(spans.max()) if n else 1
    offsets = np.r_[np.arange(-m, 0), np.arange(1, m + 1)]  # (2m,)
    pos = np.arange(n)[:, None]
    ctx = pos + offsets  # (n, 2m)
    ok = (np.abs(offsets) <= spans[:, None]) & (ctx >= 0) & (ctx < n)
    ok &= sentence_ids[np.clip(ctx, 0, max(n - 1, 0))] == sentence_ids[:, None]
    return np.broadcast_to(pos, ctx.shape)[ok], ctx[ok]


def _epoch_pairs(ids, sent, keep, window, rng):
    """One epoch's training pairs: subsample, draw a window per center, pair up.

    ids, sent : (T,) word ids and sentence numbers;  keep : (V,) keep probabilities;
    window : int >= 1, the largest window;  rng : numpy Generator (two draws: keep, spans).
    Returns centers (N,), outsides (N,) word ids, in text order.
    """
    kept = rng.random(len(ids)) < keep[ids]
    spans = rng.integers(1, window + 1, size=int(kept.sum()))
    c_pos, o_pos = _window_pairs(sent[kept], spans)
    return ids[kept][c_pos], ids[kept][o_pos]
