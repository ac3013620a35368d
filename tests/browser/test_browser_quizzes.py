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

QUIZ_ANSWERS = {
    "04_loss.ipynb": {"every vector is zero": w.nll_loss(ZEROS, ZEROS, PAIRS)},
    "06_negative_sampling.ipynb": {},
}


@pytest.mark.browser
@pytest.mark.parametrize("notebook", sorted(QUIZ_ANSWERS))
def test_quizzes(open_notebook, notebook):
    nb = open_notebook(notebook)
    nb.run_all_cleanly()
    assert nb.check_quizzes(QUIZ_ANSWERS[notebook]) >= 1
    nb.screenshot(nb.panel.locator(".w2v-quiz").last)
