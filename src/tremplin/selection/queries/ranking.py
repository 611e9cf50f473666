"""Reads of the committee's ranking: the reviews, applications and portfolio of a call, turned
into plain inputs for calibration.py and tiebreak.py, and their results into rows for the
ranking page and its export, as one viewer may see them (never an application they are in
conflict with). A fixed number of SQL queries whatever the number of applications."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace

from django.db.models import Count
from django.utils.translation import gettext as _

from tremplin.acceleration.models import LaureateProject
from tremplin.applications.models import AnswerChoice, Application, State
from tremplin.programmes.models import Call, Question
from tremplin.reference.models import BusinessLine, Region

from .. import calibration, ranking_text, scoring, tiebreak
from ..models import CommitteeMember, ReviewCriterion, SelectionSettings
from ..workflow import PORTFOLIO_STATES, RANKED_STATES
from . import settings
from .conflicts import reviews_counting_in_ranking

DEFAULT_SCALE = (0, 5)
# The tie-break runs on calibrated scores only: without calibration nothing moves.
NEEDS_CALIBRATION = "needs_calibration"
# The figures of an application whose scores the viewer may not see (visibility.py).
WITHHELD = calibration.RawSummary(0, None, None, None, None, None, False)


@dataclass
class Row:
    id: int
    reference: str
    title: str
    organisation: str
    state: str
    state_label: str
    region_code: str | None
    region_label: str
    business_lines: list[tuple[str, str]]
    raw: calibration.RawSummary
    calibrated: calibration.CalibratedScore | None = None
    position: int | None = None  # among the applications the viewer sees; None: not ranked
    above_line: bool = False
    in_band: bool = False
    moved: int = 0  # places gained (negative: lost), as the viewer sees the ranking
    position_before: int | None = None
    explanation: str = ""
    disagreement: list[str] = field(default_factory=list)
    line_before: bool = False  # the selection line is drawn just before this row
    withheld: bool = False  # the viewer may not see its figures (visibility.py)
    # The numbers as the page shows them (formatted once here: a template filter per cell
    # costs more than the ranking itself on a call of 2,000 applications).
    text: dict = field(default_factory=dict)

    @property
    def places_moved(self) -> int:
        return abs(self.moved)

    @property
    def business_line_labels(self) -> str:
        return ", ".join(label for _code, label in self.business_lines)


@dataclass
class RepresentationRow:
    code: str
    label: str
    applications: int = 0
    shortlisted: int = 0
    selected: int = 0
    past_laureates: int = 0

    @property
    def portfolio(self) -> int:
        return self.past_laureates + self.shortlisted + self.selected


@dataclass
class ReviewerRow:
    id: int
    name: str
    count: int
    effect: calibration.ReviewerEffect | None
    reading: str = ""


@dataclass
class Ranking:
    call: Call
    settings: SelectionSettings
    scale: tuple[float, float]
    calibration: calibration.Calibration
    refusals: list[str]  # why calibration is not supported, worded for the page
    tiebreak: tiebreak.Outcome
    tiebreak_status: str
    rows: list[Row]  # what the viewer may see, ranked first, then the unreviewed
    ranked_count: int  # applications with a position, the viewer's hidden ones included
    places: int
    representativeness_counts: bool
    regions: list[RepresentationRow]
    business_lines: list[RepresentationRow]
    reviewers: list[ReviewerRow]  # empty unless the viewer may read every review
    hidden_count: int = 0
    every_review: bool = True
    withheld_count: int = 0  # rows whose figures the viewer may not see yet (visibility.py)

    @property
    def line_drawn(self) -> bool:
        return 0 < self.places < self.ranked_count

    @property
    def moved_rows(self) -> list[Row]:
        return [row for row in self.rows if row.moved]


# --- Reads -----------------------------------------------------------------------------------


def _scale(call) -> tuple[float, float]:
    criteria = list(
        ReviewCriterion.objects.filter(call=call).only("id", "weight", "scale_min", "scale_max")
    )
    return scoring.form_scale(criteria) if criteria else DEFAULT_SCALE


def _applications(call) -> list[dict]:
    return list(
        Application.objects.filter(call=call, state__in=RANKED_STATES)
        .order_by("pk")
        .values("pk", "call_id", "title", "organisation_name", "state", "region__code")
    )


def _business_lines(call) -> dict[int, list[str]]:
    chosen = defaultdict(list)
    for application, value in (
        AnswerChoice.objects.filter(question__call=call, question__kind=Question.Kind.BUSINESS_LINE)
        .order_by("application_id", "value")
        .values_list("application_id", "value")
    ):
        chosen[application].append(value)
    return chosen


def _reviews(call) -> list[calibration.Review]:
    """The submitted reviews that count: a review whose member has since declared a conflict
    with the application is kept but leaves the ranking (in_conflict)."""
    return [
        calibration.Review(member, application, score)
        for member, application, score in reviews_counting_in_ranking(call)
        .filter(
            assignment__application__call=call,
            assignment__application__state__in=RANKED_STATES,
            score__isnull=False,
        )
        .values_list("assignment__member_id", "assignment__application_id", "score")
    ]


def _past_laureates(call) -> tuple[Counter, Counter]:
    """Laureates of the call's programme from earlier seasons, by region and business line."""
    laureates = LaureateProject.objects.filter(
        programme_id=call.programme_id, season__number__lt=call.season.number
    )
    regions = Counter(
        dict(laureates.values_list("region__code").annotate(n=Count("pk")).order_by())
    )
    through = LaureateProject.business_lines.through
    lines = Counter(
        dict(
            through.objects.filter(laureateproject__in=laureates)
            .values_list("businessline__code")
            .annotate(n=Count("pk"))
            .order_by()
        )
    )
    return regions, lines


