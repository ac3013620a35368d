"""The notebooks' explorers: one builder per explorer, each an ``explorer.Explorer``.

Each builder returns an ipywidgets container (display it as a cell's last expression) whose
controls and outputs are also attributes (e.g. ``ex.window``, ``ex.count``), so tests can set
a control's value and assert what the learner sees change. The work is done by the plain
functions of ``views`` (re-exported here); a bad value a learner types shows a readable
message on ``ex.message``, never a traceback (``Explorer`` keeps that promise). DOM classes
``w2v-<name>`` let the browser tests find each control.
"""

import html

import ipywidgets as widgets
import numpy as np

from ..cbow_recording import CBOWRecording
from ..cbow_softmax import cbow_examples
from ..checks import check_int
from ..recording import Recording
from ..softmax import init_params
from ..text import build_vocab, tokenize
from ..toy import DENSE_WORDS, TOY_SENTENCE, dense_vectors
from ..windows import skipgram_pairs
from .cbow_view import CBOWStepView, cbow_chips_html, cbow_step_info
from .explorer import Explorer, error_html, one_at_a_time  # noqa: F401 (re-exported)
from .stepper import StepView
from .views import (  # noqa: F401 (re-exported: notebooks call widgets.window_view)
    MAX_EXP_ARG,
    MAX_TABLE_ROWS,
    as_dense_vectors,
    batch_plan,
    html_table,
    pair_table_html,
    scaled_vectors,
    similarity_table,
    softmax_table,
    step_info,
    window_view,
)


def _choice(name, value, options):
    if value not in options:
        raise ValueError(f"{name} {value!r} is not one of the choices {list(options)}")
    return value


def vector_explorer(words=DENSE_WORDS, dense_vecs=None, word_a="hotel", word_b="motel"):
    """Two dropdowns; the result compares the pair's similarity under one-hot and dense vectors.

    Parameters
    ----------
    words : list of str, default toy.DENSE_WORDS
        The V words offered in both dropdowns.
    dense_vecs : array_like of shape (V, d), optional
        Row i the vector of words[i]; default the hand-made ``toy.dense_vectors()``.
        A shape that does not match ``words`` raises ValueError here, at build time.
    word_a, word_b : str, default "hotel", "motel"
        The words shown first (each one of ``words``).

    Attributes: word_a, word_b (Dropdowns), result (HTML table), message (HTML).
    """
    words = list(words)
    dense_vecs = as_dense_vectors(words, dense_vectors() if dense_vecs is None else dense_vecs)
    controls = {
        "word_a": widgets.Dropdown(options=words, value=_choice("word_a", word_a, words),
                                   description="word a"),
        "word_b": widgets.Dropdown(options=words, value=_choice("word_b", word_b, words),
                                   description="word b"),
    }

    def render(word_a, word_b):
        return {"result": similarity_table(word_a, word_b, words, dense_vecs)}

    return Explorer("vector-explorer", controls, {"result": widgets.HTML()}, render)


def window_explorer(sentence=TOY_SENTENCE, window=2, max_window=8):
    """A window-size slider and a sentence box; shows the pair count and the numbered pairs.

    Parameters
    ----------
    sentence : str, default toy.TOY_SENTENCE
        The text shown first.
    window : int, default 2
        The window m shown first, 1 <= window <= max_window.
    max_window : int, default 8
        The slider's largest m.

    Attributes: window (IntSlider), sentence (Text), count (HTML "<N> pairs · closed form
    <N>"), note (HTML, on edge truncation), result (HTML pair table), message (HTML).
    """
    controls = {
        "window": widgets.IntSlider(value=window, min=1, max=max_window, description="window m"),
        "sentence": widgets.Text(value=sentence, description="sentence",
                                 layout=widgets.Layout(width="32em")),
    }

    def render(window, sentence):
        count, table, note = window_view(sentence, window)
        return {"count": count, "note": html.escape(note), "result": table}

    outputs = {name: widgets.HTML() for name in ("count", "note", "result")}
    return Explorer("window-explorer", controls, outputs, render)


