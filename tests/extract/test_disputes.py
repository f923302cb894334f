"""Who disputes whom (kg/extract/disputes.py): a denial or rebuttal linked to the claim it answers,
on sentences not from the sample."""
import pytest

from tests.extract.helpers import events_of, key_of, statements_by

pytestmark = pytest.mark.model


def test_denial_disputes_the_earlier_claim(extract_text):
    x = extract_text("Dispute\nThe Democratic Alliance said the vote had been rigged. "
                     "The electoral commission denied the claim.", "2018-12-31")
    (denial,) = [s for s in statements_by(x, "electoral commission") if s.disputes]
    opposition = {s.key: s for s in x.statements}[denial.disputes[0]]
    assert opposition.content.startswith("the vote had been rigged") or "rigged" in opposition.content


def test_a_document_s_author_is_its_owner_not_who_it_rejects(extract_text):
    x = extract_text("Claims\nThe rebel spokesman Jean Bosco said the rebels held the hills. The army's statement "
                     "rejecting Bosco's account said troops remained in \"full control\".", "2024-02-13")
    (army,) = [s for s in statements_by(x, "army") if "full control" in s.content]
    assert army.quote == "full control"
    assert army.disputes and all(d in {s.key for s in statements_by(x, "Jean Bosco")} for d in army.disputes)


def test_joint_claims_and_mutual_blame(extract_text):
    x = extract_text("Border\nMali and the United Nations accuse Niger of backing the rebels. Niger denies this. "
                     "A shell hit a market in Gao on Jan. 25. The army and the rebels blamed each other for that "
                     "attack.", "2024-02-13")
    assert statements_by(x, "Mali government") and statements_by(x, "United Nations")  # a country speaks as its government
    (denial,) = statements_by(x, "Niger government")
    accusers = {s.key for s in statements_by(x, "Mali government") + statements_by(x, "United Nations")}
    assert set(denial.disputes) == accusers
    (army,) = statements_by(x, "army")
    (rebels,) = statements_by(x, "rebels")
    assert army.disputes == (rebels.key,) and rebels.disputes == (army.key,)


def test_a_denial_answers_who_accused_the_denier(extract_text):
    x = extract_text("Verdict\nA court sentenced former premier Nawaz Ali Sharif on Friday. Party chairman Tariq Ali "
                     "Sharif said they would appeal. The case, brought by the Anti-Graft Bureau (AGB), alleged that "
                     "Sharif and his wife took bribes. Sharif and his wife deny any wrongdoing.", "2025-01-17")
    (claim,) = statements_by(x, "Anti-Graft Bureau")
    (denial,) = statements_by(x, "Nawaz Ali Sharif")
    assert denial.disputes == (claim.key,)


def test_an_accusation_the_accused_denies_in_the_same_sentence(extract_text):
    x = extract_text("Blame\nNawaz Sharif blames the army for his ouster, an accusation the army denies.",
                     "2025-01-17")
    (denial,) = [s for s in statements_by(x, "army") if s.disputes]
    assert denial.disputes == tuple(s.key for s in statements_by(x, "Nawaz Sharif"))


def test_the_judge_is_the_judge_named_and_siding_with_a_defence_disputes_what_it_disputes(extract_text):
    x = extract_text("Verdict\nRiverside Records argued that the store breached the deal. Mr Justice Alan Brook "
                     "agreed with Orchard Computers' defence that the store was lawful: \"I conclude that the logo "
                     "suggests no connection.\" Speaking for Riverside Records, Neil Ashby said, \"with great "
                     "respect to the trial judge, we consider he has reached the wrong conclusion.\"", "2006-05-08")
    judge = statements_by(x, "Alan Brook")
    claim = statements_by(x, "Riverside Records")
    assert judge and claim and set(judge[0].disputes) == {claim[0].key}
    (appeal,) = statements_by(x, "Neil Ashby")
    assert appeal.disputes == (judge[0].key,)


def test_rejecting_a_proposal_answers_no_unrelated_claim_but_denying_wrongdoing_does(extract_text):
    x = extract_text("Talks\nUganda said on Friday that Kenya had violated the ceasefire. Tanzania rejected the "
                     "proposal. Kenya denied any wrongdoing.", "2024-02-13")
    (rejection,) = statements_by(x, "Tanzania government")
    assert not rejection.disputes
    (denial,) = statements_by(x, "Kenya government")
    assert denial.disputes == tuple(s.key for s in statements_by(x, "Uganda government"))


def test_a_claim_told_after_the_rejection_in_its_sentence_is_not_what_it_answers(extract_text):
    x = extract_text("Deal\nThe union said the plan would cost jobs. Lawmakers rejected the cuts, although experts "
                     "say the cuts had been agreed.", "2024-02-13")
    (rejection,) = statements_by(x, "Lawmakers")
    assert rejection.disputes == tuple(s.key for s in statements_by(x, "union"))


def test_rejecting_the_decision_answers_no_claim_that_merely_says_decision(extract_text):
    x = extract_text("Tanker\nAn analyst, David Strauss, said the key decision was about fuel. Boeing rejected the "
                     "decision on Monday.", "2008-03-01")
    (rejection,) = statements_by(x, "Boeing")
    assert not rejection.disputes


def test_a_denial_answers_a_claim_not_an_appeal_made_after_it_when_nothing_else_points_to_one(extract_text):
    x = extract_text("Blast\nPolice said the bomb had been planted by insiders. The United Nations mission "
                     "called for calm. The Northern Front denied any involvement.", "2024-03-13")
    (denial,) = [s for s in statements_by(x, "Northern Front") if s.disputes]
    answered = {s.key: s for s in x.statements}[denial.disputes[0]]
    assert "planted" in answered.content  # the police's claim, not the UN's call for calm


def test_a_denial_with_no_claim_before_it_answers_none_told_after_it(extract_text):
    x = extract_text("Verdict\nA court in Velno on Tuesday sentenced former transport minister Dario Kesh to eight "
                     "years in prison for taking bribes. Kesh, who has denied wrongdoing, will appeal the verdict, his "
                     "lawyer Petr Salo told reporters. \"This is a political trial,\" Salo said.", "2024-03-12")
    assert statements_by(x, "Dario Kesh")
    assert not [s for s in statements_by(x, "Dario Kesh") if s.disputes]
    assert not any(key_of(x, "Petr Salo") in e.targets for e in events_of(x, "Rejection"))
