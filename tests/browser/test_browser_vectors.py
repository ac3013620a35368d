"""01_one_hot_vs_dense in a real browser: pick two words, compare their similarities.

Expected cosines come from w2v_lib in this process (one_hot, cosine_similarity and the
toy dense vectors), never from the page.
"""

import re

import numpy as np
import pytest

import w2v_lib as w
from w2v_lib import toy

NOTEBOOK = "01_one_hot_vs_dense.ipynb"


@pytest.mark.browser
def test_word_dropdowns(open_notebook):
    nb = open_notebook(NOTEBOOK)
    nb.run_all_cleanly()
    dense = toy.dense_vectors()
    words = list(toy.DENSE_WORDS)

    def cos(a, b):
        return w.cosine_similarity(dense[words.index(a)], dense[words.index(b)])
    nb.check_quizzes({'Closer to "inn"': max(["hotel", "motel"], key=lambda x: cos("inn", x))})

    word_a, word_b = (nb.widget(c).locator("select") for c in ("w2v-word-a", "w2v-word-b"))
    result, message = nb.widget("w2v-result"), nb.widget("w2v-vector-explorer-message")
    assert word_a.locator("option").all_inner_texts() == words

    def shows(a, b):
        """cos(a, b) under one-hot and dense vectors, as w2v_lib computes them."""
        i, j = words.index(a), words.index(b)
        expected = [w.cosine_similarity(w.one_hot(i, len(words)), w.one_hot(j, len(words))),
                    w.cosine_similarity(dense[i], dense[j])]

        def check():
            rows = nb.table(result)
            shown = [float(row[-1]) for row in rows]
            assert np.allclose(shown, expected, atol=5e-4), (rows, expected)
            assert re.search(rf"cos\({a}, {b}\)", result.inner_text())
            assert message.inner_text().strip() == ""
        nb.eventually(check)

    shows(word_a.input_value(), word_b.input_value())
    # Pick words from the dropdowns (a native <select>; headless Chromium ignores arrow keys
    # on a closed one, so only choosing an option is driven here).
    word_a.select_option("cat")
    word_b.select_option("kitten")
    shows("cat", "kitten")
    word_b.select_option("cat")
    shows("cat", "cat")  # a word with itself: 1 under both
    word_b.select_option("dog")
    shows("cat", "dog")
    word_a.select_option("hotel")
    word_b.select_option("motel")
    shows("hotel", "motel")
    nb.screenshot(result)
