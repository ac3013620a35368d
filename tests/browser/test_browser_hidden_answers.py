"""No question shows its answer: every notebook, opened with its stored outputs (no kernel
run) in JupyterLab at 1400 x 900, as a learner sees it before answering.

The answers. Each notebook is first executed headless (nbclient, in memory) with
``quiz.answer_log`` switched on: every question asked (``quiz.ask``/``quiz.check``, and so
``exercises.ask``/``exercises.check``) records the answer w2v_lib computes for it, from the
notebook's own state, and the cell that asked it.

A question cell is a code cell calling ``quiz.ask``, ``quiz.check``, ``exercises.ask`` or
``exercises.check``. For each one the test reads the rendered text blocks (a paragraph, a list
item, a table row, a heading, a code line, an output) from the previous question cell down to
one screen-height (900 px) below the bottom of the question cell, where its check box is once
run. A collapsed input or output, and the inside of a closed ``<details>``, are not rendered,
so they are not read. Then:

- a numeric answer with two or more significant digits must not appear as a number in those
  blocks, at any printed precision of two or more significant digits (1.609, 1.61 and 1.6 all
  show log 5; 76.4% shows 0.764);
- a word answer must not appear as a whole word, outside the markdown cell right above a
  question (which poses it) and outside blocks that name every one of the question's choices
  (a listing such as the printed tokens, which singles out no word). Choices come from the
  question (``choices=``), else the answer is the only one;
- set and yes/no answers are not sought (a set is spelt in many orders, "yes" is common prose);
- the question cell's code is hidden (``source_hidden``, collapsed on the page) or answer-free:
  only ``your_answer = None``, names, constants and one ``exercises``/``quiz`` call without an
  ``answer=`` argument or any computation;
- a **Write it yourself** cell (``exercises.check_<name>(fn)``) stores the "not written yet"
  verdict of its empty stub.
"""

import ast
import json
import math
import re
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from w2v_lib.teach.write_it import NOT_YET

NOTEBOOKS = Path(__file__).resolve().parents[2] / "notebooks"
WIDTH, HEIGHT = 1400, 900
NOTEBOOK_NAMES = sorted(p.name for p in NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))
QUESTION_CALL = re.compile(r"\b(quiz|exercises)\.(ask|check)\(")
WRITE_IT_CALL = re.compile(r"\bexercises\.check_\w+\(")

_RECORD = """
import json as _json
from IPython import get_ipython as _get_ipython
from w2v_lib.teach import quiz as _quiz
_quiz.answer_log, _CELL = [], {"source": ""}
_get_ipython().events.register("pre_run_cell", lambda info: _CELL.update(source=info.raw_cell))
_log_first = _quiz._log
def _log(prompt, answer, choices):
    _quiz.answer_log.append({"cell": _CELL["source"], "prompt": prompt, "answer": answer,
                             "choices": None if choices is None else [str(c) for c in choices]})
_quiz._log = _log
"""
_DUMP = """
def _plain(x):
    if isinstance(x, (set, frozenset)):
        return {"set": sorted(str(_plain(i)) for i in x)}
    if hasattr(x, "item"):
        x = x.item()
    return x
print("ANSWERS" + _json.dumps([dict(r, answer=_plain(r["answer"]),
                                    kind=type(_plain(r["answer"])).__name__)
                               for r in _quiz.answer_log]))
"""


def answers_of(name):
    """[(cell index, record)] for every question the notebook asks, from a headless run."""
    nb = nbformat.read(NOTEBOOKS / name, as_version=4)
    sources = [c.source for c in nb.cells]
    run = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(_RECORD), *nb.cells,
                                          nbformat.v4.new_code_cell(_DUMP)],
                                   metadata=nb.metadata)
    NotebookClient(run, timeout=600, kernel_name="python3",
                   resources={"metadata": {"path": str(NOTEBOOKS)}}).execute()
    text = "".join(o.get("text", "") for o in run.cells[-1].outputs)
    records = json.loads(text[text.index("ANSWERS") + len("ANSWERS"):])
    out = []
    for rec in records:
        index = [i for i, s in enumerate(sources) if s == rec["cell"]]
        assert len(index) == 1, f"{name}: cannot tell which cell asked {rec['prompt']!r}"
        out.append((index[0], rec))
    return out


# --- what the page shows -------------------------------------------------------------------

