"""The browser suite's fixtures: one JupyterLab server and one headless Chromium per session.

``lab`` starts ``jupyter lab`` from this environment on 127.0.0.1 (free port, random token,
config/data/runtime dirs in a temp folder) over a *copy* of notebooks/, so nothing a test
does is ever saved into the repo; it is stopped at the end whatever happens.
``browser`` is Chromium driven by Playwright (sync API): $CHROMIUM, else a system Chromium,
else Playwright's own. A missing browser fails the suite with a message, never skips it.
``open_notebook(name)`` gives a ``Notebook`` page helper: run all, check for errors,
find widgets by their ``w2v-*`` DOM class, take a screenshot.
"""

import functools
import json
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
NOTEBOOKS = REPO / "notebooks"
SCREENSHOTS = REPO / "screenshots"

LAUNCH_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]
HOW_TO_GET_A_BROWSER = (
    "The browser tests need Chromium. Install it (Debian/Ubuntu: `apt-get install chromium`), "
    "or set $CHROMIUM to a Chromium/Chrome executable, or run "
    "`.venv/bin/python -m playwright install chromium` (needs internet)."
)

# JupyterLab user settings: no news or update toasts over the page, no autosave (the served
# files are copies anyway), and every cell attached to the DOM so the page can be inspected.
LAB_SETTINGS = {
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {
        "fetchNews": "false", "checkForUpdates": False,
    },
    "@jupyterlab/docmanager-extension/plugin.jupyterlab-settings": {"autosave": False},
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
}
SERVER_CONFIG = {
    "LabApp": {
        "news_url": None,
        "check_for_updates_class": "jupyterlab.handlers.announcements.NeverCheckForUpdate",
        "expose_app_in_browser": True,
    },
    "ServerApp": {"terminals_enabled": False},
}


# --- the JupyterLab server -----------------------------------------------------------------


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _serve_root(root):
    """A folder like the repo: notebooks/ copied, every other top-level entry symlinked."""
    root.mkdir()
    for entry in REPO.iterdir():
        if entry.name in (".git", ".venv", "notebooks", "screenshots"):
            continue
        (root / entry.name).symlink_to(entry)
    if NOTEBOOKS.is_dir():
        shutil.copytree(NOTEBOOKS, root / "notebooks",
                        ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    else:
        (root / "notebooks").mkdir()


class Lab:
    """A running JupyterLab: ``url``, ``token``, ``root`` (the served folder)."""

    def __init__(self, url, token, root, log_path):
        self.url, self.token, self.root, self.log_path = url, token, root, log_path

    def api(self, path, method="GET"):
        req = urllib.request.Request(f"{self.url}/api/{path}", method=method,
                                     headers={"Authorization": f"token {self.token}"})
        with urllib.request.urlopen(req, timeout=10) as resp:
            body = resp.read()
        return json.loads(body) if body else None

    def log_tail(self, n=40):
        lines = self.log_path.read_text(errors="replace").splitlines()
        return "\n".join(lines[-n:])

    def shutdown_sessions(self):
        for session in self.api("sessions"):
            self.api(f"sessions/{session['id']}", method="DELETE")


def start_lab(tmp):
    """Start ``jupyter lab`` serving a copy of the repo under ``tmp``; returns (Popen, Lab)."""
    root = tmp / "root"
    _serve_root(root)
    config, data, runtime = tmp / "config", tmp / "data", tmp / "runtime"
    settings = config / "lab" / "user-settings"
    for name, value in LAB_SETTINGS.items():
        path = settings / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(value))
    (config / "jupyter_server_config.json").write_text(json.dumps(SERVER_CONFIG))
    data.mkdir()
    runtime.mkdir()
    env = dict(os.environ, JUPYTER_CONFIG_DIR=str(config), JUPYTER_DATA_DIR=str(data),
               JUPYTER_RUNTIME_DIR=str(runtime), JUPYTERLAB_SETTINGS_DIR=str(settings),
               JUPYTERLAB_WORKSPACES_DIR=str(tmp / "workspaces"), PYTHONUNBUFFERED="1")
    env.pop("JUPYTER_PATH", None)  # the kernelspec is found in sys.prefix/share/jupyter
    port, token = _free_port(), secrets.token_hex(16)
    log_path = tmp / "jupyter.log"
    cmd = [sys.executable, "-m", "jupyter", "lab", "--allow-root", "--no-browser",
           "--ip=127.0.0.1", f"--port={port}", "--ServerApp.port_retries=0",
           f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={root}"]
    with open(log_path, "wb") as log:
        proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, env=env, cwd=root,
                                stdin=subprocess.DEVNULL)
    return proc, Lab(f"http://127.0.0.1:{port}", token, root, log_path)


