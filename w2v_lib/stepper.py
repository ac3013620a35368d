"""Watch it learn: training recorded one update at a time, and a view to step and replay it.

``Recording`` runs the same mini-batch gradient descent as ``train`` (same batches, same
arithmetic) but keeps every update: the vectors before it, its batch, P(. | c) for each of
its pairs, the gradients and the loss. ``StepView`` draws one recorded update on a figure
made once (artists updated in place); ``step_through`` is the explorer built on both.

For one pair (c, o) the step on v_c is
    -lr * (-u_o + sum_w P(w | c) u_w) = lr * u_o  -  lr * E[u]
a pull toward u_o and a push away from the expected vector E[u] = sum_w P(w | c) u_w.

matplotlib, PIL and ipywidgets are imported inside the view and the explorer only, so that
``import w2v_lib`` (which exports Recording and Step) stays free of plotting and widgets.
"""

import html
import io
import math
from dataclasses import dataclass

import numpy as np

from .checks import as_params, check_int, check_positive
from .loss import as_pairs, nll_loss, nll_loss_and_grad
from .optim import minibatches, updates_per_epoch
from .softmax import init_params, outside_probs
from .text import build_vocab, tokenize
from .toy import TOY_SENTENCE
from .windows import skipgram_pairs


@dataclass(frozen=True, eq=False)
class Step:
    """One recorded update (k = number, counted from 1).

    center_vecs, outside_vecs : (V, d) v_w and u_w before the update
    pair_indices : (B,) positions of the batch's pairs in the pair list (0-based)
    batch        : (B, 2) the batch's pairs (c, o)
    probs        : (B, V) P(. | c_i) before the update, one row per pair
    grad_center_vecs, grad_outside_vecs : (V, d) the batch's mean gradient
    loss, loss_after : the batch's mean -log P(o | c) before and after the update
    full_loss    : J over all N pairs before the update
    """

    number: int
    epoch: int
    batch_number: int
    lr: float
    center_vecs: np.ndarray
    outside_vecs: np.ndarray
    pair_indices: np.ndarray
    batch: np.ndarray
    probs: np.ndarray
    grad_center_vecs: np.ndarray
    grad_outside_vecs: np.ndarray
    loss: float
    loss_after: float
    full_loss: float

    def changed_center_rows(self):
        """Rows of center_vecs this update changes: the batch's centers (sorted ids)."""
        return sorted(int(i) for i in np.flatnonzero(np.any(self.grad_center_vecs != 0, axis=1)))

    def changed_outside_rows(self):
        """Rows of outside_vecs this update changes: every word with P(w | c) > 0."""
        return sorted(int(i) for i in np.flatnonzero(np.any(self.grad_outside_vecs != 0, axis=1)))

    def arrows(self):
        """The step on v_c for the first pair's center c, split in two.

        Returns (c, origin (d,), pull (d,), push (d,)): origin is v_c before the update,
        pull = (lr / B) * sum of u_o over the batch's pairs with center c (toward u_o),
        push = -(lr * n_c / B) * E[u] (away from the expected vector), n_c such pairs.
        pull + push = -lr * grad_center_vecs[c], the whole step on v_c; for B = 1 they are
        lr * u_o and -lr * E[u].
        """
        c = int(self.batch[0, 0])
        mine = self.batch[:, 0] == c
        n = len(self.batch)
        pull = self.lr / n * self.outside_vecs[self.batch[mine, 1]].sum(axis=0)
        push = -self.lr * mine.sum() / n * (self.probs[0] @ self.outside_vecs)
        return c, self.center_vecs[c].copy(), pull, push


