"""The step-through view (stepper.StepView) and its explorer (widgets.step_through)."""

import io
import re

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import PIL.Image  # noqa: E402
import pytest  # noqa: E402

# the toy set-up is shared with the Recording tests
from test_recording import PAIRS, VOCAB, probs_by_loop, recording, start  # noqa: E402

import w2v_lib as w  # noqa: E402
from w2v_lib.teach import stepper, widgets  # noqa: E402

# --- the view -----------------------------------------------------------------------------


def view_of(rec):
    return stepper.StepView(rec, VOCAB.words)


def test_view_draws_the_recorded_values():
    rec = recording(lr=0.5, batch_size=4)
    rec.step(6)
    view = view_of(rec)
    view.draw(3)
    step = rec.steps[2]
    assert [b.get_width() for b in view.bars] == pytest.approx(step.probs[0].tolist())
    np.testing.assert_array_equal(view.heat["center"].get_array(), step.center_vecs)
    np.testing.assert_array_equal(view.heat["outside"].get_array(), step.outside_vecs)
    framed = [i for i, f in enumerate(view.frames["center"]) if f.get_visible()]
    assert framed == step.changed_center_rows()
    np.testing.assert_array_equal(view.v_dots.get_offsets(), step.center_vecs)
    np.testing.assert_array_equal(view.u_dots.get_offsets(), step.outside_vecs)
    c, origin, pull, push = step.arrows()
    assert np.allclose(view.quiver.get_offsets(), [origin] * 3)
    assert np.allclose(np.c_[view.quiver.U, view.quiver.V], [pull, push, pull + push])
    o = step.batch[0, 1]
    assert view.center_name.get_text() == f"c = {VOCAB.words[c]}, o = {VOCAB.words[o]} (green)"
    assert [b.get_facecolor() for b in view.bars].count(view.bars[o].get_facecolor()) == 1
    np.testing.assert_array_equal(view.loss_line.get_ydata(), [s.loss for s in rec.steps])
    np.testing.assert_array_equal(view.full_line.get_ydata(), [s.full_loss for s in rec.steps])
    assert list(view.loss_mark.get_xdata()) == [3]


def rendered_label_boxes(view):
    """Each label's glyph extent in figure pixels, from the drawn collection itself."""
    view.fig.canvas.draw()
    offsets = view.axes["2d"].transData.transform(view.labels.get_offsets())
    boxes = []
    for path, at in zip(view.labels.get_paths(), offsets, strict=True):
        ext = path.get_extents()
        scale = view.fig.dpi / 72
        boxes.append([at[0] + ext.x0 * scale, at[1] + ext.y0 * scale,
                      at[0] + ext.x1 * scale, at[1] + ext.y1 * scale])
    return np.array(boxes)


@pytest.mark.parametrize("lr, batch_size, ks", [(0.5, 1, (0, 1, 60, 300)), (2.0, 18, (1, 50))])
def test_word_labels_never_overlap_and_stay_inside_near_their_point(lr, batch_size, ks):
    rec = recording(lr=lr, batch_size=batch_size)
    rec.step(max(ks))
    view = view_of(rec)
    for k in ks:
        view.draw(k)
        boxes = rendered_label_boxes(view)
        assert np.allclose(boxes[:, :2], view.label_boxes[:, :2], atol=1.5)
        for i in range(len(boxes)):
            for j in range(i):
                a, b = boxes[i], boxes[j]
                assert a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1], (k, i, j)
        frame = view.axes["2d"].get_window_extent()
        assert (boxes[:, 0] >= frame.x0).all() and (boxes[:, 2] <= frame.x1).all()
        assert (boxes[:, 1] >= frame.y0).all() and (boxes[:, 3] <= frame.y1).all()
        vecs = rec.start if k == 0 else (rec.steps[k - 1].center_vecs,
                                         rec.steps[k - 1].outside_vecs)
        points = view.axes["2d"].transData.transform(np.vstack(vecs))
        centre = (boxes[:, :2] + boxes[:, 2:]) / 2
        assert (np.linalg.norm(centre - points, axis=1) < 80).all()  # beside its own point
        marks = [view.expected.get_offsets()[0], view.target.get_offsets()[0],
                 *(view.quiver.get_offsets()[0] + np.c_[view.quiver.U, view.quiver.V])]
        for x, y in view.axes["2d"].transData.transform(np.array(marks)):  # E[u], u_o, tips
            assert not ((boxes[:, 0] <= x) & (x <= boxes[:, 2])
                        & (boxes[:, 1] <= y) & (y <= boxes[:, 3])).any(), k