def wait_until_up(proc, lab, timeout=90):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"jupyter lab exited with code {proc.returncode}:\n{lab.log_tail()}")
        try:
            lab.api("status")
            return
        except OSError:
            time.sleep(0.3)
    pytest.fail(f"jupyter lab did not answer within {timeout} s:\n{lab.log_tail()}")


def stop(proc):
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@pytest.fixture(scope="session")
def lab(tmp_path_factory):
    proc, server = start_lab(tmp_path_factory.mktemp("jupyterlab"))
    try:
        wait_until_up(proc, server)
        yield server
    finally:
        try:
            if proc.poll() is None:
                server.shutdown_sessions()
        except OSError:
            pass
        finally:
            stop(proc)


# --- the browser ---------------------------------------------------------------------------


def find_chromium():
    """Path of a Chromium to drive, or None for Playwright's own; $CHROMIUM must exist."""
    env = os.environ.get("CHROMIUM")
    if env:
        found = shutil.which(env)
        if not found:
            pytest.fail(f"$CHROMIUM={env!r} is not an executable. {HOW_TO_GET_A_BROWSER}")
        return found
    if os.access("/usr/bin/chromium", os.X_OK):
        return "/usr/bin/chromium"
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


def launch_browser(playwright):
    path = find_chromium()
    if path:
        return playwright.chromium.launch(executable_path=path, args=LAUNCH_ARGS)
    try:
        return playwright.chromium.launch(args=LAUNCH_ARGS)
    except Exception as first:  # Playwright's own browser is not installed: try to get it
        install = subprocess.run([sys.executable, "-m", "playwright", "install", "chromium"],
                                 capture_output=True, text=True, timeout=300)
        if install.returncode != 0:
            pytest.fail(f"No Chromium found ($CHROMIUM, /usr/bin/chromium, chromium-browser, "
                        f"google-chrome) and `python -m playwright install chromium` failed:\n"
                        f"{install.stdout[-1500:]}{install.stderr[-1500:]}\n"
                        f"({first.__class__.__name__})\n{HOW_TO_GET_A_BROWSER}")
        return playwright.chromium.launch(args=LAUNCH_ARGS)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = launch_browser(p)
        try:
            yield chromium
        finally:
            chromium.close()


# --- a notebook in the page ----------------------------------------------------------------

# JS run in the page, through the app object (LabApp.expose_app_in_browser): the panel of
# the notebook at ``path`` (its path relative to the served root).
_PANEL = """const panel = window.jupyterapp.shell.widgets('main').find(
    w => w.context && w.context.path === path && w.content && w.content.model);"""

_KERNEL_READY = f"""path => {{
  {_PANEL}
  const kernel = panel && panel.sessionContext.session && panel.sessionContext.session.kernel;
  return !!kernel && kernel.connectionStatus === 'connected' && kernel.status === 'idle';
}}"""

_ALL_RAN = f"""path => {{
  {_PANEL}
  const prompts = [...panel.node.querySelectorAll(
    '.jp-CodeCell .jp-InputPrompt:not(.jp-Placeholder-prompt)')];  // hidden code: no number
  return prompts.length > 0 && prompts.every(p => /^\\[\\d+\\]:$/.test(p.textContent.trim()));
}}"""

_ERRORS = f"""path => {{
  {_PANEL}
  const found = [];
  const cells = panel.content.model.cells;
  for (let i = 0; i < cells.length; i++) {{
    const cell = cells.get(i);
    if (cell.type !== 'code') continue;
    for (let j = 0; j < cell.outputs.length; j++) {{
      const out = cell.outputs.get(j).toJSON();
      if (out.output_type === 'error')
        found.push(`cell ${{i}}: ${{out.ename}}: ${{out.evalue}}`);
      const stderr = out.output_type === 'stream' && out.name === 'stderr';
      const text = stderr ? [].concat(out.text).join('') : '';
      if (/Traceback|Error|Warning/.test(text))
        found.push(`cell ${{i}} stderr: ${{text.slice(0, 300)}}`);
    }}
  }}
  for (const el of panel.node.querySelectorAll('.jp-OutputArea-output')) {{
    const t = el.textContent;
    if (/Error displaying widget|Error creating widget|Failed to load model class/.test(t))
      found.push('widget: ' + t.slice(0, 200));
  }}
  return found;
}}"""

_UNRENDERED = f"""path => {{
  {_PANEL}
  const missing = [];
  panel.content.widgets.forEach((cell, i) => {{
    if (cell.model.type !== 'code') return;
    const views = [];
    for (let j = 0; j < cell.model.outputs.length; j++) {{
      const data = cell.model.outputs.get(j).toJSON().data || {{}};
      if (data['application/vnd.jupyter.widget-view+json']) views.push(j);
    }}
    const shown = cell.node.querySelectorAll('.jp-OutputArea-output .jupyter-widgets').length;
    if (views.length && (!shown || /Loading widget/.test(cell.node.textContent)))
      missing.push(i);
  }});
  return missing;
}}"""

