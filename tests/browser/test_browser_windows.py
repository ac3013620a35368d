"""02_windows in a real browser: the window slider and the sentence box, as a learner uses them.

Expected numbers come from w2v_lib in this process (count_pairs, skipgram_pairs), never
from the page.
"""

import re

import pytest

import w2v_lib as w

NOTEBOOK = "02_windows.ipynb"
SENTENCE = "the cat sits on the mat"  # what the test types; the curriculum's example


def pairs_shown(result_text):
    """The numbered pairs in the pair table, as [(center, context), ...] in number order."""
    found = re.findall(r"(\d+)\s+(\S+?)→(\S+?)(?:,|\s|$)", result_text)
    numbers = [int(n) for n, _, _ in found]
    assert numbers == list(range(1, len(found) + 1)), f"pairs not numbered 1..N: {numbers}"
    return [(c, o) for _, c, o in found]


@pytest.mark.browser
def test_window_slider_and_sentence(open_notebook):
    nb = open_notebook(NOTEBOOK)
    nb.run_all()
    assert nb.errors() == []

    window = nb.slider("w2v-window")
    sentence = nb.widget("w2v-sentence").locator("input")
    count, result, message = (nb.widget(c) for c in ("w2v-count", "w2v-result", "w2v-message"))
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
