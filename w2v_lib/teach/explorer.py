"""The one explorer skeleton: named controls, a render function, a message line, one lock.

Every explorer of the notebooks (and every ``quiz.ask`` question) is an ``Explorer``: an
ipywidgets VBox built from

- **controls**, a dict ``{name: widget}`` (sliders, dropdowns, text boxes, buttons);
- **outputs**, a dict ``{name: widget}`` of widgets with a ``value`` (HTML, Image, ...);
- **render**, a plain function called with the current value of every control that has one
  (buttons have none), as keyword arguments, returning ``{output name: new value}``.

Each control and output becomes an attribute (``ex.window``) and gets the DOM class
``w2v-<name>`` (underscores become hyphens: ``batch_size`` -> ``w2v-batch-size``); the
container gets ``w2v-<kind>``. ``ex.message`` is the message line, with the classes
``w2v-message`` and ``w2v-<kind>-message`` (one per page even beside quiz questions).

The promise "a bad value shows a readable message, never a traceback" is kept here, in one
place: when ``render`` or an action raises one of ``ERRORS`` (the exceptions w2v_lib raises
for bad input or a diverging run), the outputs are cleared and the message line shows the
error's text. Every callback runs under one lock (``one_at_a_time``), so two of them never
interleave.

Example: an explorer of ``n`` words' one-hot length, with a button that doubles ``n``.

>>> import ipywidgets as widgets
>>> from w2v_lib.teach.explorer import Explorer
>>> def render(n):
...     if n < 1:
...         raise ValueError(f"n must be >= 1, got {n}")
...     return {"result": f"<b>{n}</b> numbers"}
>>> ex = Explorer("demo", {"n": widgets.IntText(3), "double": widgets.Button()},
...               {"result": widgets.HTML()}, render)
>>> ex.on_click("double", lambda: setattr(ex.n, "value", 2 * ex.n.value))
>>> ex.result.value, ex.message.value
('<b>3</b> numbers', '')
>>> ex.double.click(); ex.result.value
'<b>6</b> numbers'
>>> ex.n.value = 0          # a bad value: a message instead of the result
>>> ex.result.value, "n must be &gt;= 1, got 0" in ex.message.value
('', True)
>>> "w2v-n" in ex.n._dom_classes and "w2v-demo" in ex._dom_classes
True
>>> ex.message._dom_classes
('w2v-message', 'w2v-demo-message')
"""

import contextlib
import functools
import html
import threading

import ipywidgets as widgets

ERRORS = (ValueError, TypeError, KeyError, IndexError, FloatingPointError)

_CALLBACK_LOCK = threading.RLock()


def one_at_a_time(callback):
    """Make a widget callback wait until no other callback is running.

    JupyterLab may deliver a widget message on a kernel subshell thread while another
    callback is still running (ipykernel 7); two interleaved redraws could leave a view
    half-updated or showing a stale input. Every explorer's callbacks share one lock.

    Parameters
    ----------
    callback : callable
        Any function; the wrapper passes its arguments through and returns its result.
    """

    @functools.wraps(callback)
    def run(*args, **kwargs):
        with _CALLBACK_LOCK:
            return callback(*args, **kwargs)

    return run


def error_html(err):
    """A caught exception as a one-line HTML message, its text escaped.

    Parameters
    ----------
    err : BaseException
        Shown by its first argument (a KeyError's ``str()`` would add quotes).
    """
    text = str(err.args[0]) if err.args else str(err)
    return f'<span style="color:#b00020">⚠ {html.escape(text)}</span>'


def dom_class(name):
    """The DOM class of a control or explorer called ``name``: ``w2v-`` + name, ``_`` -> ``-``.

    >>> dom_class("batch_size")
    'w2v-batch-size'
    """
    return "w2v-" + name.replace("_", "-")


