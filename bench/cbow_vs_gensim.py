"""train_cbow(engine="loop") against gensim 4.4.0's CBOW, at 1 and 2 workers, side by side.

    .venv/bin/python bench/cbow_vs_gensim.py [--corpora lee lesson] [--seeds 1]
        [--epochs-lee 20] [--epochs-lesson 5] [--lr 0.05] [--numpy-lee]

Same settings for both: CBOW with the mean of the context (gensim sg=0, cbow_mean=1),
negative sampling, dim 100, window 5, negative 5, sample 1e-3, min_count 2 on Lee and 5
on the lesson corpus, the rate falling linearly from --lr (default 0.05, word2vec.c's
CBOW default and our loop's; gensim's own default is 0.025) to 1e-4. Trainers: gensim
workers=1 and 2, ours with engine="loop" (w2v_lib.cbow_loop) workers=1 and 2, and with
--numpy-lee the numpy engine on Lee at its own default lr (0.1, the true gradient). Each
training runs in a fresh process (numba's compiled kernel is loaded from its cache before
the clock starts, as gensim's Cython module is imported before it), the trainers
alternate so machine load hits all alike, and the ratios compare runs of this one call.

words/s = corpus words * epochs / wall time from sentences to vectors (vocabulary included,
for both); "train s" times the training alone; CPU time counts every thread. wordsim353 is
w2v_lib.evaluate_word_pairs (Spearman rho with its 95 % interval) on both sets of vectors.
Target (issue 12, CBOW engine): ours within about 2x of gensim's words/s (ratio >= 0.5).
A missing lesson corpus stops the script with the loader's message (`make data`).
"""

import argparse
import multiprocessing as mp
import platform
import time
from datetime import UTC, datetime

import numpy as np

SETTINGS = dict(dim=100, window=5, negative=5, sample=1e-3)
MIN_COUNT = {"lee": 2, "lesson": 5}
TRAINERS = [("gensim", 1), ("loop", 1), ("gensim", 2), ("loop", 2)]


def _train(corpus, trainer, workers, seed, epochs, lr, queue):
    """In a child process: train one model, send back its timings and wordsim353."""
    import w2v_lib as w

    sentences = w.load_corpus(corpus)
    min_count = MIN_COUNT[corpus]
    if trainer == "gensim":
        from gensim.models import Word2Vec
    else:  # load the compiled kernel from numba's cache now, not on the clock
        w.train_cbow([["a", "b"]] * 3, dim=4, epochs=1, min_count=1, engine="loop",
                     progress=False)
    start, cpu = time.perf_counter(), time.process_time()
    if trainer == "gensim":
        model = Word2Vec(vector_size=SETTINGS["dim"], window=SETTINGS["window"],
                         negative=SETTINGS["negative"], min_count=min_count,
                         sample=SETTINGS["sample"], sg=0, cbow_mean=1, hs=0, alpha=lr,
                         min_alpha=1e-4, workers=workers, seed=seed)
        model.build_vocab(sentences)
        train_start = time.perf_counter()
        model.train(sentences, total_examples=len(sentences), epochs=epochs)
        train_seconds = time.perf_counter() - train_start
        wv = w.WordVectors(list(model.wv.index_to_key), np.asarray(model.wv.vectors))
    else:
        wv = w.train_cbow(sentences, epochs=epochs, seed=seed, min_count=min_count,
                          lr=lr if trainer == "loop" else None, engine=trainer,
                          workers=workers, progress=False, **SETTINGS)
        train_seconds = wv.train_seconds
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    score = w.evaluate_word_pairs(wv, w.gensim_test_file("wordsim353.tsv"))
    queue.put(dict(trainer=trainer, workers=workers, seed=seed, seconds=seconds, cpu=cpu,
                   train=train_seconds, words_per_s=sum(map(len, sentences)) * epochs / seconds,
                   ws=score.spearman, ws_ci=score.ci))


