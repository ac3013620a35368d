"""CBOW (continuous bag of words, Mikolov et al. 2013a): the context predicts the center.

Skip-gram asks each context word to predict the center; CBOW averages the context words'
input vectors into one h and asks h to predict the center word t, with negative sampling:

    h = (1/n) sum_{j in context} v_j                  (n context words)
    loss = -log sigma(u_t . h) - sum_k log sigma(-u_{n_k} . h)     (SGNS with h for v_c)
    d loss / d h       = (sigma(u_t . h) - 1) u_t + sum_k sigma(u_{n_k} . h) u_{n_k}
    d loss / d v_j     = (1/n) d loss / d h           for each context word j (chain rule)
    d loss / d u_t     = (sigma(u_t . h) - 1) h,   d loss / d u_{n_k} = sigma(u_{n_k} . h) h

One update per center instead of one per (center, context) pair, so an epoch costs about
2m / n_avg times less than skip-gram's. (word2vec.c and gensim add the whole d loss / d h
to every v_j, an n times larger step than the gradient; here it is the true gradient,
which the gradient check can confirm; ``engine="loop"`` trains as word2vec.c does, see
w2v_lib.cbow_loop.) gensim's Word2Vec trains CBOW by default (sg=0).
"""

import time

import numpy as np
import scipy.sparse as sp
from scipy.special import expit

from .checks import as_params, check_ids
from .keyed import WordVectors
from .sgns import _check_engine, _check_settings, _epoch_bar, _start, _window_pairs
from .sgns_loss import _loss_and_coef, _targets_labels_mask


def cbow_loss_and_grad(input_vecs, output_vecs, context_ids, target_id, negative_ids):
    """Loss and gradients of one CBOW example: the context predicts ``target_id``.

    h = the mean of input_vecs[context_ids].

    Parameters
    ----------
    input_vecs : array-like of float, shape (V, d)
        Rows v_w (averaged over the context).
    output_vecs : array-like of float, shape (V, d)
        Rows u_w (scored against h).
    context_ids : array-like of int, shape (n,), n >= 1
        The context words, ids in [0, V) (repeats count twice in the mean).
    target_id : int in [0, V)
        The center word t.
    negative_ids : array-like of int, shape (K,), K >= 0
        The noise words n_k, ids in [0, V) (any equal to t are skipped, as in SGNS).

    Returns
    -------
    loss : float >= 0
        -log sigma(u_t . h) - sum_k log sigma(-u_{n_k} . h).
    grad_input_vecs : ndarray of shape (V, d)
        d loss / d v_w: (1/n) d loss / d h on each context row, zero elsewhere.
    grad_output_vecs : ndarray of shape (V, d)
        d loss / d u_w: nonzero on the target's and the negatives' rows only.
    """
    input_vecs, output_vecs = as_params(input_vecs, output_vecs)
    size = len(input_vecs)
    context_ids = check_ids("context_ids", context_ids, size)
    negative_ids = check_ids("negative_ids", negative_ids, size)
    if context_ids.ndim != 1 or len(context_ids) == 0:
        raise ValueError(f"context_ids must be a non-empty (n,) list, got {context_ids.shape}")
    if negative_ids.ndim != 1:
        raise ValueError(f"negative_ids must be a (K,) list, got shape {negative_ids.shape}")
    target = int(check_ids("target_id", [target_id], size)[0])
    h = input_vecs[context_ids].mean(axis=0)
    grad_h = np.zeros_like(h)
    grad_output_vecs = np.zeros_like(output_vecs)
    score = output_vecs[target] @ h
    loss = np.logaddexp(0, -score)  # -log sigma(u_t . h)
    grad_h += (expit(score) - 1) * output_vecs[target]
    grad_output_vecs[target] += (expit(score) - 1) * h
    for k in negative_ids[negative_ids != target]:
        score = output_vecs[k] @ h
        loss += np.logaddexp(0, score)  # -log sigma(-u_k . h)
        grad_h += expit(score) * output_vecs[k]
        grad_output_vecs[k] += expit(score) * h
    grad_input_vecs = np.zeros_like(input_vecs)
    np.add.at(grad_input_vecs, context_ids, grad_h / len(context_ids))
    return float(loss), grad_input_vecs, grad_output_vecs