def test_one_fixed_colour_scale_with_a_colour_bar_across_a_replay():
    rec = recording(lr=0.5, batch_size=1)
    rec.step(200)
    view = view_of(rec)
    scales = set()
    for k in (200, 1, 90, 0, 150):
        view.draw(k)
        scales.add(view.heat["center"].get_clim())
        assert view.heat["center"].get_clim() == view.heat["outside"].get_clim()
    assert len(scales) == 1
    low, high = scales.pop()
    reach = max(np.abs(np.vstack([s.center_vecs, s.outside_vecs])).max() for s in rec.steps)
    assert low == -high and reach <= high  # every recorded value inside the scale
    cbar = view.axes["colorbar"]
    assert cbar.get_ylim() == pytest.approx((low, high))


def test_the_loss_panel_draws_the_floor_j_star():
    view = view_of(recording())
    floor = [line for line in view.axes["loss"].get_lines() if line.get_linestyle() == "--"]
    assert len(floor) == 1 and floor[0].get_ydata()[0] == pytest.approx(21.047 / 18, abs=1e-3)
    labels = view.axes["loss"].get_legend_handles_labels()[1]
    assert "J* = 1.169, the floor" in labels


def test_view_at_the_start_shows_no_step():
    rec = recording()
    view = view_of(rec)
    view.draw(0)
    assert np.allclose(np.c_[view.quiver.U, view.quiver.V], 0)
    assert not any(f.get_visible() for f in view.frames["outside"])
    c0, _ = start()
    np.testing.assert_array_equal(view.v_dots.get_offsets(), c0)


def test_every_arrow_and_vector_is_inside_the_2d_axes():
    rec = recording(lr=1.0, batch_size=1)
    rec.step(40)
    view = view_of(rec)
    for k in (1, 17, 40):
        view.draw(k)
        c, origin, pull, push = rec.steps[k - 1].arrows()
        pts = np.vstack([rec.steps[k - 1].center_vecs, rec.steps[k - 1].outside_vecs,
                         origin + pull, origin + push, origin + pull + push])
        (x0, x1), (y0, y1) = view.axes["2d"].get_xlim(), view.axes["2d"].get_ylim()
        assert np.all((x0 <= pts[:, 0]) & (pts[:, 0] <= x1) & (y0 <= pts[:, 1]) & (pts[:, 1] <= y1))


def test_bad_update_number():
    view = view_of(recording())
    with pytest.raises(ValueError, match="k must"):
        view.draw(1)  # nothing recorded yet
    with pytest.raises(ValueError, match="k must"):
        view.draw(-1)


def pixels(image_bytes):
    return np.asarray(PIL.Image.open(io.BytesIO(image_bytes)).convert("RGB"), dtype=int)


def test_fast_redraw_matches_a_full_draw():
    rec = recording(batch_size=2)
    rec.step(12)
    view = view_of(rec)
    for k in (12, 4, 7):  # replay backwards and forwards on the saved background
        view.draw(k)
        shown = pixels(view.jpeg())
        fast = np.asarray(view.fig.canvas.buffer_rgba())[:, :, :3].astype(int)
        view.fig.canvas.draw()  # everything, the slow way
        full = np.asarray(view.fig.canvas.buffer_rgba())[:, :, :3].astype(int)
        assert (np.abs(fast - full).max(axis=2) > 40).mean() < 0.002
        assert shown.shape == full.shape and np.abs(shown - fast).mean() < 3  # JPEG, q 95


