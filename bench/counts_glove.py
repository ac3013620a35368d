"""Count vs predict on the lesson corpus: timings (issue 12) and the family portrait.

    .venv/bin/python bench/counts_glove.py            # everything (about 15 min here)
    .venv/bin/python bench/counts_glove.py --quick    # the K slider and PPMI + SVD only
    .venv/bin/python bench/counts_glove.py --glove    # retrain GloVe, replace its row

Prints, as ratios to the issue's targets: one K-slider update (target < 50 ms), counting +
PPMI + SVD to 100 dimensions on 20,000 words (target < 30 s), GloVe (target < 120 s).
Without --quick it then trains skip-gram and CBOW (ours and gensim's), PPMI-SVD and GloVe on
the lesson corpus with the same d = 100, scores each with wordsim353 (and its 95 % interval),
simlex999 and the Google analogies (3CosAdd, 3CosMul, the 20,000 most frequent words
searched, so every model answers about the same questions), and writes the
table to bench/results/family_portrait.json, which notebook 10 shows.
"""

import json
import platform
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

import w2v_lib as w
from w2v_lib import toy
from w2v_lib.teach import count_widgets

RESULTS = Path(__file__).parent / "results" / "family_portrait.json"
SETTINGS = dict(dim=100, window=5, negative=5, min_count=5, epochs=5, seed=1)
KEEP = 20_000  # the vocabulary cut of the count methods


def time_k_slider():
    tokens = w.tokenize(toy.TOY_SENTENCE)
    counts = w.cooccurrence_matrix([tokens], w.build_vocab(tokens), window=2)
    start = time.perf_counter()
    ex = count_widgets.k_slider(counts, max_k=10)
    build = time.perf_counter() - start
    times = []
    for k in [1, 3, 7, 10, 2, 5] * 5:
        start = time.perf_counter()
        ex.negative.value = k
        times.append(time.perf_counter() - start)
    update = float(np.median(times))
    print(f"K slider: built in {build:.2f} s; one update {update * 1e3:.2f} ms "
          f"({update / 0.050:.3f} x the 50 ms target)")
    return update


def ppmi_svd(sentences):
    vocab = w.build_vocab([t for s in sentences for t in s], min_count=SETTINGS["min_count"])
    kept = vocab.words[:KEEP]
    start = time.perf_counter()
    counts = w.cooccurrence_matrix(sentences, kept, window=SETTINGS["window"])
    wv = w.svd_vectors(w.ppmi(counts, alpha=0.75), kept, dim=SETTINGS["dim"], power=0.5)
    seconds = time.perf_counter() - start
    print(f"PPMI + SVD, V = {len(kept):,}, d = 100: {seconds:.1f} s ({seconds / 30:.2f} x the "
          f"30 s target); X has {counts.nnz:,} nonzero entries")
    return wv, seconds


def glove(sentences):
    start = time.perf_counter()
    wv = w.train_glove(sentences, dim=SETTINGS["dim"], window=10, min_count=SETTINGS["min_count"],
                       epochs=15, seed=1, max_words=KEEP, progress=False)
    seconds = time.perf_counter() - start
    print(f"GloVe, V = {len(wv):,}, 15 epochs: {seconds:.1f} s ({seconds / 120:.2f} x the 120 s "
          f"target; counting {wv.cooccurrence_seconds:.1f} s, loop {wv.train_seconds:.1f} s)")
    return wv, seconds


def gensim_model(sentences, sg):
    from gensim.models import Word2Vec

    start = time.perf_counter()
    model = Word2Vec(sentences, sg=sg, hs=0, vector_size=SETTINGS["dim"],
                     window=SETTINGS["window"], negative=SETTINGS["negative"],
                     min_count=SETTINGS["min_count"], epochs=SETTINGS["epochs"], workers=2,
                     seed=SETTINGS["seed"])
    seconds = time.perf_counter() - start
    return w.WordVectors(model.wv.index_to_key, model.wv.vectors), seconds


def score(method, wv, seconds):
    ws = w.evaluate_word_pairs(wv, w.gensim_test_file("wordsim353.tsv"))
    sl = w.evaluate_word_pairs(wv, w.gensim_test_file("simlex999.txt"))
    add = w.evaluate_analogies(wv, restrict_vocab=KEEP, method="add")
    mul = w.evaluate_analogies(wv, restrict_vocab=KEEP, method="mul")
    row = {"method": method, "V": len(wv), "wordsim353": ws.spearman, "ws_low": ws.ci[0],
           "ws_high": ws.ci[1], "ws_pairs": ws.n_used, "simlex999": sl.spearman,
           "sl_pairs": sl.n_used, "3CosAdd": add.accuracy, "3CosMul": mul.accuracy,
           "analogies_covered": add.covered, "seconds": seconds}
    print(f"{method:16} V {len(wv):6,}  ws353 {ws.spearman:.3f} [{ws.ci[0]:.3f}, {ws.ci[1]:.3f}]"
          f"  sl999 {sl.spearman:.3f}  3CosAdd {add.accuracy:.3f}  3CosMul {mul.accuracy:.3f} "
          f"({add.covered} covered)  {seconds:6.1f} s", flush=True)
    return row


def replace_glove_row(sentences):
    portrait = json.loads(RESULTS.read_text())
    glove_wv, glove_seconds = glove(sentences)
    row = score("GloVe", glove_wv, glove_seconds)
    portrait["rows"] = [row if r["method"] == "GloVe" else r for r in portrait["rows"]]
    RESULTS.write_text(json.dumps(portrait, indent=1) + "\n")
    print("replaced the GloVe row of", RESULTS)


def main(quick, glove_only):
    sentences = w.load_corpus("lesson")
    if glove_only:
        return replace_glove_row(sentences)
    time_k_slider()
    svd_wv, svd_seconds = ppmi_svd(sentences)
    if quick:
        return
    rows = [score("PPMI-SVD", svd_wv, svd_seconds)]
    glove_wv, glove_seconds = glove(sentences)
    rows.append(score("GloVe", glove_wv, glove_seconds))
    trainers = {
        "skip-gram (ours)": lambda: w.train_sgns(sentences, engine="loop", workers=2,
                                                 progress=False, **SETTINGS),
        "CBOW (ours)": lambda: w.train_cbow(sentences, progress=False, **SETTINGS),
    }
    for method, train in trainers.items():
        start = time.perf_counter()
        wv = train()
        rows.append(score(method, wv, time.perf_counter() - start))
    for method, sg in [("skip-gram (gensim)", 1), ("CBOW (gensim)", 0)]:
        rows.append(score(method, *gensim_model(sentences, sg)))
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps({
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": f"{platform.machine()}, {platform.python_version()}",
        "corpus_words": sum(map(len, sentences)), "settings": SETTINGS, "count_vocab": KEEP,
        "glove": {"window": 10, "epochs": 15, "x_max": 100, "alpha": 0.75},
        "rows": rows}, indent=1) + "\n")
    print("wrote", RESULTS)


if __name__ == "__main__":
    main("--quick" in sys.argv[1:], "--glove" in sys.argv[1:])