class Recording:
    """Mini-batch gradient descent, one update at a time, every update kept.

    center_vecs, outside_vecs : (V, d) the start (copied; ``reset`` returns to it)
    pairs : (N, 2) ids (c, o), used in order, epoch after epoch (as ``train`` does)
    After k updates, ``center_vecs`` / ``outside_vecs`` equal what ``train`` returns after
    the same k updates; ``steps[k - 1]`` is update k and ``loss`` is J over all pairs now.
    Training counts as diverged (``step`` raises) once J exceeds ``blowup`` times J at the
    start: by then the steps overshoot and the numbers only grow toward inf.
    """

    def __init__(self, center_vecs, outside_vecs, pairs, *, lr, batch_size, blowup=10.0):
        start_c, start_o = as_params(center_vecs, outside_vecs)
        check_positive("blowup", blowup)
        self.pairs = as_pairs(pairs, len(start_c))
        self.start = (start_c, start_o)
        self.start_loss = nll_loss(start_c, start_o, self.pairs)
        self.max_loss = blowup * self.start_loss
        self.reset(lr=lr, batch_size=batch_size)

    def reset(self, *, lr=None, batch_size=None):
        """Forget every update and go back to the start, optionally with a new lr / B."""
        lr = self.lr if lr is None else lr
        batch_size = self.batch_size if batch_size is None else batch_size
        check_positive("lr", lr)
        self.updates_per_epoch = updates_per_epoch(len(self.pairs), batch_size)  # checks B
        self.lr, self.batch_size = float(lr), int(batch_size)
        self._batches = minibatches(np.arange(len(self.pairs)), self.batch_size)
        self.center_vecs, self.outside_vecs = self.start[0].copy(), self.start[1].copy()
        self.loss = self.start_loss
        self.steps = []

    def step(self, n=1):
        """Take and record ``n`` updates; returns the last Step.

        Raises FloatingPointError, recording nothing more, if an update would make the
        vectors or the loss inf/NaN or J larger than ``blowup`` times J at the start.
        """
        check_int("n", n)
        for _ in range(n):
            self.steps.append(self._next())
        return self.steps[-1]

    def _next(self):
        k = len(self.steps)
        idx = self._batches[k % self.updates_per_epoch]
        batch = self.pairs[idx]
        c_vecs, o_vecs = self.center_vecs, self.outside_vecs
        with np.errstate(over="ignore", invalid="ignore"):  # checked just below
            loss, (grad_c, grad_o) = nll_loss_and_grad(c_vecs, o_vecs, batch)
            new_c, new_o = c_vecs.copy(), o_vecs.copy()
            new_c -= self.lr * grad_c  # exactly train()'s arithmetic
            new_o -= self.lr * grad_o
            finite = np.isfinite(loss) and np.isfinite(new_c).all() and np.isfinite(new_o).all()
            loss_now = nll_loss(new_c, new_o, self.pairs) if finite else math.inf
        if not (np.isfinite(loss_now) and loss_now <= self.max_loss):
            raise FloatingPointError(
                f"training diverged at update {k + 1}: J would go from {self.loss:.4g} to "
                f"{loss_now:.4g}: lr={self.lr:g} is too large, the steps overshoot; "
                "lower lr (that restarts) or press Reset"
            )
        step = Step(
            number=k + 1, epoch=k // self.updates_per_epoch + 1,
            batch_number=k % self.updates_per_epoch + 1, lr=self.lr,
            center_vecs=c_vecs, outside_vecs=o_vecs, pair_indices=idx, batch=batch,
            probs=np.array([outside_probs(c_vecs, o_vecs, int(c)) for c in batch[:, 0]]),
            grad_center_vecs=grad_c, grad_outside_vecs=grad_o, loss=loss,
            loss_after=nll_loss(new_c, new_o, batch), full_loss=self.loss,
        )
        self.center_vecs, self.outside_vecs, self.loss = new_c, new_o, loss_now
        return step


_LADDER = [20, 50, 100, 200, 500, 1000, 2000, 5000, 10000]  # x range of the loss panel


