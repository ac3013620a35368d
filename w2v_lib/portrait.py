"""The family portrait: six ways to make word vectors, trained on one corpus, scored alike.

Skip-gram and CBOW (ours, compiled, and gensim's), PPMI + SVD and GloVe, all with d = 100, on
the lesson corpus; each scored with wordsim353 (and its 95 % interval), simlex999 and the
Google analogies (3CosAdd and 3CosMul, each model's 20,000 most frequent words searched, so
every model is asked about the same questions).

Every model trains on one thread, so a seed gives the same table on every run (threads that
share vectors do not); two models train at once, in two processes. On the lesson corpus that
takes a few minutes, so ``make data`` (``python -m w2v_lib.prepare``) builds the table once,
after the corpus, into ``data/family_portrait.json``, and notebook 10 reads it with
``load_portrait``. The file records a fingerprint of the settings and of the code that made
it; a table made by other code is rebuilt by the next ``make data`` and refused by
``load_portrait``.
"""

import hashlib
import json
import multiprocessing
import os
import platform
import time
from concurrent.futures import ProcessPoolExecutor
from functools import cache
from pathlib import Path

SETTINGS = dict(dim=100, window=5, negative=5, min_count=5, epochs=5, seed=1)
COUNT_WORDS = 20_000  # the count models' vocabulary, and the analogy search of every model
GLOVE = dict(window=10, epochs=15)
# Longest first, so that two processes finish at about the same time.
METHODS = ("GloVe", "skip-gram (gensim)", "skip-gram (ours)", "CBOW (ours)", "CBOW (gensim)",
           "PPMI-SVD")
# The modules whose code decides the table's numbers (their source is in the fingerprint).
_SOURCES = ("portrait", "sgns", "sgns_loop", "sgns_loss", "sampling", "scatter", "cbow",
            "cbow_loop", "glove", "glove_loop", "cooccur", "keyed", "text", "corpus",
            "evaluate", "analogies", "blas_threads")


def portrait_path():
    """Where ``make data`` keeps the table: ``family_portrait.json`` in the data folder (a Path)."""
    from .prepare import data_dir

    return data_dir() / "family_portrait.json"


def fingerprint(corpus="lesson"):
    """SHA-256 (hex str) of the corpus name, the settings, gensim's version and our code."""
    import gensim

    digest = hashlib.sha256(json.dumps([corpus, SETTINGS, COUNT_WORDS, GLOVE,
                                        gensim.__version__]).encode())
    here = Path(__file__).parent
    for name in _SOURCES:
        path = here / f"{name}.py"
        digest.update(path.read_bytes() if path.exists() else b"")
    return digest.hexdigest()


@cache
def _sentences(corpus):
    from .corpus import load_corpus

    return load_corpus(corpus)


def _gensim(sentences, sg):
    from gensim.models import Word2Vec

    from .keyed import WordVectors

    model = Word2Vec(sentences, sg=sg, hs=0, vector_size=SETTINGS["dim"],
                     window=SETTINGS["window"], negative=SETTINGS["negative"],
                     min_count=SETTINGS["min_count"], epochs=SETTINGS["epochs"], workers=1,
                     seed=SETTINGS["seed"])
    return WordVectors(model.wv.index_to_key, model.wv.vectors)


def _ppmi_svd(sentences):
    from .cooccur import cooccurrence_matrix, ppmi, svd_vectors
    from .text import build_vocab

    vocab = build_vocab((t for s in sentences for t in s), min_count=SETTINGS["min_count"])
    kept = vocab.words[:COUNT_WORDS]
    counts = cooccurrence_matrix(sentences, kept, window=SETTINGS["window"])
    return svd_vectors(ppmi(counts, alpha=0.75), kept, dim=SETTINGS["dim"], power=0.5)


def train_method(method, sentences):
    """Train one of ``METHODS`` on ``sentences`` with the portrait's settings, on one thread.

    Parameters
    ----------
    method : str
        One of ``METHODS`` (anything else: ValueError naming it).
    sentences : list of lists of str
        The corpus.

    Returns
    -------
    wv : WordVectors
        The model's vectors.
    seconds : float
        Wall-clock seconds the training took (counting included for the count models).
    """
    from .blas_threads import one_thread
    from .cbow import train_cbow
    from .glove import train_glove
    from .sgns import train_sgns

    trainers = {
        "skip-gram (ours)": lambda: train_sgns(sentences, engine="loop", progress=False,
                                               **SETTINGS),
        "CBOW (ours)": lambda: train_cbow(sentences, engine="loop", progress=False, **SETTINGS),
        "skip-gram (gensim)": lambda: _gensim(sentences, sg=1),
        "CBOW (gensim)": lambda: _gensim(sentences, sg=0),
        "PPMI-SVD": lambda: _ppmi_svd(sentences),
        "GloVe": lambda: train_glove(sentences, dim=SETTINGS["dim"], min_count=SETTINGS[
            "min_count"], seed=SETTINGS["seed"], max_words=COUNT_WORDS, progress=False, **GLOVE),
    }
    if method not in trainers:
        raise ValueError(f"method must be one of {', '.join(METHODS)}; got {method!r}")
    start = time.perf_counter()
    with one_thread():
        wv = trainers[method]()
    return wv, time.perf_counter() - start


