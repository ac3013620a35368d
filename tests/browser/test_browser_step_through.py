"""07_step_through in a real browser: Step, Step ×10, Run 5 epochs, Reset, replay, B, lr and
the model toggle (skip-gram | CBOW).

Expected numbers come from w2v_lib in this process: the pairs and batches (skipgram_pairs,
minibatches, updates_per_epoch) and the losses (nll_loss, train; for CBOW cbow_examples,
cbow_softmax_loss_and_grad, cbow_probs) from the explorer's seeded start. The notebook's
``rng = np.random.default_rng(0)`` gives init_params(5, 2, rng) once to its own cells
before ``widgets.step_through(rng)`` draws the explorer's start.
"""

import io
import math
import re

import numpy as np
import PIL.Image
import pytest

import w2v_lib as w
from w2v_lib.toy import TOY_SENTENCE

NOTEBOOK = "07_step_through.ipynb"
TOKENS = w.tokenize(TOY_SENTENCE)
VOCAB = w.build_vocab(TOKENS)
WORDS = VOCAB.words
PAIRS = np.array(w.skipgram_pairs(VOCAB.encode(TOKENS), 2))
EXAMPLES = w.cbow_examples(VOCAB.encode(TOKENS), 2)  # CBOW: one (context, center) per position
LR = 0.5  # the explorer's default
TAB_BLUE = (31, 119, 180)  # matplotlib's first colour: the P(w | c) bars and the v dots


def starts():
    """The notebook's first init_params draw, and the explorer's start (the second)."""
    rng = np.random.default_rng(0)
    return w.init_params(len(WORDS), 2, rng), w.init_params(len(WORDS), 2, rng)


def sgd(start, n_updates, lr, batch_size):
    """(v, u) after n_updates mini-batch updates on PAIRS, in order, epoch after epoch."""
    batches = w.minibatches(PAIRS, batch_size)
    center_vecs, outside_vecs = start
    for k in range(n_updates):
        result = w.train(center_vecs, outside_vecs, batches[k % len(batches)], lr=lr,
                         batch_size=batch_size, blowup=math.inf)  # the plain arithmetic
        center_vecs, outside_vecs = result.center_vecs, result.outside_vecs
    return center_vecs, outside_vecs


def first_divergence(start, lr, batch_size, blowup=10.0, limit=50):
    """The first update after which J is not finite or above blowup x J at the start."""
    j0 = w.nll_loss(*start, PAIRS)
    for k in range(1, limit + 1):
        try:
            loss = w.nll_loss(*sgd(start, k, lr, batch_size), PAIRS)
        except FloatingPointError:
            return k
        if not np.isfinite(loss) or loss > blowup * j0:
            return k
    return None


def batch_names(batch_size, number):
    """'1 the→cat, 2 the→sits, ...': the pairs of batch ``number`` (from 1), numbered."""
    numbered = list(enumerate(PAIRS.tolist(), start=1))
    batch = w.minibatches(numbered, batch_size)[number - 1]
    return ", ".join(f"{i} {WORDS[c]}→{WORDS[o]}" for i, (c, o) in batch)


def parse(info):
    """The numbers on the info line (as strings), by name."""
    found = {"k": r"update (\d+) of", "n": r"update \d+ of (\d+)",
             "J": r"J over all (?:\d+ )?pairs ([\d.]+)", "batch": r"batch (\d+) of (\d+)",
             "pairs": r"pairs (\d+ [^·]*?) ·", "loss": r"batch loss ([\d.]+) → ([\d.]+)",
             "P": r"P\((\w+) \| (\w+)\) ([\d.]+) → ([\d.]+)",
             "lr": r"lr ([\d.]+)", "B": r"B = (\d+)"}
    out = {}
    for name, pattern in found.items():
        m = re.search(pattern, info)
        if m:
            out[name] = m.groups() if len(m.groups()) > 1 else m.group(1)
    return out


def figure_pixels(nb):
    """The figure the page shows now, as an (h, w, 3) array (its image bytes, decoded)."""
    data = nb.widget("w2v-figure").evaluate("""async img => {
        const buf = await (await fetch(img.src)).arrayBuffer();
        return Array.from(new Uint8Array(buf));
    }""")
    with PIL.Image.open(io.BytesIO(bytes(data))) as image:
        return np.asarray(image.convert("RGB")).astype(int)