class StepView:
    """One figure showing a recorded update; made once, redrawn in place by ``draw(k)``.

    Panels: P(. | c) bars for the first pair's center; heatmaps of center_vecs and
    outside_vecs (rows this update changes framed); every v_w and u_w in 2-D with the
    arrows of the step on v_c (pull, push, their sum); the loss per update so far.
    k = 0 draws the start (no update yet). Needs d = 2.

    Axis limits grow in coarse steps (over every recorded update), so the axes, ticks and
    titles rarely change: ``jpeg`` then draws only the changing artists on a saved background.
    """

    PULL, PUSH, STEP = "tab:green", "tab:red", "black"

    def __init__(self, recording, words, fig=None):
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.collections import PathCollection
        from matplotlib.figure import Figure
        from matplotlib.patches import Rectangle
        from matplotlib.textpath import TextPath
        from matplotlib.transforms import Affine2D

        if recording.start[0].shape[1] != 2:
            raise ValueError(f"StepView draws 2-D vectors, got d = {recording.start[0].shape[1]}")
        self.rec, self.words = recording, list(words)
        vocab_size = len(self.words)
        if fig is None:
            fig = Figure(figsize=(9, 3.5))
            FigureCanvasAgg(fig)
        self.fig, self._background, self._limits, self._seen = fig, None, None, None
        self.rebuilds = 0  # how often an axis range grew (the background was redrawn)
        grid = fig.add_gridspec(1, 5, width_ratios=[1.3, 0.55, 0.55, 1.7, 1.4], wspace=0.45,
                                left=0.07, right=0.98, bottom=0.14, top=0.9)
        ax_p, ax_c, ax_o, ax_2d, ax_loss = (fig.add_subplot(g) for g in grid)
        self.axes = {"probs": ax_p, "center": ax_c, "outside": ax_o, "2d": ax_2d, "loss": ax_loss}
        y = np.arange(vocab_size)
        self.bars = ax_p.barh(y, np.zeros(vocab_size), color="tab:blue")
        ax_p.set(yticks=y, yticklabels=self.words, xlim=(0, 1), title="P(w | c) before")
        ax_p.invert_yaxis()
        self.center_name = ax_p.text(0.97, 0.03, "", transform=ax_p.transAxes, ha="right",
                                     fontsize=8)
        self.heat, self.frames = {}, {}
        for key, title in (("center", "v (center)"), ("outside", "u (outside)")):
            ax = self.axes[key]
            self.heat[key] = ax.imshow(np.zeros((vocab_size, 2)), cmap="RdBu_r", vmin=-1, vmax=1,
                                       aspect="auto")
            ax.set(xticks=[0, 1], xticklabels=["x", "y"], yticks=y, title=title)
            ax.set_yticklabels(self.words if key == "center" else [])
            self.frames[key] = [ax.add_patch(Rectangle((-0.5, i - 0.5), 2, 1, fill=False, lw=2.5,
                                                       ec="gold", visible=False, clip_on=False))
                                for i in y]
        self.v_dots = ax_2d.scatter(np.zeros(vocab_size), np.zeros(vocab_size), c="tab:blue", s=18,
                                    label="v (center)")
        self.u_dots = ax_2d.scatter(np.zeros(vocab_size), np.zeros(vocab_size), c="tab:orange",
                                    marker="s", s=18, label="u (outside)")
        self.expected = ax_2d.scatter([0], [0], c=self.PUSH, marker="x", s=30, label="E[u]")
        self.target = ax_2d.scatter([0], [0], s=120, facecolors="none", edgecolors=self.PULL,
                                    label="u_o")
        # The 2V word labels as one collection of glyph outlines (7 pt, placed at each point):
        # one artist to move and draw, about ten times faster than 2V Text artists.
        glyphs = [TextPath((3, 2), word, size=7) for word in self.words] * 2
        self.labels = PathCollection(
            glyphs, offsets=np.zeros((2 * vocab_size, 2)), offset_transform=ax_2d.transData,
            facecolors=["tab:blue"] * vocab_size + ["tab:orange"] * vocab_size, linewidths=0)
        self.labels.set_transform(Affine2D().scale(1 / 72) + fig.dpi_scale_trans)  # pt -> px
        ax_2d.add_collection(self.labels, autolim=False)
        self.quiver = ax_2d.quiver(np.zeros(3), np.zeros(3), np.zeros(3), np.zeros(3),
                                   color=[self.PULL, self.PUSH, self.STEP], angles="xy",
                                   scale_units="xy", scale=1, width=0.012)
        ax_2d.set_title("v, u; arrows: step on v_c")
        ax_2d.legend(loc="upper left", fontsize=6, handlelength=1, framealpha=0.6)
        (self.loss_line,) = ax_loss.plot([], [], color="tab:gray", lw=1, label="batch")
        (self.full_line,) = ax_loss.plot([], [], color="tab:purple", lw=1.5, label="J, all pairs")
        (self.loss_mark,) = ax_loss.plot([], [], "o", color="tab:purple", ms=5)
        ax_loss.set(xlabel="update", title="loss before each update")
        ax_loss.legend(fontsize=6, loc="lower left")
        for ax in self.axes.values():
            ax.title.set_fontsize(9)
            ax.tick_params(labelsize=7)
        self.changing = sorted(
            [*self.bars, self.center_name, *self.heat.values(),
             *(f for key in self.frames for f in self.frames[key]),
             self.v_dots, self.u_dots, self.expected, self.target, self.labels, self.quiver,
             self.loss_line, self.full_line, self.loss_mark],
            key=lambda a: a.get_zorder())
        spines = [sp for ax in self.axes.values() for sp in ax.spines.values()]
        self._overlay = sorted(self.changing + spines, key=lambda a: a.get_zorder())

    def draw(self, k):
        """Update every artist to show update k (0 = the start); returns the Figure."""
        check_int("k", k, minimum=0, maximum=len(self.rec.steps))
        if k == 0:
            center_vecs, outside_vecs = self.rec.start
            c = int(self.rec.pairs[0, 0])
            probs = outside_probs(center_vecs, outside_vecs, c)
            changed_c = changed_o = []
            origin, pull, push = center_vecs[c], np.zeros(2), np.zeros(2)
        else:
            step = self.rec.steps[k - 1]
            center_vecs, outside_vecs, probs = step.center_vecs, step.outside_vecs, step.probs[0]
            changed_c, changed_o = step.changed_center_rows(), step.changed_outside_rows()
            c, origin, pull, push = step.arrows()
        for bar, p in zip(self.bars, probs, strict=True):
            bar.set_width(p)
        self.center_name.set_text(f"c = {self.words[c]}")
        limit = max(np.abs(center_vecs).max(), np.abs(outside_vecs).max(), 1e-9)
        for key, mat, changed in (("center", center_vecs, changed_c),
                                  ("outside", outside_vecs, changed_o)):
            self.heat[key].set_data(mat)
            self.heat[key].set_clim(-limit, limit)
            for i, frame in enumerate(self.frames[key]):
                frame.set_visible(i in changed)
        self.v_dots.set_offsets(center_vecs)
        self.u_dots.set_offsets(outside_vecs)
        self.expected.set_offsets([probs @ outside_vecs])
        self.target.set_offsets([outside_vecs[self._first_o(k)]])
        self.labels.set_offsets(np.vstack([center_vecs, outside_vecs]))
        self.quiver.set_offsets(np.tile(origin, (3, 1)))
        self.quiver.set_UVC(*np.array([pull, push, pull + push]).T)
        steps = self.rec.steps
        x = np.arange(1, len(steps) + 1)
        self.loss_line.set_data(x, [s.loss for s in steps])
        self.full_line.set_data(x, [s.full_loss for s in steps])
        self.loss_mark.set_data([k] if k else [], [steps[k - 1].full_loss] if k else [])
        self._set_limits()
        return self.fig

    def _first_o(self, k):
        return int(self.rec.steps[k - 1].batch[0, 1] if k else self.rec.pairs[0, 1])

    def _set_limits(self):
        """Coarse limits covering every recorded update, so replay never moves the axes."""
        rec = self.rec
        if self._seen is None or self._seen[0] is not rec.steps:  # new run: start afresh
            self._seen = (rec.steps, 0, np.abs(np.vstack(rec.start)).max(), rec.start_loss)
        steps, done, reach, top = self._seen
        for s in steps[done:]:
            _, origin, pull, push = s.arrows()
            ends = [origin + pull, origin + push, origin + pull + push]
            reach = max(reach, np.abs(s.center_vecs).max(), np.abs(s.outside_vecs).max(),
                        np.abs(ends).max())
            top = max(top, s.loss)
        self._seen = (steps, len(steps), reach, top)
        grow = math.log(max(reach, 0.01) * 1.05 / 0.2, 1.25)  # a square box, 25% larger a time
        half = 0.2 * 1.25 ** max(0, math.ceil(grow))
        last = next(n for n in _LADDER if n >= len(steps) or n == _LADDER[-1])
        limits = (half, max(last, len(steps)), 0.5 * math.ceil(top * 1.1 / 0.5))
        if limits != self._limits:
            self._limits, self._background = limits, None
            self.rebuilds += 1
            self.axes["2d"].set(xlim=(-half, half), ylim=(-half, half))
            self.axes["loss"].set(xlim=(0.5, limits[1] + 0.5), ylim=(0, limits[2]))

    def jpeg(self):
        """The figure as JPEG bytes (for an ipywidgets Image), redrawing only what changes.

        JPEG at quality 95, not PNG: PIL encodes this figure as PNG in about 15 ms, as JPEG
        in about 5 (bench/stepper.py), and at 95 the text stays crisp.
        """
        import PIL.Image

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


