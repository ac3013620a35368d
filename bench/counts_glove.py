"""Count vs predict on the lesson corpus: the speed targets of issue 12.

    .venv/bin/python bench/counts_glove.py

Prints, as ratios to the issue's targets, with the load average: one K-slider update (target
< 50 ms) and counting + PPMI + SVD to 100 dimensions on 20,000 words (target < 30 s).
GloVe's target (< 120 s) is measured by bench/glove_threads.py; the family portrait (six
models, scored) is built by ``make data`` (w2v_lib/portrait.py).
"""

import os
import time

import numpy as np

import w2v_lib as w
from w2v_lib import portrait, toy
from w2v_lib.teach import count_widgets


def time_k_slider():
    tokens = w.tokenize(toy.TOY_SENTENCE)
    counts = w.cooccurrence_matrix([tokens], w.build_vocab(tokens), window=2)
    ex = count_widgets.k_slider(counts, max_k=10)
    times = []
    for k in [1, 3, 7, 10, 2, 5] * 5:
        start = time.perf_counter()
        ex.negative.value = k
        times.append(time.perf_counter() - start)
    update = float(np.median(times))
    print(f"K slider: one update {update * 1e3:.2f} ms ({update / 0.050:.3f} x the 50 ms target)")


def time_ppmi_svd(sentences):
    wv, seconds = portrait.train_method("PPMI-SVD", sentences)
    print(f"PPMI + SVD, V = {len(wv):,}, d = 100: {seconds:.1f} s ({seconds / 30:.2f} x the "
          f"30 s target)")


def main():
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    sentences = w.load_corpus("lesson")
    time_k_slider()
    time_ppmi_svd(sentences)
    print(f"load average {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
