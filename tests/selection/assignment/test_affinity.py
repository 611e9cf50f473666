"""Affinity of a member for an application (a plain module): each part, and its bounds."""

from tremplin.selection import affinity as a


def _member(**kwargs):
    return a.MemberProfile.build(**kwargs)


def _application(**kwargs):
    return a.ApplicationProfile.build(**kwargs)


def test_nothing_in_common_is_zero():
    assert a.affinity(_member(), _application()) == 0


def test_each_part():
    member = _member(
        business_lines=["elderly", "health", "disability", "training", "exclusion"],
        regions=[7],
        themes="Handicap; isolement\nRÉPIT, ia",
        languages=["fr"],
    )
    application = _application(
        business_lines=["elderly", "health", "disability", "training"],
        region=7,
        texts=["Du répit pour les aidants de personnes handicapées", "l'isolement"],
        language="fr",
    )
    parts = a.components(member, application, bid=2)
    assert parts == {
        "business_lines": 3.0,  # four shared, capped
        "region": 0.5,
        "themes": 1.5,  # handicap (word start), isolement, répit (accents ignored); "ia" too short
        "language": 0.5,
        "bid": 3.0,
    }
    assert a.affinity(member, application, 2) == 8.5


def test_a_language_the_member_does_not_read_and_bids_against():
    member = _member(languages=["fr"])
    assert a.affinity(member, _application(language="ar")) == a.LANGUAGE_NOT_READ
    assert a.affinity(_member(), _application(language="ar")) == 0
    assert a.affinity(member, _application(), bid=-1) == -3.0
    assert a.affinity(member, _application(), bid=1) == 1.0


def test_themes_match_word_starts_only():
    member = _member(themes="age")
    assert a.affinity(member, _application(texts=["Le vieillissement et l'âge"])) == 0.5
    assert a.affinity(member, _application(texts=["Un partage de repas"])) == 0


def test_matrix():
    members = [_member(business_lines=["x"]), _member()]
    applications = [_application(business_lines=["x"]), _application()]
    assert a.matrix(applications, members, {(1, 1): 2}) == [[1.0, 0.0], [0.0, 3.0]]
