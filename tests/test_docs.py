"""Every public name is documented numpydoc-style: each parameter of its signature is listed.

For each name in ``w2v_lib.__all__`` the docstring has a "Parameters" section (or, for a
dataclass of results, an "Attributes" section) naming every parameter of its signature (of
``__init__`` for a class) at the start of a line, alone or in a comma-separated group such as
``center_vecs, outside_vecs : ndarray of shape (V, d)``; functions also have a "Returns"
section.
"""

import dataclasses
import inspect
import re

import pytest

import w2v_lib

_HEADER = re.compile(r"^(\w[\w ]*)\n-{3,}$", re.MULTILINE)


def _sections(doc):
    """dict section title -> its text, for the numpydoc sections of a docstring."""
    heads = list(_HEADER.finditer(doc))
    return {
        head.group(1): doc[head.end():heads[k + 1].start() if k + 1 < len(heads) else len(doc)]
        for k, head in enumerate(heads)
    }


def _documented_names(section):
    """The names at the start of the section's unindented lines (before " : ")."""
    names = set()
    for line in section.splitlines():
        if not line or line[0].isspace():
            continue
        for name in line.split(" : ")[0].split(","):
            names.add(name.strip().strip("()*"))
    return names


def _parameters(obj):
    """The parameter names of obj's signature (of __init__ for a class), self excluded."""
    return [name for name in inspect.signature(obj).parameters if name != "self"]


def doc_problems(obj):
    """What obj's docstring lacks: a list of messages, empty when it is complete."""
    doc = inspect.getdoc(obj) or ""
    sections = _sections(doc)
    problems = []
    wanted = ["Parameters"]
    if dataclasses.is_dataclass(obj):
        wanted.append("Attributes")
    present = [title for title in wanted if title in sections]
    if not present:
        return [f"no {' or '.join(wanted)} section"]
    listed = set().union(*(_documented_names(sections[title]) for title in present))
    missing = [name for name in _parameters(obj) if name not in listed]
    if missing:
        problems.append(f"{' / '.join(present)} does not list {', '.join(missing)}")
    if inspect.isfunction(obj) and "Returns" not in sections:
        problems.append("no Returns section")
    return problems


@pytest.mark.parametrize("name", w2v_lib.__all__)
def test_public_name_is_documented(name):
    obj = getattr(w2v_lib, name)
    assert doc_problems(obj) == [], f"{name}: {doc_problems(obj)}"


def test_check_catches_an_undocumented_function():
    def undocumented(words, window=5):
        """Does something.

        Parameters
        ----------
        words : list of str
            The words.
        """
        return words, window

    problems = doc_problems(undocumented)
    assert any("window" in p for p in problems), problems
    assert "no Returns section" in problems

    def bare(x):
        """No sections at all."""
        return x

    assert doc_problems(bare) == ["no Parameters section"]


def test_check_accepts_a_documented_function_with_a_group():
    def documented(center_vecs, outside_vecs, *, k=1):
        """Does something.

        Parameters
        ----------
        center_vecs, outside_vecs : ndarray of shape (V, d)
            Rows v_w and u_w.
        k : int >= 1, default 1
            A count.

        Returns
        -------
        float
        """
        return k

    assert doc_problems(documented) == []