_OPEN = """async path => {
  const panel = await window.jupyterapp.commands.execute('docmanager:open', {path});
  await panel.context.ready;
  return panel.id;
}"""

_CLOSE = f"""async path => {{
  {_PANEL}
  if (!panel) return;
  await panel.sessionContext.shutdown();
  panel.context.model.dirty = false;  // closes without a "save changes?" dialog
  panel.dispose();
}}"""


class Notebook:
    """One notebook open in JupyterLab: ``page`` (shared), ``panel`` (its tab's locator)."""

    def __init__(self, page, name, root):
        self.page, self.name, self.path = page, name, f"notebooks/{name}"
        self.file = root / self.path  # the served copy
        panel_id = page.evaluate(_OPEN, self.path)
        self.panel = page.locator(f"#{panel_id}")
        self.panel.locator(".jp-Notebook .jp-Cell").first.wait_for(timeout=60_000)
        # Really connected: the session's kernel is connected and idle, not just the icon.
        page.wait_for_function(_KERNEL_READY, arg=self.path, timeout=60_000, polling=200)

    @staticmethod
    def eventually(check, timeout=10.0):
        return eventually(check, timeout)

    def run_all(self, timeout=120_000):
        """Run → Run All Cells from the menu bar; wait until every code cell has a number."""
        self.page.locator(".lm-MenuBar-itemLabel", has_text=re.compile(r"^Run$")).click()
        self.page.locator('li.lm-Menu-item[data-command="runmenu:run-all"]').click()
        self.page.wait_for_function(_ALL_RAN, arg=self.path, timeout=timeout, polling=250)
        self.page.wait_for_function(_KERNEL_READY, arg=self.path, timeout=timeout, polling=250)

    def errors(self):
        """Error outputs, stderr tracebacks/warnings and widgets that failed to display."""
        return self.page.evaluate(_ERRORS, self.path)

    def run_all_cleanly(self):
        """Run All, then assert no cell shows an error and every widget output rendered."""
        self.run_all()
        assert self.errors() == []
        assert self.unrendered_widgets() == [], "cells whose widgets did not render"

    def unrendered_widgets(self):
        """Indices of cells whose output is a widget that the page did not render."""
        return self.page.evaluate(_UNRENDERED, self.path)

    def check_quizzes(self, answers=None):
        """Use every quiz.ask widget as a learner: check an empty box, a wrong guess, and
        (for prompts in ``answers``, {prompt part: right answer from w2v_lib}) the right one.

        Asserts the page has one quiz per ``quiz.ask(`` or ``exercises.ask(`` call; returns
        how many it used.
        """
        answers = dict(answers or {})
        source = json.loads(self.file.read_text())
        expected = sum("".join(c["source"]).count(call) for c in source["cells"]
                       for call in ("quiz.ask(", "exercises.ask("))
        quizzes = self.panel.locator(".jp-OutputArea-output .w2v-quiz")
        assert quizzes.count() == expected, f"{quizzes.count()} quizzes shown, {expected} asked"
        for quiz in quizzes.all():
            box, check = quiz.locator(".w2v-quiz-input input"), quiz.locator(".w2v-quiz-check")
            feedback = quiz.locator(".w2v-quiz-feedback")
            prompt = quiz.inner_text()
            guesses = [("", "Type your prediction first"), ("zzz", "✗")]
            guesses += [(str(a), "✓") for part, a in answers.items() if part in prompt]
            for given, verdict in guesses:
                box.fill(given)
                check.click()
                eventually(functools.partial(_shows_verdict, feedback, verdict, prompt))
            answers = {k: v for k, v in answers.items() if k not in prompt}
        assert not answers, f"no quiz asks {list(answers)}"
        return expected

    def close(self):
        self.page.keyboard.press("Escape")  # a dialog left open by a failed test
        self.page.evaluate(_CLOSE, self.path)

    def widget(self, css_class):
        """The one element with DOM class ``css_class`` (e.g. 'w2v-window'), rendered.

        Rendered means in the page inside an output area (an empty message still counts).
        """
        loc = self.panel.locator(f".jp-OutputArea-output .{css_class}")
        loc.first.wait_for(state="attached", timeout=30_000)
        assert loc.count() == 1, f"expected one .{css_class} in {self.name}, found {loc.count()}"
        return loc

    @staticmethod
    def table(loc):
        """The rows (with <td> cells) of the HTML table(s) in ``loc``: [[cell text, ...], ...]."""
        return loc.evaluate("""el => [...el.querySelectorAll('tr')]
            .filter(r => r.querySelector('td'))
            .map(r => [...r.querySelectorAll('td')].map(c => c.innerText.trim()))""")

    def slider(self, css_class):
        """The ipywidgets slider with DOM class ``css_class``, visible."""
        loc = self.widget(css_class)
        loc.locator(".noUi-handle").wait_for(state="visible")
        return Slider(self.page, loc)

    def screenshot(self, anchor=None, suffix=""):
        """Screenshot of the page, scrolled to ``anchor`` (a locator), into screenshots/."""
        # Every update drawn first: the kernel is idle once it has sent all of them.
        self.page.wait_for_function(_KERNEL_READY, arg=self.path, timeout=30_000, polling=100)
        if anchor is not None:
            anchor.evaluate("el => el.scrollIntoView({block: 'center'})")
        # Images scrolled into view are decoded lazily: wait for them and two frames.
        self.panel.evaluate("""async el => {
            await Promise.all([...el.querySelectorAll('img')].map(i => i.decode().catch(() => 0)));
            await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
        }""")
        SCREENSHOTS.mkdir(exist_ok=True)
        path = SCREENSHOTS / f"{Path(self.name).stem}{suffix}.png"
        self.page.screenshot(path=str(path))
        print(f"\nscreenshot: {path}")
        return path


