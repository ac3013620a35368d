"""Per-update time of the lesson 03 and 05 explorers on toy sizes (budget: 50 ms).

    .venv/bin/python bench/widgets_03_05.py

Each line sets one control the way a learner would (observers fire synchronously) and
prints the median and worst time per update. A benchmark, not a test: it asserts nothing.
"""

import numpy as np
from widgets_01_02 import time_updates  # bench/ is on sys.path when run as a script

import w2v_lib as w
from w2v_lib import toy
from w2v_lib.teach import widgets


def main():
    tokens = w.tokenize(toy.TOY_SENTENCE)
    words = w.build_vocab(tokens).words
    ex = widgets.softmax_explorer(words, np.random.default_rng(0))
    time_updates("03 softmax explorer: center word", ex.center, words)
    time_updates("03 softmax explorer: d slider", ex.dim, list(range(1, ex.dim.max + 1)))
    time_updates("03 softmax explorer: scale slider", ex.scale, [0.0, 0.5, 1.0, 5.0, 20.0])
    ex = widgets.minibatch_explorer(w.skipgram_pairs(tokens, window=2))
    time_updates("05 mini-batch explorer: batch size", ex.batch_size, list(range(1, 19)))


if __name__ == "__main__":
    main()