_BLOCKS = """path => {
  const panel = window.jupyterapp.shell.widgets('main').find(
    w => w.context && w.context.path === path && w.content && w.content.model);
  const scroller = panel.content.node;
  const origin = scroller.getBoundingClientRect().top - scroller.scrollTop;
  const shown = el => el.getClientRects().length > 0;
  const out = [];
  panel.content.widgets.forEach((cell, i) => {
    const box = cell.node.getBoundingClientRect();
    const blocks = [];
    const add = (el, kind) => {
      if (!shown(el)) return;
      const text = el.innerText.trim();
      if (text) blocks.push({text, kind, top: el.getBoundingClientRect().top - origin});
    };
    if (cell.model.type === 'markdown') {
      const md = cell.node.querySelector('.jp-RenderedMarkdown');
      if (md) for (const el of md.children) {
        const parts = el.matches('ul, ol') ? el.querySelectorAll(':scope > li')
          : el.matches('table') ? el.querySelectorAll('tr') : [el];
        for (const part of parts) add(part, 'markdown');
      }
    } else if (cell.model.type === 'code') {
      const lines = cell.node.querySelectorAll('.jp-InputArea .cm-line');
      if (!cell.inputHidden) for (const line of lines)
        add(line, 'code');
      if (!cell.outputHidden)
        for (const el of cell.node.querySelectorAll('.jp-OutputArea-output')) add(el, 'output');
    }
    out.push({index: i, type: cell.model.type, top: box.top - origin,
              bottom: box.bottom - origin, inputHidden: !!cell.inputHidden, blocks});
  });
  return out;
}"""

_SETTLED = """async path => {
  const panel = window.jupyterapp.shell.widgets('main').find(
    w => w.context && w.context.path === path && w.content && w.content.model);
  await Promise.all([...panel.node.querySelectorAll('img')].map(i => i.decode().catch(() => 0)));
  if (window.MathJax && MathJax.startup && MathJax.startup.promise) await MathJax.startup.promise;
  await new Promise(r => setTimeout(r, 300));
  return panel.node.querySelectorAll('.jp-Cell').length;
}"""


def page_cells(page, path):
    """The rendered cells, once their layout stops moving (images decoded, maths typeset)."""
    before = None
    for _ in range(20):
        page.evaluate(_SETTLED, path)
        cells = page.evaluate(_BLOCKS, path)
        layout = [(c["top"], c["bottom"]) for c in cells]
        if layout == before:
            return cells
        before = layout
    return cells


# --- the rules -----------------------------------------------------------------------------

_NUMBER = re.compile(r"(?<![\w.])[-−]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:[eE][-+−]?\d+)?%?")


def _significant(digits):
    return len(digits.lstrip("0"))


def shows_number(text, answer):
    """The number tokens of ``text`` (>= 2 significant digits) that print ``answer``."""
    found = []
    for token in _NUMBER.findall(text):
        t = token.replace("−", "-").replace(",", "")
        percent = t.endswith("%")
        t = t.rstrip("%")
        mantissa = re.split(r"[eE]", t)[0].lstrip("-")
        if _significant(mantissa.replace(".", "")) < 2:
            continue
        decimals = len(mantissa.partition(".")[2])
        exponent = int(re.split(r"[eE]", t)[1]) if re.search(r"[eE]", t) else 0
        value = float(t) / (100 if percent else 1)
        half_unit = 0.5 * 10 ** (exponent - decimals - (2 if percent else 0))
        if abs(value - answer) <= half_unit * (1 + 1e-9):
            found.append(token)
    return found


def numeric_worth_seeking(answer):
    """True for a numeric answer with two or more significant digits (30, log 5; not 0.2)."""
    x = float(answer)
    if x.is_integer():
        return len(str(abs(int(x)))) >= 2
    return _significant(repr(abs(x)).split("e")[0].replace(".", "")) >= 2


def _allowed_call(node):
    func = node.func
    if not (isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name)
            and func.value.id in ("quiz", "exercises")):
        return False
    if func.value.id == "quiz":  # quiz.ask / quiz.check take the answer as an argument
        return False
    plain = (ast.Constant, ast.Name)
    return all(isinstance(a, plain) for a in node.args) and all(
        isinstance(k.value, plain) and k.arg != "answer" for k in node.keywords)