def test_view_needs_two_dimensions():
    rng = np.random.default_rng(0)
    rec = w.Recording(*w.init_params(5, 3, rng), PAIRS, lr=0.5, batch_size=1)
    with pytest.raises(ValueError, match="d = 3"):
        view_of(rec)


# --- the explorer -------------------------------------------------------------------------


def explorer(**kwargs):
    return widgets.step_through(np.random.default_rng(0), **kwargs)


def highlighted(ex):
    return re.findall(r'w2v-pair-current"[^>]*>(\d+) ', ex.pairs.value)


def test_explorer_starts_at_update_zero():
    ex = explorer()
    assert "update 0 of 0" in ex.step_info.value and "press Step" in ex.step_info.value
    assert ex.replay.max == 0 and ex.rec.steps == [] and ex.message.value == ""
    assert highlighted(ex) == []
    assert ex.figure.value[:3] == b"\xff\xd8\xff"  # a JPEG


def test_step_and_step10_record_and_show_the_latest():
    ex = explorer()
    first_image = ex.figure.value
    ex.step.click()
    assert len(ex.rec.steps) == 1 and "update 1 of 1" in ex.step_info.value
    assert highlighted(ex) == ["1"] and ex.figure.value != first_image
    ex.step10.click()
    assert len(ex.rec.steps) == 11 and ex.replay.max == 11 and ex.replay.value == 11
    assert "update 11 of 11" in ex.step_info.value and highlighted(ex) == ["11"]
    loss = ex.rec.steps[10].loss
    assert f"batch loss {loss:.4f}" in ex.step_info.value


def test_replay_redraws_a_recorded_step_without_recording():
    ex = explorer(batch_size=4)
    for _ in range(2):
        ex.step10.click()
    steps = list(ex.rec.steps)
    latest = ex.figure.value
    ex.replay.value = 3
    assert ex.rec.steps == steps  # nothing recomputed or added
    assert "update 3 of 20" in ex.step_info.value and highlighted(ex) == ["9", "10", "11", "12"]
    assert [b.get_width() for b in ex.view.bars] == pytest.approx(steps[2].probs[0].tolist())
    assert ex.figure.value != latest
    ex.replay.value = 20
    assert ex.figure.value == latest  # same step, same picture


def test_stepping_in_the_explorer_equals_train():
    ex = explorer(lr=0.5, batch_size=1)
    for _ in range(9):
        ex.step10.click()  # 90 updates = 5 epochs of 18
    result = w.train(*start(), PAIRS, lr=0.5, batch_size=1, epochs=5)
    np.testing.assert_array_equal(ex.rec.center_vecs, result.center_vecs)
    assert "epoch 5, batch 18 of 18" in ex.step_info.value


def test_reset_clears_to_the_seeded_start():
    ex = explorer()
    start_image = ex.figure.value
    ex.step10.click()
    ex.reset.click()
    assert ex.rec.steps == [] and ex.replay.max == 0 and "update 0 of 0" in ex.step_info.value
    assert ex.step_info.value.startswith("reset")
    np.testing.assert_array_equal(ex.rec.center_vecs, start()[0])
    assert ex.figure.value == start_image


def test_changing_lr_or_batch_size_restarts_and_says_so():
    ex = explorer()
    ex.step10.click()
    ex.lr.value = 1.2
    assert ex.rec.steps == [] and ex.rec.lr == 1.2
    assert "lr changed to 1.2" in ex.step_info.value and "update 0 of 0" in ex.step_info.value
    ex.step10.click()
    ex.batch_size.value = 4
    assert ex.rec.steps == [] and ex.rec.batch_size == 4 and "B changed to 4" in ex.step_info.value
    ex.step.click()
    assert highlighted(ex) == ["1", "2", "3", "4"] and "batch 1 of 5" in ex.step_info.value
    assert "changed" not in ex.step_info.value  # the notice goes once the learner steps


