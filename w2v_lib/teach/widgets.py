"""Explorers for the notebooks: one builder per explorer.

Each builder returns an ipywidgets container (display it as a cell's last expression) whose
controls and outputs are also attributes (e.g. ``ex.window``, ``ex.count``), so tests can set
a control's value and assert what the learner sees change. The work is done by plain
functions; a bad value a learner types shows a readable message, never a traceback.
DOM classes (``w2v-*``) let the browser tests find each control.
"""

import functools
import html
import threading

import ipywidgets as widgets
import numpy as np

from ..checks import check_int, check_positive
from ..optim import minibatches, updates_per_epoch
from ..softmax import softmax
from ..text import tokenize
from ..toy import DENSE_WORDS, TOY_SENTENCE, dense_vectors
from ..vectors import cosine_similarity, one_hot
from ..windows import count_pairs, skipgram_pairs

_CALLBACK_LOCK = threading.RLock()


def one_at_a_time(callback):
    """Make a widget callback wait for any other one to finish first.

    JupyterLab may deliver a widget message on a kernel subshell thread while another
    callback is still running (ipykernel 7); two interleaved redraws could leave a view
    half-updated or showing a stale input. Callbacks read the controls' current values.
    """

    @functools.wraps(callback)
    def run(*args, **kwargs):
        with _CALLBACK_LOCK:
            return callback(*args, **kwargs)

    return run


def error_html(err):
    """A caught exception as a readable one-line message (a KeyError's str() adds quotes)."""
    text = str(err.args[0]) if err.args else str(err)
    return f'<span style="color:#b00020">⚠ {html.escape(text)}</span>'


def html_table(headers, rows):
    """A small HTML table; headers and cells are HTML already (escape text before)."""
    head = "".join(f"<th style='padding:0 8px'>{h}</th>" for h in headers)
    body = "".join(
        "<tr>" + "".join(f"<td style='padding:0 8px'>{c}</td>" for c in row) + "</tr>"
        for row in rows
    )
    return f"<table><tr>{head}</tr>{body}</table>"


# --- 01 vectors, 02 windows -------------------------------------------------------------


def _vector_text(vec):
    return "[" + ", ".join(f"{x:g}" for x in vec) + "]"


def similarity_table(word_a, word_b, words, dense_vecs):
    """HTML table: cos(word_a, word_b) under one-hot vectors and under dense vectors.

    words : list of V words;  dense_vecs : (V, d), row i the vector of words[i].
    A word not in ``words`` raises KeyError naming it.
    """
    index = {word: i for i, word in enumerate(words)}
    for word in (word_a, word_b):
        if word not in index:
            raise KeyError(f"word {word!r} is not in the vocabulary ({', '.join(words)})")
    i, j = index[word_a], index[word_b]
    rows = []
    for name, vec_a, vec_b in (
        (f"one-hot (V = {len(words)})", one_hot(i, len(words)), one_hot(j, len(words))),
        (f"dense (d = {len(dense_vecs[i])})", dense_vecs[i], dense_vecs[j]),
    ):
        cos = cosine_similarity(vec_a, vec_b)
        rows.append((name, _vector_text(vec_a), _vector_text(vec_b), f"<b>{cos:.3f}</b>"))
    a, b = html.escape(word_a), html.escape(word_b)
    return html_table(["vectors", a, b, f"cos({a}, {b})"], rows)