def _shows_verdict(feedback, verdict, prompt):
    text = feedback.inner_text()
    assert text.startswith(verdict), f"quiz {prompt!r}: expected {verdict!r}, shows {text!r}"


class Slider:
    """An ipywidgets IntSlider/FloatSlider (noUiSlider) in the page, moved as a learner does."""

    def __init__(self, page, loc):
        self.page, self.loc = page, loc
        self.handle = loc.locator(".noUi-handle")
        self.readout = loc.locator(".widget-readout")

    @property
    def min(self):
        return float(self.handle.get_attribute("aria-valuemin"))

    @property
    def max(self):
        """The slider's upper end now (an explorer may move it, e.g. a replay slider)."""
        return float(self.handle.get_attribute("aria-valuemax"))

    @property
    def value(self):
        """What the learner reads beside the slider."""
        return float(self.readout.inner_text())

    def press(self, key, times=1):
        """Focus the handle and press ``key`` (ArrowRight / ArrowLeft) ``times`` times."""
        self.handle.focus()
        for _ in range(times):
            self.page.keyboard.press(key)

    def _x(self, value):
        box = self.loc.locator(".noUi-base").bounding_box()
        low, high = self.min, self.max
        assert high > low, f"the slider has a single value ({low}): nothing to click"
        x = box["x"] + box["width"] * (value - low) / (high - low)
        return min(max(x, box["x"] + 1), box["x"] + box["width"] - 1), box["y"] + box["height"] / 2

    def click_at(self, value):
        """Click the track where ``value`` is (scrolled into view first: a click at page
        coordinates off screen would do nothing)."""
        self.loc.scroll_into_view_if_needed()
        self.page.mouse.click(*self._x(value))

    def drag_to(self, value):
        """Press the mouse on the handle and drag it to where ``value`` is."""
        self.handle.hover()  # waits until the handle stops moving (a tap animates it)
        self.page.mouse.down()
        self.page.mouse.move(*self._x(value), steps=8)
        self.page.mouse.up()


def eventually(check, timeout=10.0):
    """Retry ``check()`` (which asserts) until it passes or ``timeout`` s pass; returns its value.

    The page changes after a round trip to the kernel, so assertions on it are retried.
    """
    deadline = time.monotonic() + timeout
    while True:
        try:
            return check()
        except AssertionError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.05)


@pytest.fixture(scope="session")
def lab_page(lab, browser):
    """One JupyterLab page for the whole session, as a learner keeps one open."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        page.set_default_timeout(15_000)
        workspace = "w" + secrets.token_hex(4)  # a fresh workspace: nothing restored
        page.goto(f"{lab.url}/lab/workspaces/{workspace}?reset&token={lab.token}")
        page.wait_for_function("() => window.jupyterapp", timeout=60_000)
        page.evaluate("async () => { await window.jupyterapp.restored; }")
        page.evaluate("() => window.jupyterapp.shell.collapseLeft()")  # room for the notebook
        yield page
    finally:
        context.close()


@pytest.fixture
def open_notebook(lab, lab_page):
    """open_notebook('02_windows.ipynb') -> Notebook, open in JupyterLab, kernel connected.

    A notebook that is not in notebooks/ fails the test (it is expected to exist). The tab
    is closed and its kernel shut down afterwards, unsaved.
    """
    opened = []

    def _open(name):
        if not (lab.root / "notebooks" / name).is_file():
            pytest.fail(f"notebooks/{name} does not exist (it was not there when the suite "
                        f"started); this test needs it")
        opened.append(Notebook(lab_page, name, lab.root))
        return opened[-1]

    try:
        yield _open
    finally:
        for nb in opened:
            nb.close()