def answer_free(source):
    """True if the cell's code holds no answer: `your_answer = None`, constants, names and
    calls of exercises.ask/check with plain arguments only."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return False  # e.g. IPython magics: not a plain question cell
    for stmt in tree.body:
        if isinstance(stmt, ast.Assign) and isinstance(stmt.value, ast.Constant):
            continue
        if isinstance(stmt, ast.Assign) and isinstance(stmt.value, ast.Call) \
                and _allowed_call(stmt.value):
            continue
        if isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call) \
                and _allowed_call(stmt.value):
            continue
        return False
    return True


def word_in(text, word):
    return re.search(rf"(?<![\w]){re.escape(word)}(?![\w])", text, flags=re.IGNORECASE)


def problems_of(name, cells, records, stored):
    """Every way the stored notebook shows a question's answer, as readable lines."""
    found = []
    question_cells = sorted({i for i, c in enumerate(stored.cells)
                             if c.cell_type == "code" and QUESTION_CALL.search(c.source)})
    asked = {i for i, _ in records}
    for i in question_cells:
        if i not in asked:
            found.append(f"{name} cell {i}: a question cell that asked nothing when run")
    for i in question_cells:
        cell = stored.cells[i]
        hidden = cells[i]["inputHidden"] and cell.metadata.get("jupyter", {}).get(
            "source_hidden", False)
        if not hidden and not answer_free(cell.source):
            lines = cell.source.strip().splitlines()
            first = next((x for x in lines if "answer=" in x), lines[0]).strip()[:70]
            found.append(f"{name} cell {i}: the question's code is shown and holds its answer "
                         f"or computes it ({first!r} ...)")
    prompts = {i - 1 for i in question_cells
               if i > 0 and stored.cells[i - 1].cell_type == "markdown"}
    for i, rec in records:
        previous = max([q for q in question_cells if q < i], default=None)
        start = cells[previous]["bottom"] if previous is not None else -math.inf
        end = cells[i]["bottom"] + HEIGHT
        seen = [(c["index"], b) for c in cells for b in c["blocks"]
                if start <= b["top"] < end and c["index"] != previous]
        answer, kind, what = rec["answer"], rec["kind"], rec["prompt"] or stored.cells[i].source
        label = f"{name} cell {i} ({what[:60]!r}, answer {answer!r})"
        if kind in ("int", "float") and numeric_worth_seeking(answer):
            for j, block in seen:
                tokens = shows_number(block["text"], float(answer))
                if tokens:
                    found.append(f"{label}: shown as {tokens[0]!r} in cell {j}: "
                                 f"{block['text'][:90]!r}")
        elif kind == "str":
            choices = [c.lower() for c in rec["choices"] or [answer]]
            others = [c for c in choices if c != str(answer).lower()]
            for j, block in seen:
                if j in prompts or j == i:
                    continue
                if word_in(block["text"], answer) and not (
                        others and all(word_in(block["text"], c) for c in others)):
                    found.append(f"{label}: the word shown in cell {j}: {block['text'][:90]!r}")
    for i, cell in enumerate(stored.cells):
        if cell.cell_type == "code" and WRITE_IT_CALL.search(cell.source):
            text = "".join(o.get("text", "") for o in cell.outputs)
            if NOT_YET not in text:
                found.append(f"{name} cell {i}: a Write it yourself cell whose stored output is "
                             f"not the empty stub's verdict: {text[:80]!r}")
    return found


# --- the test ------------------------------------------------------------------------------


@pytest.fixture
def wide_page(lab_page):
    """The session's JupyterLab page at 1400 x 900 (as the learner's window), then back."""
    old = lab_page.viewport_size
    lab_page.set_viewport_size({"width": WIDTH, "height": HEIGHT})
    try:
        yield lab_page
    finally:
        lab_page.set_viewport_size(old)


@pytest.mark.browser
@pytest.mark.parametrize("name", NOTEBOOK_NAMES)
def test_no_question_shows_its_answer(lab, wide_page, open_notebook, name):
    records = answers_of(name)
    stored = nbformat.read(Path(lab.root) / "notebooks" / name, as_version=4)
    nb = open_notebook(name)
    cells = page_cells(wide_page, nb.path)
    assert len(cells) == len(stored.cells), "the page does not show every cell"
    problems = problems_of(name, cells, records, stored)
    assert not problems, f"{len(problems)} answers visible:\n" + "\n".join(problems)


def test_number_rule():
    assert shows_number("J = log V ≈ 1.609 and 1.61, or 1.6", math.log(5)) == \
        ["1.609", "1.61", "1.6"]
    assert shows_number("J(θ) = 1.6014", math.log(5)) == []
    assert shows_number("kept 76.4% of the words", 0.7642) == ["76.4%"]
    assert shows_number("the 18 pairs, 180 updates, 1,800 more", 18) == ["18"]
    assert shows_number("pairs 2 and 8, 0.2", 0.2) == []  # one significant digit
    assert shows_number("L = 3.030e-13", 3.03e-13) == ["3.030e-13"]
    assert not numeric_worth_seeking(5) and not numeric_worth_seeking(0.2)
    assert numeric_worth_seeking(18) and numeric_worth_seeking(math.log(5))


def test_code_rule():
    assert answer_free('your_answer = None\nexercises.check("01-1", your_answer)')
    assert answer_free('exercises.ask("03-q1", center_vecs=center_vecs, outside_vecs=u)')
    assert not answer_free('quiz.ask("How many?", answer=w.count_pairs(6, 2))')
    assert not answer_free("your_answer = None\nnearest = max(words)\n"
                           "quiz.check(your_answer, answer=nearest)")
    assert not answer_free('exercises.check("07-2", your_answer, epochs=count(rec))')
