"""08_what_vectors_know in a real browser: the embedding explorer, as a learner uses it.

Run All, then type a word, an analogy (and switch its rule to 3CosMul) and words for the
map, pick a preset, and type the bad inputs (an unknown word, an empty box, a one-word
analogy, an unknown word on the map).
Expected neighbours, answers and map come from w2v_lib in this process: the same model is
trained here with the notebook's settings (one worker, seed 1, so the same vectors), never
read from the page.
"""

import base64
import io
import re

import numpy as np
import pytest
from PIL import Image

import w2v_lib as w
from w2v_lib.teach import embedding_explorer as ee
from w2v_lib.teach import exercises_08

NOTEBOOK = "08_what_vectors_know.ipynb"
SETTINGS = dict(dim=100, window=5, negative=5, min_count=5, sample=1e-3, epochs=8)


@pytest.fixture(scope="module")
def wv():
    return w.train_sgns(w.load_corpus("lesson"), seed=1, engine="loop", workers=1,
                        progress=False, **SETTINGS)


def rows_shown(nb, loc):
    """(word, cosine) of each row of a neighbours / answers table on the page."""
    return [(row[1], float(row[2])) for row in nb.table(loc)]


def same_rows(shown, expected):
    assert [word for word, _ in shown] == [word for word, _ in expected], (shown, expected)
    assert np.allclose([c for _, c in shown], [c for _, c in expected], atol=5e-4)


def image_shown(loc):
    """The map's PNG, decoded from the <img> the page shows, as an (h, w, channels) array."""
    src = loc.locator("img").get_attribute("src")
    found = re.fullmatch(r"data:image/png;base64,(.+)", src)
    assert found, src[:60]
    return np.asarray(Image.open(io.BytesIO(base64.b64decode(found.group(1)))))


def image_of(png):
    return np.asarray(Image.open(io.BytesIO(png)))


@pytest.mark.browser
def test_embedding_explorer(open_notebook, wv):
    nb = open_notebook(NOTEBOOK)
    nb.run_all(timeout=900_000)
    assert nb.errors() == []
    assert nb.unrendered_widgets() == [], "cells whose widgets did not render"
    nb.check_quizzes({'"france"': exercises_08.nearest(wv, "france"),
                      "queen": exercises_08.rank_of(wv, "man", "king", "woman", "queen")})

    word = nb.widget("w2v-word").locator("input")
    analogy = nb.widget("w2v-analogy").locator("input")
    map_words = nb.widget("w2v-map-words").locator("input")
    preset = nb.widget("w2v-preset").locator("select")
    neighbours, answers, word_map = (nb.widget(c) for c in ("w2v-neighbours", "w2v-answers",
                                                            "w2v-word-map"))
    messages = {part: nb.widget(f"w2v-embedding-{part}-message")
                for part in ("neighbours", "analogy", "map")}

    def no_message(part):
        assert messages[part].inner_text().strip() == "", messages[part].inner_text()

    # The start: king's neighbours and man : king :: woman, as w2v_lib gives them.
    def starts():
        same_rows(rows_shown(nb, neighbours), wv.most_similar("king", topn=10))
        same_rows(rows_shown(nb, answers), wv.analogy("man", "king", "woman", topn=5))
        no_message("neighbours")
        no_message("analogy")
    nb.eventually(starts, timeout=30)

    # A word, typed in capitals, then Enter.
    word.fill("Water")
    word.press("Enter")
    nb.eventually(lambda: same_rows(rows_shown(nb, neighbours), wv.most_similar("water", 10)))
    no_message("neighbours")
    nb.screenshot(neighbours, "_neighbours")

    # An analogy.
    analogy.fill("germany : german :: france")
    analogy.press("Enter")
    nb.eventually(lambda: same_rows(rows_shown(nb, answers),
                                    wv.analogy("germany", "german", "france", topn=5)))
    no_message("analogy")

    # The rule toggle: france : paris :: italy by 3CosAdd, then by 3CosMul.
    analogy.fill("france : paris :: italy")
    analogy.press("Enter")
    nb.eventually(lambda: same_rows(rows_shown(nb, answers),
                                    wv.analogy("france", "paris", "italy", topn=5)))
    nb.widget("w2v-rule").get_by_role("button", name="3CosMul").click()
    by_mul = wv.analogy("france", "paris", "italy", topn=5, method="mul")

    def ranked_by_mul():
        same_rows(rows_shown(nb, answers), by_mul)
        assert "ranked by 3CosMul" in answers.inner_text()
    nb.eventually(ranked_by_mul)
    assert rows_shown(nb, answers)[0][0] == by_mul[0][0]
    no_message("analogy")
    nb.screenshot(answers, "_3cosmul")

    # The map: typed groups, then a preset picked from the list.
    typed = "fruit: apple pear banana; tools: hammer saw knife"
    map_words.fill(typed)
    map_words.press("Enter")
    expected = image_of(ee.map_png(wv, typed))

    def map_shows(pixels):
        shown = image_shown(word_map)
        assert shown.shape == pixels.shape and np.abs(shown.astype(int) - pixels).mean() < 1.0
        no_message("map")
    nb.eventually(lambda: map_shows(expected), timeout=20)
    assert preset.input_value() == "(typed)"
    nb.screenshot(word_map, "_map")
    name = list(ee.MAP_PRESETS)[1]
    preset.select_option(name)
    nb.eventually(lambda: map_shows(image_of(ee.map_png(wv, ee.MAP_PRESETS[name]))), timeout=20)
    assert map_words.input_value() == ee.MAP_PRESETS[name]

    # Bad input: a readable message in place of the result, never a traceback.
    def shows_message(part, result, text):
        def check():
            shown = messages[part].inner_text()
            assert text in shown and "Traceback" not in shown, shown
            assert result.locator("td, img").count() == 0
        nb.eventually(check)

    for box, part, result, typed_in, text in [
        (word, "neighbours", neighbours, "xyzzyq", "'xyzzyq' is not in the vocabulary"),
        (word, "neighbours", neighbours, "", "The box is empty"),
        (analogy, "analogy", answers, "king", "An analogy needs three words"),
        (analogy, "analogy", answers, "", "got an empty box"),
        (analogy, "analogy", answers, "man : king :: xyzzyq", "'xyzzyq' is not in the vocabulary"),
        (map_words, "map", word_map, "apple qqqzz", "not in the vocabulary: qqqzz"),
        (map_words, "map", word_map, "", "at least two words"),
    ]:
        box.fill(typed_in)
        box.press("Enter")
        shows_message(part, result, text)
    nb.screenshot(messages["analogy"], "_message")

    # And back: a good word clears the message.
    word.fill("computer")
    word.press("Enter")
    nb.eventually(lambda: same_rows(rows_shown(nb, neighbours), wv.most_similar("computer", 10)))
    no_message("neighbours")
