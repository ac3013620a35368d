"""Watch it learn: a view that draws one recorded update, and the step-through explorer.

``StepView`` draws one update of a ``Recording`` (w2v_lib.recording) on a figure made once
(artists updated in place); ``step_through`` is the explorer built on both.
"""

import html
import io
import math

import numpy as np

from ..checks import check_int
from ..recording import Recording
from ..softmax import init_params, outside_probs
from ..text import build_vocab, tokenize
from ..toy import TOY_SENTENCE
from ..windows import skipgram_pairs

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
