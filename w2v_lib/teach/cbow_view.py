"""The step-through's CBOW mode: ``CBOWStepView`` (a ``StepView`` of a ``CBOWRecording``)
and the explorer's HTML for it, the examples as chips and the info line of an update.
"""

import html

import numpy as np

from ..cbow_softmax import cbow_best_loss, cbow_probs
from .stepper import StepView


class CBOWStepView(StepView):
    """``StepView`` for full-softmax CBOW: one figure, made once, redrawn by ``draw(k)``.

    Parameters
    ----------
    recording : w2v_lib.CBOWRecording
        The run to show; d = 2 (else ValueError).
    words : list of str
        The V words, in id order.
    fig : matplotlib.figure.Figure, optional
        Draw on this figure; default a new 11 x 4.4 inch one with its own Agg canvas.

    Panels: P(. | context) before the update for the first example of its batch (the
    target's bar in green, the context named below); the heatmaps with the rows this
    update changes framed (the batch's context words in center_vecs, every row of
    outside_vecs); every v_w and u_w in 2-D with h, the mean of the context's v (the
    diamond), E[u] (the cross), u_c ringed, and the step on v_j for the example's first
    context word j split into pull (toward u_c) and push (away from E[u]), summed over
    the batch's examples that hold j (``CBOWStep.arrows``: exactly the update); the loss
    above the floor ``cbow_best_loss``, 0 on the toy sentence, where every context differs.
    """

    TEXT = {"probs": "P(w | context) before", "center": "v (input)", "outside": "u (output)",
            "plane": "v, u, h; arrows: step on v_j", "target": "u_c", "full": "J, all examples"}

    def _make_marks(self, ax):
        self.hidden = ax.scatter([0], [0], c="tab:purple", marker="D", s=36, label="h")
        return [self.hidden]

    def _floor(self):
        floor = cbow_best_loss(self.rec.examples)  # 0 when every context differs
        return floor, f"J* = {floor:.3g}, the floor"

    def _shown(self, k):
        if k == 0:
            center_vecs, outside_vecs = self.rec.start
            context, target = self.rec.examples[0]
            probs, changed = cbow_probs(center_vecs, outside_vecs, context), ([], [])
            hidden, j = center_vecs[list(context)].mean(axis=0), context[0]
            origin, pull, push = center_vecs[j], np.zeros(2), np.zeros(2)
        else:
            step = self.rec.steps[k - 1]
            center_vecs, outside_vecs, probs = step.center_vecs, step.outside_vecs, step.probs[0]
            (context, target), hidden = step.examples[0], step.hidden[0]
            changed = step.changed_center_rows(), step.changed_outside_rows()
            j, origin, pull, push = step.arrows()
        self.hidden.set_offsets([hidden])
        named = ", ".join(self.words[i] for i in context)
        return {"center_vecs": center_vecs, "outside_vecs": outside_vecs, "probs": probs,
                "target": target, "caption": f"{named} → {self.words[target]} (green)\n"
                f"arrows: the step on v_{self.words[j]}", "changed_c": changed[0],
                "changed_o": changed[1], "origin": origin, "pull": pull, "push": push,
                "marks": [(hidden, 6)]}


def _example_text(words, example):
    context, target = example
    return f"{', '.join(words[j] for j in context)}→{words[target]}"


def cbow_chips_html(words, examples, current):
    """The N CBOW examples as numbered chips 'k context→target', the current ones marked.

    Parameters
    ----------
    words : list of str
        The V words, by id.
    examples : list of (context ids, center id)
        As ``CBOWRecording.examples``.
    current : iterable of int
        Positions (0-based) of the examples to highlight (class ``w2v-pair-current``).
    """
    current = {int(i) for i in current}
    chips = []
    for i, example in enumerate(examples):
        on = i in current
        style = "background:#ffd54f;font-weight:bold;" if on else "background:#eee;"
        cls = "w2v-pair w2v-pair-current" if on else "w2v-pair"
        chips.append(f'<span class="{cls}" style="{style}padding:1px 5px;margin:2px;'
                     f'border-radius:4px;display:inline-block">{i + 1} '
                     f"{html.escape(_example_text(words, example))}</span>")
    return f'<div style="max-width:60em;font-size:90%">{"".join(chips)}</div>'


def cbow_step_info(rec, k, words):
    """The info line for update k of a CBOWRecording (plain text, to be escaped).

    Parameters
    ----------
    rec : w2v_lib.CBOWRecording
        The run.
    k : int
        0 (the start) <= k <= len(rec.steps).
    words : list of str
        The V words, by id.

    For k >= 1: the update's epoch and batch, its examples, P(target | context) of its
    first example before and after it, the batch loss before and after, J over all
    examples before it.
    """
    n, size = len(rec.steps), len(rec.examples)
    if k == 0:
        return (f"CBOW · update 0 of {n} · the seeded start · J over all {size} examples "
                f"{rec.start_loss:.4f} · lr {rec.lr:g}, B = {rec.batch_size}"
                + (" · press Step" if n == 0 else ""))
    s = rec.steps[k - 1]
    names = "; ".join(f"{i + 1} {_example_text(words, e)}"
                      for i, e in zip(s.example_indices, s.examples, strict=True))
    context, target = s.examples[0]
    after = rec.steps[k] if k < n else None
    p_after = cbow_probs(after.center_vecs if after else rec.center_vecs,
                         after.outside_vecs if after else rec.outside_vecs, context)[target]
    given = ", ".join(words[j] for j in context)
    return (f"CBOW · update {k} of {n} · epoch {s.epoch}, batch {s.batch_number} of "
            f"{rec.updates_per_epoch} · examples {names} · P({words[target]} | {given}) "
            f"{s.probs[0][target]:.3f} → {p_after:.3f} · batch loss {s.loss:.4f} → "
            f"{s.loss_after:.4f} · J over all examples {s.full_loss:.4f} · lr {s.lr:g}, "
            f"B = {rec.batch_size}")
