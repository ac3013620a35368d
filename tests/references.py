"""Shared references for the tests, each written once and independently of w2v_lib.

- SOURCE_PAIRS: the 18 (center, outside) pairs of "the cat sits on the mat" with m = 2,
  typed from ../shared/CURRICULUM.md section 4 (the source's numbered list)
- position_pairs_by_loop, pairs_by_loop, count_by_loop: skip-gram pairs by a plain double
  loop over positions
- softmax_by_loop: softmax by a plain loop with math.exp

Tests import them with ``from references import ...`` (pytest puts tests/ on sys.path).

>>> count_by_loop(6, 2), len(SOURCE_PAIRS)
(18, 18)
>>> [round(p, 4) for p in softmax_by_loop([0.0, 0.0, 1000.0])]
[0.0, 0.0, 1.0]
"""

import math

SOURCE_TEXT = "the cat sits on the mat"

SOURCE_PAIRS = [
    ("the", "cat"), ("the", "sits"), ("cat", "the"), ("cat", "sits"), ("cat", "on"),
    ("sits", "the"), ("sits", "cat"), ("sits", "on"), ("sits", "the"), ("on", "cat"),
    ("on", "sits"), ("on", "the"), ("on", "mat"), ("the", "sits"), ("the", "on"),
    ("the", "mat"), ("mat", "on"), ("mat", "the"),
]


def position_pairs_by_loop(n, window, sentence_ids=None):
    """(i, j) for every center position i and outside position j, in order.

    n : positions;  window : int m, or a list of n ints (each center's own window);
    sentence_ids : n labels, pairs never join two labels (None: one sentence).
    """
    spans = [window] * n if isinstance(window, int) else list(window)
    same = sentence_ids if sentence_ids is not None else [0] * n
    return [(i, j) for i in range(n) for j in range(n)
            if j != i and abs(j - i) <= spans[i] and same[j] == same[i]]


def pairs_by_loop(tokens, window):
    """(center, outside) tokens of every pair, as skipgram_pairs lists them."""
    return [(tokens[i], tokens[j]) for i, j in position_pairs_by_loop(len(tokens), window)]


def count_by_loop(n, window):
    """How many pairs n tokens give with window m."""
    return len(position_pairs_by_loop(n, window))


def softmax_by_loop(scores):
    """exp(s - max) / sum of the same, one score at a time (a list of floats)."""
    top = max(scores)
    exps = [math.exp(s - top) for s in scores]
    total = sum(exps)
    return [e / total for e in exps]