def pair_table_html(words, pairs, current):
    """The N pairs as numbered chips 'k c→o'; those in ``current`` (0-based) highlighted."""
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
    """The info line for update k of the recording (0 = the start)."""
    n = len(rec.steps)
    if k == 0:
        return (f"update 0 of {n} · the seeded start · J over all {len(rec.pairs)} pairs "
                f"{rec.start_loss:.4f} · lr {rec.lr:g}, B = {rec.batch_size}"
                + (" · press Step" if n == 0 else ""))
    s = rec.steps[k - 1]
    names = ", ".join(f"{i + 1} {words[c]}→{words[o]}"
                      for i, (c, o) in zip(s.pair_indices, s.batch, strict=True))
    return (f"update {k} of {n} · epoch {s.epoch}, batch {s.batch_number} of "
            f"{rec.updates_per_epoch} · pairs {names} · batch loss {s.loss:.4f} → "
            f"{s.loss_after:.4f} · J over all pairs {s.full_loss:.4f} · lr {s.lr:g}, "
            f"B = {rec.batch_size}")


def step_through(rng, *, text=TOY_SENTENCE, window=2, lr=0.5, batch_size=1):
    """The step-through explorer: Step, Step ×10, Reset, lr, batch size and replay.

    rng : numpy Generator for the starting vectors (d = 2).  Returns a VBox with attributes
    rec (Recording), view (StepView), step_button, step10_button, reset_button, lr,
    batch_size, replay, info, pairs, image, message. State is recorded once per update;
    the replay slider only redraws a recorded update. Changing lr or B restarts.
    """
    import ipywidgets as widgets

    from .widgets import error_html, one_at_a_time

    tokens = tokenize(text)
    vocab = build_vocab(tokens)
    pairs = skipgram_pairs(vocab.encode(tokens), window)
    if not pairs:
        raise ValueError(f"text {text!r} gives no pairs: it needs at least two words")
    rec = Recording(*init_params(len(vocab), 2, rng), pairs, lr=lr, batch_size=batch_size)
    view = StepView(rec, vocab.words)
    step_button = widgets.Button(description="Step", button_style="primary")
    step10_button = widgets.Button(description="Step ×10")
    reset_button = widgets.Button(description="Reset")
    lr_slider = widgets.FloatSlider(value=lr, min=0.1, max=3.0, step=0.1, description="lr",
                                    continuous_update=False)
    batch_slider = widgets.IntSlider(value=batch_size, min=1, max=len(pairs), description="B",
                                     continuous_update=False)
    replay = widgets.IntSlider(value=0, min=0, max=0, description="replay")
    info, table, message = widgets.HTML(), widgets.HTML(), widgets.HTML("")
    image = widgets.Image(format="jpeg")
    for control, name in ((step_button, "step"), (step10_button, "step10"),
                          (reset_button, "reset"), (lr_slider, "lr"), (batch_slider, "batch-size"),
                          (replay, "replay"), (info, "step-info"), (table, "pairs"),
                          (image, "figure"), (message, "message")):
        control.add_class(f"w2v-{name}")
    state = {"quiet": False, "notice": ""}

    def redraw(k):
        info.value = html.escape(state["notice"] + step_info(rec, k, vocab.words))
        current = rec.steps[k - 1].pair_indices if k else []
        table.value = pair_table_html(vocab.words, rec.pairs, current)
        view.draw(k)
        image.value = view.jpeg()

    def show_latest():
        state["quiet"] = True  # one redraw, not one per trait change
        replay.max = len(rec.steps)
        replay.value = len(rec.steps)
        state["quiet"] = False
        redraw(len(rec.steps))

    @one_at_a_time
    def on_step(n):
        message.value = ""
        state["notice"] = ""
        try:
            rec.step(n)
        except FloatingPointError as err:
            message.value = error_html(err)
        show_latest()

    @one_at_a_time
    def restart(notice):
        message.value = ""
        rec.reset(lr=lr_slider.value, batch_size=batch_slider.value)
        state["notice"] = notice
        show_latest()

    step_button.on_click(lambda _: on_step(1))
    step10_button.on_click(lambda _: on_step(10))
    reset_button.on_click(lambda _: restart("reset: "))
    lr_slider.observe(lambda _: restart(f"lr changed to {lr_slider.value:g}, restarted from the "
                                        "seeded start: "), names="value")
    batch_slider.observe(lambda _: restart(f"B changed to {batch_slider.value}, restarted from "
                                           "the seeded start: "), names="value")
    replay.observe(one_at_a_time(lambda _: None if state["quiet"] else redraw(replay.value)),
                   names="value")
    redraw(0)
    box = widgets.VBox([
        widgets.HBox([step_button, step10_button, reset_button]),
        widgets.HBox([lr_slider, batch_slider, replay]),
        info, message, table, image,
    ])
    box.rec, box.view = rec, view
    box.step_button, box.step10_button, box.reset_button = step_button, step10_button, reset_button
    box.lr, box.batch_size, box.replay = lr_slider, batch_slider, replay
    box.info, box.pairs, box.image, box.message = info, table, image, message
    return box
