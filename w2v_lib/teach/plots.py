"""Figures for the notebooks: one function per figure, each drawing on a given or new Axes.

Plot functions return the Axes (or Figure) they drew on and never call plt.show().
Notebook cells assign the result (``ax = plots...``) so no repr is stored: nbval runs cells
without history, where IPython ignores a trailing ``;``.
"""

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.ticker import MaxNLocator

from ..vectors import cosine_similarity
from ..windows import count_pairs
from .labels import place_labels

# --- 01 vectors, 02 windows -------------------------------------------------------------

CENTER_COLOR, CONTEXT_COLOR, OTHER_COLOR = "#f4a259", "#8cb8e0", "#eeeeee"


def plot_similarity_heatmaps(words, named_vecs, *, figsize=(9, 3.5)):
    """Cosine similarity of every pair of words, one heatmap per representation.

    words      : list of V words (row/column labels)
    named_vecs : dict title -> (V, n) array, row i the vector of words[i]
    Returns the Figure; each Axes' image holds the (V, V) matrix cos(row i, row j).
    """
    fig, axes = plt.subplots(1, len(named_vecs), figsize=figsize, squeeze=False)
    for ax, (title, vecs) in zip(axes[0], named_vecs.items(), strict=True):
        sims = np.array([[cosine_similarity(a, b) for b in vecs] for a in vecs])
        image = ax.imshow(sims, vmin=-1, vmax=1, cmap="RdBu_r")
        ax.set_xticks(range(len(words)), words, rotation=90, fontsize=8)
        ax.set_yticks(range(len(words)), words, fontsize=8)
        ax.set_title(f"{title}: cosine similarity", fontsize=10)
    fig.colorbar(image, ax=axes[0].tolist(), shrink=0.8)
    return fig


def plot_vectors_2d(words, vecs, ax=None):
    """Each 2-D vector as an arrow from the origin, labelled with its word.

    words : list of V words;  vecs : (V, 2).  Returns the Axes.
    """
    vecs = np.asarray(vecs, dtype=float)
    if vecs.ndim != 2 or vecs.shape[1] != 2 or len(vecs) != len(words):
        raise ValueError(f"need one 2-D vector per word, got shape {vecs.shape} for {len(words)}")
    if ax is None:
        _, ax = plt.subplots(figsize=(4, 3.5))
    for word, (x, y) in zip(words, vecs, strict=True):
        ax.annotate("", xy=(x, y), xytext=(0, 0), arrowprops={"arrowstyle": "->", "color": "C0"})
        angle = np.degrees(np.arctan2(y, x))  # labels run outward along their arrow
        left = x < 0
        ax.text(x * 1.05, y * 1.05, word, fontsize=9, va="center", ha="right" if left else "left",
                rotation=angle - 180 if left else angle, rotation_mode="anchor")
    ax.axhline(0, color="grey", lw=0.5)
    ax.axvline(0, color="grey", lw=0.5)
    lim = 1.5 * np.abs(vecs).max()  # room for the labels past the arrow tips
    ax.set_xlim(-lim, lim)
    ax.set_ylim(-lim, lim)
    ax.set_aspect("equal")
    return ax


def plot_sliding_window(tokens, window, ax=None, *, show_count=True):
    """The window at every position: row t shows the center (orange) and its context (blue).

    tokens : list of T words;  window : m.  One cell per (t, position); context cells count
    the pairs, so there are as many blue cells as skip-gram pairs. show_count : bool, put the
    number of pairs in the title (default True; False when the learner is to count them).
    Returns the Axes.
    """
    if isinstance(tokens, str):
        raise TypeError("plot_sliding_window expects a list of tokens, got a str: tokenize first")
    n = len(tokens)
    if n == 0:
        raise ValueError("plot_sliding_window needs at least one token, got none")
    n_pairs = count_pairs(n, window)  # also checks window
    if ax is None:
        _, ax = plt.subplots(figsize=(min(9, 1.2 * n + 1), min(3.5, 0.45 * n + 0.5)))
    for t in range(n):
        for j, word in enumerate(tokens):
            near = abs(j - t) <= window
            color = CENTER_COLOR if j == t else CONTEXT_COLOR if near else OTHER_COLOR
            y = n - 1 - t
            ax.add_patch(plt.Rectangle((j, y + 0.1), 0.95, 0.8, facecolor=color, edgecolor="white"))
            ax.text(j + 0.475, y + 0.5, word, ha="center", va="center", fontsize=9)
    ax.set_xlim(0, n)
    ax.set_ylim(0, n)
    ax.set_yticks([n - 0.5 - t for t in range(n)], [f"t = {t + 1}" for t in range(n)], fontsize=8)
    ax.set_xticks([])
    count = f": {n_pairs} pairs" if show_count else ""
    ax.set_title(f"m = {window}{count}; center orange, context blue", fontsize=10)
    return ax