def _add_rows(out, rows, values, weights):
    """out[rows[i]] += weights[i] * values[i] for all i, rows may repeat; in place.

    Sums the repeats with a small sparse product (unique rows x M), never a (V, d) temporary.
    """
    unique, inverse = np.unique(rows, return_inverse=True)
    summing = sp.csr_matrix((weights, (inverse, np.arange(len(rows)))),
                            shape=(len(unique), len(rows)), dtype=out.dtype)
    out[unique] += summing @ values


def _cbow_batch(input_vecs, output_vecs, targets, contexts, group, counts, negatives, lr):
    """One SGD step on a batch of b CBOW examples; returns the summed loss.

    targets : (b,) center ids;  contexts : (M,) context ids of all examples, grouped;
    group : (M,) example of each context id;  counts : (b,) n per example;  negatives (b, K)
    """
    h = np.zeros((len(targets), input_vecs.shape[1]), input_vecs.dtype)
    np.add.at(h, group, input_vecs[contexts])
    h /= counts[:, None]
    scored, labels, mask = _targets_labels_mask(targets, negatives)  # (b, K+1) each
    ut = output_vecs[scored]  # (b, K+1, d)
    loss, coef = _loss_and_coef(h, ut, labels, mask)  # SGNS with h for v_c
    coef = coef.astype(input_vecs.dtype)  # d loss / d (u . h)
    grad_h = np.einsum("bk,bkd->bd", coef, ut)
    _add_rows(output_vecs, scored.ravel(), np.repeat(h, scored.shape[1], axis=0),
              -lr * coef.ravel())
    _add_rows(input_vecs, contexts, grad_h[group], -lr / counts[group])
    return loss


