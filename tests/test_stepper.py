"""The recorded step-through training (Recording, StepView) and its explorer (step_through)."""

import io
import math
import re

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import PIL.Image  # noqa: E402
import pytest  # noqa: E402

import w2v_lib as w  # noqa: E402
from w2v_lib.teach import stepper  # noqa: E402

TOKENS = w.tokenize("the cat sits on the mat")
VOCAB = w.build_vocab(TOKENS)
PAIRS = np.array(w.skipgram_pairs(VOCAB.encode(TOKENS), window=2))


def start(seed=0):
    return w.init_params(len(VOCAB), 2, np.random.default_rng(seed))


def recording(lr=0.5, batch_size=1, seed=0):
    return stepper.Recording(*start(seed), PAIRS, lr=lr, batch_size=batch_size)


def probs_by_loop(center_vecs, outside_vecs, c):
    scores = [sum(outside_vecs[o, k] * center_vecs[c, k] for k in range(2)) for o in range(5)]
    return np.array([math.exp(s) / sum(math.exp(t) for t in scores) for s in scores])


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
    np.testing.assert_array_equal(view.labels.get_offsets(),
                                  np.vstack([step.center_vecs, step.outside_vecs]))
    c, origin, pull, push = step.arrows()
    assert np.allclose(view.quiver.get_offsets(), [origin] * 3)
    assert np.allclose(np.c_[view.quiver.U, view.quiver.V], [pull, push, pull + push])
    assert view.center_name.get_text() == f"c = {VOCAB.words[c]}"
    np.testing.assert_array_equal(view.loss_line.get_ydata(), [s.loss for s in rec.steps])
    np.testing.assert_array_equal(view.full_line.get_ydata(), [s.full_loss for s in rec.steps])
    assert list(view.loss_mark.get_xdata()) == [3]


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
    rec = stepper.Recording(*w.init_params(5, 3, rng), PAIRS, lr=0.5, batch_size=1)
    with pytest.raises(ValueError, match="d = 3"):
        view_of(rec)


# --- the explorer -------------------------------------------------------------------------


def explorer(**kwargs):
    return stepper.step_through(np.random.default_rng(0), **kwargs)


def highlighted(ex):
    return re.findall(r'w2v-pair-current"[^>]*>(\d+) ', ex.pairs.value)


def test_explorer_starts_at_update_zero():
    ex = explorer()
    assert "update 0 of 0" in ex.info.value and "press Step" in ex.info.value
    assert ex.replay.max == 0 and ex.rec.steps == [] and ex.message.value == ""
    assert highlighted(ex) == []
    assert ex.image.value[:3] == b"\xff\xd8\xff"  # a JPEG


def test_step_and_step10_record_and_show_the_latest():
    ex = explorer()
    first_image = ex.image.value
    ex.step_button.click()
    assert len(ex.rec.steps) == 1 and "update 1 of 1" in ex.info.value
    assert highlighted(ex) == ["1"] and ex.image.value != first_image
    ex.step10_button.click()
    assert len(ex.rec.steps) == 11 and ex.replay.max == 11 and ex.replay.value == 11
    assert "update 11 of 11" in ex.info.value and highlighted(ex) == ["11"]
    loss = ex.rec.steps[10].loss
    assert f"batch loss {loss:.4f}" in ex.info.value


def test_replay_redraws_a_recorded_step_without_recording():
    ex = explorer(batch_size=4)
    for _ in range(2):
        ex.step10_button.click()
    steps = list(ex.rec.steps)
    latest = ex.image.value
    ex.replay.value = 3
    assert ex.rec.steps == steps  # nothing recomputed or added
    assert "update 3 of 20" in ex.info.value and highlighted(ex) == ["9", "10", "11", "12"]
    assert [b.get_width() for b in ex.view.bars] == pytest.approx(steps[2].probs[0].tolist())
    assert ex.image.value != latest
    ex.replay.value = 20
    assert ex.image.value == latest  # same step, same picture


def test_stepping_in_the_explorer_equals_train():
    ex = explorer(lr=0.5, batch_size=1)
    for _ in range(9):
        ex.step10_button.click()  # 90 updates = 5 epochs of 18
    result = w.train(*start(), PAIRS, lr=0.5, batch_size=1, epochs=5)
    np.testing.assert_array_equal(ex.rec.center_vecs, result.center_vecs)
    assert "epoch 5, batch 18 of 18" in ex.info.value


def test_reset_clears_to_the_seeded_start():
    ex = explorer()
    start_image = ex.image.value
    ex.step10_button.click()
    ex.reset_button.click()
    assert ex.rec.steps == [] and ex.replay.max == 0 and "update 0 of 0" in ex.info.value
    assert ex.info.value.startswith("reset")
    np.testing.assert_array_equal(ex.rec.center_vecs, start()[0])
    assert ex.image.value == start_image


def test_changing_lr_or_batch_size_restarts_and_says_so():
    ex = explorer()
    ex.step10_button.click()
    ex.lr.value = 1.2
    assert ex.rec.steps == [] and ex.rec.lr == 1.2
    assert "lr changed to 1.2" in ex.info.value and "update 0 of 0" in ex.info.value
    ex.step10_button.click()
    ex.batch_size.value = 4
    assert ex.rec.steps == [] and ex.rec.batch_size == 4 and "B changed to 4" in ex.info.value
    ex.step_button.click()
    assert highlighted(ex) == ["1", "2", "3", "4"] and "batch 1 of 5" in ex.info.value
    assert "changed" not in ex.info.value  # the notice goes once the learner steps


def test_divergence_shows_a_message_not_nan():
    rng = np.random.default_rng(0)
    w.init_params(len(VOCAB), 2, rng)  # as notebook 07: its explorer gets rng's second draw
    ex = stepper.step_through(rng)
    ex.lr.value = 2.5
    for _ in range(2):  # the notebook says: within a press or two of Step x10
        ex.step10_button.click()
    assert "too large" in ex.message.value and "lr=2.5" in ex.message.value
    assert "nan" not in ex.info.value.lower() and "inf" not in ex.info.value.lower()
    assert len(ex.rec.steps) == ex.replay.max < 20
    ex.reset_button.click()
    assert ex.message.value == ""


def test_dom_classes():
    ex = explorer()
    for attr, cls in [("step_button", "w2v-step"), ("step10_button", "w2v-step10"),
                      ("reset_button", "w2v-reset"), ("lr", "w2v-lr"),
                      ("batch_size", "w2v-batch-size"), ("replay", "w2v-replay"),
                      ("info", "w2v-step-info"), ("message", "w2v-message")]:
        assert cls in getattr(ex, attr)._dom_classes
