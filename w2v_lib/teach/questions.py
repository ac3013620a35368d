"""The named questions of notebooks 00-05: prompt, hint, and the answer computed here.

A question is looked up by name ("02-q1": the first predict box of notebook 02, "02-1":
its exercise 1) by ``exercises.ask`` and ``exercises.check``, so a notebook's question
cell holds no answer. ``answer(**context)`` computes the answer with w2v_lib from the
toy text, or from the notebook's own arrays passed as ``context`` (e.g. ``center_vecs``).
"""

import itertools
from dataclasses import dataclass

import numpy as np

from .. import (
    build_vocab,
    cosine_similarity,
    init_params,
    minibatches,
    naive_softmax_loss_and_grad,
    nll_loss,
    nll_loss_and_grad,
    one_hot,
    outside_probs,
    skipgram_pairs,
    softmax,
    tokenize,
    train,
    updates_per_epoch,
)
from ..toy import DENSE_WORDS, TOY_SENTENCE, dense_vectors


@dataclass(frozen=True)
class Question:
    """prompt: the question; answer: callable(**context) -> the answer; hint: after a wrong
    try; choices: callable() -> the words the answer is one of (word answers), or None."""

    prompt: str
    answer: object
    hint: str = ""
    choices: object = None


def _toy():
    tokens = tokenize(TOY_SENTENCE)
    vocab = build_vocab(tokens)
    return tokens, vocab, skipgram_pairs(vocab.encode(tokens), window=2)


def _toy_words():
    return list(_toy()[1].words)


def _fewest_pairs_center():
    counts = {}
    for center, _ in skipgram_pairs(tokenize(TOY_SENTENCE), window=2):
        counts[center] = counts.get(center, 0) + 1
    return min(counts, key=counts.get)


def _dense_cos(a, b):
    dense = dense_vectors()
    return cosine_similarity(dense[DENSE_WORDS.index(a)], dense[DENSE_WORDS.index(b)])


def _n_pairs(n_words, window):
    return len(skipgram_pairs(list(range(n_words)), window=window))


def _likeliest(center_vecs, outside_vecs, center="mat"):
    _, vocab, _ = _toy()
    return vocab.words[int(np.argmax(outside_probs(center_vecs, outside_vecs,
                                                   vocab.index[center])))]


def _zero_J(vocab_size):
    zeros = np.zeros((vocab_size, 3))
    return nll_loss(zeros, zeros, [(0, 1)])


def _lower_after_step(center_vecs, outside_vecs, lr):
    _, _, pairs = _toy()
    step = train(center_vecs, outside_vecs, pairs, lr=lr, batch_size=len(pairs), epochs=1)
    return bool(step.epoch_losses[0] < nll_loss(center_vecs, outside_vecs, pairs))


def _largest_u_gradient(center_vecs, outside_vecs):
    _, vocab, pairs = _toy()
    center, outside = pairs[0]
    grad_u = naive_softmax_loss_and_grad(center_vecs[center], outside, outside_vecs)[2]
    return vocab.words[int(np.argmax(np.linalg.norm(grad_u, axis=1)))]


def _zero_gradient_length():
    _, vocab, pairs = _toy()
    zeros = np.zeros((len(vocab), 3))
    return float(np.linalg.norm(np.stack(nll_loss_and_grad(zeros, zeros, pairs)[1])))


def _updates(batch_size, epochs=1):
    return epochs * updates_per_epoch(len(_toy()[2]), batch_size)


def _batch_sizes_with(n_updates):
    n_pairs = len(_toy()[2])
    return {b for b in range(1, n_pairs + 1) if updates_per_epoch(n_pairs, b) == n_updates}

