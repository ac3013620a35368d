"""The named questions of notebook 10 (GloVe, CBOW, the family portrait), added to ``exercises``.

    from w2v_lib.teach import exercises, exercises_10
    exercises.ask("10-q1")
    exercises.check("10-3", your_answer, rows=rows)

Answers are computed here with w2v_lib (the last one from the notebook's portrait table).
"""

import numpy as np

from .. import build_vocab, cbow_loss_and_grad, glove_loss_and_grad, skipgram_pairs, tokenize
from ..glove import glove_weights
from ..toy import TOY_SENTENCE
from . import exercises


def cbow_rows_touched(context_words):
    """How many rows of grad_input_vecs one CBOW example with this context changes (toy V)."""
    vocab = build_vocab(tokenize(TOY_SENTENCE))
    rng = np.random.default_rng(0)
    input_vecs, output_vecs = rng.normal(size=(2, len(vocab), 3))
    _, grad_in, _ = cbow_loss_and_grad(input_vecs, output_vecs, vocab.encode(context_words),
                                       vocab.index["sits"], vocab.encode(["mat"]))
    return int(np.count_nonzero(np.abs(grad_in).sum(axis=1)))


def _zero_glove_loss(count):
    zeros = (np.zeros((2, 1)), np.zeros((2, 1)), np.zeros(2), np.zeros(2))
    return glove_loss_and_grad(*zeros, [0], [1], [float(count)])[0]


def _cbow_examples():
    positions = list(range(len(tokenize(TOY_SENTENCE))))
    return len({center for center, _ in skipgram_pairs(positions, window=2)})


exercises.register("10-q1", "f(50) with x_max = 100 and α = 0.75?",
                   lambda: float(glove_weights(50)),
                   "(50 / 100) ** 0.75: a half, raised to three quarters")
exercises.register("10-q2", "Non-zero rows of grad_input_vecs, context (the, cat, on, the)?",
                   lambda: cbow_rows_touched(["the", "cat", "on", "the"]),
                   "one row per distinct context word")
exercises.register("10-1", "GloVe loss of one entry X_ij = 100, every parameter zero",
                   lambda: _zero_glove_loss(100), "f(100) = 1 and the error is 0 - log 100")
exercises.register("10-2", "CBOW examples in one epoch of the toy sentence (m = 2)",
                   _cbow_examples, "one example per position that has at least one context word")
exercises.register("10-3", "The method second on 3CosAdd accuracy in the portrait",
                   lambda rows: sorted(rows, key=lambda m: rows[m]["3CosAdd"])[-2].lower(),
                   "read the 3CosAdd column; the prose names the winner")
