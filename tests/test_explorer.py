"""The explorer skeleton: set a control, assert what the learner sees (observers are sync)."""

import threading
import time

import ipywidgets as widgets
import pytest

from w2v_lib.teach import explorer
from w2v_lib.teach.explorer import Explorer


def halves():
    """An explorer showing 12 / n, with a button that sets n to 0 and one that raises."""
    def render(n, label):
        if isinstance(n, float):
            raise TypeError(f"n must be a whole number, got {n!r}")
        return {"result": f"{label}: {12 // n}", "note": f"n = {n}"}  # n = 0: ZeroDivision

    controls = {"n": widgets.IntText(4), "label": widgets.Text("twelve over n"),
                "zero": widgets.Button(), "boom": widgets.Button()}
    ex = Explorer("halves", controls, {"result": widgets.HTML(), "note": widgets.HTML()}, render)
    ex.on_click("zero", lambda: setattr(ex.n, "value", 0))
    return ex


@pytest.mark.parametrize("error", [ValueError("bad v"), TypeError("bad t"), KeyError("bad k"),
                                   IndexError("bad i"), FloatingPointError("bad f")])
def test_each_library_error_becomes_the_message_and_clears_the_outputs(error):
    def render(x):
        if x == "bad":
            raise error
        return {"out": f"<i>{x}</i>"}

    ex = Explorer("one", {"x": widgets.Text("ok")}, {"out": widgets.HTML()}, render)
    assert ex.out.value == "<i>ok</i>" and ex.message.value == ""
    ex.x.value = "bad"
    assert ex.out.value == ""
    assert error.args[0] in ex.message.value and "'" not in ex.message.value  # no KeyError quotes
    ex.x.value = "good again"
    assert ex.out.value == "<i>good again</i>" and ex.message.value == ""


def test_an_error_clears_an_image_output_too():
    """An Image holds bytes: clearing it must not fail (it once raised TypeError)."""
    png = b"\x89PNG\r\n\x1a\n"

    def render(x):
        if x == "bad":
            raise ValueError("no such word")
        return {"picture": png, "caption": x}

    ex = Explorer("pic", {"x": widgets.Text("ok")},
                  {"picture": widgets.Image(format="png"), "caption": widgets.HTML()}, render)
    assert ex.picture.value == png
    ex.x.value = "bad"
    assert ex.picture.value == b"" and ex.caption.value == ""
    assert "no such word" in ex.message.value


def test_an_error_outside_the_library_set_is_not_hidden():
    ex = halves()
    with pytest.raises(ZeroDivisionError):
        ex.n.value = 0  # a bug in render must surface, not turn into a message


def test_the_message_escapes_html():
    def render(x):
        raise ValueError(f"no words in {x!r}")

    ex = Explorer("esc", {"x": widgets.Text("<b>x</b>")}, {"out": widgets.HTML("kept?")}, render)
    assert "&lt;b&gt;x&lt;/b&gt;" in ex.message.value and "<b>" not in ex.message.value
    assert ex.out.value == ""


def test_names_become_attributes_and_dom_classes():
    ex = halves()
    for name, cls in [("n", "w2v-n"), ("label", "w2v-label"), ("result", "w2v-result"),
                      ("note", "w2v-note"), ("message", "w2v-message")]:
        assert cls in getattr(ex, name)._dom_classes
    assert "w2v-halves" in ex._dom_classes and "w2v-halves-message" in ex.message._dom_classes
    assert explorer.dom_class("batch_size") == "w2v-batch-size"
    assert ex.result.value == "twelve over n: 3" and ex.note.value == "n = 4"


def test_default_layout_is_controls_message_outputs():
    ex = halves()
    row, message, result, note = ex.children
    assert list(row.children) == [ex.n, ex.label, ex.zero, ex.boom]
    assert (message, result, note) == (ex.message, ex.result, ex.note)


def test_rows_and_live_choose_the_layout_and_what_re_renders():
    calls = []

    def render(a, b):
        calls.append((a, b))
        return {"out": f"{a}{b}"}

    extra = widgets.HTML("prompt")
    ex = Explorer("lay", {"a": widgets.Text("x"), "b": widgets.Text("y")},
                  {"out": widgets.HTML()}, render, rows=[extra, ["b", "message"], "out"],
                  live=["a"])
    assert ex.children[0] is extra and list(ex.children[1].children) == [ex.b, ex.message]
    ex.b.value = "z"  # not live: nothing re-renders
    assert ex.out.value == "xy" and calls == [("x", "y")]
    ex.a.value = "w"
    assert ex.out.value == "wz"


@pytest.mark.parametrize("name", ["layout", "children", "message", "update"])
def test_a_clashing_name_is_refused(name):
    with pytest.raises(ValueError, match=repr(name)):
        Explorer("bad", {name: widgets.Text()}, {}, lambda **_: {})


def test_an_action_renders_once_and_keeps_its_error_under_the_last_good_state():
    renders = []

    def render(k):
        renders.append(k)
        return {"out": f"k = {k}"}

    ex = Explorer("act", {"k": widgets.IntText(0), "go": widgets.Button()},
                  {"out": widgets.HTML()}, render)

    def go():
        for _ in range(3):
            ex.k.value += 1  # a live control: held, no render per change
        raise FloatingPointError("training diverged at update 4")

    ex.on_click("go", go)
    renders.clear()
    ex.go.click()
    assert renders == [3] and ex.out.value == "k = 3"  # rendered once, from the state left
    assert "training diverged at update 4" in ex.message.value
    ex.k.value = 5
    assert ex.message.value == "" and ex.out.value == "k = 5"


def test_on_change_runs_an_action_for_a_control_that_is_not_live():
    state = {"restarts": 0}

    def render(lr):
        return {"out": f"lr {lr} restarts {state['restarts']}"}

    ex = Explorer("chg", {"lr": widgets.FloatText(0.5)}, {"out": widgets.HTML()}, render,
                  live=[])
    ex.on_change("lr", lambda: state.update(restarts=state["restarts"] + 1))
    ex.lr.value = 1.5
    assert ex.out.value == "lr 1.5 restarts 1"


def test_one_at_a_time_serializes_callbacks_from_threads():
    events = []

    @explorer.one_at_a_time
    def callback(name):
        events.append(("enter", name))
        time.sleep(0.02)
        events.append(("exit", name))

    threads = [threading.Thread(target=callback, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    kinds = [kind for kind, _ in events]
    assert kinds == ["enter", "exit"] * 4  # never two callbacks inside at once
    assert [name for _, name in events[::2]] == [name for _, name in events[1::2]]


def test_error_html_reads_the_first_argument():
    shown = explorer.error_html(KeyError("word x is missing"))
    assert "⚠ word x is missing</span>" in shown and "&#x27;" not in shown  # str() quotes
    assert explorer.error_html(ValueError()).endswith("⚠ </span>")
