"""Watch it learn: ``StepView`` draws one recorded update of a ``Recording``.

The figure is made once and its artists are updated in place; ``widgets.step_through`` is
the explorer built on it (a ``Recording`` from ``w2v_lib.recording`` and this view).
"""

import io
import math

import numpy as np
import PIL.Image
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import PathCollection
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle
from matplotlib.textpath import TextPath
from matplotlib.transforms import Affine2D

from ..checks import check_int
from ..loss import best_loss
from ..softmax import outside_probs
from .label_boxes import place_boxes

_LADDER = [20, 50, 100, 200, 500, 1000, 2000, 5000, 10000]  # x range of the loss panel
_FONT = 9  # points: every text of the figure, readable in a 1,400-pixel-wide window


def _coarse(value):
    """The smallest 0.2 * 1.25**n (n >= 0) at or above ``value``: ranges grow 25% a time."""
    return 0.2 * 1.25 ** max(0, math.ceil(math.log(max(value, 0.01) / 0.2, 1.25) - 1e-9))


class StepView:
    """One figure showing a recorded update; made once, redrawn in place by ``draw(k)``.

    Parameters
    ----------
    recording : w2v_lib.Recording
        The run to show; its vectors need d = 2 (else ValueError).
    words : list of str
        The V words, in id order (the labels).
    fig : matplotlib.figure.Figure, optional
        Draw on this figure (e.g. ``plt.figure(figsize=(11, 4.4))`` in a notebook);
        default a new 11 x 4.4 inch figure with its own Agg canvas.

    Panels: P(. | c) before the update for the first pair's center c (the bar of its
    outside word o in green); heatmaps of center_vecs and outside_vecs on one colour
    scale with a colour bar (rows this update changes framed); every v_w and u_w in 2-D
    with the arrows of the step on v_c (pull, push, their sum), labels placed so that none
    overlaps; the loss before each update so far, above the floor J* (``best_loss``).
    ``draw(0)`` draws the start (no update yet).

    Axis ranges (and the colour scale) grow in coarse steps covering every recorded
    update, so replaying a run never moves them: ``jpeg`` then draws only the changing
    artists on a saved background.
    """

    PULL, PUSH, STEP = "tab:green", "tab:red", "black"
    TEXT = {"probs": "P(w | c) before", "center": "v (center)", "outside": "u (outside)",
            "plane": "v, u; arrows: step on v_c", "target": "u_o", "full": "J, all pairs"}

    def __init__(self, recording, words, fig=None):
        if recording.start[0].shape[1] != 2:
            raise ValueError(f"StepView draws 2-D vectors, got d = {recording.start[0].shape[1]}")
        self.rec, self.words = recording, list(words)
        self.fig = fig = fig or FigureCanvasAgg(Figure(figsize=(11, 4.4))).figure  # own canvas
        self.rebuilds = 0  # how often an axis range grew (the background was redrawn)
        self._background, self._limits = None, None
        self._covered_run, self._covered = None, 0  # rec.steps list and count the ranges cover
        self._reach, self._values, self._top = 0.0, 0.0, 0.0
        grid = fig.add_gridspec(1, 6, width_ratios=[1.2, 0.5, 0.5, 0.07, 1.75, 1.5], wspace=0.5,
                                left=0.06, right=0.975, bottom=0.19, top=0.92)
        names = ("probs", "center", "outside", "colorbar", "2d", "loss")
        self.axes = dict(zip(names, (fig.add_subplot(g) for g in grid), strict=True))
        self._make_probs()
        self._make_heatmaps()
        self._make_plane()
        self._make_loss()
        for ax in self.axes.values():
            ax.title.set_fontsize(_FONT + 1)
            ax.tick_params(labelsize=_FONT)
        self.changing = sorted(
            [*self.bars, self.center_name, *self.heat.values(),
             *(f for key in self.frames for f in self.frames[key]),
             self.v_dots, self.u_dots, self.expected, self.target, *self.marks, self.labels,
             self.quiver, self.loss_line, self.full_line, self.loss_mark],
            key=lambda a: a.get_zorder())
        spines = [sp for ax in self.axes.values() for sp in ax.spines.values()]
        self._overlay = sorted(self.changing + spines, key=lambda a: a.get_zorder())

    # --- the panels, made once ---------------------------------------------------------------

    def _make_probs(self):
        ax, y = self.axes["probs"], np.arange(len(self.words))
        self.bars = ax.barh(y, np.zeros(len(y)), color="tab:blue")
        ax.set(yticks=y, yticklabels=self.words, xlim=(0, 1), title=self.TEXT["probs"])
        ax.invert_yaxis()
        self.center_name = ax.text(0.5, -0.1, "", transform=ax.transAxes, ha="center",
                                   va="top", fontsize=_FONT)

    def _make_heatmaps(self):
        self.heat, self.frames = {}, {}
        y = np.arange(len(self.words))
        for key in ("center", "outside"):
            ax, title = self.axes[key], self.TEXT[key]
            self.heat[key] = ax.imshow(np.zeros((len(y), 2)), cmap="RdBu_r", vmin=-1, vmax=1,
                                       aspect="auto")
            ax.set(xticks=[0, 1], xticklabels=["x", "y"], yticks=y, title=title)
            ax.set_yticklabels(self.words if key == "center" else [])
            self.frames[key] = [ax.add_patch(Rectangle((-0.5, i - 0.5), 2, 1, fill=False, lw=2.5,
                                                       ec="gold", visible=False, clip_on=False))
                                for i in y]
        # ticks on the left: the 2-D panel's own tick labels are just to its right
        self.fig.colorbar(self.heat["outside"], cax=self.axes["colorbar"], ticklocation="left")

    def _make_plane(self):
        ax, n = self.axes["2d"], len(self.words)
        self.v_dots = ax.scatter(np.zeros(n), np.zeros(n), c="tab:blue", s=20,
                                 label=self.TEXT["center"])
        self.u_dots = ax.scatter(np.zeros(n), np.zeros(n), c="tab:orange", marker="s", s=20,
                                 label=self.TEXT["outside"])
        self.expected = ax.scatter([0], [0], c=self.PUSH, marker="x", s=40, label="E[u]")
        self.target = ax.scatter([0], [0], s=140, facecolors="none", edgecolors=self.PULL,
                                 label=self.TEXT["target"])
        self.marks = self._make_marks(ax)  # more changing points (CBOW's h); none here
        # The 2V word labels as one collection of glyph outlines (one artist to move and
        # draw, about ten times faster than 2V Text artists); _place_labels positions them.
        glyphs = [TextPath((0, 0), word, size=_FONT) for word in self.words] * 2
        self._glyph_size = np.array([[p.get_extents().x1, p.get_extents().y1] for p in glyphs])
        self.labels = PathCollection(
            glyphs, offsets=np.zeros((2 * n, 2)), offset_transform=ax.transData,
            facecolors=["tab:blue"] * n + ["tab:orange"] * n, linewidths=0)
        self.labels.set_transform(Affine2D().scale(1 / 72) + self.fig.dpi_scale_trans)
        ax.add_collection(self.labels, autolim=False)
        self.label_boxes = np.zeros((2 * n, 4))  # pixels (x0, y0, x1, y1), set by draw
        self.quiver = ax.quiver(np.zeros(3), np.zeros(3), np.zeros(3), np.zeros(3),
                                color=[self.PULL, self.PUSH, self.STEP], angles="xy",
                                scale_units="xy", scale=1, width=0.012)
        ax.set_title(self.TEXT["plane"])
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.07), ncol=4 + len(self.marks),
                  fontsize=_FONT,
                  handlelength=1, columnspacing=0.8, frameon=False)  # below: never on a point

    def _make_marks(self, ax):  # a subclass's extra changing points (CBOW's h)
        return []

    def _floor(self):
        """(J*, its legend label): the lowest J any vectors reach on the pairs (best_loss)."""
        floor = best_loss(self.rec.pairs)
        return floor, f"J* = {floor:.3f}, the floor"

    def _make_loss(self):
        ax = self.axes["loss"]
        self.floor, label = self._floor()
        ax.axhline(self.floor, color="tab:green", ls="--", lw=1.2, label=label)
        (self.loss_line,) = ax.plot([], [], color="tab:gray", lw=1, label="batch")
        (self.full_line,) = ax.plot([], [], color="tab:purple", lw=1.8, label=self.TEXT["full"])
        (self.loss_mark,) = ax.plot([], [], "o", color="tab:purple", ms=5)
        ax.set(xlabel="update", title="loss before each update")
        ax.xaxis.label.set_fontsize(_FONT)
        ax.legend(fontsize=_FONT, loc="upper right", framealpha=0.9)

    # --- drawing one update ------------------------------------------------------------------

    def draw(self, k):
        """Update every artist to show update k (0 = the start); returns the Figure.

        Parameters
        ----------
        k : int
            0 <= k <= number of recorded updates (else ValueError).
        """
        check_int("k", k, minimum=0, maximum=len(self.rec.steps))
        self._set_limits()
        s = self._shown(k)
        self._draw_probs(s["probs"], s["target"], s["caption"])
        self._draw_heatmaps(s["center_vecs"], s["outside_vecs"], s["changed_c"], s["changed_o"])
        self._draw_plane(s["center_vecs"], s["outside_vecs"], s["probs"] @ s["outside_vecs"],
                         s["target"], s["origin"], s["pull"], s["push"], s.get("marks", []))
        self._draw_loss(k)
        return self.fig

    def _shown(self, k):
        """What update k shows (a dict for draw): the vectors before it, its first pair's ..."""
        if k == 0:
            (center_vecs, outside_vecs), (c, o) = self.rec.start, self.rec.pairs[0]
            probs, changed = outside_probs(center_vecs, outside_vecs, c), ([], [])
            origin, pull, push = center_vecs[c], np.zeros(2), np.zeros(2)
        else:
            step = self.rec.steps[k - 1]
            center_vecs, outside_vecs, probs = step.center_vecs, step.outside_vecs, step.probs[0]
            changed = step.changed_center_rows(), step.changed_outside_rows()
            (c, origin, pull, push), o = step.arrows(), step.batch[0, 1]
        return {"center_vecs": center_vecs, "outside_vecs": outside_vecs, "probs": probs,
                "target": int(o), "caption": f"c = {self.words[c]}, o = {self.words[o]} (green)",
                "changed_c": changed[0], "changed_o": changed[1], "origin": origin,
                "pull": pull, "push": push}

    def _draw_probs(self, probs, o, caption):
        for i, (bar, p) in enumerate(zip(self.bars, probs, strict=True)):
            bar.set_width(p)
            bar.set_color(self.PULL if i == o else "tab:blue")
        self.center_name.set_text(caption)

    def _draw_heatmaps(self, center_vecs, outside_vecs, changed_c, changed_o):
        for key, mat, changed in (("center", center_vecs, changed_c),
                                  ("outside", outside_vecs, changed_o)):
            self.heat[key].set_data(mat)
            for i, frame in enumerate(self.frames[key]):
                frame.set_visible(i in changed)

    def _draw_plane(self, center_vecs, outside_vecs, expected_u, o, origin, pull, push, extra):
        self.v_dots.set_offsets(center_vecs)
        self.u_dots.set_offsets(outside_vecs)
        self.expected.set_offsets([expected_u])
        self.target.set_offsets([outside_vecs[o]])
        tips = origin + np.array([pull, push, pull + push])  # the arrows, as points along them
        along = (origin + np.linspace(0, 1, 12)[:, None, None] * (tips - origin)).reshape(-1, 2)
        marks = [(expected_u, 6), (outside_vecs[o], 9), *extra, *((xy, 3) for xy in along)]
        self.labels.set_offsets(self._place_labels(np.vstack([center_vecs, outside_vecs]), marks))
        self.quiver.set_offsets(np.tile(origin, (3, 1)))
        self.quiver.set_UVC(*np.array([pull, push, pull + push]).T)

    def _draw_loss(self, k):
        steps = self.rec.steps
        x = np.arange(1, len(steps) + 1)
        self.loss_line.set_data(x, [s.loss for s in steps])
        self.full_line.set_data(x, [s.full_loss for s in steps])
        self.loss_mark.set_data([k] if k else [], [steps[k - 1].full_loss] if k else [])

    def _place_labels(self, points, marks):
        """Offsets (data) of the 2V labels, placed by ``label_boxes.place_boxes``.

        points : (2V, 2) the labelled points;  marks : (xy, radius in pixels) pairs, other
        things not to cover (E[u], the ring, the arrows). Sets ``self.label_boxes`` (px).
        """
        ax = self.axes["2d"]
        frame = ax.get_window_extent()
        (x0, x1), (y0, y1) = ax.get_xlim(), ax.get_ylim()
        px_per = np.array([frame.width / (x1 - x0), frame.height / (y1 - y0)])
        at = (points - [x0, y0]) * px_per  # points in pixels from the frame's corner
        keep_clear = [[*((xy - [x0, y0]) * px_per - r), *((xy - [x0, y0]) * px_per + r)]
                      for xy, r in marks]
        placed = place_boxes(at, self._glyph_size * self.fig.dpi / 72, np.array(keep_clear),
                             frame.width, frame.height)
        self.label_boxes = placed + [frame.x0, frame.y0, frame.x0, frame.y0]
        return placed[:, :2] / px_per + [x0, y0]

    def _set_limits(self):
        """Coarse ranges covering every recorded update, so replay never moves the axes."""
        rec = self.rec
        if self._covered_run is not rec.steps:  # a new run (reset): start afresh
            self._covered_run, self._covered = rec.steps, 0
            self._values = np.abs(np.vstack(rec.start)).max()
            self._reach, self._top = self._values, rec.start_loss
        for s in rec.steps[self._covered:]:
            _, origin, pull, push = s.arrows()
            ends = [origin + pull, origin + push, origin + pull + push]
            self._values = max(self._values, np.abs(s.center_vecs).max(),
                               np.abs(s.outside_vecs).max())
            self._reach = max(self._reach, self._values, np.abs(ends).max())
            self._top = max(self._top, s.loss)
        self._covered = len(rec.steps)
        last = next(n for n in _LADDER if n >= len(rec.steps) or n == _LADDER[-1])
        top = 0.5 * math.ceil(self._top * 1.35 / 0.5)  # room above the curves for the legend
        limits = (_coarse(self._reach * 1.1), _coarse(self._values), max(last, len(rec.steps)),
                  top)
        if limits != self._limits:
            self._limits, self._background = limits, None
            self.rebuilds += 1
            half, scale, updates, top = limits
            self.axes["2d"].set(xlim=(-half, half), ylim=(-half, half))
            self.axes["loss"].set(xlim=(0.5, updates + 0.5), ylim=(0, top))
            for image in self.heat.values():  # one colour scale for both, fixed until it grows
                image.set_clim(-scale, scale)

    def jpeg(self):
        """The figure as JPEG bytes (for an ipywidgets Image), redrawing only what changes.

        JPEG at quality 95, not PNG: PIL encodes this figure as PNG in about 15 ms, as JPEG
        in about 5 (bench/stepper.py), and at 95 the text stays crisp.
        """
        canvas = self.fig.canvas
        if self._background is None:
            shown = [a.get_visible() for a in self.changing]
            for artist in self.changing:
                artist.set_visible(False)
            canvas.draw()
            self._background = canvas.copy_from_bbox(self.fig.bbox)
            for artist, visible in zip(self.changing, shown, strict=True):
                artist.set_visible(visible)
        canvas.restore_region(self._background)
        for artist in self._overlay:  # spines too: a full draw puts them over the images
            if artist.get_visible():
                self.fig.draw_artist(artist)
        buf = io.BytesIO()
        rgb = np.asarray(canvas.buffer_rgba())[:, :, :3]
        PIL.Image.fromarray(rgb).save(buf, "jpeg", quality=95)
        return buf.getvalue()