def shows_figure(nb):
    """The figure has its data drawn: the P(w | c) bars and v dots (thousands of pixels of
    tab:blue), not only the axes (a blank panel has a few dozen, in the legend)."""
    def check():
        pixels = figure_pixels(nb)
        blue = int((np.abs(pixels - TAB_BLUE).max(axis=2) < 40).sum())
        assert blue > 2000, f"the figure shows no bars/dots ({blue} tab:blue pixels)"
    nb.eventually(check)


@pytest.mark.browser
def test_step_through_controls(open_notebook):
    nb = open_notebook(NOTEBOOK)
    nb.run_all_cleanly()
    notebook_start, start = starts()
    c, o = PAIRS[0]
    before = w.nll_loss(*notebook_start, PAIRS[:1])
    after = w.nll_loss(*sgd(notebook_start, 1, LR, 1), PAIRS[:1])
    probs = w.outside_probs(*notebook_start, int(c))
    batch4 = w.minibatches(PAIRS, 4)[0]  # update 1 at B = 4: its distinct centers change
    cbow1 = w.CBOWRecording(*notebook_start, EXAMPLES, lr=LR, batch_size=1).step()
    nb.check_quizzes({"go up or down": "down" if after < before else "up",
                      "Which rows": ", ".join(WORDS[i] for i in np.flatnonzero(probs > 0)),
                      "At B = 4": len(set(batch4[:, 0].tolist())),
                      "CBOW update 1": ", ".join(WORDS[i] for i in cbow1.changed_center_rows())})

    step, step10, epochs5, reset = (nb.widget(f"w2v-{n}")
                                    for n in ("step", "step10", "epochs5", "reset"))
    lr, batch, replay = (nb.slider(f"w2v-{n}") for n in ("lr", "batch-size", "replay"))
    info, message = nb.widget("w2v-step-info"), nb.widget("w2v-step-through-message")
    n_pairs = len(PAIRS)
    j_start = w.nll_loss(*start, PAIRS)

    def shows(k, n, **expected):
        """The info line says "update k of n" and, to 4 decimals, the expected numbers."""
        def check():
            text = info.inner_text()
            got = parse(text)
            assert (got.get("k"), got.get("n")) == (str(k), str(n)), text
            for name, value in expected.items():
                if isinstance(value, float):
                    assert float(got[name]) == pytest.approx(value, abs=6e-5), (name, text)
                elif isinstance(value, tuple) and isinstance(value[0], float):
                    assert np.allclose([float(x) for x in got[name]], value, atol=6e-5), text
                else:
                    assert got[name] == value, (name, text)
            assert "nan" not in text.lower() and "inf" not in text.lower()
            return text
        return nb.eventually(check, timeout=20)

    shows(0, 0, J=j_start, B="1")
    assert message.inner_text().strip() == ""
    shows_figure(nb)

    # Learning shows within three presses of the biggest step button (Run 5 epochs, at the
    # defaults lr = 0.5, B = 1): J over all pairs falls by >= 0.1, read from the page.
    for press in range(1, 4):
        epochs5.click()
        shows(90 * press, 90 * press)
    n = 270
    before_last = sgd(start, n - 1, LR, 1)
    last_pair = PAIRS[(n - 1) % n_pairs]
    c, o = (int(i) for i in last_pair)
    p_before = w.outside_probs(*before_last, c)[o]
    p_after = w.outside_probs(*sgd(start, n, LR, 1), c)[o]
    text = shows(n, n, J=w.nll_loss(*before_last, PAIRS),
                 P=(WORDS[o], WORDS[c], f"{p_before:.3f}", f"{p_after:.3f}"))
    j_shown = float(parse(text)["J"])
    assert j_start - j_shown >= 0.1, f"J moved only from {j_start:.4f} to {j_shown:.4f}"
    p_start = w.outside_probs(*start, c)[o]
    print(f"\nafter 3 x Run 5 epochs: J {j_start:.4f} -> {j_shown:.4f}, "
          f"P({WORDS[o]} | {WORDS[c]}) {p_start:.3f} -> {p_after:.3f}")
    shows_figure(nb)
    nb.screenshot(info, suffix="-learned")
    reset.click()
    shows(0, 0, J=j_start)

    # Step: update 1 is pair 1 (SGD, B = 1); its loss before and after, J before it.
    step.click()
    after1 = sgd(start, 1, LR, 1)
    shows(1, 1, batch=("1", str(w.updates_per_epoch(n_pairs, 1))), pairs=batch_names(1, 1),
          loss=(w.nll_loss(*start, PAIRS[:1]), w.nll_loss(*after1, PAIRS[:1])), J=j_start)
    step10.click()
    shows(11, 11)
    step10.click()
    shows(21, 21)

    # Replay, keyboard: back to update 19, whose J is J after one epoch (18 updates).
    replay.press("ArrowLeft", 2)
    epoch = w.train(*start, PAIRS, lr=LR, batch_size=1, epochs=1)
    shows(19, 21, J=epoch.epoch_losses[0], batch=("1", str(n_pairs)), pairs=batch_names(1, 1))
    # Replay, mouse: click the track's left end (the start), drag the handle to update 1.
    replay.click_at(0)
    shows(0, 21, J=j_start)
    replay.drag_to(1)
    shows(1, 21, pairs=batch_names(1, 1), J=j_start)

    # B slider, keyboard: three steps up to B = 4 restart training; update 1 is pairs 1-4.
    batch.press("ArrowRight", 3)
    shows(0, 0, B="4", J=j_start)
    step.click()
    shows(1, 1, batch=("1", str(w.updates_per_epoch(n_pairs, 4))), pairs=batch_names(4, 1),
          loss=(w.nll_loss(*start, PAIRS[:4]), w.nll_loss(*sgd(start, 1, LR, 4), PAIRS[:4])))

    # lr slider, mouse: the right end (3.0); B back to 1 with the keyboard (Home). Such steps
    # overshoot: Step ×10 stops where J blows up, with a readable message, never a NaN.
    lr.click_at(lr.max)
    big = lr.value
    shows(0, 0, lr=f"{big:g}")
    batch.press("Home")
    shows(0, 0, lr=f"{big:g}", B="1")
    stop = first_divergence(start, big, 1)
    assert stop is not None and stop <= 10, f"lr = {big} should overshoot within 10 updates"
    step10.click()
    shows(stop - 1, stop - 1)
    nb.eventually(lambda: _readable(message.inner_text()))
    print(f"\nlr = {big:g}: {message.inner_text()}")
    nb.screenshot(message, suffix="-message")

    # Reset: back to the start, message gone.
    reset.click()
    shows(0, 0, J=j_start)
    nb.eventually(lambda: _empty(message.inner_text()))
    step.click()
    shows(1, 1, J=j_start)
    shows_figure(nb)
    nb.screenshot(info)



