"""Our numpy SGNS trainer against gensim's Word2Vec (one worker) on the Lee corpus.

    .venv/bin/python bench/sgns_vs_gensim.py [--epochs 20] [--seeds 1 2 3]

Same settings for both: skip-gram, dim 100, window 5, negative 5, min_count 2, sample 1e-3.
Each training runs in a fresh process (so its peak RSS is its own); the two alternate seed by
seed so machine load hits both alike. Prints a table, then the targets:
  quality: our mean wordsim353 Spearman within 0.02 of gensim's
  speed:   our words/s at least 0.5x gensim's (words/s = corpus words * epochs / training time)
Also times the scatter-add choices the trainer could use (np.add.at, sort + np.add.reduceat,
a sparse product with a temporary, the in-place sparse kernel it does use).
"""

import argparse
import multiprocessing as mp
import platform
import resource
import time
from datetime import datetime, timezone

import numpy as np

SETTINGS = dict(dim=100, window=5, negative=5, min_count=2, sample=1e-3)


def _peak_rss_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def _train(which, seed, epochs, queue):
    """In a child process: train one model, send back timings, memory and the vectors."""
    import w2v_lib as w

    sentences = w.lee_corpus()
    if which == "gensim":
        from gensim.models import Word2Vec
    rss_before = _peak_rss_mb()
    start, cpu = time.perf_counter(), time.process_time()
    if which == "gensim":
        model = Word2Vec(sentences, vector_size=SETTINGS["dim"], window=SETTINGS["window"],
                         negative=SETTINGS["negative"], min_count=SETTINGS["min_count"],
                         sample=SETTINGS["sample"], sg=1, hs=0, epochs=epochs, workers=1,
                         seed=seed)
        words, vectors = list(model.wv.index_to_key), model.wv.vectors
    else:
        wv = w.train_sgns(sentences, epochs=epochs, seed=seed, progress=False, **SETTINGS)
        words, vectors = wv.words, wv.vectors
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    n_words = sum(map(len, sentences)) * epochs
    queue.put(dict(which=which, seed=seed, seconds=seconds, cpu=cpu, words_per_s=n_words / seconds,
                   rss=_peak_rss_mb(), rss_train=_peak_rss_mb() - rss_before,
                   words=words, vectors=np.asarray(vectors)))


def run(which, seed, epochs):
    ctx = mp.get_context("spawn")
    queue = ctx.Queue()
    proc = ctx.Process(target=_train, args=(which, seed, epochs, queue))
    proc.start()
    result = queue.get()
    proc.join()
    return result


def scatter_choices(repeats=20):
    """ms per scatter-add of one batch (1024 pairs x 6 rows, d = 100) into a (4067, 100) matrix."""
    import scipy.sparse as sp

    from w2v_lib.scatter import _scatter_rows as scatter_rows

    rng = np.random.default_rng(0)
    vocab_size, dim, batch, k = 4067, 100, 1024, 6
    probs = 1 / np.arange(1, vocab_size + 1) ** 0.75
    rows = rng.choice(vocab_size, (batch, k), p=probs / probs.sum())
    weights = rng.standard_normal((batch, k)).astype(np.float32)
    values = rng.standard_normal((batch, dim)).astype(np.float32)
    out = np.zeros((vocab_size, dim), np.float32)

    def add_at():
        np.add.at(out, rows.ravel(), (weights[:, :, None] * values[:, None, :]).reshape(-1, dim))

    def sort_reduceat():
        flat = rows.ravel()
        order = np.argsort(flat, kind="stable")
        ids = flat[order]
        starts = np.flatnonzero(np.r_[True, ids[1:] != ids[:-1]])
        upd = (weights[:, :, None] * values[:, None, :]).reshape(-1, dim)[order]
        out[ids[starts]] += np.add.reduceat(upd, starts, axis=0)

    def sparse_temp():
        s = sp.csc_matrix((weights.ravel(), rows.ravel(), np.arange(0, batch * k + 1, k)),
                          shape=(vocab_size, batch))
        out[:] += s @ values

    def sparse_in_place():
        scatter_rows(out, rows, values, weights)

    times = {}
    for f in (add_at, sort_reduceat, sparse_temp, sparse_in_place):
        f()
        best = np.inf
        for _ in range(repeats):
            t = time.perf_counter()
            f()
            best = min(best, time.perf_counter() - t)
        times[f.__name__] = best * 1e3
    return times


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--epochs", type=int, default=20)
    parser.add_argument("--seeds", type=int, nargs="+", default=[1, 2, 3])
    args = parser.parse_args()
    import w2v_lib as w
    from w2v_lib.corpus import gensim_test_file

    print(f"{datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC  {platform.node()}  "
          f"{platform.processor() or platform.machine()}  Python {platform.python_version()}")
    print(f"Lee corpus, {args.epochs} epochs, {SETTINGS}, gensim workers=1\n")
    tests = {"wordsim353": gensim_test_file("wordsim353.tsv"),
             "simlex999": gensim_test_file("simlex999.txt")}
    rows = []
    header = f"{'trainer':8} {'seed':>4} {'time s':>7} {'cpu s':>6} {'words/s':>9} " \
             f"{'RSS MB':>7} {'+train':>6} {'ws353':>6} {'sl999':>6} {'oov ws':>6}"
    print(header)
    for seed in args.seeds:
        for which in ("gensim", "ours"):
            r = run(which, seed, args.epochs)
            wv = w.WordVectors(r["words"], r["vectors"])
            scores = {name: w.evaluate_word_pairs(wv, path) for name, path in tests.items()}
            r.update(ws=scores["wordsim353"].spearman, sl=scores["simlex999"].spearman,
                     oov=scores["wordsim353"].oov_share)
            rows.append(r)
            print(f"{which:8} {seed:4d} {r['seconds']:7.2f} {r['cpu']:6.2f} "
                  f"{r['words_per_s']:9,.0f} {r['rss']:7.0f} {r['rss_train']:6.0f} "
                  f"{r['ws']:6.3f} {r['sl']:6.3f} {r['oov']:6.1%}", flush=True)

    def mean(which, key):
        return float(np.mean([r[key] for r in rows if r["which"] == which]))

    print()
    for which in ("gensim", "ours"):
        print(f"mean {which:6}: {mean(which, 'words_per_s'):9,.0f} words/s, wordsim353 "
              f"{mean(which, 'ws'):.3f}, simlex999 {mean(which, 'sl'):.3f}, "
              f"peak RSS {mean(which, 'rss'):.0f} MB (+{mean(which, 'rss_train'):.0f} MB training)")
    speed = mean("ours", "words_per_s") / mean("gensim", "words_per_s")
    print(f"CPU-time ratio gensim/ours: {mean('gensim', 'cpu') / mean('ours', 'cpu'):.2f}x "
          "(gensim's wall time also includes waiting between its reader and worker threads)")
    gap = mean("ours", "ws") - mean("gensim", "ws")
    print(f"speed ratio ours/gensim: {speed:.2f}x (target >= 0.5): "
          f"{'MET' if speed >= 0.5 else 'NOT met'}")
    print(f"wordsim353 gap ours - gensim: {gap:+.3f} (target within 0.02): "
          f"{'MET' if abs(gap) <= 0.02 else 'NOT met'}")
    print("\nscatter-add of one batch (1024 pairs x 6 rows, d=100), best of 20, ms:")
    for name, ms in scatter_choices().items():
        print(f"  {name:16} {ms:7.3f}")


if __name__ == "__main__":
    main()