def ranking_order(call) -> list[int]:
    """The committee's ranking of the call (calibrated when the data supports it, after the
    tie-break), as application ids, best first; unreviewed applications are left out. For
    other pages that follow the ranking (the meeting's agenda)."""
    return [row.id for row in ranking(call).rows if row.position is not None]


# --- The ranking -----------------------------------------------------------------------------


def ranking(call, hidden: set[int] = frozenset(), sight=None) -> Ranking:
    """The ranking of `call` as a viewer who may not see the applications `hidden` sees it.
    Calibration and tie-break are computed once on every review of the call (one ranking for
    the whole committee); the hidden applications are then taken out of the rows, and the
    positions and moves counted among the applications shown. With `sight` (the viewer's
    visibility.ReviewSight), the figures of an application whose scores the viewer may not see
    are withheld (its position and moves stay: the agenda shows the same order to every
    member), and the tables drawn from every review are left out unless they may read them
    all. Without it, every figure (the order for other pages)."""
    options = settings.of(call)
    scale = _scale(call)
    applications = _applications(call)
    lines_of = _business_lines(call)
    reviews = _reviews(call)
    region_labels = {r.code: r.display_name for r in Region.objects.all()}
    line_labels = {b.code: str(b.name) for b in BusinessLine.objects.all()}
    members = dict(CommitteeMember.objects.filter(call=call).values_list("pk", "person_name"))
    past_regions, past_lines = _past_laureates(call)

    ids = [a["pk"] for a in applications]
    summaries = calibration.summarise(reviews, ids, scale)
    result = calibration.calibrate(reviews, ids)

    # The order before the tie-break.
    if result.supported:
        scored = sorted(
            ids,
            key=lambda pk: (-result.applications[pk].theta, -summaries[pk].mean, pk),
        )
    else:
        scored = sorted(
            (pk for pk in ids if summaries[pk].count),
            key=lambda pk: (-summaries[pk].mean, -summaries[pk].median, -summaries[pk].count, pk),
        )
    unscored = [pk for pk in ids if not summaries[pk].count]

    # The portfolio: past laureates + this call's shortlisted and selected applications.
    by_pk = {a["pk"]: a for a in applications}
    region_counts = Counter(past_regions)
    line_counts = Counter(past_lines)
    for application in applications:
        if application["state"] in PORTFOLIO_STATES:
            if application["region__code"]:
                region_counts[application["region__code"]] += 1
            for code in lines_of.get(application["pk"], ()):
                line_counts[code] += 1
    region_counts.pop(None, None)

    places = options.selection_line
    counts = call.programme.regional_representativeness
    margin = float(options.tie_break_margin)
    if result.supported:
        candidates = [
            tiebreak.Candidate(
                id=pk,
                score=result.applications[pk].theta,
                low=result.applications[pk].low,
                high=result.applications[pk].high,
                region=by_pk[pk]["region__code"],
                business_lines=tuple(lines_of.get(pk, ())),
            )
            for pk in scored
        ]
        outcome = tiebreak.tie_break(
            candidates, places, region_counts, line_counts, options.tie_break, margin, counts
        )
        status = outcome.status
    else:
        outcome = tiebreak.Outcome(
            status=NEEDS_CALIBRATION,
            policy=options.tie_break,
            order=list(scored),
            before=list(scored),
            places=places,
        )
        status = (
            NEEDS_CALIBRATION
            if counts and options.tie_break != tiebreak.NONE
            else (tiebreak.NOT_COUNTED if not counts else tiebreak.POLICY_NONE)
        )

    labels = ranking_text.Labels(region_labels, line_labels, margin, result.level)
    withheld = {pk for pk in ids if not sight.scores(pk)} if sight is not None else set()
    every_review = sight is None or sight.every_review
    rows = _rows(
        outcome,
        unscored,
        hidden,
        by_pk,
        lines_of,
        summaries,
        result,
        labels,
        places,
        withheld,
    )
    return Ranking(
        call=call,
        settings=options,
        scale=scale,
        calibration=result,
        refusals=ranking_text.refusals(result, members, by_pk, hidden, call),
        tiebreak=outcome,
        tiebreak_status=status,
        rows=rows,
        ranked_count=len(scored),
        places=places,
        representativeness_counts=counts,
        regions=_representation_by_region(applications, region_labels, past_regions),
        business_lines=_representation_by_line(applications, lines_of, line_labels, past_lines),
        reviewers=_reviewers(reviews, result, members, scale) if every_review else [],
        hidden_count=len(hidden & set(ids)),
        every_review=every_review,
        withheld_count=len(withheld - hidden),
    )


