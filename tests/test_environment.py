"""environment.yml (conda, Binder) and pyproject.toml (pip) must ask for the same packages."""

import re
import sys
import tomllib
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _name(spec):
    return re.split(r"[=<>!~ ]", spec.strip(), maxsplit=1)[0].lower().replace("_", "-")


def _pins(specs, sep):
    return {_name(s): s.split(sep, 1)[1].strip() if sep in s else None for s in specs}


def pyproject_pins():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    specs = project["dependencies"] + [d for group in project["optional-dependencies"].values()
                                       for d in group]
    return _pins(specs, "==")


def environment_pins():
    """The conda packages of environment.yml (a flat list; parsed without a YAML library)."""
    text = (ROOT / "environment.yml").read_text()
    specs = []
    for line in text.split("\ndependencies:\n", 1)[1].splitlines():
        m = re.match(r"^  - ([A-Za-z0-9_.-]+(?:=\S+)?)\s*$", line)
        if m:
            specs.append(m.group(1))
    return {k: v for k, v in _pins(specs, "=").items() if k not in ("python", "pip")}


def test_environment_yml_parses_to_packages():
    pins = environment_pins()
    assert "numpy" in pins and "jupyterlab" in pins and len(pins) >= 10


def test_same_packages_and_versions():
    assert environment_pins() == pyproject_pins()


def test_every_dependency_is_pinned():
    unpinned = [name for name, version in pyproject_pins().items() if not version]
    assert unpinned == []


def test_installed_versions_are_the_pinned_ones():
    """The stored notebook outputs were made with these versions."""
    wrong = {
        name: (version, metadata.version(name))
        for name, version in pyproject_pins().items()
        if metadata.version(name) != version
    }
    assert wrong == {}, f"installed versions differ from the pins: {wrong} ({sys.executable})"


def test_installed_versions_match_the_constraints_file():
    """make installs with ``-c constraints.txt``: the whole tested set, not only direct pins."""
    lines = (ROOT / "constraints.txt").read_text().splitlines()
    pins = dict(line.split("==") for line in lines if line and not line.startswith("#"))
    assert len(pins) > 50
    wrong = {name: (version, metadata.version(name)) for name, version in pins.items()
             if metadata.version(name) != version}
    assert wrong == {}
    direct = pyproject_pins()
    pins = {_name(name): version for name, version in pins.items()}
    clash = {n: (v, pins[n]) for n, v in direct.items() if n in pins and pins[n] != v}
    assert clash == {}, "pyproject.toml and constraints.txt pin different versions"
