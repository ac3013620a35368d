"""03_softmax in a real browser: the center word, d and scale controls of the softmax explorer.

The explorer's vectors are random (the notebook's seeded rng), so the test checks what must
hold whatever they are, with w2v_lib computing it here: each shown P(o | c) is
w.softmax of the shown scores, scaling both vectors by s scales every score by s ** 2, and at
scale 0 every word gets w.softmax(zeros) = 1/V.
"""

import numpy as np
import pytest

import w2v_lib as w
from w2v_lib.toy import TOY_SENTENCE

NOTEBOOK = "03_softmax.ipynb"
WORDS = w.build_vocab(w.tokenize(TOY_SENTENCE)).words


@pytest.mark.browser
def test_softmax_controls(open_notebook):
    nb = open_notebook(NOTEBOOK)
    nb.run_all_cleanly()
    zeros = np.zeros((len(WORDS), 3))
    nb.check_quizzes({"At scale 0": float(w.outside_probs(zeros, zeros, 0)[0])})

    center = nb.widget("w2v-center").locator("select")
    dim, scale = nb.slider("w2v-dim"), nb.slider("w2v-scale")
    result, message = nb.widget("w2v-result"), nb.widget("w2v-softmax-explorer-message")
    assert center.locator("option").all_inner_texts() == list(WORDS)

    def table():
        """(words, scores, P) as shown, after checking them against w2v_lib."""
        rows = nb.table(result)  # o, score, exp(score - max), P(o | c), bar
        words = [r[0] for r in rows]
        scores, shifted, probs = (np.array([float(r[i]) for r in rows]) for i in (1, 2, 3))
        assert words == list(WORDS), words
        assert np.allclose(probs, w.softmax(scores), atol=1e-3), (scores, probs)
        assert np.allclose(shifted, np.exp(scores - scores.max()), atol=1e-3)
        assert message.inner_text().strip() == ""
        return scores

    def shows(d, s, previous=None, factor=None):
        """The page shows d and scale s; with previous scores, they changed by ``factor``."""
        def check():
            assert (dim.value, scale.value) == (d, s)
            scores = table()
            if factor is not None:
                assert np.allclose(scores, factor * previous, atol=3e-3), (scores, previous)
            elif previous is not None:
                assert not np.allclose(scores, previous, atol=1e-3), "the scores did not change"
            return scores
        return nb.eventually(check)

    d0, s0 = int(dim.value), scale.value
    start = shows(d0, s0)

    # Keyboard: scale one step up (0.1). Both v_c and u_o are scaled, so every score is
    # multiplied by ((s0 + 0.1) / s0) ** 2.
    scale.press("ArrowRight")
    s1 = round(s0 + 0.1, 1)
    low_d = shows(d0, s1, start, factor=(s1 / s0) ** 2)
    # Keyboard: one more dimension: new scores, still a softmax.
    dim.press("ArrowRight")
    high_d = shows(d0 + 1, s1, low_d)

    # Mouse: click the scale track near 0 (the track is ~120 px for 200 steps, so the click
    # lands within a step or two of 0): the scores shrink by (s / s1) ** 2.
    scale.click_at(0)
    s_low = scale.value
    assert s_low <= 0.3, s_low
    shows(d0 + 1, s_low, high_d, factor=(s_low / s1) ** 2)
    # Keyboard: Home puts the scale at 0: every P(o | c) = w.softmax(zeros) = 1/V.
    scale.press("Home")
    shows(d0 + 1, 0.0, high_d, factor=0.0)
    uniform = w.softmax(np.zeros(len(WORDS)))
    nb.eventually(lambda: np.testing.assert_allclose(
        [float(r[3]) for r in nb.table(result)], uniform, atol=1e-4))
    # Mouse: drag the scale handle to about 2, then the d handle back to d0: the scores are
    # those seen at scale s1, times (s2 / s1) ** 2.
    scale.drag_to(2.0)
    s2 = scale.value
    assert abs(s2 - 2.0) <= 0.2, s2
    shows(d0 + 1, s2, high_d, factor=(s2 / s1) ** 2)
    dim.drag_to(d0)
    back = shows(d0, s2, low_d, factor=(s2 / s1) ** 2)

    # Another center word: new scores, still a softmax.
    other = WORDS[0] if center.input_value() != WORDS[0] else WORDS[-1]
    center.select_option(other)
    shows(d0, s2, back)
    nb.screenshot(result)
