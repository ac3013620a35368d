"""Figures for notebooks 09 (counts, PMI, the link to skip-gram) and 10 (GloVe, CBOW, family).

One function per figure; each draws on a given or new Axes and returns it (or the Figure).
"""

import matplotlib.pyplot as plt
import numpy as np


def plot_count_matrix(matrix, words, *, ax=None, title="co-occurrence counts X[c, o]",
                      signed=False, fmt="{:g}"):
    """A small (V, V) matrix as a heatmap with every entry written in its cell.

    matrix : (V, V) dense or sparse;  words : V labels (rows: center c, columns: outside o)
    signed : use a diverging map centred on 0 (for PMI) instead of a sequential one
    Returns the Axes; its image holds the matrix.
    """
    dense = matrix.toarray() if hasattr(matrix, "toarray") else np.asarray(matrix, float)
    if ax is None:
        _, ax = plt.subplots(figsize=(4.2, 3.6))
    if signed:
        finite = dense[np.isfinite(dense)]
        limit = max(float(np.abs(finite).max()) if finite.size else 1.0, 1e-9)
        image = ax.imshow(np.where(np.isfinite(dense), dense, np.nan), cmap="RdBu_r",
                          vmin=-limit, vmax=limit)
    else:
        image = ax.imshow(dense, cmap="Blues", vmin=0)
    top = np.nanmax(np.abs(np.where(np.isfinite(dense), dense, 0))) or 1.0
    for (i, j), value in np.ndenumerate(dense):
        text = "−∞" if value == -np.inf else fmt.format(value)
        dark = np.isfinite(value) and abs(value) > 0.6 * top
        ax.text(j, i, text, ha="center", va="center", fontsize=9,
                color="white" if dark else "black")
    ax.set_xticks(range(len(words)), words, rotation=45, ha="right", fontsize=9)
    ax.set_yticks(range(len(words)), words, fontsize=9)
    ax.set_xlabel("outside word o", fontsize=9)
    ax.set_ylabel("center word c", fontsize=9)
    ax.set_title(title, fontsize=10)
    ax.figure.colorbar(image, ax=ax, shrink=0.8)
    return ax


def plot_pmi_link(pmi, scores, negative, *, ax=None, title=None):
    """Fitted u_o . v_c against PMI(c, o) for observed pairs, with the line PMI - log K.

    pmi, scores : (N,) PMI(c, o) and u_o . v_c of the same pairs;  negative : K.
    Returns the Axes (title: the fitted slope and correlation against PMI - log K).
    """
    pmi, scores = np.asarray(pmi, float), np.asarray(scores, float)
    if ax is None:
        _, ax = plt.subplots(figsize=(4.6, 4))
    shift = np.log(negative)
    low = min(pmi.min(), (scores + shift).min()) - 0.3
    high = max(pmi.max(), (scores + shift).max()) + 0.3
    grid = np.array([low, high])
    ax.plot(grid, grid, color="grey", lw=0.8, ls=":", label="u·v = PMI (K = 1)")
    ax.plot(grid, grid - shift, color="C1", lw=1.5, label=f"u·v = PMI − log K (K = {negative:g})")
    ax.scatter(pmi, scores, s=14, color="C0", alpha=0.7, label="observed pairs (c, o)", zorder=3)
    slope = np.polyfit(pmi - shift, scores, 1)[0] if len(pmi) > 1 else np.nan
    corr = np.corrcoef(pmi - shift, scores)[0, 1] if len(pmi) > 1 else np.nan
    ax.set_title(title or f"slope {slope:.3f}, correlation {corr:.4f}", fontsize=10)
    ax.set_xlabel("PMI(c, o) (nats)", fontsize=9)
    ax.set_ylabel("u_o · v_c at the optimum", fontsize=9)
    ax.set_xlim(low, high)
    ax.set_ylim(low - shift, high)
    ax.legend(fontsize=8, loc="upper left")
    return ax


def plot_rank_limit(panels, *, figsize=(12, 3.3)):
    """One scatter per d: u_o . v_c against PMI(c, o) - log K, the identity line in each.

    panels : dict title -> (targets (N,), scores (N,)).  Returns the Figure.
    """
    fig, axes = plt.subplots(1, len(panels), figsize=figsize, squeeze=False, sharey=True)
    for ax, (title, (target, scores)) in zip(axes[0], panels.items(), strict=True):
        grid = np.array([target.min() - 0.3, target.max() + 0.3])
        ax.plot(grid, grid, color="C1", lw=1.2)
        ax.scatter(target, scores, s=6, alpha=0.4, color="C0")
        corr = np.corrcoef(target, scores)[0, 1]
        ax.set_title(f"{title}: correlation {corr:.3f}", fontsize=10)
        ax.set_xlabel("PMI(c, o) − log K", fontsize=9)
    axes[0][0].set_ylabel("u_o · v_c at the optimum", fontsize=9)
    fig.tight_layout()
    return fig


def plot_singular_values(singular_values, *, ax=None, label="PPMI"):
    """The singular values sigma_1 >= sigma_2 >= ... of a matrix, against their index."""
    if ax is None:
        _, ax = plt.subplots(figsize=(5, 3))
    values = np.asarray(singular_values, float)
    ax.plot(np.arange(1, len(values) + 1), values, marker=".", label=label)
    ax.set_xlabel("index i of the singular value", fontsize=9)
    ax.set_ylabel("σ_i", fontsize=9)
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.legend(fontsize=9)
    return ax


def plot_glove_weighting(x_max=100.0, alpha=0.75, *, ax=None):
    """GloVe's weighting f(x) = min(1, (x / x_max)^alpha) for counts x from 0 to 2 x_max."""
    if ax is None:
        _, ax = plt.subplots(figsize=(4.5, 3))
    x = np.linspace(0, 2 * x_max, 400)
    ax.plot(x, np.minimum(1, (x / x_max) ** alpha), label=f"x_max = {x_max:g}, α = {alpha:g}")
    ax.axvline(x_max, color="grey", lw=0.6, ls=":")
    ax.set_xlabel("co-occurrence count X_ij", fontsize=9)
    ax.set_ylabel("weight f(X_ij)", fontsize=9)
    ax.legend(fontsize=9)
    return ax


def plot_family_portrait(rows, *, figsize=(9, 3.6)):
    """Scores of each method side by side: one group of bars per test, wordsim353 with its CI.

    rows : list of dicts with keys "method", "wordsim353", "ws_low", "ws_high", "simlex999",
           "3CosAdd", "3CosMul" (floats).  Returns the Figure.
    """
    tests = ["wordsim353", "simlex999", "3CosAdd", "3CosMul"]
    fig, ax = plt.subplots(figsize=figsize)
    width = 0.8 / len(rows)
    for k, row in enumerate(rows):
        x = np.arange(len(tests)) + (k - (len(rows) - 1) / 2) * width
        heights = [row[t] for t in tests]
        ax.bar(x, heights, width, label=row["method"], color=f"C{k}")
        low, high = row["wordsim353"] - row["ws_low"], row["ws_high"] - row["wordsim353"]
        ax.errorbar(x[0], heights[0], yerr=[[low], [high]], color="black", capsize=3, lw=1)
    ax.set_xticks(range(len(tests)), ["wordsim353 ρ (95% CI)", "simlex999 ρ",
                                      "analogies 3CosAdd", "analogies 3CosMul"], fontsize=9)
    ax.set_ylabel("Spearman ρ / accuracy", fontsize=9)
    ax.axhline(0, color="grey", lw=0.6)
    ax.legend(fontsize=8, ncols=3, loc="upper right")
    fig.tight_layout()
    return fig