def train_cbow(sentences, *, dim=100, window=5, negative=5, min_count=5, sample=1e-3, epochs=5,
               lr=None, min_lr=1e-4, batch_size=256, seed=1, progress=True, engine="numpy",
               workers=1):
    """Train CBOW with negative sampling on ``sentences`` (lists of str); keywords as train_sgns.

    Each epoch: subsample, draw a window 1..m per center, average its context words' v_j
    into h, draw K noise words, and take an SGD step on the batch's summed loss (engine
    "loop": a step after each center, as word2vec.c), the rate falling linearly from lr to
    min_lr. Deterministic for ``seed`` (engine "loop": with workers=1).

    Parameters
    ----------
    sentences : iterable of lists of str
        The corpus, read into memory once (as train_sgns).
    dim : int >= 1, default 100
        d, the dimension of the vectors.
    window : int >= 1, default 5
        m, the largest window; each center draws its own window uniformly in 1..m.
    negative : int >= 1, default 5
        K, noise words per example, drawn from P_n = count ** 0.75 (normalized).
    min_count : int >= 1, default 5
        Words seen fewer times are dropped before training.
    sample : float >= 0, default 1e-3
        The subsampling threshold of keep_probabilities; 0 keeps every word.
    epochs : int >= 1, default 5
        Passes over the corpus.
    lr : float > 0 or None, default None
        The starting rate; None: 0.1 with engine "numpy", 0.05 with "loop". The numpy engine
        takes the true gradient, which gives each context vector only 1/n of d loss / d h,
        hence four times skip-gram's 0.025 (on the Lee corpus, 20 epochs, wordsim353 rises
        from about 0.04 at lr 0.05 to 0.17 at lr 0.1). The loop engine adds all of
        d loss / d h to each context vector, as word2vec.c and gensim do (w2v_lib.cbow_loop),
        so it takes word2vec.c's CBOW default, 0.05; on Lee (20 epochs, seeds 1-4) its mean
        loss and wordsim353 then match the numpy engine's at 0.1 (about 1.95 against 2.02,
        0.15-0.18 against 0.11-0.17).
    min_lr : float > 0 and <= lr, default 1e-4
        The rate reached at the end of training.
    batch_size : int >= 1, default 256
        Centers (examples) per update (engine "numpy"; the loop updates after each center).
    seed : int >= 0, default 1
        Seeds a fresh numpy Generator: the same seed, the same vectors (with engine "loop":
        with workers=1).
    progress : bool, default True
        Show a tqdm bar of words processed, with the epoch and its loss.
    engine : "numpy" or "loop", default "numpy"
        "numpy": the batch trainer above. "loop": word2vec.c's per-center loop compiled by
        numba (w2v_lib.cbow_loop), many times faster. Both define the examples alike
        (subsampling, a window 1..m per kept center, centers without context dropped).
    workers : int >= 1, default 1
        Threads sharing the vectors (engine "loop" only). With 1 a seed gives the same
        vectors on every run; with more, not bit for bit (as in gensim).

    Returns
    -------
    WordVectors
        The input vectors v_w (float32, shape (V, d)), most frequent word first, with
        ``.epoch_losses`` (mean loss per example, a list of floats) and ``.train_seconds``.
        FloatingPointError if training diverges (``lr`` too large); ValueError naming a bad
        ``engine`` or ``workers`` (workers > 1 needs engine "loop").
    """
    _check_engine(engine, workers)
    if lr is None:
        lr = 0.1 if engine == "numpy" else 0.05
    _check_settings(dim=dim, window=window, negative=negative, min_count=min_count,
                    epochs=epochs, batch_size=batch_size, seed=seed, lr=lr, min_lr=min_lr)
    vocab, ids, sent, n_words, rng, input_vecs, output_vecs, keep, sampler = _start(
        sentences, dim=dim, min_count=min_count, sample=sample, seed=seed)
    bar, on_epoch = _epoch_bar(epochs, n_words, progress)
    losses, start = [], time.perf_counter()

    if engine == "loop":
        from .cbow_loop import _train_cbow_epochs  # imports numba only when asked for

        losses = _train_cbow_epochs(input_vecs, output_vecs, ids, sent, keep, sampler,
                                    window=window, negative=negative, epochs=epochs, lr=lr,
                                    min_lr=min_lr, seed=seed, workers=workers,
                                    on_epoch=on_epoch)
    for epoch in range(epochs if engine == "numpy" else 0):
        kept = rng.random(len(ids)) < keep[ids]
        kept_ids = ids[kept]
        spans = rng.integers(1, window + 1, size=len(kept_ids))
        c_pos, o_pos = _window_pairs(sent[kept], spans)  # grouped by center position
        firsts = np.flatnonzero(np.r_[True, c_pos[1:] != c_pos[:-1]])  # each example's start
        bounds = np.r_[firsts, len(c_pos)]
        total = 0.0
        with np.errstate(over="ignore", invalid="ignore"):
            for lo in range(0, len(firsts), batch_size):
                hi = min(lo + batch_size, len(firsts))
                first, last = bounds[lo], bounds[hi]
                counts = np.diff(bounds[lo:hi + 1]).astype(np.float32)
                group = np.repeat(np.arange(hi - lo), np.diff(bounds[lo:hi + 1]))
                negatives = sampler((hi - lo, negative), rng)
                rate = lr - (lr - min_lr) * (epoch + lo / len(firsts)) / epochs
                total += _cbow_batch(input_vecs, output_vecs, kept_ids[c_pos[firsts[lo:hi]]],
                                     kept_ids[o_pos[first:last]], group, counts, negatives,
                                     np.float32(rate))
        losses.append(total / max(len(firsts), 1))
        on_epoch(epoch, losses[-1])
        if not np.isfinite(total):
            break
    if bar is not None:
        bar.close()
    if not (np.all(np.isfinite(losses)) and np.all(np.isfinite(input_vecs))):
        raise FloatingPointError(f"training diverged (vectors became inf/NaN): lr={lr} too large")
    wv = WordVectors(vocab.words, input_vecs, counts=vocab.counts)
    wv.epoch_losses, wv.train_seconds = losses, time.perf_counter() - start
    return wv
