"""05_minibatch in a real browser: the batch-size slider, as a learner moves it.

The notebook splits the 18 pairs of "the cat sits on the mat" (m = 2) into batches of B;
expected counts come from w2v_lib in this process (updates_per_epoch, minibatches).
"""

import re

import pytest

import w2v_lib as w

NOTEBOOK = "05_minibatch.ipynb"
PAIRS = w.skipgram_pairs(w.tokenize("the cat sits on the mat"), 2)


@pytest.mark.browser
def test_batch_size_slider(open_notebook):
    nb = open_notebook(NOTEBOOK)
    nb.run_all_cleanly()
    n = len(PAIRS)
    nb.check_quizzes({"B = 4?": w.updates_per_epoch(n, 4), "B = 5?": w.updates_per_epoch(n, 5)})

    batch = nb.slider("w2v-batch-size")
    updates, result, message = (nb.widget(c) for c in ("w2v-updates", "w2v-result",
                                                       "w2v-minibatch-explorer-message"))
    assert (batch.min, batch.max) == (1, n), "the slider should run from SGD to full batch"

    def shows(b):
        """The page shows batch size B: readout, "<K> updates" and one row per update."""
        def check():
            assert batch.value == b
            k = w.updates_per_epoch(n, b)
            text = updates.inner_text()
            assert re.search(rf"(?<!\d){k} updates?\b", text), text
            rows = nb.table(result)  # update, size, pairs, labels
            sizes = [int(row[1]) for row in rows]
            assert sizes == [len(part) for part in w.minibatches(PAIRS, b)], rows
            assert message.inner_text().strip() == ""
        nb.eventually(check)

    start = int(batch.value)
    shows(start)
    if start == 4:
        assert "5 updates" in updates.inner_text()  # the curriculum's example, B = 4

    # Keyboard: one up, then down to SGD (B = 1: one update per pair).
    batch.press("ArrowRight")
    shows(start + 1)
    batch.press("ArrowLeft", start)
    shows(1)

    # Mouse: click the right end of the track (full batch: 1 update), drag back to B = 4.
    batch.click_at(n)
    shows(n)
    batch.drag_to(4)
    shows(4)
    nb.screenshot(updates)
