"""Tests for w2v_lib.corpus: reading text files and gensim's bundled Lee corpus."""

import pytest

import w2v_lib as w
from w2v_lib.corpus import gensim_test_file


def test_read_corpus_tokenizes_lines_and_can_be_read_twice(tmp_path):
    path = tmp_path / "text.txt"
    path.write_text("The cat sat.\n\n  \nA dog, a CAT!\n", encoding="utf-8")
    corpus = w.read_corpus(path)
    assert list(corpus) == [["the", "cat", "sat"], ["a", "dog", "a", "cat"]]
    assert list(corpus) == list(corpus)  # re-iterable: one pass per epoch
    assert list(w.read_corpus(str(path))) == list(corpus)


def test_read_corpus_reads_utf8(tmp_path):
    path = tmp_path / "ko.txt"
    path.write_text("나는 학교에 간다\ncafé au lait\n", encoding="utf-8")
    assert list(w.read_corpus(path)) == [["나는", "학교에", "간다"], ["café", "au", "lait"]]


def test_read_corpus_errors(tmp_path):
    with pytest.raises(FileNotFoundError, match="missing.txt"):
        w.read_corpus(tmp_path / "missing.txt")
    with pytest.raises(TypeError, match="file path"):
        w.read_corpus(["a", "b"])


def test_lee_corpus_is_gensims_file_tokenized():
    from gensim.test.utils import datapath

    assert gensim_test_file("lee_background.cor").samefile(datapath("lee_background.cor"))
    with open(datapath("lee_background.cor"), encoding="utf-8") as f:
        lines = [line for line in f if line.strip()]
    sentences = w.lee_corpus()
    assert len(sentences) == len(lines) == 300
    assert sentences[0][:4] == ["hundreds", "of", "people", "have"]
    assert sentences[-1] == w.tokenize(lines[-1])


def test_missing_test_file_is_named():
    with pytest.raises(FileNotFoundError, match="'nope.tsv'"):
        gensim_test_file("nope.tsv")


# The prepared corpora (make data). These fail, never skip, when data/ is not prepared.

WORDS = {"lee": 60_000, "wiki": 470_000, "wordnet": 1_770_000, "lesson": 2_300_000}  # issue 11


@pytest.fixture(scope="module")
def corpora():
    return {name: w.load_corpus(name) for name in w.corpus.CORPUS_NAMES}


def test_corpus_sizes_are_those_the_issue_measured(corpora):
    for name, words in WORDS.items():
        assert sum(map(len, corpora[name])) == pytest.approx(words, rel=0.05), name
    assert len(corpora["lee"]) == 300
    assert len(corpora["wordnet"]) == 117_659  # WordNet 3.0 has 117,659 synsets


def test_every_sentence_is_a_list_of_tokens(corpora):
    for name, sentences in corpora.items():
        assert all(isinstance(s, list) and s for s in sentences), name
    sample = corpora["wiki"][0][:50] + corpora["wordnet"][0]
    assert sample == w.tokenize(" ".join(sample))


def test_lee_is_gensims_lee_and_lesson_is_the_three_in_order(corpora):
    assert corpora["lee"] == w.lee_corpus()
    assert corpora["lesson"] == corpora["lee"] + corpora["wiki"] + corpora["wordnet"]


def test_wiki_articles_start_as_in_the_dump(corpora):
    assert corpora["wiki"][0][:6] == ["anarchism", "is", "a", "political", "philosophy", "that"]
    assert len(corpora["wiki"]) == 106  # of 205 pages, those in namespace 0 with >= 50 words


def test_wordnet_sentences_are_lemmas_and_gloss_as_nltk_reads_them(corpora):
    have = {tuple(sorted(s)) for s in corpora["wordnet"]}  # NLTK moves some quotes' authors
    wn = w.wordnet()
    for word in ["good", "dog", "run", "quickly", "panda", "hotel", "bank", "entity"]:
        for synset in wn.synsets(word):
            text = " ".join(synset.lemma_names()).replace("_", " ")
            text += " " + synset.definition() + " " + " ".join(synset.examples())
            assert tuple(sorted(w.tokenize(text))) in have, synset.name()
    assert corpora["wordnet"][0][:3] == ["entity", "that", "which"]
    assert corpora["wordnet"][1][:4] == ["physical", "entity", "an", "entity"]


def test_wordnet_synonyms_of_good_include_proficient():
    lemmas = {lemma for s in w.wordnet().synsets("good") for lemma in s.lemma_names()}
    assert "proficient" in lemmas
    assert "adept.s.01" in {s.name() for s in w.wordnet().synsets("good")}


def test_wordnet_hypernyms_of_panda_as_curriculum_lists_them():
    (path,) = w.wordnet().synset("panda.n.01").hypernym_paths()
    names = [s.lemma_names()[0].replace("_", " ") for s in reversed(path[:-1])]
    assert names == ["procyonid", "carnivore", "placental", "mammal", "vertebrate", "chordate",
                     "animal", "organism", "living thing", "whole", "object", "physical entity",
                     "entity"]


def test_wordnet_path_similarity():
    wn = w.wordnet()
    assert wn.synset("hotel.n.01").path_similarity(wn.synset("motel.n.01")) == pytest.approx(1 / 3)
    assert wn.synset("cat.n.01").path_similarity(wn.synset("dog.n.01")) == pytest.approx(1 / 5)
    assert w.wordnet() is wn  # built once per data folder


def test_unknown_corpus_name_lists_the_names():
    for bad in ["text8", "Lee", None]:
        with pytest.raises(ValueError, match="lee, wiki, wordnet, lesson"):
            w.load_corpus(bad)


def test_missing_data_names_the_part_and_make_data(tmp_path, monkeypatch):
    monkeypatch.setenv("W2V_DATA", str(tmp_path))
    for name, part in [("lee", "lee"), ("wiki", "wiki"), ("wordnet", "wordnet"), ("lesson", "lee")]:
        with pytest.raises(FileNotFoundError, match=f"the .{part}. data is not .*make data"):
            w.load_corpus(name)
    with pytest.raises(FileNotFoundError, match="the 'wordnet' data .*make data"):
        w.wordnet()
