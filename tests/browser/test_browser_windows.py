"""The window explorer in a real browser (02_windows, and 00_start_here's preview): the window
slider and the sentence box, as a learner uses them, and the notebooks' quizzes.

Expected numbers come from w2v_lib in this process (count_pairs, skipgram_pairs, ...), never
from the page.
"""

import re

import numpy as np
import pytest

import w2v_lib as w

SENTENCE = "the cat sits on the mat"  # what the test types; the curriculum's example
T = len(w.tokenize(SENTENCE))
THETA = sum(x.size for x in w.init_params(5, 3, np.random.default_rng(0)))  # V = 5, d = 3
# The quizzes the test answers right, by a part of their prompt; others get wrong guesses.
QUIZ_ANSWERS = {
    "00_start_here.ipynb": {"V = 5 and d = 3": THETA},
    "02_windows.ipynb": {"m = 2?": w.count_pairs(T, 2), "m = 3?": w.count_pairs(T, 3)},
}


def pairs_shown(result_text):
    """The numbered pairs in the pair table, as [(center, context), ...] in number order."""
    found = re.findall(r"(\d+)\s+(\S+?)→(\S+?)(?:,|\s|$)", result_text)
    numbers = [int(n) for n, _, _ in found]
    assert numbers == list(range(1, len(found) + 1)), f"pairs not numbered 1..N: {numbers}"
    return [(c, o) for _, c, o in found]


@pytest.mark.browser
@pytest.mark.parametrize("notebook", sorted(QUIZ_ANSWERS))
def test_window_slider_and_sentence(open_notebook, notebook):
    nb = open_notebook(notebook)
    nb.run_all_cleanly()
    nb.check_quizzes(QUIZ_ANSWERS[notebook])

    window = nb.slider("w2v-window")
    sentence = nb.widget("w2v-sentence").locator("input")
    count, result, message = (nb.widget(c) for c in ("w2v-count", "w2v-result",
                                                     "w2v-window-explorer-message"))
    tokens = w.tokenize(SENTENCE)

    def shows(m):
        """The page shows window m: readout, "<N> pairs" and the numbered pairs, as w2v_lib."""
        def check():
            assert window.value == m
            n = w.count_pairs(len(tokens), m)
            assert re.search(rf"(?<!\d){n} pairs", count.inner_text()), count.inner_text()
            assert pairs_shown(result.inner_text()) == w.skipgram_pairs(tokens, m)
            assert message.inner_text().strip() == ""
        nb.eventually(check)

    sentence.fill(SENTENCE)
    start = int(window.value)
    shows(start)

    # Keyboard: down to m = 1, then up one at a time (10, 18, 24 pairs for the example).
    window.press("ArrowLeft", start - 1)
    shows(1)
    for m in (2, 3):
        window.press("ArrowRight")
        shows(m)

    # Mouse: click the track at the right end, then drag the handle back to m = 2.
    top = int(window.max)
    window.click_at(top)
    shows(top)
    window.drag_to(2)
    shows(2)

    # A bad value: an empty sentence gives a readable message and no result.
    sentence.fill("")

    def explains():
        text = message.inner_text().strip()
        assert text and "Traceback" not in text and "nan" not in text.lower(), text
        assert count.inner_text().strip() == "" and result.inner_text().strip() == ""
        return text
    print(f"\nempty sentence -> {nb.eventually(explains)!r}")
    nb.screenshot(message, suffix="-message")

    sentence.fill(SENTENCE)
    shows(2)
    nb.screenshot(count)
