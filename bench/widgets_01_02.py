"""Per-update time of the lesson 01 and 02 explorers on toy sizes (budget: 50 ms).

    .venv/bin/python bench/widgets_01_02.py

Each line sets one control the way a learner would (observers fire synchronously) and
prints the median and worst time per update. A benchmark, not a test: it asserts nothing.
"""

import itertools
import statistics
import time

from w2v_lib import toy
from w2v_lib.teach import widgets

REPEATS = 50


def time_updates(name, control, values):
    """Set control.value to each value in turn; print median and max ms per update."""
    times = []
    for value in itertools.islice(itertools.cycle(values), REPEATS):
        start = time.perf_counter()
        control.value = value
        times.append((time.perf_counter() - start) * 1000)
    print(f"{name:<40} median {statistics.median(times):6.2f} ms   max {max(times):6.2f} ms")


def main():
    ex = widgets.vector_explorer()
    time_updates("01 vector explorer: word a", ex.word_a, list(toy.DENSE_WORDS))
    time_updates("01 vector explorer: word b", ex.word_b, list(toy.DENSE_WORDS))
    ex = widgets.window_explorer()
    time_updates("02 window explorer: window slider", ex.window, list(range(1, 9)))
    time_updates("02 window explorer: sentence (toy)", ex.sentence,
                 [toy.TOY_SENTENCE, "the cat sits", "고양이가 매트 위에 앉아 있다", "", "!?"])
    long_sentence = " ".join(["the cat sits on the mat"] * 10)  # T = 60, past the 40-row table cap
    time_updates("02 window explorer: sentence (T = 60)", ex.sentence,
                 [long_sentence, long_sentence + " again"])


if __name__ == "__main__":
    main()
