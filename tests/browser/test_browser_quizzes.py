"""Notebooks whose only widgets are quiz.ask questions (04_loss, 06_negative_sampling): Run
All in the browser, no errors, every widget rendered, and each quiz answers a learner.

The right answers typed here are computed with w2v_lib in this process.
"""

import numpy as np
import pytest

import w2v_lib as w
from w2v_lib.toy import TOY_SENTENCE

TOKENS = w.tokenize(TOY_SENTENCE)
VOCAB = w.build_vocab(TOKENS)
PAIRS = w.skipgram_pairs(VOCAB.encode(TOKENS), 2)
ZEROS = np.zeros((len(VOCAB), 3))


def nonzero_rows(grad):
    return int(np.count_nonzero(np.abs(grad).sum(axis=1)))


# 06 asks how many rows of grad_outside_vecs one pair touches (sits -> on, 3 noise words).
_C, _O = w.init_params(len(VOCAB), 3, np.random.default_rng(1))
_NOISE = [VOCAB.index[x] for x in ("mat", "the", "cat")]
NS_ROWS = nonzero_rows(w.neg_sampling_loss_and_grad(_C[2], VOCAB.index["on"], _NOISE, _O)[2])
SOFTMAX_ROWS = nonzero_rows(w.naive_softmax_loss_and_grad(_C[2], VOCAB.index["on"], _O)[2])

QUIZ_ANSWERS = {
    "04_loss.ipynb": {"every vector is zero": w.nll_loss(ZEROS, ZEROS, PAIRS)},
    "06_negative_sampling.ipynb": {"negative sampling, K = 3": NS_ROWS,
                                   "full softmax, V = 5": SOFTMAX_ROWS},
}


@pytest.mark.browser
@pytest.mark.parametrize("notebook", sorted(QUIZ_ANSWERS))
def test_quizzes(open_notebook, notebook):
    nb = open_notebook(notebook)
    nb.run_all_cleanly()
    assert nb.check_quizzes(QUIZ_ANSWERS[notebook]) >= 1
    nb.screenshot(nb.panel.locator(".w2v-quiz").last)