def vector_explorer(words=DENSE_WORDS, dense_vecs=None, word_a="hotel", word_b="motel"):
    """Two dropdowns; the result compares the pair's similarity under one-hot and dense vectors.

    words : V words;  dense_vecs : (V, d), default the hand-made toy.dense_vectors().
    Attributes: word_a, word_b (Dropdowns), result (HTML table), message (HTML, errors).
    """
    words = list(words)
    dense_vecs = dense_vectors() if dense_vecs is None else np.asarray(dense_vecs, float)
    box_a = widgets.Dropdown(options=words, value=word_a, description="word a")
    box_b = widgets.Dropdown(options=words, value=word_b, description="word b")
    result, message = widgets.HTML(), widgets.HTML()
    for control, name in ((box_a, "word-a"), (box_b, "word-b"), (result, "result"),
                          (message, "message")):
        control.add_class(f"w2v-{name}")

    @one_at_a_time
    def update(_=None):
        try:
            result.value = similarity_table(box_a.value, box_b.value, words, dense_vecs)
            message.value = ""
        except (KeyError, ValueError, TypeError) as err:
            result.value = ""
            message.value = error_html(err)

    box_a.observe(update, names="value")
    box_b.observe(update, names="value")
    update()
    ex = widgets.VBox([widgets.HBox([box_a, box_b]), message, result])
    ex.word_a, ex.word_b, ex.result, ex.message = box_a, box_b, result, message
    return ex


MAX_TABLE_ROWS = 40  # positions shown in the pair table; longer sentences are cut short


def window_view(sentence, window):
    """What the window explorer shows for ``sentence`` with window m.

    Returns (count_html, table_html, note): the number of pairs beside the closed form
    count_pairs(T, m); the pairs numbered in text order, one row per center position t;
    a note on edge truncation. A sentence without words raises ValueError.
    """
    if not isinstance(sentence, str):
        raise TypeError(f"the sentence must be text, got {sentence!r}")
    tokens = tokenize(sentence)
    if not tokens:
        if sentence.strip():
            raise ValueError(f"No words in {sentence!r}, only punctuation: type some words.")
        raise ValueError("The sentence is empty: type a few words.")
    n, full = len(tokens), 2 * window
    position_pairs = skipgram_pairs(range(n), window)  # (t, j) positions, in text order
    closed = count_pairs(n, window)
    count_html = (f"<b>{len(position_pairs)} pairs · closed form {closed}</b> "
                  f"(T = {n}, m = {window})")
    per_center = np.bincount([t for t, _ in position_pairs], minlength=n)  # (T,) contexts
    shown = tokens[:MAX_TABLE_ROWS + window]  # the words the first rows can reach
    escaped = [html.escape(token) for token in shown]
    by_center = [[] for _ in range(min(n, MAX_TABLE_ROWS))]
    for number, (t, j) in enumerate(position_pairs[: per_center[:MAX_TABLE_ROWS].sum()], 1):
        by_center[t].append(f"{number}&nbsp;{escaped[t]}→{escaped[j]}")
    rows = [
        (t + 1, escaped[t], ", ".join(cells),
         f"{len(cells)} of {full}{' (cut at edge)' if len(cells) < full else ''}")
        for t, cells in enumerate(by_center)
    ]
    if n > MAX_TABLE_ROWS:
        rows.append(("…", f"{n - MAX_TABLE_ROWS} more positions", "", ""))
    table_html = html_table(["t", "center", "pairs (numbered)", "contexts"], rows)
    cut = int((per_center < full).sum())
    if n == 1:
        note = ("One word has no neighbours, so there are 0 pairs. That is a valid answer, "
                "not an error: the closed form gives 0 too.")
    elif window >= n - 1:
        note = (f"m = {window} reaches past both ends of this {n}-word sentence: every window is "
                f"cut at the edges, so each word pairs with the other T − 1 = {n - 1} words.")
    else:
        note = (f"Edge truncation: a full window has 2m = {full} context words; the {cut} "
                f"words within m of either end have fewer, as the window stops at the edge.")
    return count_html, table_html, note


