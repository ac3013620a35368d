"""The maths modules never import the teaching layer, matplotlib or ipywidgets.

Each maths module is imported in a fresh interpreter and the modules it pulled in are
listed: any of matplotlib, ipywidgets or w2v_lib.teach among them fails the test.
"""

import json
import pkgutil
import subprocess
import sys

import pytest

import w2v_lib

MATHS = sorted(m.name for m in pkgutil.iter_modules(w2v_lib.__path__) if not m.ispkg)
TEACHING = ("matplotlib", "ipywidgets", "w2v_lib.teach")


def imported_by(module):
    code = f"import sys, json, {module}; print(json.dumps(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def test_the_package_lists_its_maths_modules():
    assert {"softmax", "loss", "sgns", "recording"} <= set(MATHS)
    assert "teach" not in MATHS


@pytest.mark.parametrize("name", ["w2v_lib"] + [f"w2v_lib.{m}" for m in MATHS])
def test_maths_module_stays_below_the_teaching_layer(name):
    bad = [m for m in imported_by(name) if m.split(".")[0] in TEACHING or m.startswith(TEACHING)]
    assert bad == [], f"{name} imports the teaching layer: {bad[:5]}"


def test_the_check_sees_a_teaching_import():
    assert "matplotlib" in imported_by("w2v_lib.teach.plots")
