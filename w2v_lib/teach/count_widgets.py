"""The K slider of notebook 09: skip-gram's optimum moves by log K.

For each K in 1..max_k the exact expected SGNS objective is minimised once, when the
explorer is built (about 0.05 s per K on the toy matrix); moving the slider only shows the
figure and the numbers already computed for that K, so an update takes well under 50 ms
(bench/counts_glove.py measures it).
"""

import html

import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np

from ..checks import check_int
from ..pmi_link import fit_sgns_expected, pair_scores, shifted_pmi_pairs
from .count_plots import plot_pmi_link
from .explorer import Explorer
from .views import figure_png, png_html


def link_views(counts, *, max_k=10, dim=None, seed=0):
    """For K = 1..max_k: the fitted scores, their fit to PMI - log K, and a PNG figure.

    counts : (V, V) co-occurrence counts;  dim : d (default V, enough for any PMI matrix)
    Returns dict K -> dict(slope, corr, mean_shift, png).
    """
    check_int("max_k", max_k, maximum=50)
    size = counts.shape[0]
    dim = size if dim is None else dim
    views = {}
    for k in range(1, max_k + 1):
        center_vecs, outside_vecs, _ = fit_sgns_expected(counts, dim, k, seed=seed)
        rows, cols, target = shifted_pmi_pairs(counts, k)
        scores = pair_scores(center_vecs, outside_vecs, rows, cols)
        pmi = target + np.log(k)
        fig, ax = plt.subplots(figsize=(4.6, 4))
        plot_pmi_link(pmi, scores, k, ax=ax)
        fig.tight_layout()
        views[k] = {"slope": float(np.polyfit(target, scores, 1)[0]),
                    "corr": float(np.corrcoef(target, scores)[0, 1]),
                    "mean_shift": float(np.mean(pmi - scores)), "png": figure_png(fig, dpi=80)}
    return views


def k_slider(counts, *, max_k=10, negative=5, dim=None, seed=0):
    """A slider for K, the number of negatives: where skip-gram's optimum puts u_o . v_c.

    counts : (V, V) counts (the toy matrix);  max_k : int 1..50, the slider's end (10)
    negative : the K shown first;  dim : d of the fits (default V);  seed : their start
    Attributes: negative (IntSlider), info (HTML), figure (HTML: an <img>), message, views.
    """
    check_int("negative", negative, maximum=max_k)
    views = link_views(counts, max_k=max_k, dim=dim, seed=seed)
    controls = {"negative": widgets.IntSlider(value=negative, min=1, max=max_k,
                                              description="K")}
    outputs = {"info": widgets.HTML(), "figure": widgets.HTML()}  # an <img>: clears to ""

    def render(negative):
        if negative not in views:
            raise ValueError(f"K must be an integer from 1 to {max_k}, got {negative!r}")
        view = views[negative]
        text = (f"K = {negative}: log K = {np.log(negative):.3f}; on average u·v sits "
                f"{view['mean_shift']:.3f} below PMI; fit to PMI − log K: slope "
                f"{view['slope']:.3f}, correlation {view['corr']:.4f}")
        return {"info": html.escape(text), "figure": png_html(view["png"], alt=f"K = {negative}")}

    ex = Explorer("k-slider", controls, outputs, render)
    ex.views = views
    return ex
