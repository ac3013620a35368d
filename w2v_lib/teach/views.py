"""What each explorer shows, as plain functions returning HTML (tested without widgets).

The explorers (``widgets``) call these from their render functions; each raises
ValueError, TypeError or KeyError naming the bad value, which the explorer shows as its
message. Words and sentences are HTML-escaped here.
"""

import base64
import html
import io

import matplotlib.pyplot as plt
import numpy as np

from ..checks import check_int, check_positive
from ..optim import minibatches, updates_per_epoch
from ..softmax import outside_probs, softmax
from ..text import tokenize
from ..vectors import cosine_similarity, one_hot
from ..windows import count_pairs, skipgram_pairs


def figure_png(fig, dpi=100):
    """The PNG bytes of a pyplot Figure, which is then closed (also when saving fails)."""
    buffer = io.BytesIO()
    try:
        fig.savefig(buffer, format="png", dpi=dpi)
    finally:
        plt.close(fig)
    return buffer.getvalue()


def png_html(png, alt=""):
    """PNG bytes as an HTML <img> with a data URL (so the page needs no file)."""
    data = base64.b64encode(png).decode("ascii")
    return f'<img src="data:image/png;base64,{data}" alt="{html.escape(alt)}">'


def html_table(headers, rows):
    """A small HTML table.

    Parameters
    ----------
    headers : list of str
        The column headings, HTML already (escape text first).
    rows : list of sequences
        One sequence of cells per row, HTML already (or numbers).
    """
    head = "".join(f"<th style='padding:0 8px'>{h}</th>" for h in headers)
    body = "".join(
        "<tr>" + "".join(f"<td style='padding:0 8px'>{c}</td>" for c in row) + "</tr>"
        for row in rows
    )
    return f"<table><tr>{head}</tr>{body}</table>"


# --- 01 vectors, 02 windows -------------------------------------------------------------


def _vector_text(vec):
    return "[" + ", ".join(f"{x:g}" for x in vec) + "]"


def as_dense_vectors(words, dense_vecs):
    """``dense_vecs`` as a float (V, d) array with one row per word; else ValueError.

    Parameters
    ----------
    words : list of str
        The V words.
    dense_vecs : array_like of shape (V, d)
        Row i is the vector of words[i]; d >= 1, every entry finite.
    """
    vecs = np.asarray(dense_vecs, dtype=float)
    if vecs.ndim != 2 or len(vecs) != len(words) or vecs.shape[1] == 0:
        raise ValueError(f"dense_vecs must have one row per word: {len(words)} words need shape "
                         f"({len(words)}, d), got {vecs.shape}")
    if not np.isfinite(vecs).all():
        raise ValueError("dense_vecs must be finite, got inf or NaN")
    return vecs


def similarity_table(word_a, word_b, words, dense_vecs):
    """HTML table: cos(word_a, word_b) under one-hot vectors and under dense vectors.

    Parameters
    ----------
    word_a, word_b : str
        Two words of ``words``; one that is not there raises KeyError naming it.
    words : list of str
        The V words.
    dense_vecs : array_like of shape (V, d)
        Row i is the vector of words[i] (checked by ``as_dense_vectors``).
    """
    dense_vecs = as_dense_vectors(words, dense_vecs)
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


MAX_TABLE_ROWS = 40  # positions shown in the pair table; longer sentences are cut short


