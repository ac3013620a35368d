"""Real text: a corpus is a re-iterable stream of sentences, each a list of tokens.

Nothing here downloads: ``lee_corpus`` and ``gensim_test_file`` read files that ship inside
the installed ``gensim`` package (its test data), without importing gensim itself.
"""

import importlib.util
from pathlib import Path

from .text import tokenize


class TextCorpus:
    """The sentences of a UTF-8 text file, one per line, tokenized lazily.

    Iterating opens the file again each time, so the corpus can be read once per epoch
    without holding it in memory. Lines with no words are skipped.
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
    """A re-iterable corpus of ``path``: each non-empty line -> tokenize(line), a list of str."""
    if not isinstance(path, (str, Path)):
        raise TypeError(f"read_corpus expects a file path, got {type(path).__name__}: {path!r:.60}")
    return TextCorpus(path)


def gensim_test_file(name):
    """Path of a file in gensim's bundled test data (e.g. 'wordsim353.tsv', 'simlex999.txt')."""
    spec = importlib.util.find_spec("gensim")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("gensim is not installed: it ships the Lee corpus and test sets")
    path = Path(spec.submodule_search_locations[0]) / "test" / "test_data" / name
    if not path.is_file():
        raise FileNotFoundError(f"gensim's test data has no {name!r} (looked in {path.parent})")
    return path


def lee_corpus():
    """The Lee background corpus (300 news paragraphs, about 61,000 words), tokenized.

    Returns a list of sentences (lists of str), one per line of gensim's lee_background.cor.
    """
    return list(read_corpus(gensim_test_file("lee_background.cor")))
