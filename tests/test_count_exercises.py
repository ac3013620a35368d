"""The named questions of notebooks 09 and 10 against hand computations."""

import numpy as np
import pytest

import w2v_lib as w
from w2v_lib.teach import exercises, exercises_09, exercises_10  # noqa: F401 (registers)

HAND = {
    "09-q1": 5,  # "the": cat, sits + sits, on, mat
    "09-q2": "on",
    "09-q3": 2,  # only on-mat and mat-on have PMI log(18 / 8) > log 2
    "09-1": np.log(1 * 24 / (4 * 5)),  # m = 3: X[cat, on] = 1, row of cat 4, column of on 5
    "09-2": 14,
    "09-3": np.log(1 * 18 / (4 * 2)) - np.log(3),  # X[on, mat] = 1, X[on, .] = 4, X[., mat] = 2
    "10-q1": 0.5**0.75,
    "10-q2": 3,
    "10-1": np.log(100) ** 2,
    "10-2": 6,
}


@pytest.mark.parametrize("name", sorted(HAND))
def test_answers_by_hand(name):
    answer = exercises.QUESTIONS[name].answer()
    if isinstance(HAND[name], float):
        assert answer == pytest.approx(HAND[name])
    else:
        assert answer == HAND[name]


def test_the_fit_reaches_the_answer_of_09_3():
    vocab, counts = exercises_09.toy_counts()
    center_vecs, outside_vecs, _ = w.fit_sgns_expected(counts, 5, 3)
    fitted = center_vecs[vocab.index["on"]] @ outside_vecs[vocab.index["mat"]]
    assert round(fitted, 2) == round(HAND["09-3"], 2) == -0.29


def test_portrait_question_reads_the_table():
    rows = {"GloVe": {"3CosAdd": 0.1}, "PPMI-SVD": {"3CosAdd": 0.3},
            "CBOW (ours)": {"3CosAdd": 0.2}}
    assert exercises.QUESTIONS["10-3"].answer(rows=rows) == "cbow (ours)"  # second of three
