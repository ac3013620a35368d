"""tools/execute_notebooks.merge_streams: consecutive chunks of one stream become one output."""

import importlib.util
from pathlib import Path

import nbformat
import pytest

TOOL = Path(__file__).resolve().parents[1] / "tools" / "execute_notebooks.py"


@pytest.fixture(scope="module")
def merge_streams():
    spec = importlib.util.spec_from_file_location("execute_notebooks", TOOL)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)  # fails loudly if the tool is missing
    return module.merge_streams


def stream(name, text):
    return nbformat.v4.new_output("stream", name=name, text=text)


def shown(outputs):
    return [(o.output_type, o.get("name"), o.get("text")) for o in outputs]


def test_split_chunks_of_one_stream_are_joined(merge_streams):
    outputs = [stream("stdout", "loss 0."), stream("stdout", "25\n"), stream("stdout", "done\n")]
    assert shown(merge_streams(outputs)) == [("stream", "stdout", "loss 0.25\ndone\n")]


def test_different_streams_and_other_outputs_stay_apart(merge_streams):
    result = nbformat.v4.new_output("execute_result", data={"text/plain": "3"},
                                    execution_count=1)
    outputs = [stream("stdout", "a"), stream("stderr", "warn"), stream("stderr", "ing\n"),
               result, stream("stdout", "b"), stream("stdout", "c")]
    assert shown(merge_streams(outputs)) == [
        ("stream", "stdout", "a"),
        ("stream", "stderr", "warning\n"),
        ("execute_result", None, None),
        ("stream", "stdout", "bc"),
    ]


def test_nothing_to_merge(merge_streams):
    assert merge_streams([]) == []
    one = [stream("stdout", "x\n")]
    assert shown(merge_streams(one)) == [("stream", "stdout", "x\n")]
