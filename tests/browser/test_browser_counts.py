"""The K slider of 09_counts in a real browser: move K, read log K and the fit off the page.

Expected numbers come from w2v_lib in this process (np.log(K) and the toy counts), never
from the page.
"""

import re

import numpy as np
import pytest

import w2v_lib as w
from w2v_lib import toy

TOKENS = w.tokenize(toy.TOY_SENTENCE)
VOCAB = w.build_vocab(TOKENS)
X = w.cooccurrence_matrix([TOKENS], VOCAB, window=2)
QUIZ_ANSWERS = {"Row sum X[the": int(X[VOCAB.index["the"]].sum()),
                "shifted PPMI with k = 2": int(w.ppmi(X, shift=2).nnz)}


@pytest.mark.browser
def test_k_slider(open_notebook):
    nb = open_notebook("09_counts.ipynb")
    nb.run_all_cleanly()
    nb.check_quizzes(QUIZ_ANSWERS)
    slider = nb.slider("w2v-negative")
    info, figure = nb.widget("w2v-info"), nb.widget("w2v-figure")

    def shows(k):
        def check():
            assert slider.value == k
            text = info.inner_text()
            assert f"K = {k}: log K = {np.log(k):.3f}" in text, text
            shift = float(re.search(r"sits (-?[\d.]+) below PMI", text).group(1))
            slope = float(re.search(r"slope (-?[\d.]+)", text).group(1))
            assert abs(shift - np.log(k)) < 0.01 and abs(slope - 1) < 0.05
            assert figure.locator("img").count() == 1
        nb.eventually(check)

    start = int(slider.value)
    shows(start)
    slider.press("ArrowLeft", start - 1)
    shows(1)
    slider.press("ArrowRight", 2)
    shows(3)
    slider.click_at(slider.max)
    shows(int(slider.max))
    slider.drag_to(2)
    shows(2)
    nb.screenshot(info)