# --- 03 softmax, 04 loss, 05 mini-batches -------------------------------------------------

BAR_COLOR, BAR_EDGE = "#8cb8e0", "#3a6ea5"


def plot_outside_probs(words, probs, *, center=None, ax=None):
    """Bar chart of P(o | c) over every outside word o.

    words : list of V words (bar labels);  probs : (V,) probabilities, summing to 1
    center : the center word c, named in the title.  Returns the Axes (one bar per word).
    """
    probs = np.asarray(probs, dtype=float)
    if probs.ndim != 1 or len(probs) != len(words):
        raise ValueError(f"need one probability per word: {len(words)} words, probs {probs.shape}")
    if ax is None:
        _, ax = plt.subplots(figsize=(min(9, 0.8 * len(words) + 2), 2.8))
    ax.bar(range(len(words)), probs, color=BAR_COLOR, edgecolor=BAR_EDGE)
    ax.axhline(1 / len(words), color="grey", linestyle=":", label="uniform 1/V")
    ax.set_xticks(range(len(words)), words)
    ax.set_ylim(0, 1)
    ax.set_xlabel("outside word o")
    ax.set_ylabel("P(o | c)")
    ax.set_title(f"P(o | c = {center})" if center is not None else "P(o | c)", fontsize=10)
    ax.legend(fontsize=8)
    return ax


def plot_pair_losses(labels, losses, *, ax=None):
    """One bar per pair, its loss -log P(o | c); a dashed line at their mean, J.

    labels : list of N pair names (e.g. "the→cat");  losses : (N,) floats.  Returns the Axes.
    """
    losses = np.asarray(losses, dtype=float)
    if losses.ndim != 1 or len(losses) != len(labels) or len(losses) == 0:
        raise ValueError(f"need one loss per pair: {len(labels)} labels, losses {losses.shape}")
    if ax is None:
        _, ax = plt.subplots(figsize=(9, 3))
    ax.bar(range(len(losses)), losses, color=BAR_COLOR, edgecolor=BAR_EDGE)
    mean = losses.mean()
    ax.axhline(mean, color="#c0392b", linestyle="--", label=f"J = mean = {mean:.3f}")
    ax.set_xticks(range(len(losses)), labels, rotation=60, ha="right", fontsize=8)
    ax.set_ylim(0, 1.25 * losses.max())
    ax.set_ylabel("-log P(o | c)")
    ax.legend(fontsize=8, loc="upper right")
    return ax


def plot_loss_curves(results, *, start_loss=None, floor=None, figsize=(9, 3.2)):
    """Training curves for several batch sizes: against updates (left) and epochs (right).

    results    : dict batch size B -> TrainResult (from train, all from the same start)
    start_loss : J before training, drawn at epoch 0 on the right (optional)
    floor      : J*, the lowest J any vectors can reach (``w.best_loss(pairs)``), drawn as a
                 dashed black line on both panels with a legend entry (optional)
    Left (log x axis, as B = 1 makes many more updates): thin and faint, each update's batch
    loss; with dots, J over all pairs after each epoch, at the update that ends it.
    Right: J over all pairs after each epoch. Returns the Figure.
    """
    if not results:
        raise ValueError("plot_loss_curves needs at least one TrainResult")
    fig, (ax_u, ax_e) = plt.subplots(1, 2, figsize=figsize)
    for batch_size, res in results.items():
        per_epoch = len(res.update_losses) // len(res.epoch_losses)
        updates = np.arange(1, len(res.update_losses) + 1)
        faint = ax_u.plot(updates, res.update_losses, linewidth=0.6, alpha=0.35)[0]
        ends = per_epoch * np.arange(1, len(res.epoch_losses) + 1)
        ax_u.plot(ends, res.epoch_losses, marker=".", color=faint.get_color())
        epochs = np.arange(1, len(res.epoch_losses) + 1)
        losses = list(res.epoch_losses)
        if start_loss is not None:
            epochs, losses = np.r_[0, epochs], [start_loss, *losses]
        ax_e.plot(epochs, losses, marker=".", color=faint.get_color(), label=f"B = {batch_size}")
    if floor is not None:
        for ax in (ax_u, ax_e):
            ax.axhline(floor, color="black", linestyle="--", linewidth=1,
                       label=f"J* = {floor:.3f}, the best possible")
    ax_u.set_xscale("log")
    ax_u.set_xlabel("update (log scale)")
    ax_u.set_ylabel("loss")
    ax_u.set_title("against updates (faint: each batch's loss)", fontsize=10)
    ax_e.set_xlabel("epoch")
    ax_e.set_ylabel("J(θ) on all pairs")
    ax_e.set_title("against epochs", fontsize=10)
    ax_e.xaxis.get_major_locator().set_params(integer=True)
    ax_e.legend(fontsize=8)
    fig.tight_layout()
    return fig