def _readable(text):
    assert text.strip() and "Traceback" not in text and "nan" not in text.lower(), text


def _empty(text):
    assert text.strip() == "", text


def cbow_sgd(start, n_updates, lr, batch_size):
    """(v, u) after n_updates full-softmax CBOW updates on EXAMPLES, in order, by batches."""
    batches = [EXAMPLES[i:i + batch_size] for i in range(0, len(EXAMPLES), batch_size)]
    center_vecs, outside_vecs = start
    for k in range(n_updates):
        _, (grad_v, grad_u) = w.cbow_softmax_loss_and_grad(center_vecs, outside_vecs,
                                                           batches[k % len(batches)])
        center_vecs, outside_vecs = center_vecs - lr * grad_v, outside_vecs - lr * grad_u
    return center_vecs, outside_vecs


def parse_cbow(info):
    """The numbers on the CBOW info line (as strings), by name."""
    found = {"k": r"update (\d+) of", "n": r"update \d+ of (\d+)",
             "J": r"J over all (?:\d+ )?examples ([\d.]+)", "batch": r"batch (\d+) of (\d+)",
             "examples": r"examples (\d+ [^·]*?) ·", "loss": r"batch loss ([\d.]+) → ([\d.]+)",
             "P": r"P\((\w+) \| ([\w, ]+)\) ([\d.]+) → ([\d.]+)",
             "lr": r"lr ([\d.]+)", "B": r"B = (\d+)"}
    out = {}
    for name, pattern in found.items():
        m = re.search(pattern, info)
        if m:
            out[name] = m.groups() if len(m.groups()) > 1 else m.group(1)
    return out


