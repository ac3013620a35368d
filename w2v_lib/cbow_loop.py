"""CBOW as word2vec.c trains it: one center at a time, compiled, on several threads.

The per-center loop of word2vec.c's CBOW with negative sampling and cbow_mean=1 (gensim's
``fast_sentence_cbow_neg``), compiled by numba like w2v_lib.sgns_loop, whose pieces it
reuses: word2vec.c's random numbers, the alias table of P_n, the sigma tables, jobs of
whole sentences, hogwild threads (``sgns_loop._train_epochs``). For each kept position i
with its window b (1..m words each side, drawn per position) and n >= 1 context words:

    h = (1/n) sum_j v_j                              (the mean of the context's inputs)
    g_t = lr * (label_t - sigma(u_t . h))            for t = the center, n_1 .. n_K
    neu1e += g_t u_t  (old u_t),   u_t += g_t h      (a noise word equal to the center
                                                      is skipped)
    v_j += neu1e                                     for every context word j

The last line is word2vec.c's and gensim's (with cbow_mean=1 both add the whole neu1e to
every v_j, not neu1e / n; gensim divides only when h is the sum, cbow_mean=0), and we follow
it: this engine is there to train as word2vec does, at its speed, so its vectors and its
learning rate mean what theirs do. It is n times the true gradient step of
``cbow_loss_and_grad``, which the numpy engine of ``train_cbow`` takes instead (hence that
engine's larger default lr). The examples are the same in both engines: subsample the
sentence, draw b per kept position, the context is every kept word within b positions in
the same sentence, and a center with no context word is no example.
"""

import numpy as np
from numba import njit

from .sgns_loop import _below, _next_random, _score_terms, _subsample, _train_epochs


@njit(nogil=True, cache=True, fastmath=True)
def _train_job(input_vecs, output_vecs, ids, starts, keep, noise_keep, noise_alias,
               window, negative, lr, min_lr, word0, total_words, state):
    """Train CBOW on one job, the sentences ids[starts[s] : starts[s + 1]], in place.

    input_vecs, output_vecs : (V, d) float32, rows v_w (averaged) and u_w (scored)
    ids, starts, keep, noise_keep, noise_alias, window, negative, lr, min_lr, word0,
    total_words, state : as sgns_loop._train_job (the same random numbers, drawn in the
    same order: one per token to subsample, one per kept position for its window, two
    per noise word).
    Returns (summed loss of the scored terms, number of examples (centers with context)).
    """
    dim = input_vecs.shape[1]
    h = np.empty(dim, np.float32)  # the mean of the context's v_j
    neu1e = np.empty(dim, np.float32)  # sum_t g_t u_t for the current center
    kept = np.empty(len(ids), np.int32)  # the current sentence after subsampling
    loss, n_examples = 0.0, 0
    for s in range(len(starts) - 1):
        done = (word0 + starts[s]) / total_words  # share of all training words done
        alpha = np.float32(lr - (lr - min_lr) * done)  # linear decay, once per sentence
        n, state = _subsample(ids, starts[s], starts[s + 1], keep, kept, state)
        for i in range(n):
            state = _next_random(state)
            span = 1 + _below(state, window)  # this center's window: 1 .. m words each side
            lo, hi = max(0, i - span), min(n, i + span + 1)
            if hi - lo < 2:
                continue  # no context word: no example (word2vec.c's "if (cw)")
            h[:] = 0.0
            for j in range(lo, hi):
                if j != i:
                    for d in range(dim):
                        h[d] += input_vecs[kept[j], d]
            inv_count = np.float32(1.0 / (hi - lo - 1))
            for d in range(dim):
                h[d] *= inv_count
            n_examples += 1
            neu1e[:] = 0.0
            loss, state = _score_terms(output_vecs, h, kept[i], negative, alpha, neu1e, loss,
                                       state, noise_keep, noise_alias)
            for j in range(lo, hi):
                if j != i:
                    for d in range(dim):
                        input_vecs[kept[j], d] += neu1e[d]  # v_j += neu1e, as word2vec.c
    return loss, n_examples


def _train_cbow_epochs(input_vecs, output_vecs, ids, sent, keep, sampler, **settings):
    """sgns_loop._train_epochs with the CBOW kernel: same arguments, threads and seeds.

    Returns the mean loss per example (center) of each epoch, a list of floats.
    """
    return _train_epochs(input_vecs, output_vecs, ids, sent, keep, sampler, kernel=_train_job,
                         **settings)