# --- 06 negative sampling on a real corpus ------------------------------------------------


def plot_cost_per_pair(vocab_sizes, softmax_ms, sgns_ms, *, negative=5, ax=None):
    """Time per training pair against the vocabulary size V, full softmax vs negative sampling.

    vocab_sizes : (n,) V values;  softmax_ms, sgns_ms : (n,) measured milliseconds per pair.
    Log-log axes: the softmax line climbs with V, negative sampling stays flat. Returns the Axes.
    """
    if not len(vocab_sizes) == len(softmax_ms) == len(sgns_ms):
        raise ValueError("need one softmax and one negative-sampling time per vocabulary size")
    if ax is None:
        _, ax = plt.subplots(figsize=(5, 3.2))
    ax.loglog(vocab_sizes, softmax_ms, "o-", label="full softmax")
    ax.loglog(vocab_sizes, sgns_ms, "s-", label=f"negative sampling (K = {negative})")
    ax.set_xlabel("vocabulary size V")
    ax.set_ylabel("ms per pair")
    ax.legend(fontsize=9)
    return ax


def pca_2d(vectors):
    """The first two principal components: (n, d) rows -> (n, 2) coordinates.

    Rows are centred, then projected on the two right singular vectors of largest singular
    value (the directions of greatest variance).
    """
    vectors = np.asarray(vectors, dtype=float)
    if vectors.ndim != 2 or len(vectors) < 2:
        raise ValueError(f"pca_2d needs at least two vectors as rows (n, d), got {vectors.shape}")
    centred = vectors - vectors.mean(axis=0)
    _, _, directions = np.linalg.svd(centred, full_matrices=False)
    return centred @ directions[:2].T


def plot_words_pca(wv, words, *, ax=None):
    """The vectors of ``words`` (from WordVectors ``wv``) in 2-D by PCA, each dot labelled.

    words : list of n words, or dict group name -> list of words: each group gets its own
            colour and a legend entry (outside the axes, on the right).
    Labels are placed by labels.place_labels: none overlaps another or leaves the axes (the
    figure's layout engine is then switched off, so that nothing moves them afterwards).
    Returns the Axes; its collections hold the (n, 2) points of pca_2d, one per group, in
    the order given.
    """
    groups = words if isinstance(words, dict) else {None: list(words)}
    flat = [word for group in groups.values() for word in group]
    points = pca_2d(np.array([wv[word] for word in flat]))  # KeyError names an unknown word
    if ax is None:
        _, ax = plt.subplots(figsize=(6.4, 4) if None not in groups else (5, 4),
                             layout="constrained")
    colors, start = [], 0
    for k, (name, group) in enumerate(groups.items()):
        color = f"C{k % 10}"
        part = points[start : start + len(group)]
        ax.scatter(part[:, 0], part[:, 1], s=14, color=color, label=name)
        colors += [color] * len(group)
        start += len(group)
    ax.set_xlabel("PC 1")
    ax.set_ylabel("PC 2")
    if None not in groups:
        ax.legend(loc="upper left", bbox_to_anchor=(1.02, 1), fontsize=9, frameon=False)
    ax.figure.canvas.draw()  # settle the layout before measuring the labels
    ax.figure.set_layout_engine("none")
    place_labels(ax, points, flat, colors=colors)
    return ax


def plot_epoch_losses(named_losses, *, start_loss=None, start_label="before training", ax=None):
    """Mean training loss per epoch, one line per run.

    named_losses : dict label -> list of per-epoch losses
    start_loss   : the loss before training, drawn as a dotted line (optional)
    start_label  : its legend text, followed by " = <start_loss>" (default "before training")
    Returns the Axes; the epoch axis has whole-number ticks only.
    """
    if ax is None:
        _, ax = plt.subplots(figsize=(5, 3.2))
    for label, losses in named_losses.items():
        ax.plot(range(1, len(losses) + 1), losses, "o-", ms=3, label=label)
    if start_loss is not None:
        ax.axhline(start_loss, color="grey", linestyle=":",
                   label=f"{start_label} = {start_loss:.2f}")
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlabel("epoch")
    ax.set_ylabel("mean loss per pair")
    ax.legend(fontsize=9)
    return ax