def run(corpus, trainer, workers, seed, epochs, lr):
    """Train in a fresh process; returns its result dict."""
    ctx = mp.get_context("spawn")
    queue = ctx.Queue()
    proc = ctx.Process(target=_train, args=(corpus, trainer, workers, seed, epochs, lr, queue))
    proc.start()
    result = queue.get()
    proc.join()
    return result


def bench_corpus(corpus, epochs, seeds, lr, numpy_engine):
    trainers = TRAINERS + ([("numpy", 1)] if numpy_engine else [])
    print(f"\n{corpus} corpus, {epochs} epochs, {SETTINGS}, min_count {MIN_COUNT[corpus]}, "
          f"lr {lr}")
    print(f"{'trainer':8} {'wk':>2} {'seed':>4} {'time s':>7} {'train s':>7} {'cpu s':>7} "
          f"{'words/s':>9} {'ws353':>6} {'95 % CI':>16}")
    rows = []
    for seed in seeds:
        for trainer, workers in trainers:
            r = run(corpus, trainer, workers, seed, epochs, lr)
            rows.append(r)
            print(f"{trainer:8} {workers:2d} {seed:4d} {r['seconds']:7.2f} {r['train']:7.2f} "
                  f"{r['cpu']:7.2f} {r['words_per_s']:9,.0f} {r['ws']:6.3f} "
                  f"[{r['ws_ci'][0]:6.3f}, {r['ws_ci'][1]:6.3f}]", flush=True)

    def mean(trainer, workers, key):
        return float(np.mean([r[key] for r in rows
                              if r["trainer"] == trainer and r["workers"] == workers]))

    for workers in (1, 2):
        g = {k: mean("gensim", workers, k) for k in ("words_per_s", "train", "cpu", "ws")}
        o = {k: mean("loop", workers, k) for k in g}
        speed = o["words_per_s"] / g["words_per_s"]
        print(f"workers={workers}: ours/gensim words/s {speed:.2f}x "
              f"({'MET' if speed >= 0.5 else 'NOT met'}, target >= 0.5); training alone "
              f"{g['train'] / o['train']:.2f}x; CPU time gensim/ours {g['cpu'] / o['cpu']:.2f}x;"
              f" wordsim353 ours {o['ws']:.3f}, gensim {g['ws']:.3f}")
    ours, theirs = (mean(t, 2, "words_per_s") / mean(t, 1, "words_per_s")
                    for t in ("loop", "gensim"))
    print(f"words/s at workers 2 / workers 1: ours {ours:.2f}x, gensim {theirs:.2f}x")
    if numpy_engine:
        print(f"numpy engine: {mean('numpy', 1, 'words_per_s'):,.0f} words/s, loop workers=1 "
              f"{mean('loop', 1, 'words_per_s') / mean('numpy', 1, 'words_per_s'):.1f}x faster;"
              f" wordsim353 {mean('numpy', 1, 'ws'):.3f}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpora", nargs="+", default=["lee", "lesson"],
                        choices=["lee", "lesson"])
    parser.add_argument("--seeds", type=int, nargs="+", default=[1])
    parser.add_argument("--epochs-lee", type=int, default=20)
    parser.add_argument("--epochs-lesson", type=int, default=5)
    parser.add_argument("--lr", type=float, default=0.05)
    parser.add_argument("--numpy-lee", action="store_true")
    args = parser.parse_args()
    import w2v_lib as w

    for corpus in args.corpora:  # stop here, with the loader's message, if one is missing
        try:
            w.load_corpus(corpus)
        except FileNotFoundError as error:
            raise SystemExit(f"bench/cbow_vs_gensim.py: {error}") from None
    print(f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC  {platform.node()}  "
          f"{platform.processor() or platform.machine()}  Python {platform.python_version()}  "
          f"{mp.cpu_count()} cores, load average {open('/proc/loadavg').read().split()[0]}")
    for corpus in args.corpora:
        epochs = args.epochs_lee if corpus == "lee" else args.epochs_lesson
        bench_corpus(corpus, epochs, args.seeds, args.lr, args.numpy_lee and corpus == "lee")
    print(f"\nload average at the end: {open('/proc/loadavg').read().split()[0]}")


if __name__ == "__main__":
    main()