def _rows(outcome, unscored, hidden, by_pk, lines_of, summaries, result, labels, places, withheld):
    states = {value: str(label) for value, label in State.choices}
    true_position = {pk: index for index, pk in enumerate(outcome.order, start=1)}
    shown = [pk for pk in outcome.order if pk not in hidden]
    shown_before = {pk: i for i, pk in enumerate((p for p in outcome.before if p not in hidden), 1)}
    band = set(outcome.band)
    line_drawn = 0 < places < len(outcome.order)
    rows = []
    previous_above = None
    for position, pk in enumerate(shown, start=1):
        row = _row(pk, by_pk, lines_of, summaries, result, labels, states, pk in withheld)
        row.position = position
        row.position_before = shown_before[pk]
        row.moved = row.position_before - position
        row.in_band = pk in band
        row.above_line = line_drawn and true_position[pk] <= places
        if line_drawn and previous_above and not row.above_line:
            row.line_before = True
        previous_above = row.above_line
        if row.moved:
            row.explanation = ranking_text.explain(outcome, outcome.moves[pk], row, hidden, labels)
        rows.append(row)
    for pk in unscored:
        if pk not in hidden:
            rows.append(
                _row(pk, by_pk, lines_of, summaries, result, labels, states, pk in withheld)
            )
    return rows


