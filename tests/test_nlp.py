"""The pipeline's own components, on Docs built by hand (no model needed) and on blocks."""
import spacy
from spacy.tokens import Doc

from kg.nlp import LemmaFixes, TitledPersons, blocks_of, list_item_names, list_items


VOCAB = spacy.blank("en").vocab  # English lexical attributes (lower case, title case), no model


def _doc(words, tags, pos, lemmas, ents=None):
    doc = Doc(VOCAB, words=words, tags=tags, pos=pos, lemmas=lemmas, sent_starts=[True] + [False] * (len(words) - 1),
              ents=ents)
    return doc


def test_a_known_plural_noun_opening_a_sentence_gets_its_noun_lemma():
    doc = _doc(["Rebels", "attacked", "Goma"], ["NNPS", "VBD", "NNP"], ["PROPN", "VERB", "PROPN"],
               ["Rebels", "attack", "Goma"], ents=["O", "O", "B-GPE"])
    LemmaFixes(nouns=["rebel"], verbs=["attack"])(doc)
    assert (doc[0].lemma_, doc[0].pos_, doc[0].tag_) == ("rebel", "NOUN", "NNS")
    assert doc[2].lemma_ == "Goma"  # a name stays a name


def test_an_unknown_capitalized_word_is_left_alone():
    doc = _doc(["Reuters", "reported", "it"], ["NNP", "VBD", "PRP"], ["PROPN", "VERB", "PRON"],
               ["Reuters", "report", "it"])
    LemmaFixes(nouns=["rebel"], verbs=["report"])(doc)
    assert (doc[0].lemma_, doc[0].pos_) == ("Reuters", "PROPN")


def test_a_regular_verb_form_gets_the_known_lemma_the_model_missed():
    doc = _doc(["Workers", "staged", "a", "walkout"], ["NNS", "VBD", "DT", "NN"], ["NOUN", "VERB", "DET", "NOUN"],
               ["worker", "stag", "a", "walkout"])
    LemmaFixes(nouns=["walkout"], verbs=["stage"])(doc)
    assert doc[1].lemma_ == "stage"


def test_a_rank_joins_the_name_and_an_office_only_anchors_it():
    doc = _doc(["Major", "Ko", "Aung", "and", "CEO", "Jane", "Roe", "spoke"],
               ["NNP", "NNP", "NNP", "CC", "NNP", "NNP", "NNP", "VBD"],
               ["PROPN", "PROPN", "PROPN", "CCONJ", "PROPN", "PROPN", "PROPN", "VERB"],
               ["Major", "Ko", "Aung", "and", "CEO", "Jane", "Roe", "speak"])
    TitledPersons(titles=["ceo"], ranks=["major"])(doc)
    assert [(e.text, e.label_) for e in doc.ents] == [("Major Ko Aung", "PERSON"), ("Jane Roe", "PERSON")]


def test_blocks_keep_offsets_into_the_article():
    text = "Headline\n\nFirst line.\nSecond line."
    blocks = blocks_of(text)
    assert [text[offset:offset + len(piece)] for offset, _, piece in blocks] == [piece for _, _, piece in blocks]
    assert [piece for _, _, piece in blocks] == ["Headline", "First line.", "Second line."]


def test_a_dateline_is_a_block_of_its_own():
    text = "Headline\nPORT SUDAN, Sudan (AP) \u2014 Fighters stormed a village.\nNATO said - nothing."
    pieces = [piece for _, _, piece in blocks_of(text)]
    assert pieces == ["Headline", "PORT SUDAN, Sudan (AP) \u2014 ", "Fighters stormed a village.",
                      "NATO said - nothing."]


def test_a_capitalized_place_before_an_agency_in_brackets_is_a_dateline():
    from kg.nlp import DATELINE

    assert DATELINE.match("Dhaka (AFP) - A garment worker was killed").group("places") == "Dhaka"
    assert DATELINE.match("New York (Reuters) - Stocks fell").group("places") == "New York"
    assert DATELINE.match("The army (AFP) - said") is None and DATELINE.match("Apple said - no") is None


def test_each_item_of_a_list_written_on_one_line_is_a_sentence_and_no_name_runs_across_a_bullet():
    words = ["Plants", "affected", ":", "*", "Chicago", ",", "Illinois", "*", "Wixom", "Plant", "*", "Dover", "."]
    doc = Doc(VOCAB, words=words, ents=["O", "O", "O", "O", "B-GPE", "O", "B-ORG", "I-ORG", "I-ORG", "I-ORG", "O",
                                        "B-GPE", "O"])
    list_items(doc)
    assert [t.text for t in doc[1:] if t.is_sent_start] == ["*", "Chicago", "*", "Wixom", "*", "Dover"]
    list_item_names(doc)
    assert [(e.text, e.label_) for e in doc.ents] == [("Chicago", "GPE"), ("Wixom Plant", "ORG"), ("Dover", "GPE")]
    maths = Doc(VOCAB, words=["It", "rose", "5", "*", "3", "times", "."])
    list_items(maths)
    assert not maths[3].is_sent_start  # no list: a number follows the star

