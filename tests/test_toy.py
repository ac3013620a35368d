"""Tests for w2v_lib.toy: the running sentence and the hand-made dense vectors."""

import numpy as np
from scipy.spatial.distance import cdist

from w2v_lib import toy

GROUPS = [("cat", "dog", "kitten"), ("hotel", "motel", "inn"), ("mat", "rug")]


def test_toy_sentence_is_the_lecture_example():
    assert toy.TOY_SENTENCE.split() == ["the", "cat", "sits", "on", "the", "mat"]


def test_dense_vectors_one_2d_row_per_word():
    vecs = toy.dense_vectors()
    assert vecs.shape == (len(toy.DENSE_WORDS), 2) == (8, 2)
    assert np.all(np.linalg.norm(vecs, axis=1) > 0)  # no zero vector: cosine is defined
    assert sorted(toy.DENSE_WORDS) == sorted(w for g in GROUPS for w in g)


def test_dense_vectors_are_a_fresh_copy():
    vecs = toy.dense_vectors()
    vecs[:] = 0
    assert np.all(toy.dense_vectors() != 0)


def test_related_words_sit_closer_than_unrelated_ones():
    words = list(toy.DENSE_WORDS)
    sims = 1 - cdist(toy.dense_vectors(), toy.dense_vectors(), "cosine")
    group_of = {w: k for k, g in enumerate(GROUPS) for w in g}
    same = [sims[i, j] for i, a in enumerate(words) for j, b in enumerate(words)
            if a != b and group_of[a] == group_of[b]]
    other = [sims[i, j] for i, a in enumerate(words) for j, b in enumerate(words)
             if group_of[a] != group_of[b]]
    assert min(same) > 0.9 > 0.5 > max(other)
    assert sims[words.index("hotel"), words.index("motel")] > 0.99
