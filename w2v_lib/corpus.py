"""Real text: a corpus is a re-iterable stream of sentences, each a list of tokens.

Nothing here downloads: ``lee_corpus`` and ``gensim_test_file`` read files that ship inside
the installed ``gensim`` package (its test data), without importing gensim itself;
``load_corpus`` and ``wordnet`` read the files that ``make data`` (``python -m
w2v_lib.prepare``) built into ``data/``, checked against their recorded SHA-256.
"""

import importlib.util
import warnings
from pathlib import Path

from .text import tokenize


class TextCorpus:
    """The sentences of a UTF-8 text file, one per line, tokenized lazily.

    Iterating opens the file again each time, so the corpus can be read once per epoch
    without holding it in memory. Lines with no words are skipped. (train_sgns reads it
    once and keeps the kept tokens as ids in memory: the text streams, the ids do not.)
    """

    def __init__(self, path):
        self.path = Path(path)
        if not self.path.is_file():
            raise FileNotFoundError(f"no text file at {str(path)!r}")

    def __iter__(self):
        with open(self.path, encoding="utf-8") as lines:
            for line in lines:
                tokens = tokenize(line)
                if tokens:
                    yield tokens

    def __repr__(self):
        return f"TextCorpus({str(self.path)!r})"


def read_corpus(path):
    """A re-iterable corpus of ``path``: each non-empty line -> tokenize(line), a list of str.

    Parameters
    ----------
    path : str or Path
        A UTF-8 text file, one sentence per line (not a path: TypeError; no such file:
        FileNotFoundError).

    Returns
    -------
    TextCorpus
        Iterating it yields one list of str per line with words, reading the file afresh
        each time.
    """
    if not isinstance(path, (str, Path)):
        raise TypeError(f"read_corpus expects a file path, got {type(path).__name__}: {path!r:.60}")
    return TextCorpus(path)


def gensim_test_file(name):
    """The Path of a file in gensim's bundled test data, without importing gensim.

    Parameters
    ----------
    name : str
        A file name in ``gensim/test/test_data``, e.g. 'wordsim353.tsv', 'simlex999.txt',
        'questions-words.txt', 'lee_background.cor'. FileNotFoundError naming it if absent;
        ModuleNotFoundError if gensim is not installed.

    Returns
    -------
    Path
        The file's path inside the installed gensim package.
    """
    spec = importlib.util.find_spec("gensim")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("gensim is not installed: it ships the Lee corpus and test sets")
    path = Path(spec.submodule_search_locations[0]) / "test" / "test_data" / name
    if not path.is_file():
        raise FileNotFoundError(f"gensim's test data has no {name!r} (looked in {path.parent})")
    return path


def lee_corpus():
    """The Lee background corpus (300 news paragraphs, about 61,000 words), tokenized.

    Parameters
    ----------
    (none)

    Returns
    -------
    list of list of str
        300 sentences, one per line of gensim's lee_background.cor.
    """
    return list(read_corpus(gensim_test_file("lee_background.cor")))


CORPUS_NAMES = ("lee", "wiki", "wordnet", "lesson")
_WORDNET_READERS = {}  # data folder -> NLTK reader (reading the index takes seconds)


def _not_prepared(part, path):
    return FileNotFoundError(
        f"the {part!r} data is not prepared: {path} is missing or fails its SHA-256 check. "
        f"Prepare it with `make data` (or `python -m w2v_lib.prepare`) in the repository"
    )


def _prepared_file(part, relative):
    """The path of a prepared file, FileNotFoundError naming ``part`` if missing or damaged."""
    from . import prepare  # not at the top: prepare runs as ``python -m w2v_lib.prepare``

    root = prepare.data_dir()
    if not prepare.is_prepared(relative, root):
        raise _not_prepared(part, root / relative)
    return root / relative


def load_corpus(name):
    """A prepared corpus, tokenized: list of sentences (lists of str from ``tokenize``).

    Parameters
    ----------
    name : {"lee", "wiki", "wordnet", "lesson"}
        "lee" (gensim's Lee background corpus, 300 news paragraphs, about 61,000 words),
        "wiki" (106 Wikipedia articles, one sentence each, about 486,000 words),
        "wordnet" (one sentence per WordNet 3.0 synset: its lemmas and its gloss, a
        dictionary definition; 117,659 sentences, about 1.78 M words) or
        "lesson" (the three in that order, about 2.32 M words).

    Returns
    -------
    list of list of str
        The sentences. Raises ValueError for another name, FileNotFoundError naming the
        part and ``make data`` if that part is not prepared.

    >>> sentences = load_corpus("lee")
    >>> len(sentences), sentences[0][:4]
    (300, ['hundreds', 'of', 'people', 'have'])
    """
    if not isinstance(name, str) or name not in CORPUS_NAMES:
        raise ValueError(f"unknown corpus {name!r}: choose one of {', '.join(CORPUS_NAMES)}")
    from .prepare import PARTS

    parts = ["lee", "wiki", "wordnet"] if name == "lesson" else [name]
    paths = [_prepared_file(part, PARTS[part]) for part in parts]
    return [sentence for path in paths for sentence in read_corpus(path)]


def wordnet():
    """NLTK's WordNet 3.0 reader (``nltk.corpus.reader.WordNetCorpusReader``) on data/.

    The reader is built once per data folder (about 5 s) and then reused. NLTK opens only
    folders on ``nltk.data.path``, so the prepared ``nltk_data`` folder is added to it.
    Parameters
    ----------
    (none)

    Returns
    -------
    nltk.corpus.reader.WordNetCorpusReader
        The same reader object on every call for the same data folder. Raises
        FileNotFoundError naming ``make data`` if WordNet is not prepared.
    """
    import nltk
    from nltk.corpus.reader.wordnet import WordNetCorpusReader

    from . import prepare

    folder = prepare.data_dir() / prepare.WORDNET_DIR
    if folder not in _WORDNET_READERS:  # checked once, when the reader is built
        for name in prepare.HASHES:
            if name.startswith(prepare.WORDNET_DIR):
                _prepared_file("wordnet", name)
        if str(folder.parent.parent) not in nltk.data.path:
            nltk.data.path.append(str(folder.parent.parent))
        with warnings.catch_warnings():  # "multilingual functions are not available"
            warnings.simplefilter("ignore", UserWarning)
            _WORDNET_READERS[folder] = WordNetCorpusReader(str(folder), None)
    return _WORDNET_READERS[folder]
