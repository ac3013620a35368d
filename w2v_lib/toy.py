"""Toy data for the first notebooks: the running sentence and hand-made dense vectors.

The dense vectors are illustrative: written by hand so that related words point the same
way ("hotel"/"motel", "cat"/"dog"), not trained on any text. Trained vectors come later.
"""

import numpy as np

# The running example of the lecture note: with window m = 2 it gives 18 pairs.
TOY_SENTENCE = "the cat sits on the mat"

# Three groups of related words: animals, places to stay, things on a floor.
DENSE_WORDS = ("cat", "dog", "kitten", "hotel", "motel", "inn", "mat", "rug")

# Row i is the hand-made 2-D vector of DENSE_WORDS[i] (d = 2, so a plot shows them exactly).
_DENSE = (
    (0.90, 0.30),  # cat
    (0.80, 0.45),  # dog
    (0.95, 0.15),  # kitten
    (-0.20, 0.90),  # hotel
    (-0.30, 0.85),  # motel
    (-0.05, 0.95),  # inn
    (-0.70, -0.60),  # mat
    (-0.80, -0.45),  # rug
)


def dense_vectors():
    """The hand-made dense vectors: a fresh (V, 2) array, row i for DENSE_WORDS[i] (V = 8)."""
    return np.array(_DENSE, dtype=float)
