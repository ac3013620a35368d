"""Per-update time of notebook 08's embedding explorer on a lesson-sized model (budget 50 ms).

    .venv/bin/python bench/embedding_explorer.py

The vectors have the lesson model's shape: the vocabulary of load_corpus("lesson") at
min_count 5 (V about 32,000), d = 100, random numbers (the time of a lookup does not
depend on what the numbers are, only on V and d). Each line sets one box the way a learner
does (observers fire synchronously; the rule toggle switches 3CosAdd / 3CosMul) and prints
the median and worst time per update, and the median as a share of the 50 ms budget. The
map draws a matplotlib figure, so it is slower; it is timed too. A benchmark, not a test:
it asserts nothing.
"""

import itertools
import statistics
import time
from collections import Counter

import numpy as np

import w2v_lib as w
from w2v_lib.teach import embedding_explorer as ee

REPEATS = 30
BUDGET_MS = 50


def time_updates(name, control, values, repeats=REPEATS):
    """Set control.value to each value in turn; print median and max ms per update."""
    times = []
    for value in itertools.islice(itertools.cycle(values), repeats):
        start = time.perf_counter()
        control.value = value
        times.append((time.perf_counter() - start) * 1000)
    median = statistics.median(times)
    print(f"{name:<38} median {median:7.2f} ms   max {max(times):7.2f} ms   "
          f"{median / BUDGET_MS:5.2f} x budget")


def lesson_sized_vectors(rng):
    counts = Counter(token for sentence in w.load_corpus("lesson") for token in sentence)
    words = [word for word, n in counts.most_common() if n >= 5]
    return w.WordVectors(words, rng.normal(size=(len(words), 100)).astype(np.float32))


def main():
    rng = np.random.default_rng(0)
    wv = lesson_sized_vectors(rng)
    print(f"vectors: V = {len(wv):,}, d = {wv.vectors.shape[1]}")
    ex = ee.embedding_explorer(wv)
    words = ["king", "france", "computer", "good", "water", "Paris"]
    time_updates("neighbours: a word", ex.word, words)
    time_updates("neighbours: an unknown word (message)", ex.word, ["xyzzy", "qqqq"])
    time_updates("analogy: a : b :: c", ex.analogy,
                 ["man : king :: woman", "france : paris :: italy", "good : better :: bad"])
    time_updates("analogy: one word (message)", ex.analogy, ["king", "queen"])
    ex.analogy.value = "france : paris :: italy"  # not a message: the toggle re-ranks
    time_updates("analogy: the rule toggle", ex.rule, ["3CosMul", "3CosAdd"])
    ex.rule.value = "3CosMul"
    time_updates("analogy under 3CosMul: a : b :: c", ex.analogy,
                 ["man : king :: woman", "france : paris :: italy", "good : better :: bad"])
    time_updates("map: a preset (draws a figure)", ex.preset, list(ee.MAP_PRESETS), repeats=6)


if __name__ == "__main__":
    main()