def score(method, wv, seconds):
    """The portrait's row for one model: its scores on the three tests (a dict).

    Parameters
    ----------
    method : str
        The model's name (the row's "method").
    wv : WordVectors
        Its vectors, most frequent word first.
    seconds : float
        Its training time (the row's "seconds").

    Returns
    -------
    dict
        method, V, wordsim353 (Spearman), ws_low / ws_high (its 95 % interval), ws_pairs,
        simlex999, sl_pairs, 3CosAdd, 3CosMul (accuracies), analogies_covered, seconds.
    """
    from .analogies import evaluate_analogies
    from .corpus import gensim_test_file
    from .evaluate import evaluate_word_pairs

    ws = evaluate_word_pairs(wv, gensim_test_file("wordsim353.tsv"))
    sl = evaluate_word_pairs(wv, gensim_test_file("simlex999.txt"))
    add = evaluate_analogies(wv, restrict_vocab=COUNT_WORDS, method="add")
    mul = evaluate_analogies(wv, restrict_vocab=COUNT_WORDS, method="mul")
    return {"method": method, "V": len(wv), "wordsim353": ws.spearman, "ws_low": ws.ci[0],
            "ws_high": ws.ci[1], "ws_pairs": ws.n_used, "simlex999": sl.spearman,
            "sl_pairs": sl.n_used, "3CosAdd": add.accuracy, "3CosMul": mul.accuracy,
            "analogies_covered": add.covered, "seconds": seconds}


def _job(method, corpus):
    return score(method, *train_method(method, _sentences(corpus)))


def family_portrait(corpus="lesson", processes=2, log=print):
    """Train and score every model of ``METHODS`` on a corpus: the portrait's table.

    Parameters
    ----------
    corpus : str, default "lesson"
        A name ``load_corpus`` knows ("lee" takes seconds, "lesson" minutes).
    processes : int >= 1, default 2
        Models trained at once (each in its own process, on one thread).
    log : callable, default print
        Called with one line per finished model.

    Returns
    -------
    dict
        corpus, corpus_words, settings, count_words, glove, fingerprint, machine, and rows:
        one ``score`` dict per model, in the order of ``METHODS``. The rows do not depend
        on ``processes`` (only their "seconds" do).
    """
    from .checks import check_int

    check_int("processes", processes)
    rows, start = {}, time.perf_counter()
    context = multiprocessing.get_context("spawn")  # no numba or BLAS state shared by fork
    with ProcessPoolExecutor(processes, mp_context=context) as pool:
        futures = {method: pool.submit(_job, method, corpus) for method in METHODS}
        for method, future in futures.items():
            rows[method] = future.result()
            log(f"  {method}: wordsim353 {rows[method]['wordsim353']:.3f}, "
                f"{rows[method]['seconds']:.0f} s")
    log(f"family portrait: {len(rows)} models in {time.perf_counter() - start:.0f} s")
    return {"corpus": corpus, "corpus_words": sum(map(len, _sentences(corpus))),
            "settings": SETTINGS, "count_words": COUNT_WORDS, "glove": GLOVE,
            "fingerprint": fingerprint(corpus), "processes": processes,
            "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python "
                       f"{platform.python_version()}", "rows": [rows[m] for m in METHODS]}


def load_portrait(path=None):
    """The table ``make data`` built (a dict as ``family_portrait`` returns).

    Parameters
    ----------
    path : str or Path, optional
        Default ``portrait_path()``. No such file: FileNotFoundError saying how to build it;
        a table made by other code or settings (another fingerprint): ValueError.

    Returns
    -------
    dict
        The table: "rows" (one dict per model, in the order of ``METHODS``), "corpus",
        "corpus_words", "settings", "machine", "processes" and the "fingerprint".
    """
    path = Path(path or portrait_path())
    if not path.is_file():
        raise FileNotFoundError(f"{path} is missing: run `make data` (or python -m "
                                f"w2v_lib.prepare) to train the six models, once")
    table = json.loads(path.read_text())
    if table.get("fingerprint") != fingerprint(table.get("corpus", "lesson")):
        raise ValueError(f"{path} was made by other code or settings than these: run "
                         f"`make data` to rebuild it")
    return table


def build(path=None, log=print):
    """Build the lesson corpus's table at ``path`` unless an up-to-date one is there.

    Parameters
    ----------
    path : str or Path, optional
        Default ``portrait_path()``; written atomically (a temporary file, then a rename).
    log : callable, default print
        Called with progress lines.

    Returns
    -------
    bool
        True if it trained the models, False if the table was up to date.
    """
    path = Path(path or portrait_path())
    try:
        load_portrait(path)
        log(f"family portrait: up to date in {path}")
        return False
    except (FileNotFoundError, ValueError, json.JSONDecodeError):
        pass
    log("family portrait: training six models on the lesson corpus, two at a time "
        "(a few minutes, once)")
    table = family_portrait("lesson", log=log)
    temporary = path.with_suffix(".tmp")
    temporary.write_text(json.dumps(table, indent=1) + "\n")
    temporary.replace(path)
    return True
