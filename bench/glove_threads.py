"""GloVe on the lesson corpus with workers=1 and workers=2, side by side (issue 12).

    .venv/bin/python bench/glove_threads.py      # two trainings, about 2 x 100 s here

Both with dim=100, window=10, min_count=5, epochs=15, seed=1, max_words=20,000. Prints for
each: the counting and training-loop seconds, their sum as a ratio to the issue's 120 s
target, the last epoch's loss, the wordsim353 Spearman, the cores used (process CPU seconds
/ wall seconds: near 2 when both threads really ran at once) and the load average, since the
2-core CPU is shared (a busy machine makes every number slower, and may give this process
one core's share whatever its thread count).
"""

import os
import time

import w2v_lib as w

SETTINGS = dict(dim=100, window=10, min_count=5, epochs=15, seed=1, max_words=20_000)
TARGET = 120.0  # seconds, issue 12 "Speed and size"


def main():
    sentences = w.load_corpus("lesson")
    pairs = w.gensim_test_file("wordsim353.tsv")
    w.train_glove(sentences[:50], **SETTINGS | dict(min_count=1, epochs=1), progress=False)
    print(f"cores: {os.cpu_count()}; load average (1, 5, 15 min) before: "
          f"{', '.join(f'{x:.2f}' for x in os.getloadavg())}")
    rows = []
    for workers in (1, 2):
        start, cpu = time.perf_counter(), time.process_time()
        wv = w.train_glove(sentences, **SETTINGS, workers=workers, progress=False)
        total, cpu = time.perf_counter() - start, time.process_time() - cpu
        spearman = w.evaluate_word_pairs(wv, pairs).spearman
        load = os.getloadavg()[0]
        rows.append((workers, wv.cooccurrence_seconds, wv.train_seconds, total,
                     wv.epoch_losses[-1], spearman, cpu / total, load))
    print(f"{'workers':>7} {'counting s':>10} {'loop s':>7} {'total s':>7} {'/ 120 s':>7} "
          f"{'loss':>7} {'ws353':>6} {'cores used':>10} {'load 1m':>7}")
    for workers, counting, loop, total, loss, spearman, cores, load in rows:
        print(f"{workers:>7} {counting:>10.1f} {loop:>7.1f} {total:>7.1f} {total / TARGET:>7.2f} "
              f"{loss:>7.4f} {spearman:>6.3f} {cores:>10.2f} {load:>7.2f}")
    print(f"loop speed-up with 2 workers: {rows[0][2] / rows[1][2]:.2f} x")
    print(f"load average (1, 5, 15 min) after: "
          f"{', '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