def softmax_explorer(words, rng, *, max_dim=10, dim=3, scale=1.0, max_scale=20.0):
    """Pick a center word c, the dimension d and a scale; see P(o | c) step by step.

    Parameters
    ----------
    words : list of str
        V >= 1 distinct words.
    rng : numpy.random.Generator
        Draws the fixed standard-normal (V, max_dim) bases of v_w and u_w once, so moving
        a slider never redraws them: the vectors are scale * (their first d columns).
    max_dim : int, default 10
        The d slider's largest value.
    dim : int, default 3
        The d shown first, 1 <= dim <= max_dim.
    scale, max_scale : float, default 1.0, 20.0
        The scale shown first and the slider's largest scale (>= 0).

    Attributes: center (Dropdown), dim, scale (sliders), result (HTML), message (HTML).
    """
    words = list(words)
    if not words or len(set(words)) != len(words):
        raise ValueError(f"words must be a non-empty list of distinct words, got {words!r}")
    if not isinstance(rng, np.random.Generator):
        raise TypeError(f"rng must be a numpy.random.Generator, got {rng!r}")
    base_center = rng.normal(size=(len(words), max_dim))  # rows v_w before scaling
    base_outside = rng.normal(size=(len(words), max_dim))  # rows u_w before scaling
    controls = {
        "center": widgets.Dropdown(options=words, value=words[min(1, len(words) - 1)],
                                   description="center c"),
        "dim": widgets.IntSlider(value=dim, min=1, max=max_dim, description="d"),
        "scale": widgets.FloatSlider(value=scale, min=0.0, max=max_scale, step=0.1,
                                     description="scale", layout=widgets.Layout(width="480px")),
    }

    def render(center, dim, scale):
        center_vecs = scaled_vectors(base_center, dim, scale)
        outside_vecs = scaled_vectors(base_outside, dim, scale)
        if center not in words:
            raise KeyError(f"center word {center!r} is not in the vocabulary")
        scores = outside_vecs @ center_vecs[words.index(center)]
        return {"result": softmax_table(words, scores)[0]}

    return Explorer("softmax-explorer", controls, {"result": widgets.HTML()}, render,
                    rows=[["center", "dim"], "scale", "message", "result"])


def minibatch_explorer(pairs, *, batch_size=4):
    """A batch-size slider over ``pairs``: the updates of one epoch and their count.

    Parameters
    ----------
    pairs : list of (center, context) pairs
        N >= 1 pairs (words or ids), numbered 1..N in the table.
    batch_size : int, default 4
        The B shown first, 1 <= B <= N.

    Attributes: batch_size (IntSlider), updates (HTML "<K> updates"), result (HTML),
    message (HTML).
    """
    pairs = list(pairs)
    if not pairs:
        raise ValueError("minibatch_explorer needs at least one pair")
    slider = widgets.IntSlider(value=batch_size, min=1, max=len(pairs), description="B")

    def render(batch_size):
        updates, table = batch_plan(pairs, batch_size)
        return {"updates": updates, "result": table}

    return Explorer("minibatch-explorer", {"batch_size": slider},
                    {"updates": widgets.HTML(), "result": widgets.HTML()}, render,
                    rows=[["batch_size", "updates"], "message", "result"])


MODELS = ["skip-gram", "CBOW"]  # the step-through's two models