class Explorer(widgets.VBox):
    """An explorer: controls, outputs, a message line and one render function.

    Parameters
    ----------
    kind : str
        Names the explorer; the container's DOM class is ``w2v-<kind>``.
    controls : dict of {str: ipywidgets.Widget}
        The learner's controls, in display order. Each is an attribute of the explorer.
    outputs : dict of {str: ipywidgets.Widget}
        What ``render`` fills in; each needs a ``value`` trait. Cleared on an error.
    render : callable
        ``render(**values) -> {output name: value}``, ``values`` being the current
        ``value`` of every control that has one. It may raise any of ``ERRORS``.
    rows : list, optional
        The layout, top to bottom: each entry a name, a widget, or a list of them (one
        row). Default: all controls in one row, the message line, then each output.
    live : list of str, optional
        The controls whose change re-renders. Default: every control with a ``value``.
        Buttons act through ``on_click``; other reactions through ``on_change``.

    Renders once when built. Raises ValueError for a name that clashes with an attribute
    of the container (``layout``, ``children``, ``message``, ...).
    """

    def __init__(self, kind, controls, outputs, render, *, rows=None, live=None):
        super().__init__()
        self.add_class(dom_class(kind))
        self.message = widgets.HTML("")
        self.message.add_class("w2v-message")
        self.message.add_class(dom_class(f"{kind}-message"))
        self._controls, self._outputs, self._render = dict(controls), dict(outputs), render
        self._holding = 0
        for name, widget in {**self._controls, **self._outputs}.items():
            if hasattr(type(self), name) or name in vars(self):
                raise ValueError(f"the name {name!r} clashes with an attribute of the explorer")
            widget.add_class(dom_class(name))
            setattr(self, name, widget)
        valued = [n for n, c in self._controls.items() if isinstance(c, widgets.ValueWidget)]
        for name in valued if live is None else live:
            self._controls[name].observe(self.update, names="value")
        if rows is None:
            rows = [list(self._controls), "message", *self._outputs]
        self.children = [self._row(row) for row in rows]
        self.update()

    def _widget(self, item):
        return getattr(self, item) if isinstance(item, str) else item

    def _row(self, row):
        if isinstance(row, (list, tuple)):
            return widgets.HBox([self._widget(item) for item in row])
        return self._widget(row)

    def values(self):
        """{control name: current value} for every control that has a value."""
        return {n: c.value for n, c in self._controls.items()
                if isinstance(c, widgets.ValueWidget)}

    @one_at_a_time
    def update(self, _=None):
        """Render the outputs from the controls' values now; a bad value shows a message.

        Does nothing while an action runs (the action renders once when it ends).
        Returns True if the outputs were rendered, False if a message is shown instead.
        """
        if self._holding:
            return False
        try:
            shown = self._render(**self.values())
        except ERRORS as err:
            self.show_error(err)
            return False
        for name, value in shown.items():
            self._outputs[name].value = value
        self.message.value = ""
        return True

    def show_error(self, err):
        """Clear every output and show ``err`` (an exception) on the message line."""
        for widget in self._outputs.values():  # each back to its empty value ('' or b'')
            widget.value = widget.traits()["value"].default()
        self.message.value = error_html(err)

    @contextlib.contextmanager
    def _hold(self):
        self._holding += 1
        try:
            yield
        finally:
            self._holding -= 1

    def action(self, fn):
        """Wrap ``fn()`` as a widget callback: under the lock, renders once when it is done.

        Changes ``fn`` makes to live controls do not re-render one by one. If ``fn`` raises
        one of ``ERRORS``, the outputs are rendered from the state it left and its error
        stays on the message line (e.g. "training diverged ..." under the last good step).
        """

        @one_at_a_time
        def run(*_):
            error = None
            with self._hold():
                try:
                    fn()
                except ERRORS as err:
                    error = err
            if self.update() and error is not None:
                self.message.value = error_html(error)

        return run

    def on_click(self, name, fn):
        """Run ``fn()`` (as an ``action``) when the button control ``name`` is pressed."""
        self._controls[name].on_click(self.action(fn))

    def on_change(self, name, fn):
        """Run ``fn()`` (as an ``action``) when control ``name`` changes value.

        Use it for a control not in ``live`` whose change must do more than re-render.
        """
        self._controls[name].observe(self.action(fn), names="value")