QUESTIONS = {
    # 00 start here
    "00-q1": Question("How many numbers does θ hold for V = 5 and d = 3?",
                      lambda: sum(m.size for m in init_params(5, 3, np.random.default_rng(0))),
                      "2 · d · V"),
    "00-1": Question("Which word of the running sentence is the center of the fewest pairs "
                     "(m = 2)?", _fewest_pairs_center,
                     "the words at the two ends have the fewest neighbours; 'the' is there twice",
                     _toy_words),
    # 01 one-hot vs dense
    "01-q1": Question('Closer to "inn" under the dense vectors: hotel or motel?',
                      lambda: max(["hotel", "motel"], key=lambda x: _dense_cos("inn", x)),
                      "compare the angles between the row of inn and each candidate",
                      lambda: ["hotel", "motel"]),
    "01-1": Question('Nearest neighbour of "kitten" under the dense vectors?',
                     lambda: max((x for x in DENSE_WORDS if x != "kitten"),
                                 key=lambda x: _dense_cos("kitten", x)),
                     "find the arrow nearest in direction in the 2-D plot",
                     lambda: [x for x in DENSE_WORDS if x != "kitten"]),
    "01-2": Question("How many of the 28 pairs have a dense cosine above 0.9?",
                     lambda: sum(_dense_cos(a, b) > 0.9
                                 for a, b in itertools.combinations(DENSE_WORDS, 2)),
                     "count the pairs inside each group of related words"),
    "01-3": Question('Cosine of "cat" and "kitten" under one-hot vectors?',
                     lambda: cosine_similarity(one_hot(DENSE_WORDS.index("cat"), len(DENSE_WORDS)),
                                               one_hot(DENSE_WORDS.index("kitten"),
                                                       len(DENSE_WORDS))),
                     "one-hot vectors of two different words share no nonzero position"),
    # 02 windows
    "02-q1": Question("How many pairs for m = 2?", lambda: _n_pairs(6, 2),
                      "count the context words of each of the 6 positions, then add"),
    "02-q2": Question("How many pairs for m = 3?", lambda: _n_pairs(6, 3),
                      "the pairs for m = 2, plus the pairs at distance 3: 2 · (T − 3)"),
    "02-1": Question("Pairs in a 10-word sentence with m = 3?", lambda: _n_pairs(10, 3),
                     "N = 2 · Σ (T − k) for k = 1 … m"),
    "02-2": Question('With m = 2, how many pairs have "sits" as the center?',
                     lambda: sum(c == "sits" for c, _ in skipgram_pairs(
                         tokenize(TOY_SENTENCE), window=2)),
                     "sits is at position 3: is its window cut at an edge?"),
    "02-3": Question("Smallest m at which a 4-word sentence's count stops growing?",
                     lambda: min(m for m in range(1, 10) if _n_pairs(4, m) == _n_pairs(4, m + 1)),
                     "the window covers the whole sentence once m reaches T − 1"),
    # 03 softmax
    "03-q1": Question("Which outside word o gets the highest P(o | mat)?", _likeliest,
                      "the biggest score u_o · v_c wins", _toy_words),
    "03-q2": Question("At scale 0, what is P(o | c) for every o? (a number)",
                      lambda: float(outside_probs(np.zeros((5, 3)), np.zeros((5, 3)), 0)[0]),
                      "every score is 0, so every exp is 1"),
    "03-1": Question("How many numbers does θ hold for V = 6 and d = 10?",
                     lambda: sum(m.size for m in init_params(6, 10, np.random.default_rng(0))),
                     "two vectors per word, each with d numbers"),
    "03-2": Question("If every vector is zero, what is P(mat | cat)?",
                     lambda: float(outside_probs(np.zeros((5, 3)), np.zeros((5, 3)), 1)[4]),
                     "all scores are equal; how many words share the probability?"),
    "03-3": Question("First word's probability for the scores [102, 101, 100]?",
                     lambda: float(softmax([102.0, 101.0, 100.0])[0]),
                     "adding the same number to every score changes nothing"),
    # 04 loss
    "04-q1": Question("If every vector is zero, what is J? (a number; V = 5)",
                      lambda: _zero_J(5), "every score is 0, so P(o | c) = 1/V"),
    "04-q2": Question("After one gradient step with lr = 0.5, is J lower than before? (yes/no)",
                      _lower_after_step, "a small step against the gradient"),
    "04-1": Question("With every vector zero and V = 10, what is J?", lambda: _zero_J(10),
                     "every word gets the same probability 1/V"),
    "04-2": Question("For pair 1, which word's u_w gets the longest gradient?",
                     _largest_u_gradient,
                     "∂/∂u_w = (P(w | c) − [w = o]) v_c; compare |P(w | c) − [w = o]| across "
                     "words", _toy_words),
    "04-3": Question("Length of the gradient of J at an all-zero start?", _zero_gradient_length,
                     "each gradient multiplies some vector u or v; what are they all?"),
    # 05 mini-batch
    "05-q1": Question("How many updates per epoch at B = 4?", lambda: _updates(4),
                      "ceil(18 / 4): the last batch may be short"),
    "05-q2": Question("How many updates per epoch at B = 5?", lambda: _updates(5),
                      "ceil(18 / 5)"),
    "05-1": Question("Which batch sizes give exactly 3 updates per epoch?",
                     lambda: _batch_sizes_with(3),
                     "ceil(18 / B) = 3 means 2 < 18 / B ≤ 3"),
    "05-2": Question("With B = 5, how many pairs are in the last batch?",
                     lambda: len(minibatches(_toy()[2], 5)[-1]),
                     "take out full batches of 5 until fewer than 5 are left"),
    "05-3": Question("How many updates does SGD make in 10 epochs?",
                     lambda: _updates(1, epochs=10), "updates per epoch times epochs"),
}