def _row(pk, by_pk, lines_of, summaries, result, labels, states, withheld=False) -> Row:
    application = by_pk[pk]
    raw = WITHHELD if withheld else summaries[pk]
    row = Row(
        id=pk,
        reference=f"{application['call_id']:03d}-{pk:05d}",
        title=application["title"],
        organisation=application["organisation_name"],
        state=application["state"],
        state_label=str(states.get(application["state"], application["state"])),
        region_code=application["region__code"],
        region_label=labels.region(application["region__code"])
        if application["region__code"]
        else "",
        business_lines=[(code, labels.line(code)) for code in lines_of.get(pk, ())],
        raw=raw,
        calibrated=result.applications.get(pk) if result.supported and not withheld else None,
        withheld=withheld,
    )
    number = labels.number
    calibrated = row.calibrated
    row.text = {
        "mean": number(raw.mean),
        "median": number(raw.median),
        "std": number(raw.std),
        "range": f"{number(raw.low)} – {number(raw.high)}" if raw.count else "—",
        "theta": number(calibrated.theta) if calibrated else "—",
        "interval": f"{number(calibrated.low)} – {number(calibrated.high)}" if calibrated else "—",
    }
    for reason in raw.disagreement_reasons:
        if reason[0] == "range":
            row.disagreement.append(
                _("scores %(range)s points apart") % {"range": ranking_text.number(reason[1])}
            )
        else:
            row.disagreement.append(
                _("one review lies %(distance)s points from the others")
                % {"distance": ranking_text.number(reason[2])}
            )
    return row


def _reviewers(reviews, result, members, scale) -> list[ReviewerRow]:
    counts = Counter(review.reviewer for review in reviews)
    width = float(scale[1] - scale[0]) or 1.0
    rows = []
    for pk, count in counts.items():
        effect = result.reviewers.get(pk) if result.supported else None
        reading = ""
        if effect is not None:
            parts = []
            if abs(effect.alpha) >= 0.05 * width:
                parts.append(
                    (
                        _("more lenient: %(points)s points above the average reviewer")
                        if effect.alpha > 0
                        else _("more severe: %(points)s points below the average reviewer")
                    )
                    % {"points": ranking_text.number(abs(effect.alpha))}
                )
            if effect.beta >= 1.25:
                parts.append(
                    _("stretches the differences between applications (× %(factor)s)")
                    % {"factor": ranking_text.number(effect.beta)}
                )
            elif effect.beta <= 0.8:
                parts.append(
                    _("narrows the differences between applications (× %(factor)s)")
                    % {"factor": ranking_text.number(effect.beta)}
                )
            reading = "; ".join(parts) or _("close to the average reviewer")
        rows.append(ReviewerRow(pk, members.get(pk, str(pk)), count, effect, reading))
    return sorted(rows, key=lambda row: (row.name.casefold(), row.id))


def _representation_by_region(applications, labels, past) -> list[RepresentationRow]:
    rows = {code: RepresentationRow(code, label) for code, label in labels.items()}
    for application in applications:
        code = application["region__code"] or ""
        if code not in rows:
            rows[code] = RepresentationRow(code, _("Region not given"))
        _count(rows[code], application["state"])
    for code, n in past.items():
        key = code or ""
        if key not in rows:
            rows[key] = RepresentationRow(key, _("Region not given"))
        rows[key].past_laureates += n
    return list(rows.values())


def _representation_by_line(applications, lines_of, labels, past) -> list[RepresentationRow]:
    rows = {code: RepresentationRow(code, label) for code, label in labels.items()}
    for application in applications:
        for code in lines_of.get(application["pk"], ()):
            if code not in rows:
                rows[code] = RepresentationRow(code, code)
            _count(rows[code], application["state"])
    for code, n in past.items():
        if code is None:
            continue
        if code not in rows:
            rows[code] = RepresentationRow(code, code)
        rows[code].past_laureates += n
    return list(rows.values())


def _count(row: RepresentationRow, state: str) -> None:
    row.applications += 1
    if state == State.SHORTLISTED:
        row.shortlisted += 1
    elif state == State.SELECTED:
        row.selected += 1


def filtered(result: Ranking, region: str = "", business_line: str = "") -> list[Row]:
    """The viewer's rows of one region and/or business line, keeping their positions in the
    whole ranking; the selection line is drawn where it falls between the rows shown."""
    rows = [
        row
        for row in result.rows
        if (not region or row.region_code == region)
        and (not business_line or any(code == business_line for code, _l in row.business_lines))
    ]
    if not region and not business_line:
        return rows
    shown = []
    previous_above = False
    for row in rows:
        line_before = result.line_drawn and previous_above and not row.above_line
        shown.append(replace(row, line_before=line_before))
        previous_above = row.above_line
    return shown
