"""The ranking of sites for a project, as a plain module: business lines, region, the
under-represented regions of the entrepreneurs' programme, capacity and willingness."""

from tremplin.network import site_matching
from tremplin.network.site_matching import ProjectProfile, SiteProfile

EMERGENCY, FOOD, HEALTH = 1, 2, 3
PACA, NORD, CORSE = 10, 20, 30


def site(pk, region=PACA, lines=(EMERGENCY,), capacity=2, occupied=0, willing=True):
    return SiteProfile(pk, region, frozenset(lines), capacity, occupied, willing)


def ranked_ids(project, sites, under=frozenset(), **kwargs):
    return [s.site_id for s in site_matching.rank(project, sites, set(under), **kwargs)]


def codes(suggestion):
    return [r.code for r in suggestion.reasons]


def test_business_line_fit_comes_first():
    project = ProjectProfile(PACA, frozenset({EMERGENCY, HEALTH}), "intrapreneur")
    sites = [
        site(1, lines=(FOOD,)),
        site(2, lines=(EMERGENCY,)),
        site(3, lines=(EMERGENCY, HEALTH)),
    ]
    assert ranked_ids(project, sites) == [3, 2, 1]
    best = site_matching.rank(project, sites, set())[0]
    assert best.reasons[0].code == "lines" and best.reasons[0].points == site_matching.LINE_POINTS
    assert codes(site_matching.rank(project, sites, set())[-1])[0] == "no_line"


def test_same_region_then_capacity():
    project = ProjectProfile(PACA, frozenset({EMERGENCY}), "intrapreneur")
    sites = [
        site(1, region=NORD, capacity=3),
        site(2, region=PACA, capacity=1),
        site(3, capacity=3),
    ]
    assert ranked_ids(project, sites) == [3, 2, 1]


def test_full_and_unwilling_sites_sink_to_the_bottom_with_their_reason():
    project = ProjectProfile(PACA, frozenset({EMERGENCY}), "intrapreneur")
    full = site(1, capacity=2, occupied=2)
    unwilling = site(2, willing=False)
    fine = site(3, region=NORD, lines=())
    ranking = site_matching.rank(project, [full, unwilling, fine], set())
    assert [s.site_id for s in ranking] == [3, 1, 2]
    assert "full" in codes(ranking[1]) and ranking[1].remaining == 0
    assert "unwilling" in codes(ranking[2])


def test_under_represented_regions_favour_only_the_entrepreneurs():
    sites = [site(1, region=PACA), site(2, region=CORSE)]
    intra = ProjectProfile(None, frozenset({EMERGENCY}), "intrapreneur")
    entre = ProjectProfile(None, frozenset({EMERGENCY}), "entrepreneur")
    assert ranked_ids(intra, sites, {CORSE}) == [1, 2]  # ties keep the given order
    ranking = site_matching.rank(entre, sites, {CORSE})
    assert [s.site_id for s in ranking] == [2, 1]
    assert "under_represented" in codes(ranking[0])


def test_excluded_sites_and_limit():
    project = ProjectProfile(PACA, frozenset({EMERGENCY}), "intrapreneur")
    sites = [site(pk) for pk in range(1, 30)]
    assert ranked_ids(project, sites, exclude=[1, 2], limit=5) == [3, 4, 5, 6, 7]


def test_a_region_is_under_represented_below_half_its_share_of_sites():
    sites = {PACA: 50, NORD: 30, CORSE: 20}
    experiments = {PACA: 15, NORD: 5}  # Corsica: none; Nord: 25 % of experiments for 30 % of sites
    assert site_matching.under_represented_regions(sites, experiments, {}) == {CORSE}
    experiments = {PACA: 17, NORD: 2, CORSE: 1}  # Nord 10 % < 15 %, Corsica 5 % < 10 %
    assert site_matching.under_represented_regions(sites, experiments, {}) == {NORD, CORSE}


def test_with_few_experiments_the_laureates_regions_are_compared():
    sites = {PACA: 50, NORD: 50}
    assert site_matching.under_represented_regions(sites, {PACA: 2}, {PACA: 9, NORD: 1}) == {NORD}
    assert site_matching.under_represented_regions(sites, {}, {}) == set()
    assert site_matching.under_represented_regions({}, {PACA: 20}, {}) == set()
