"""The named questions of notebook 06 (negative sampling), added to ``exercises``.

Importing this module registers them; the notebook then asks and checks them by name,
passing its own arrays, so no question cell holds an answer:

    from w2v_lib.teach import exercises, exercises_06
    exercises.ask("06-q1")
    exercises.check("06-3", your_answer, wv=wv)

The answers are computed here with w2v_lib. The **Write it yourself** checker of 06,
``check_neg_sampling_loss_and_grad(fn)``, is the one in ``write_it_sgns`` (re-exported).
"""

import numpy as np

from .. import keep_probabilities, naive_softmax_loss_and_grad, neg_sampling_loss_and_grad
from . import exercises
from .write_it_sgns import (  # noqa: F401 (06's Write it yourself checker, by this name)
    SKIP_MISSING,
    check_neg_sampling_loss_and_grad,
    diagnose_neg_sampling_loss_and_grad,
)


def rows_with_gradient(grad_outside_vecs):
    """The number of rows of a (V, d) gradient that are not all zero."""
    return int(np.count_nonzero(np.abs(np.asarray(grad_outside_vecs)).sum(axis=1)))


def kept_share(counts, sample=1e-3):
    """The expected share of word occurrences that subsampling keeps: Σ keep(w) f(w) / Σ f(w).

    counts : (V,) counts f(w);  sample : word2vec's sample (default 1e-3). Returns a float.
    """
    counts = np.asarray(counts, dtype=float)
    return float(keep_probabilities(counts, sample) @ counts / counts.sum())


def _zero_loss(n_negatives=2, vocab_size=5, dim=3):
    zeros = np.zeros((vocab_size, dim))
    return neg_sampling_loss_and_grad(zeros[0], 1, list(range(2, 2 + n_negatives)), zeros)[0]


def _ns_rows(center_vec, outside_id, negative_ids, outside_vecs):
    return rows_with_gradient(
        neg_sampling_loss_and_grad(center_vec, outside_id, negative_ids, outside_vecs)[2])


def _softmax_rows(center_vec, outside_id, outside_vecs):
    return rows_with_gradient(naive_softmax_loss_and_grad(center_vec, outside_id, outside_vecs)[2])


def _center_gradient_is_zero(center_vec, outside_id, negative_ids, vocab_size):
    """At word2vec's start (u = 0), is the gradient on v_c zero?"""
    zeros = np.zeros((vocab_size, len(center_vec)))
    grad = neg_sampling_loss_and_grad(center_vec, outside_id, negative_ids, zeros)[1]
    return bool(not np.any(grad))


def _the(vocab):
    return vocab.words.index("the")


QUESTIONS_06 = {
    "06-q1": ("Loss of one pair, all vectors zero, K = 2?", lambda: _zero_loss(2),
              "three terms, each −log σ(0) = −log(1/2)"),
    "06-q2": ("Non-zero rows of grad_outside_vecs, negative sampling, K = 3?", _ns_rows,
              "which words took part in the loss?"),
    "06-q3": ("Non-zero rows of grad_outside_vecs, full softmax, V = 5?", _softmax_rows,
              "the softmax's normaliser sums over every word"),
    "06-q4": ("Share of word occurrences kept (0 to 1)?",
              lambda counts: kept_share(counts, 1e-3),
              "the few very frequent words make up a large part of any text"),
    "06-q5": ("At the start (every u_w zero, v_c random), is the gradient on v_c zero? "
              "(yes/no)", _center_gradient_is_zero,
              "∂J/∂v_c is a sum of outside vectors u, each times a number"),
    "06-1": ("For the Lee vocabulary and d = 100, how many times more multiply-adds does "
             "the full softmax need than negative sampling with K = 5?",
             lambda wv: len(wv) * 100 / ((5 + 1) * 100),
             "V·d against (K + 1)·d; V = len(wv)"),
    "06-2": ('Share of the occurrences of "the" kept with sample = 1e-4?',
             lambda vocab: float(keep_probabilities(vocab.counts, 1e-4)[_the(vocab)]),
             "t = sample × total words gets 10 times smaller; use w.keep_probabilities"),
    "06-3": ('Nearest neighbour of "taliban" in our vectors?',
             lambda wv: wv.most_similar("taliban", topn=1)[0][0],
             'run wv.most_similar("taliban", topn=1) and type the word it gives, in quotes'),
}

for _name, (_prompt, _answer, _hint) in QUESTIONS_06.items():
    if _name not in exercises.QUESTIONS:  # importing twice (a reload) registers once
        exercises.register(_name, _prompt, _answer, _hint)