def test_divergence_shows_a_message_not_nan():
    rng = np.random.default_rng(0)
    w.init_params(len(VOCAB), 2, rng)  # as notebook 07: its explorer gets rng's second draw
    ex = widgets.step_through(rng)
    ex.lr.value = 2.5
    for _ in range(2):  # the notebook says: within a press or two of Step x10
        ex.step10.click()
    assert "too large" in ex.message.value and "lr=2.5" in ex.message.value
    assert "nan" not in ex.step_info.value.lower() and "inf" not in ex.step_info.value.lower()
    assert len(ex.rec.steps) == ex.replay.max < 20
    ex.reset.click()
    assert ex.message.value == ""


def test_dom_classes():
    ex = explorer()
    for attr, cls in [("step", "w2v-step"), ("step10", "w2v-step10"), ("epochs5", "w2v-epochs5"),
                      ("reset", "w2v-reset"), ("lr", "w2v-lr"),
                      ("batch_size", "w2v-batch-size"), ("replay", "w2v-replay"),
                      ("step_info", "w2v-step-info"), ("pairs", "w2v-pairs"),
                      ("figure", "w2v-figure"), ("message", "w2v-message")]:
        assert cls in getattr(ex, attr)._dom_classes


@pytest.mark.parametrize("text", ["cat", "", "?!"])
def test_a_text_without_pairs_is_refused_with_a_message(text):
    with pytest.raises(ValueError, match="gives no pairs: it needs at least two words"):
        explorer(text=text)


def test_a_learning_rate_the_recording_refuses_shows_a_message():
    ex = explorer()
    ex.lr.min = 0.0
    ex.lr.value = 0.0
    assert "lr must be a positive number" in ex.message.value
    assert ex.rec.lr == 0.5 and "lr 0.5" in ex.step_info.value  # the last good state, kept
    ex.lr.value = 0.5
    assert ex.message.value == "" and "update 0 of 0" in ex.step_info.value


def test_run_5_epochs_makes_learning_visible_in_three_presses():
    ex = explorer()
    j_start = w.nll_loss(*start(), PAIRS)
    for _ in range(3):
        ex.epochs5.click()
    assert len(ex.rec.steps) == 3 * 5 * 18 and "epoch 15, batch 18 of 18" in ex.step_info.value
    result = w.train(*start(), PAIRS, lr=0.5, batch_size=1, epochs=15)
    j_now = w.nll_loss(result.center_vecs, result.outside_vecs, PAIRS)
    assert j_start - j_now >= 0.1
    assert f"J over all pairs {ex.rec.steps[-1].full_loss:.4f}" in ex.step_info.value
    mat, the = VOCAB.index["mat"], VOCAB.index["the"]
    p_now = probs_by_loop(result.center_vecs, result.outside_vecs, mat)[the]
    assert f"P(the | mat) {ex.rec.steps[-1].probs[0][the]:.3f} → {p_now:.3f}" in ex.step_info.value
    assert p_now - probs_by_loop(*start(), mat)[the] >= 0.1  # P(o | c) rose too


def test_full_batch_in_the_explorer_descends_smoothly_as_notebook_07_says():
    rng = np.random.default_rng(0)
    w.init_params(len(VOCAB), 2, rng)  # as notebook 07: its explorer gets rng's second draw
    ex = widgets.step_through(rng)
    ex.batch_size.value = 18
    for _ in range(10):
        ex.step10.click()
    losses = [s.full_loss for s in ex.rec.steps] + [ex.rec.loss]
    assert all(b < a for a, b in zip(losses, losses[1:], strict=False))  # every update lowers J