def step_through(rng, *, text=TOY_SENTENCE, window=2, lr=0.5, batch_size=1, model="skip-gram"):
    """The step-through explorer: Step, Step ×10, Run 5 epochs, Reset, lr, B, model, replay.

    Parameters
    ----------
    rng : numpy.random.Generator
        Draws the start, ``init_params(V, 2, rng)`` (d = 2, to draw it), once for both models.
    text : str, default toy.TOY_SENTENCE
        The training text; one without two words gives no pairs: ValueError.
    window : int, default 2
        The window m of the pairs (and of CBOW's contexts).
    lr : float, default 0.5
        The learning rate shown first, 0.1 <= lr <= 3.
    batch_size : int, default 1
        The B shown first, 1 <= B <= N (SGD at 1); N is the number of pairs for skip-gram,
        of examples (one per position) for CBOW.
    model : {"skip-gram", "CBOW"}, default "skip-gram"
        The model shown first. Both use the full softmax (V is tiny, no sampling needed):
        skip-gram's ``Recording`` over the pairs, or CBOW's ``CBOWRecording`` over the
        examples (the mean of the context's v predicts the center; ``train_cbow`` of
        notebook 10 uses negative sampling instead).

    State is recorded once per update; the replay slider only redraws a recorded update
    (a ``StepView`` or ``CBOWStepView``). Changing lr, B or the model restarts from the
    seeded start and says so (B's slider ends at the model's N). A diverging run stops
    with a message under its last good update.
    Attributes: rec, view (of the model shown), step, step10, epochs5, reset (Buttons),
    lr, batch_size, replay (sliders), model (ToggleButtons), step_info (HTML), pairs
    (HTML chips), figure (Image), message (HTML).
    """
    _choice("model", model, MODELS)
    vocab = build_vocab(tokens := tokenize(text))
    pairs = skipgram_pairs(vocab.encode(tokens), window)
    if not pairs:
        raise ValueError(f"text {text!r} gives no pairs: it needs at least two words")
    words, start = vocab.words, init_params(len(vocab), 2, rng)
    items = {"skip-gram": pairs, "CBOW": cbow_examples(vocab.encode(tokens), window)}
    check_int("batch_size", batch_size)
    classes = {"skip-gram": (Recording, StepView), "CBOW": (CBOWRecording, CBOWStepView)}
    shown = {"now": model}  # model -> (Recording, view), both made now; "now" -> the one shown
    for name in sorted(MODELS, key=lambda m: m != model):  # the shown one first: it checks B
        size = batch_size if name == model else min(batch_size, len(items[name]))
        rec = classes[name][0](*start, items[name], lr=lr, batch_size=size)
        shown[name] = rec, classes[name][1](rec, words)
        if name != model:  # drawn once now, so that a first switch to it is fast
            shown[name][1].draw(0)
            shown[name][1].jpeg()
    controls = {
        "step": widgets.Button(description="Step", button_style="primary"),
        "step10": widgets.Button(description="Step ×10"),
        "epochs5": widgets.Button(description="Run 5 epochs"),
        "reset": widgets.Button(description="Reset"),
        "lr": widgets.FloatSlider(value=lr, min=0.1, max=3.0, step=0.1, description="lr",
                                  continuous_update=False),
        "batch_size": widgets.IntSlider(value=batch_size, min=1, max=len(items[model]),
                                        description="B", continuous_update=False),
        "model": widgets.ToggleButtons(options=MODELS, value=model, description="model"),
        "replay": widgets.IntSlider(value=0, min=0, max=0, description="replay"),
    }
    outputs = {"step_info": widgets.HTML(), "pairs": widgets.HTML(),
               "figure": widgets.Image(format="jpeg")}
    notice = {"text": ""}

    def render(replay, **_):
        rec, view = shown[shown["now"]]
        view.draw(replay)
        if shown["now"] == "CBOW":
            current = rec.steps[replay - 1].example_indices if replay else []
            info = cbow_step_info(rec, replay, words)
            chips = cbow_chips_html(words, rec.examples, current)
        else:
            current = rec.steps[replay - 1].pair_indices if replay else []
            info = step_info(rec, replay, words)
            chips = pair_table_html(words, rec.pairs, current)
        return {"step_info": html.escape(notice["text"] + info), "pairs": chips,
                "figure": view.jpeg()}

    ex = Explorer("step-through", controls, outputs, render, live=["replay"],
                  rows=[["step", "step10", "epochs5", "reset"], ["lr", "batch_size", "replay"],
                        "model", "step_info", "message", "pairs", "figure"])

    def now():  # the Recording shown
        return shown[shown["now"]][0]

    def show_latest():
        ex.rec, ex.view = shown[shown["now"]]
        ex.replay.max = ex.replay.value = len(now().steps)

    def step(n):
        notice["text"] = ""
        try:
            now().step(n)
        finally:  # after a divergence, show the last good update under the message
            show_latest()

    def restart(text):
        now().reset(lr=ex.lr.value, batch_size=ex.batch_size.value)
        notice["text"] = text
        show_latest()

    def switch():
        name = ex.model.value
        shown["now"] = name
        ex.batch_size.max = len(items[name])  # may lower B, which restarts too
        restart(f"model changed to {name}, restarted from the seeded start: ")

    ex.on_click("step", lambda: step(1))
    ex.on_click("step10", lambda: step(10))
    ex.on_click("epochs5", lambda: step(5 * now().updates_per_epoch))
    ex.on_click("reset", lambda: restart("reset: "))
    ex.on_change("lr", lambda: restart(f"lr changed to {ex.lr.value:g}, restarted from the "
                                       "seeded start: "))
    ex.on_change("batch_size", lambda: restart(f"B changed to {ex.batch_size.value}, restarted "
                                               "from the seeded start: "))
    ex.on_change("model", switch)
    ex.rec, ex.view = shown[model]
    return ex