@pytest.mark.browser
def test_step_through_cbow(open_notebook):
    nb = open_notebook(NOTEBOOK)
    nb.run_all_cleanly()
    _, start = starts()
    model = nb.widget("w2v-model")
    step, step10 = nb.widget("w2v-step"), nb.widget("w2v-step10")
    lr, batch = nb.slider("w2v-lr"), nb.slider("w2v-batch-size")
    info, message = nb.widget("w2v-step-info"), nb.widget("w2v-step-through-message")
    j_start = w.cbow_softmax_loss(*start, EXAMPLES)

    def shows(k, n, **expected):
        """The CBOW info line says "update k of n" and, to 4 decimals, the expected numbers."""
        def check():
            text = info.inner_text()
            got = parse_cbow(text)
            assert text.startswith(("CBOW", "model changed to CBOW", "B changed", "lr ch")), text
            assert (got.get("k"), got.get("n")) == (str(k), str(n)), text
            for name, value in expected.items():
                if isinstance(value, float):
                    assert float(got[name]) == pytest.approx(value, abs=6e-5), (name, text)
                elif isinstance(value, tuple) and isinstance(value[0], float):
                    assert np.allclose([float(x) for x in got[name]], value, atol=6e-5), text
                else:
                    assert got[name] == value, (name, text)
            assert "nan" not in text.lower() and "inf" not in text.lower()
            return text
        return nb.eventually(check, timeout=20)

    # The toggle: CBOW restarts from the seeded start, says so, and B's slider ends at 6.
    model.get_by_role("button", name="CBOW").click()
    text = shows(0, 0, J=j_start, B="1", lr=f"{LR:g}")
    assert text.startswith("model changed to CBOW, restarted from the seeded start")
    nb.eventually(lambda: _equal(batch.max, len(EXAMPLES)))
    shows_figure(nb)

    # Step: update 1 is example 1, cat, sits -> the; P(the | cat, sits) before and after.
    step.click()
    (context, target), after1 = EXAMPLES[0], cbow_sgd(start, 1, LR, 1)
    given = ", ".join(WORDS[j] for j in context)
    p = (w.cbow_probs(*start, context)[target], w.cbow_probs(*after1, context)[target])
    shows(1, 1, batch=("1", "6"), examples=f"1 {given}→{WORDS[target]}",
          P=(WORDS[target], given, f"{p[0]:.3f}", f"{p[1]:.3f}"), J=j_start,
          loss=(w.cbow_softmax_loss(*start, EXAMPLES[:1]),
                w.cbow_softmax_loss(*after1, EXAMPLES[:1])))
    nb.screenshot(info, suffix="-cbow")

    # Step ×10: update 11 is example 5 of epoch 2; J over all examples before it.
    step10.click()
    shows(11, 11, batch=("5", "6"), J=w.cbow_softmax_loss(*cbow_sgd(start, 10, LR, 1), EXAMPLES))

    # B slider, keyboard End: B = 6, one update per epoch, all six examples in it.
    batch.press("End")
    shows(0, 0, B="6", J=j_start)
    step.click()
    full = cbow_sgd(start, 1, LR, 6)
    shows(1, 1, batch=("1", "1"), loss=(j_start, w.cbow_softmax_loss(*full, EXAMPLES)))

    # A bad state: lr at its right end with B = 1 overshoots; Step ×10 stops at the last
    # good update with a readable message, never a NaN or a traceback.
    lr.click_at(lr.max)
    big = lr.value
    batch.press("Home")
    shows(0, 0, lr=f"{big:g}", B="1")
    stop = next(k for k in range(1, 200)
                if not w.cbow_softmax_loss(*cbow_sgd(start, k, big, 1), EXAMPLES) <= 10 * j_start)
    for _ in range(math.ceil(stop / 10)):
        step10.click()
    shows(stop - 1, stop - 1)
    nb.eventually(lambda: _readable(message.inner_text()))
    assert "too large" in message.inner_text()
    print(f"\nCBOW, lr = {big:g}: {message.inner_text()}")

    # Back to skip-gram: its own start line, B up to 18 again.
    model.get_by_role("button", name="skip-gram").click()
    nb.eventually(lambda: _empty(message.inner_text()))
    nb.eventually(lambda: _equal(parse(info.inner_text()).get("J"),
                                 f"{w.nll_loss(*start, PAIRS):.4f}"))
    assert "model changed to skip-gram" in info.inner_text()
    nb.eventually(lambda: _equal(batch.max, len(PAIRS)))


def _equal(got, expected):
    assert got == expected, (got, expected)
