"""w2v_lib: the helper library behind the word-vector notebooks.

Data flows one way: text -> ids -> pairs -> probabilities -> loss -> updates.

Notation (as in the notebooks and CS224N):

=================  ======================================================
V                  vocabulary size (number of distinct words)
d                  dimension of a word vector
m                  window size: context words on each side of the center
T                  number of tokens (positions) in the text
N                  number of (center, context) pairs
B                  batch size: pairs per update
c, o               center word id, outside (context) word id
v_w                word w's vector as a center: row w of ``center_vecs`` (V, d)
u_w                word w's vector as a context: row w of ``outside_vecs`` (V, d)
theta              all parameters: 2 * d * V numbers
P(o | c)           exp(u_o . v_c) / sum_w exp(u_w . v_c)
J(theta)           mean over pairs of -log P(o | c)
=================  ======================================================
"""

from .analogies import AnalogyScore, evaluate_analogies
from .cbow import cbow_loss_and_grad, train_cbow
from .cbow_recording import CBOWRecording, CBOWStep
from .cbow_softmax import (
    cbow_best_loss,
    cbow_examples,
    cbow_probs,
    cbow_softmax_loss,
    cbow_softmax_loss_and_grad,
)
from .cooccur import cooccurrence_matrix, ppmi, svd_vectors
from .corpus import gensim_test_file, lee_corpus, load_corpus, read_corpus, wordnet
from .evaluate import PairScore, evaluate_word_pairs, fisher_ci
from .glove import glove_loss_and_grad, train_glove
from .keyed import WordVectors
from .loss import (
    best_loss,
    check_gradient,
    naive_softmax_loss_and_grad,
    nll_loss,
    nll_loss_and_grad,
)
from .optim import TrainResult, minibatches, sgd_step, train, updates_per_epoch
from .pmi_link import fit_sgns_expected, sgns_expected_loss_and_grad, shifted_pmi_pairs
from .portrait import family_portrait, load_portrait
from .recording import Recording, Step
from .sgns import (
    NegativeSampler,
    keep_probabilities,
    neg_sampling_loss_and_grad,
    noise_distribution,
    sgns_loss_and_grad,
    sgns_step,
    train_sgns,
)
from .softmax import init_params, outside_probs, softmax
from .text import Vocab, build_vocab, tokenize
from .vectors import cosine_similarity, one_hot
from .windows import count_pairs, skipgram_pairs

__all__ = [
    "AnalogyScore",
    "CBOWRecording",
    "CBOWStep",
    "NegativeSampler",
    "PairScore",
    "Recording",
    "Step",
    "TrainResult",
    "Vocab",
    "WordVectors",
    "best_loss",
    "build_vocab",
    "cbow_best_loss",
    "cbow_examples",
    "cbow_loss_and_grad",
    "cbow_probs",
    "cbow_softmax_loss",
    "cbow_softmax_loss_and_grad",
    "check_gradient",
    "cooccurrence_matrix",
    "cosine_similarity",
    "count_pairs",
    "evaluate_analogies",
    "evaluate_word_pairs",
    "family_portrait",
    "fisher_ci",
    "fit_sgns_expected",
    "gensim_test_file",
    "glove_loss_and_grad",
    "init_params",
    "keep_probabilities",
    "lee_corpus",
    "load_corpus",
    "load_portrait",
    "minibatches",
    "naive_softmax_loss_and_grad",
    "neg_sampling_loss_and_grad",
    "nll_loss",
    "nll_loss_and_grad",
    "noise_distribution",
    "one_hot",
    "outside_probs",
    "ppmi",
    "read_corpus",
    "sgd_step",
    "sgns_expected_loss_and_grad",
    "sgns_loss_and_grad",
    "sgns_step",
    "shifted_pmi_pairs",
    "skipgram_pairs",
    "softmax",
    "svd_vectors",
    "tokenize",
    "train",
    "train_cbow",
    "train_glove",
    "train_sgns",
    "updates_per_epoch",
    "wordnet",
]