def window_explorer(sentence=TOY_SENTENCE, window=2, max_window=8):
    """A window-size slider and a sentence box; shows the pair count and the numbered pairs.

    Attributes: window (IntSlider), sentence (Text), count (HTML "<N> pairs · closed form
    <N>"), note (HTML, on edge truncation), result (HTML pair table), message (HTML, errors).
    """
    slider = widgets.IntSlider(value=window, min=1, max=max_window, description="window m")
    text = widgets.Text(value=sentence, description="sentence",
                        layout=widgets.Layout(width="32em"))
    count, note, result, message = (widgets.HTML() for _ in range(4))
    for control, name in ((slider, "window"), (text, "sentence"), (count, "count"),
                          (note, "note"), (result, "result"), (message, "message")):
        control.add_class(f"w2v-{name}")

    @one_at_a_time
    def update(_=None):
        try:
            count.value, result.value, note_text = window_view(text.value, slider.value)
            note.value = html.escape(note_text)
            message.value = ""
        except (KeyError, ValueError, TypeError) as err:
            count.value = result.value = note.value = ""
            message.value = error_html(err)

    slider.observe(update, names="value")
    text.observe(update, names="value")
    update()
    ex = widgets.VBox([widgets.HBox([slider, text]), message, count, note, result])
    ex.window, ex.sentence, ex.count, ex.note, ex.result, ex.message = (
        slider, text, count, note, result, message)
    return ex

# --- 03 softmax, 04 loss, 05 mini-batches -------------------------------------------------

# exp(x) is inf in float64 for x above this (about 709.78): the naive softmax breaks there.
MAX_EXP_ARG = float(np.log(np.finfo(float).max))


def softmax_table(words, scores):
    """Softmax of one center word's scores, step by step, as an HTML table.

    words  : list of V outside words o
    scores : (V,) the scores u_o . v_c
    Columns: o, score, exp(score - max), P(o | c) and a bar; below, the normaliser and
    whether the naive exp(score) would overflow. Returns (html str, probs (V,)).
    """
    scores = np.asarray(scores, dtype=float)
    if scores.ndim != 1 or len(scores) != len(words) or len(scores) == 0:
        raise ValueError(f"need one score per word: {len(words)} words, scores {scores.shape}")
    probs = softmax(scores)  # raises ValueError on NaN/inf scores
    top = scores.max()
    shifted = np.exp(scores - top)
    bar = "<div style='background:#8cb8e0;height:0.8em;width:{:.0f}px'></div>"
    rows = [
        (html.escape(str(word)), f"{s:.3f}", f"{e:.4f}", f"{p:.4f}", bar.format(120 * p))
        for word, s, e, p in zip(words, scores, shifted, probs, strict=True)
    ]
    table = html_table(["o", "u_o·v_c", "exp(score − max)", "P(o | c)", ""], rows)
    naive = "overflows to inf" if top > MAX_EXP_ARG else "is still finite"
    note = (
        f"<div>normaliser Σ exp(score − max) = {shifted.sum():.4f}; "
        f"the naive exp(max score) = exp({top:.1f}) {naive}</div>"
    )
    return table + note, probs


def scaled_vectors(base, dim, scale):
    """The first ``dim`` columns of ``base`` times ``scale``.

    base : (V, d_max) array;  dim : 1 <= dim <= d_max;  scale : float >= 0.
    Returns (V, dim). Bigger scale -> bigger dot products -> a peakier softmax.
    """
    base = np.asarray(base, dtype=float)
    check_int("dim", dim, 1, base.shape[1])
    check_positive("scale", scale, allow_zero=True)
    return scale * base[:, :dim]