def window_view(sentence, window):
    """What the window explorer shows for ``sentence`` with window m.

    Parameters
    ----------
    sentence : str
        The text (TypeError if not a str; ValueError if it has no words).
    window : int
        m >= 1, context words on each side.

    Returns (count_html, table_html, note): the number of pairs beside the closed form
    count_pairs(T, m); the pairs numbered in text order, one row per center position t
    (the first MAX_TABLE_ROWS positions); a note on edge truncation (plain text).
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


# --- 03 softmax, 04 loss, 05 mini-batches -------------------------------------------------

# exp(x) is inf in float64 for x above this (about 709.78): the naive softmax breaks there.
MAX_EXP_ARG = float(np.log(np.finfo(float).max))


def softmax_table(words, scores):
    """Softmax of one center word's scores, step by step, as an HTML table.

    Parameters
    ----------
    words : list of str
        The V outside words o.
    scores : array_like of shape (V,)
        The scores u_o . v_c, finite (ValueError otherwise, or for a wrong length).

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

    Parameters
    ----------
    base : array_like of shape (V, d_max)
        The unscaled vectors.
    dim : int
        1 <= dim <= d_max (ValueError outside, TypeError for a non-integer).
    scale : float
        >= 0 and finite. Bigger scale -> bigger dot products -> a peakier softmax.

    Returns ndarray of shape (V, dim).
    """
    base = np.asarray(base, dtype=float)
    check_int("dim", dim, 1, base.shape[1])
    check_positive("scale", scale, allow_zero=True)
    return scale * base[:, :dim]


def batch_plan(pairs, batch_size):
    """Which pairs fall into which update of one epoch (batches in order, no shuffling).

    Parameters
    ----------
    pairs : list of (center, context) pairs
        N >= 1 pairs (ValueError if none), numbered 1..N.
    batch_size : int
        B >= 1.

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


# --- 07 step-through ---------------------------------------------------------------------


def pair_table_html(words, pairs, current):
    """The N pairs as numbered chips 'k c→o', those of the current update highlighted.

    Parameters
    ----------
    words : list of str
        The V words, by id.
    pairs : array_like of shape (N, 2)
        Ids (c, o).
    current : iterable of int
        Positions (0-based) of the pairs to highlight (class ``w2v-pair-current``).
    """
    current = {int(i) for i in current}
    chips = []
    for i, (c, o) in enumerate(pairs):
        on = i in current
        style = "background:#ffd54f;font-weight:bold;" if on else "background:#eee;"
        cls = "w2v-pair w2v-pair-current" if on else "w2v-pair"
        chips.append(f'<span class="{cls}" style="{style}padding:1px 5px;margin:2px;'
                     f'border-radius:4px;display:inline-block">{i + 1} '
                     f"{html.escape(words[c])}→{html.escape(words[o])}</span>")
    return f'<div style="max-width:60em;font-size:90%">{"".join(chips)}</div>'


def step_info(rec, k, words):
    """The info line for update k of a Recording (plain text, to be escaped).

    Parameters
    ----------
    rec : w2v_lib.Recording
        The run.
    k : int
        0 (the start) <= k <= len(rec.steps).
    words : list of str
        The V words, by id.

    For k >= 1: the update's epoch and batch, its pairs, P(o | c) of its first pair
    before and after it, the batch loss before and after, J over all pairs before it.
    """
    n = len(rec.steps)
    if k == 0:
        return (f"update 0 of {n} · the seeded start · J over all {len(rec.pairs)} pairs "
                f"{rec.start_loss:.4f} · lr {rec.lr:g}, B = {rec.batch_size}"
                + (" · press Step" if n == 0 else ""))
    s = rec.steps[k - 1]
    names = ", ".join(f"{i + 1} {words[c]}→{words[o]}"
                      for i, (c, o) in zip(s.pair_indices, s.batch, strict=True))
    c, o = (int(i) for i in s.batch[0])
    after = rec.steps[k] if k < n else None
    p_after = outside_probs(after.center_vecs if after else rec.center_vecs,
                            after.outside_vecs if after else rec.outside_vecs, c)[o]
    return (f"update {k} of {n} · epoch {s.epoch}, batch {s.batch_number} of "
            f"{rec.updates_per_epoch} · pairs {names} · P({words[o]} | {words[c]}) "
            f"{s.probs[0][o]:.3f} → {p_after:.3f} · batch loss {s.loss:.4f} → "
            f"{s.loss_after:.4f} · J over all pairs {s.full_loss:.4f} · lr {s.lr:g}, "
            f"B = {rec.batch_size}")
