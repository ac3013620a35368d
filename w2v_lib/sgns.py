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
import scipy.sparse as sp
from scipy.special import expit

try:  # scipy's kernel behind csc @ dense, which can accumulate into an existing array
    from scipy.sparse._sparsetools import csc_matvecs as _csc_matvecs
except ImportError:  # pragma: no cover - a scipy without it uses the public product
    _csc_matvecs = None

from .checks import check_int, check_positive
from .keyed import WordVectors
from .text import build_vocab


def noise_distribution(counts, power=0.75):
    """P_n(w) = count(w) ** power / sum of the same: (V,) probabilities summing to 1.

    power 1 is the unigram distribution, 0 the uniform one; 0.75 lifts rare words a little.
    """
    counts = np.asarray(counts, dtype=float)
    if counts.ndim != 1 or len(counts) == 0 or np.any(counts < 0) or counts.sum() <= 0:
        raise ValueError(f"counts must be a non-empty (V,) array of counts >= 0, got {counts!r}")
    weights = counts**power
    return weights / weights.sum()


def keep_probabilities(counts, sample):
    """Subsampling: the chance each occurrence of word w is kept, (V,) in (0, 1].

    With f = count(w) and t = sample * total count (word2vec.c's formula, as in gensim):
        keep(w) = min(1, (sqrt(f / t) + 1) * t / f)
    Words rarer than about t are always kept; "the" is mostly dropped. sample = 0 keeps all.
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
    """Draws word ids from a distribution ``probs`` (V,) exactly, in O(1) per draw.

    Walker's alias method: V columns of height 1/V; column i keeps word i with chance
    keep[i] and otherwise gives word alias[i]. A draw picks a column uniformly, then one
    uniform number decides between its two words. (A binary search in the cumulative
    distribution would be exact too, but about 4x slower here; see bench/.)
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
        """An int64 array of shape ``size`` of word ids drawn from probs, using ``rng``."""
        if not isinstance(rng, np.random.Generator):
            raise TypeError(f"rng must be a numpy.random.Generator, got {rng!r}")
        column = rng.integers(0, len(self.keep), size)
        return np.where(rng.random(size) < self.keep[column], column, self.alias[column])


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


def scatter_rows(out, rows, values, weights=None):
    """Add weights[i, k] * values[i] into row rows[i, k] of ``out``, for all i, k; in place.

    out : (V, d) float array;  rows : (B,) or (B, K) ids;  values : (B, d);  weights : like
    rows (default all ones). Rows may repeat, so ``out[rows] += ...`` would lose updates.
    This is one sparse-matrix product, out += S @ values with S (V, B) holding the weights,
    done by scipy's compiled kernel straight into ``out`` (no (V, d) temporary): many times
    faster than np.add.at or sorting with np.add.reduceat (bench/sgns_vs_gensim.py times them).
    """
    rows = np.asarray(rows).reshape(len(values), -1)
    data = np.ones(rows.size, out.dtype) if weights is None else np.ravel(weights).astype(out.dtype)
    indptr = np.arange(0, rows.size + 1, rows.shape[1], dtype=np.int64)
    indices = np.ravel(rows).astype(np.int64, copy=False)
    values = np.ascontiguousarray(values, dtype=out.dtype)
    if _csc_matvecs is not None and out.flags.c_contiguous:
        _csc_matvecs(len(out), len(values), out.shape[1], indptr, indices, data,
                     values.ravel(), out.ravel())
    else:  # the same product through scipy's public API, with a temporary
        out += sp.csc_matrix((data, indices, indptr), shape=(len(out), len(values))) @ values
    return out


def window_pairs(sentence_ids, spans):
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


def _encode(sentences, min_count):
    """Vocab and the corpus as ids (T,) with each token's sentence number (T,), OOV dropped."""
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


def train_sgns(sentences, *, dim=100, window=5, negative=5, min_count=5, sample=1e-3, epochs=5,
               lr=0.025, min_lr=1e-4, batch_size=256, seed=1, progress=True):
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
    """
    for name, value in (("dim", dim), ("window", window), ("negative", negative),
                        ("min_count", min_count), ("epochs", epochs),
                        ("batch_size", batch_size)):
        check_int(name, value)
    check_int("seed", seed, minimum=0)
    check_positive("lr", lr)
    check_positive("min_lr", min_lr)
    vocab, ids, sent, n_words = _encode(sentences, min_count)
    rng = np.random.default_rng(seed)
    vocab_size = len(vocab)
    center_vecs = ((rng.random((vocab_size, dim), dtype=np.float32) - 0.5) / dim).astype(np.float32)
    outside_vecs = np.zeros((vocab_size, dim), np.float32)
    keep = keep_probabilities(vocab.counts, sample)
    sampler = NegativeSampler(noise_distribution(vocab.counts))
    bar = _progress_bar(epochs * n_words, progress)
    epoch_losses, start = [], time.perf_counter()
    for epoch in range(epochs):
        centers, outsides = _epoch_pairs(ids, sent, keep, window, rng)
        total = 0.0
        with np.errstate(over="ignore", invalid="ignore"):  # divergence is reported below
            for lo, batch in _batches(centers, outsides, negative, sampler, batch_size, rng):
                done = (epoch + lo / len(centers)) / epochs
                total += _update(center_vecs, outside_vecs, *batch, lr - (lr - min_lr) * done)
        epoch_losses.append(total / max(len(centers), 1))
        if bar is not None:
            bar.set_description(f"epoch {epoch + 1}/{epochs}")
            bar.set_postfix(loss=f"{epoch_losses[-1]:.3f}")
            bar.update(n_words)
        if not np.isfinite(total):
            break
    if bar is not None:
        bar.close()
    if not (np.all(np.isfinite(epoch_losses)) and np.all(np.isfinite(center_vecs))):
        raise FloatingPointError(f"training diverged (vectors became inf/NaN): lr={lr} too large")
    wv = WordVectors(vocab.words, center_vecs, counts=vocab.counts)
    wv.epoch_losses, wv.train_seconds = epoch_losses, time.perf_counter() - start
    return wv


def _epoch_pairs(ids, sent, keep, window, rng):
    """One epoch's training pairs: subsample, draw a window per center, pair up.

    ids, sent : (T,) word ids and sentence numbers;  keep : (V,) keep probabilities
    Returns centers (N,), outsides (N,) word ids, in text order.
    """
    kept = rng.random(len(ids)) < keep[ids]
    spans = rng.integers(1, window + 1, size=int(kept.sum()))
    c_pos, o_pos = window_pairs(sent[kept], spans)
    return ids[kept][c_pos], ids[kept][o_pos]


def _batches(centers, outsides, negative, sampler, batch_size, rng, per_draw=64):
    """Yield (start, (centers, targets, signs)) for each batch of an epoch, in order.

    Noise words are drawn for ``per_draw`` batches at a time: few numpy calls per batch,
    little memory per epoch.
    """
    chunk = batch_size * per_draw
    for lo in range(0, len(centers), chunk):
        hi = min(lo + chunk, len(centers))
        negatives = sampler((hi - lo, negative), rng)
        targets, signs = targets_and_signs(outsides[lo:hi], negatives)
        for b in range(0, hi - lo, batch_size):
            yield lo + b, (centers[lo + b : lo + b + batch_size], targets[b : b + batch_size],
                           signs[b : b + batch_size])


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


def _progress_bar(total, progress):
    if not progress:
        return None
    from tqdm.auto import tqdm

    return tqdm(total=total, unit="word", unit_scale=True, desc="epoch 0")
