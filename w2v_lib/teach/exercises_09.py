"""The named questions of notebook 09 (counts, PMI, the link), added to ``exercises``.

Importing this module registers them; the notebook asks and checks them by name, so no
question or exercise cell holds an answer:

    from w2v_lib.teach import exercises, exercises_09
    exercises.ask("09-q1")
    exercises.check("09-1", your_answer)

Every answer is computed here with w2v_lib from the toy sentence (m = 2; exercise 1: m = 3).
"""

import math

import numpy as np

from .. import build_vocab, cooccurrence_matrix, ppmi, shifted_pmi_pairs, tokenize
from ..toy import TOY_SENTENCE
from . import exercises


def toy_counts(window=2):
    """(vocab, X) of the toy sentence with m = window: X is the 5 x 5 co-occurrence matrix."""
    tokens = tokenize(TOY_SENTENCE)
    vocab = build_vocab(tokens)
    return vocab, cooccurrence_matrix([tokens], vocab, window=window)


def toy_pmi(center, outside, window=2):
    """PMI(center, outside) in the toy matrix with m = window (an observed pair), a float."""
    vocab, counts = toy_counts(window)
    rows, cols, values = shifted_pmi_pairs(counts, negative=1)
    found = (rows == vocab.index[center]) & (cols == vocab.index[outside])
    return float(values[found][0])


def _row_sum(word):
    vocab, counts = toy_counts()
    return int(counts[vocab.index[word]].sum())


def _best_ppmi_partner(word):
    vocab, counts = toy_counts()
    return vocab.words[int(np.argmax(ppmi(counts)[vocab.index[word]].toarray()))]


exercises.register("09-q1", 'Row sum X[the, ·]: how many pairs have "the" as their center?',
                   lambda: _row_sum("the"),
                   "the first 'the' sits at the edge: only 2 words follow it")
exercises.register("09-q2", 'Which word has the highest PPMI with "mat"?',
                   lambda: _best_ppmi_partner("mat"),
                   "'the' is next to mat, but 'the' is next to everything",
                   choices=lambda: toy_counts()[0].words)
exercises.register("09-q3", "Nonzero entries of shifted PPMI with k = 2?",
                   lambda: int(ppmi(toy_counts()[1], shift=2).nnz),
                   "log 2 = 0.693; which PMI values in the table are above it? Count both "
                   "directions")
exercises.register("09-1", "PMI(cat, on) in the toy sentence with m = 3 (three decimals)",
                   lambda: toy_pmi("cat", "on", window=3),
                   "log(X[c, o] · |D| / (X[c, ·] · X[·, o])), natural log")
exercises.register("09-2", "Nonzero entries of the smoothed PPMI (alpha = 0.75) of the toy matrix",
                   lambda: int(ppmi(toy_counts()[1], alpha=0.75).nnz),
                   "smoothing lowers PMI where the context is rare; does any entry fall to 0 "
                   "or below?")
exercises.register("09-3", "The fitted u_o · v_c for c = on, o = mat with K = 3",
                   lambda: toy_pmi("on", "mat") - math.log(3),
                   "at the optimum u_o · v_c = PMI(c, o) - log K: which PMI, and log 3 is 1.10")
