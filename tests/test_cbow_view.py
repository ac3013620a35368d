"""The step-through's CBOW mode: cbow_view.CBOWStepView and widgets.step_through(model=...)."""

import re

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pytest  # noqa: E402
from test_cbow_softmax import EXAMPLES, START, VOCAB, loop_training  # noqa: E402
from test_stepper import pixels, rendered_label_boxes  # noqa: E402

import w2v_lib as w  # noqa: E402
from w2v_lib.teach import cbow_view, widgets  # noqa: E402

WORDS = VOCAB.words


def recording(lr=0.5, batch_size=1):
    return w.CBOWRecording(*START, EXAMPLES, lr=lr, batch_size=batch_size)


def view_of(rec):
    return cbow_view.CBOWStepView(rec, WORDS)


# --- the view -----------------------------------------------------------------------------


@pytest.mark.parametrize("batch_size, k", [(1, 3), (2, 2), (4, 1)])
def test_view_draws_the_recorded_update(batch_size, k):
    rec = recording(lr=0.5, batch_size=batch_size)
    rec.step(k + 1)
    view = view_of(rec)
    view.draw(k)
    step = rec.steps[k - 1]
    context, target = step.examples[0]
    assert [b.get_width() for b in view.bars] == pytest.approx(step.probs[0].tolist())
    green = view.bars[target].get_facecolor()
    assert [b.get_facecolor() for b in view.bars].count(green) == 1
    names = ", ".join(WORDS[j] for j in context)
    assert view.center_name.get_text().startswith(f"{names} → {WORDS[target]} (green)")
    framed_v = [i for i, f in enumerate(view.frames["center"]) if f.get_visible()]
    assert framed_v == sorted({j for c, _ in step.examples for j in c})  # the contexts' rows
    assert all(f.get_visible() for f in view.frames["outside"])
    h = sum(step.center_vecs[j] for j in context) / len(context)
    np.testing.assert_allclose(view.hidden.get_offsets()[0], h)
    np.testing.assert_allclose(view.expected.get_offsets()[0], step.probs[0] @ step.outside_vecs)
    np.testing.assert_allclose(view.target.get_offsets()[0], step.outside_vecs[target])
    j = context[0]
    drawn = np.c_[view.quiver.U, view.quiver.V]
    np.testing.assert_allclose(view.quiver.get_offsets(), [step.center_vecs[j]] * 3)
    after = rec.steps[k].center_vecs  # v_j after the update, as the next step saw it
    np.testing.assert_allclose(drawn[0] + drawn[1], after[j] - step.center_vecs[j], atol=1e-15)
    np.testing.assert_allclose(drawn[2], after[j] - step.center_vecs[j], atol=1e-15)
    pull, push = np.zeros(2), np.zeros(2)  # by hand: each example's share of the step on v_j
    for e, (c, t) in enumerate(step.examples):
        for word in c:
            if word == j:
                pull += 0.5 / (batch_size * len(c)) * step.outside_vecs[t]
                push -= 0.5 / (batch_size * len(c)) * (step.probs[e] @ step.outside_vecs)
    np.testing.assert_allclose(drawn[:2], [pull, push], atol=1e-15)


def test_panels_say_what_they_show():
    view = view_of(recording())
    titles = [view.axes[key].get_title() for key in ("probs", "center", "outside", "2d")]
    assert titles == ["P(w | context) before", "v (input)", "u (output)",
                      "v, u, h; arrows: step on v_j"]
    labels = view.axes["2d"].get_legend_handles_labels()[1]
    assert labels == ["v (input)", "u (output)", "E[u]", "u_c", "h"]


def test_the_floor_is_zero_not_skip_grams_j_star():
    view = view_of(recording())
    floor = [line for line in view.axes["loss"].get_lines() if line.get_linestyle() == "--"]
    assert len(floor) == 1 and floor[0].get_ydata()[0] == 0
    labels = view.axes["loss"].get_legend_handles_labels()[1]
    assert "J* = 0, the floor" in labels and "J, all examples" in labels
    assert not any("1.169" in label for label in labels)


def test_the_start_shows_no_step_and_the_first_example():
    view = view_of(recording())
    view.draw(0)
    assert np.allclose(np.c_[view.quiver.U, view.quiver.V], 0)
    assert not any(f.get_visible() for key in view.frames for f in view.frames[key])
    np.testing.assert_allclose(view.hidden.get_offsets()[0], (START[0][1] + START[0][2]) / 2)
    assert view.center_name.get_text().startswith("cat, sits → the (green)")


@pytest.mark.parametrize("batch_size, ks", [(1, (0, 1, 40, 200)), (6, (1, 60))])
def test_labels_never_overlap_the_points_or_each_other(batch_size, ks):
    rec = recording(lr=0.5, batch_size=batch_size)
    rec.step(max(ks))
    view = view_of(rec)
    for k in ks:
        view.draw(k)
        boxes = rendered_label_boxes(view)
        for i in range(len(boxes)):
            for j in range(i):
                a, b = boxes[i], boxes[j]
                assert a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1], (k, i, j)
        x, y = view.axes["2d"].transData.transform(view.hidden.get_offsets())[0]
        assert not ((boxes[:, 0] <= x) & (x <= boxes[:, 2])
                    & (boxes[:, 1] <= y) & (y <= boxes[:, 3])).any(), k


def test_fast_redraw_matches_a_full_draw():
    rec = recording(batch_size=2)
    rec.step(12)
    view = view_of(rec)
    for k in (12, 4, 7):
        view.draw(k)
        shown = pixels(view.jpeg())
        fast = np.asarray(view.fig.canvas.buffer_rgba())[:, :, :3].astype(int)
        view.fig.canvas.draw()
        full = np.asarray(view.fig.canvas.buffer_rgba())[:, :, :3].astype(int)
        assert (np.abs(fast - full).max(axis=2) > 40).mean() < 0.002
        assert np.abs(shown - fast).mean() < 3