def softmax_explorer(words, rng, *, max_dim=10, dim=3, scale=1.0, max_scale=20.0):
    """Pick a center word c, the dimension d and a scale; see P(o | c) step by step.

    words : list of V distinct words;  rng : numpy Generator for the random vectors.
    The vectors are scale * (first d columns of fixed standard-normal (V, max_dim) draws),
    so moving a slider never redraws them. Attributes: center, dim, scale, result, message.
    """
    words = list(words)
    if not words or len(set(words)) != len(words):
        raise ValueError(f"words must be a non-empty list of distinct words, got {words!r}")
    if not isinstance(rng, np.random.Generator):
        raise TypeError(f"rng must be a numpy.random.Generator, got {rng!r}")
    base_center = rng.normal(size=(len(words), max_dim))  # rows v_w before scaling
    base_outside = rng.normal(size=(len(words), max_dim))  # rows u_w before scaling
    center = widgets.Dropdown(options=words, value=words[min(1, len(words) - 1)],
                              description="center c")
    dim_slider = widgets.IntSlider(value=dim, min=1, max=max_dim, description="d")
    scale_slider = widgets.FloatSlider(value=scale, min=0.0, max=max_scale, step=0.1,
                                       description="scale", layout=widgets.Layout(width="480px"))
    result, message = widgets.HTML(), widgets.HTML()
    for control, cls in ((center, "w2v-center"), (dim_slider, "w2v-dim"),
                         (scale_slider, "w2v-scale"), (result, "w2v-result"),
                         (message, "w2v-message")):
        control.add_class(cls)

    @one_at_a_time
    def update(_=None):
        try:
            center_vecs = scaled_vectors(base_center, dim_slider.value, scale_slider.value)
            outside_vecs = scaled_vectors(base_outside, dim_slider.value, scale_slider.value)
            if center.value not in words:
                raise KeyError(f"center word {center.value!r} is not in the vocabulary")
            scores = outside_vecs @ center_vecs[words.index(center.value)]
            result.value = softmax_table(words, scores)[0]
            message.value = ""
        except (ValueError, KeyError, TypeError) as err:
            result.value, message.value = "", error_html(err)

    for control in (center, dim_slider, scale_slider):
        control.observe(update, names="value")
    update()
    box = widgets.VBox([widgets.HBox([center, dim_slider]), scale_slider, message, result])
    box.center, box.dim, box.scale, box.result, box.message = (
        center, dim_slider, scale_slider, result, message)
    return box


def batch_plan(pairs, batch_size):
    """Which pairs fall into which update of one epoch (batches in order, no shuffling).

    pairs : list of N (center, context) pairs, numbered 1..N;  batch_size : B >= 1.
    Returns (count text containing "<K> updates", HTML table with one row per update).
    """
    if len(pairs) == 0:
        raise ValueError("there are no pairs to split into batches")
    n_updates = updates_per_epoch(len(pairs), batch_size)  # also checks batch_size
    numbered = [(i, f"{c}→{o}") for i, (c, o) in enumerate(pairs, start=1)]
    rows = []
    for k, batch in enumerate(minibatches(numbered, batch_size), start=1):
        first, last = batch[0][0], batch[-1][0]
        span = f"{first}" if first == last else f"{first}–{last}"
        rows.append((k, len(batch), span, html.escape(", ".join(label for _, label in batch))))
    plural = "update" if n_updates == 1 else "updates"
    count = (f"<b>{n_updates} {plural}</b> per epoch · ceil({len(pairs)} / {batch_size}) = "
             f"{n_updates}")
    return count, html_table(["update", "size", "pairs", ""], rows)


def minibatch_explorer(pairs, *, batch_size=4):
    """A batch-size slider over ``pairs``: the updates of one epoch and their count.

    pairs : list of N (center, context) pairs.  Attributes: batch_size, updates, result, message.
    """
    pairs = list(pairs)
    if not pairs:
        raise ValueError("minibatch_explorer needs at least one pair")
    slider = widgets.IntSlider(value=batch_size, min=1, max=len(pairs), description="B")
    updates, result, message = widgets.HTML(), widgets.HTML(), widgets.HTML()
    for control, cls in ((slider, "w2v-batch-size"), (updates, "w2v-updates"),
                         (result, "w2v-result"), (message, "w2v-message")):
        control.add_class(cls)

    @one_at_a_time
    def update(_=None):
        try:
            updates.value, result.value = batch_plan(pairs, slider.value)
            message.value = ""
        except (ValueError, TypeError) as err:
            updates.value, result.value, message.value = "", "", error_html(err)

    slider.observe(update, names="value")
    update()
    box = widgets.VBox([widgets.HBox([slider, updates]), message, result])
    box.batch_size, box.updates, box.result, box.message = slider, updates, result, message
    return box