def test_step_info_and_chips_by_hand():
    rec = recording(batch_size=2)
    rec.step(2)
    info = cbow_view.cbow_step_info(rec, 1, WORDS)
    p_before = w.cbow_probs(*START, EXAMPLES[0][0])[0]
    p_after = w.cbow_probs(rec.steps[1].center_vecs, rec.steps[1].outside_vecs,
                           EXAMPLES[0][0])[0]
    assert "examples 1 cat, sits→the; 2 the, sits, on→cat" in info
    assert f"P(the | cat, sits) {p_before:.3f} → {p_after:.3f}" in info
    assert "batch 1 of 3" in info and "B = 2" in info
    assert f"J over all examples {w.cbow_softmax_loss(*START, EXAMPLES):.4f}" in info
    chips = cbow_view.cbow_chips_html(WORDS, rec.examples, [2])
    assert re.findall(r'w2v-pair-current"[^>]*>([^<]*)<', chips) == ["3 the, cat, on, the→sits"]
    assert chips.count("w2v-pair") == 6 + 1  # six chips, one of them current
    assert "&lt;b&gt;" in cbow_view.cbow_chips_html(["<b>", "x"], [((1,), 0)], [])


# --- the explorer -------------------------------------------------------------------------


def explorer(**kwargs):
    return widgets.step_through(np.random.default_rng(0), **kwargs)


def test_the_model_toggle_restarts_from_the_same_start_and_says_so():
    ex = explorer()
    assert ex.model.options == ("skip-gram", "CBOW") and ex.model.value == "skip-gram"
    assert "w2v-model" in ex.model._dom_classes
    ex.step10.click()
    ex.model.value = "CBOW"
    assert isinstance(ex.rec, w.CBOWRecording) and ex.rec.steps == []
    assert ex.step_info.value.startswith("model changed to CBOW, restarted from the seeded start")
    assert "update 0 of 0" in ex.step_info.value and "J over all 6 examples" in ex.step_info.value
    np.testing.assert_array_equal(ex.rec.center_vecs, START[0])
    assert ex.batch_size.max == 6 and ex.replay.max == 0
    ex.step.click()
    assert "changed" not in ex.step_info.value
    ex.model.value = "skip-gram"
    assert isinstance(ex.rec, w.Recording) and not isinstance(ex.rec, w.CBOWRecording)
    assert ex.rec.steps == [] and ex.batch_size.max == 18
    assert "model changed to skip-gram" in ex.step_info.value
    np.testing.assert_array_equal(ex.rec.center_vecs, START[0])


def test_cbow_steps_in_the_explorer_equal_a_plain_loop():
    ex = explorer(model="CBOW")
    ex.step.click()
    ex.step10.click()
    v, u = loop_training(11, 0.5, 1)
    np.testing.assert_allclose(ex.rec.center_vecs, v, atol=1e-12)
    np.testing.assert_allclose(ex.rec.outside_vecs, u, atol=1e-12)
    assert "update 11 of 11 · epoch 2, batch 5 of 6" in ex.step_info.value
    v10, u10 = loop_training(10, 0.5, 1)
    context, target = EXAMPLES[4]  # update 11 is example 5: sits, on, mat -> the
    assert (f"P(the | sits, on, mat) {w.cbow_probs(v10, u10, context)[target]:.3f} → "
            f"{w.cbow_probs(v, u, context)[target]:.3f}") in ex.step_info.value
    assert re.findall(r'w2v-pair-current"[^>]*>(\d+) ', ex.pairs.value) == ["5"]
    ex.replay.value = 1
    assert "update 1 of 11" in ex.step_info.value
    assert [b.get_width() for b in ex.view.bars] == pytest.approx(ex.rec.steps[0].probs[0])
    ex.epochs5.click()
    assert len(ex.rec.steps) == 11 + 30  # five epochs of 6 updates


def test_switching_to_cbow_lowers_a_b_above_6():
    ex = explorer(batch_size=10)
    ex.model.value = "CBOW"
    assert ex.batch_size.value == 6 and ex.rec.batch_size == 6 and ex.rec.updates_per_epoch == 1
    assert "model changed to CBOW" in ex.step_info.value and ex.message.value == ""
    ex.batch_size.value = 2
    assert ex.rec.batch_size == 2 and "B changed to 2" in ex.step_info.value
    ex.model.value = "skip-gram"
    assert ex.rec.batch_size == 2 and ex.batch_size.max == 18


def test_cbow_lr_change_restarts_and_divergence_shows_a_message():
    ex = explorer(model="CBOW")
    ex.lr.value = 3.0
    assert "lr changed to 3" in ex.step_info.value and isinstance(ex.rec, w.CBOWRecording)
    for _ in range(4):
        ex.step10.click()
    assert "too large" in ex.message.value and "lr=3" in ex.message.value
    assert "Traceback" not in ex.message.value
    assert "nan" not in ex.step_info.value.lower() and "inf" not in ex.step_info.value.lower()
    assert len(ex.rec.steps) == ex.replay.max < 40
    ex.reset.click()
    assert ex.message.value == "" and ex.rec.steps == []


def test_bad_model_or_batch_size_is_refused_at_build():
    with pytest.raises(ValueError, match="model 'bag' is not one of the choices"):
        explorer(model="bag")
    with pytest.raises(ValueError, match="batch_size must be an integer >= 1 and <= 6, got 7"):
        explorer(model="CBOW", batch_size=7)
