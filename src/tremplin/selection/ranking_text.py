"""The ranking in words: why an application moved in the tie-break (`explain`, with the
portfolio comparisons), why the data cannot support calibration (`refusals`), and the numbers
as the page writes them. Plain: it takes the results of calibration.py and tiebreak.py and the
labels the query read, and reads nothing itself."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from . import calibration, tiebreak

# How many applications a reason of refusal names before saying "and N others".
NAMED_AT_MOST = 30


@dataclass
class Labels:
    regions: dict
    lines: dict
    margin: float
    level: float

    def region(self, code) -> str:
        return self.regions.get(code, code) if code else _("no region given")

    def line(self, code) -> str:
        return self.lines.get(code, code) if code else _("no business line given")

    @cached_property
    def separator(self) -> str:
        return formats.get_format("DECIMAL_SEPARATOR")

    def number(self, value) -> str:
        if value is None:
            return "—"
        return f"{value:.2f}".replace(".", self.separator)


def number(value: float, digits: int = 2) -> str:
    return formats.number_format(round(value, digits), digits)


def projects(count: int) -> str:
    return ngettext(
        "%(count)s project in the portfolio", "%(count)s projects in the portfolio", count
    ) % {"count": count}


def band_text(outcome, row, labels) -> str:
    if outcome.policy == tiebreak.MARGIN:
        return _("within %(margin)s points of the selection line") % {
            "margin": number(labels.margin)
        }
    calibrated = row.calibrated
    if calibrated is None:  # withheld from this viewer
        return _("its interval contains the selection line")
    return _("its %(level)s %% interval (%(low)s to %(high)s) contains the selection line") % {
        "level": number(labels.level * 100, 0),
        "low": number(calibrated.low),
        "high": number(calibrated.high),
    }


def comparison(kind: str, winner, losers: list, labels) -> str:
    """ "region Guyane has 0 projects in the portfolio against 12 for Île-de-France"."""
    if kind == tiebreak.REGION:
        name, count = labels.region(winner.region), winner.region_count
        pairs = {(p.region, p.region_count) for p in losers}
        nothing = _("an application that gives no region")
        label = labels.region
    else:
        name, count = labels.line(winner.business_line), winner.business_line_count
        pairs = {(p.business_line, p.business_line_count) for p in losers}
        nothing = _("an application that gives no business line")
        label = labels.line
    against = [
        _("%(count)s for %(name)s") % {"count": n, "name": label(code)}
        for code, n in sorted(pairs, key=lambda p: (-(p[1] if p[1] is not None else -1), str(p[0])))
        if n is not None
    ]
    if any(n is None for _code, n in pairs):
        against.append(nothing)
    values = {"name": name, "projects": projects(count), "others": ", ".join(against)}
    if kind == tiebreak.REGION:
        return _("region %(name)s has %(projects)s against %(others)s") % values
    return _("business line %(name)s has %(projects)s against %(others)s") % values


def comparison_down(kind: str, winners: list, loser, labels) -> str:
    """ "region Guyane has 0 projects in the portfolio, Mayotte has 1 project in the portfolio,
    against 12 for Île-de-France"."""
    if kind == tiebreak.REGION:
        pairs = {(p.region, p.region_count) for p in winners}
        label, own, count = labels.region, loser.region, loser.region_count
        nothing = _("this application gives no region")
    else:
        pairs = {(p.business_line, p.business_line_count) for p in winners}
        label, own, count = labels.line, loser.business_line, loser.business_line_count
        nothing = _("this application gives no business line")
    ahead = ", ".join(
        _("%(name)s has %(projects)s") % {"name": label(code), "projects": projects(n)}
        for code, n in sorted(pairs, key=lambda p: (p[1], str(p[0])))
    )
    against = (
        nothing
        if count is None
        else _("%(count)s for %(name)s")
        % {
            "count": count,
            "name": label(own),
        }
    )
    values = {"ahead": ahead, "others": against}
    if kind == tiebreak.REGION:
        return _("region %(ahead)s, against %(others)s") % values
    return _("business line %(ahead)s, against %(others)s") % values


def explain(outcome, move, row, hidden, labels) -> str:
    """Why the application moved, counting only applications the viewer sees."""
    priorities = outcome.priorities
    own = priorities[move.id]
    details = []
    if row.moved > 0:
        head = ngettext(
            "Moved up %(count)s place (from %(before)s to %(after)s)",
            "Moved up %(count)s places (from %(before)s to %(after)s)",
            row.moved,
        )
        pairs = [o for o in move.overtook if o.behind not in hidden]
        for kind in (tiebreak.REGION, tiebreak.BUSINESS_LINE):
            losers = [priorities[o.behind] for o in pairs if o.criterion == kind]
            if losers:
                details.append(comparison(kind, own, losers, labels))
    else:
        head = ngettext(
            "Moved down %(count)s place (from %(before)s to %(after)s)",
            "Moved down %(count)s places (from %(before)s to %(after)s)",
            -row.moved,
        )
        pairs = [o for o in move.overtaken_by if o.ahead not in hidden]
        for kind in (tiebreak.REGION, tiebreak.BUSINESS_LINE):
            winners = [priorities[o.ahead] for o in pairs if o.criterion == kind]
            if winners:
                details.append(comparison_down(kind, winners, own, labels))
    text = head % {"count": abs(row.moved), "before": row.position_before, "after": row.position}
    parts = [band_text(outcome, row, labels), *details]
    return _("%(head)s: %(reasons)s.") % {"head": text, "reasons": "; ".join(parts)}


def refusals(result, members, by_pk, hidden, call) -> list[str]:
    """Why the data cannot support calibration, worded for the page."""

    def application_list(items):
        visible = [pk for pk, _n in items if pk not in hidden]
        names = [f"{call.pk:03d}-{pk:05d}" for pk in visible[:NAMED_AT_MOST]]
        more = len(visible) - len(names)
        text = ", ".join(names)
        if more > 0:
            text += " " + ngettext("and %(count)s other", "and %(count)s others", more) % {
                "count": more
            }
        return text

    messages = []
    for reason in result.reasons:
        code = reason.code
        if code == calibration.NO_REVIEWS:
            messages.append(_("No review has been submitted yet."))
        elif code == calibration.DISCONNECTED:
            groups = []
            for number, component in enumerate(reason.items, start=1):
                groups.append(
                    ngettext(
                        "group %(number)s: %(reviewers)s, with %(count)s application",
                        "group %(number)s: %(reviewers)s, with %(count)s applications",
                        len(component.applications),
                    )
                    % {
                        "number": number,
                        "reviewers": ", ".join(members.get(r, str(r)) for r in component.reviewers),
                        "count": len(component.applications),
                    }
                )
            messages.append(
                _(
                    "The reviewers form %(count)s groups that share no application, so their "
                    "scores cannot be put on one scale (%(groups)s). Assign some applications "
                    "across groups."
                )
                % {"count": len(reason.items), "groups": "; ".join(groups)}
            )
        elif code == calibration.REVIEWER_TOO_FEW:
            messages.append(
                _("Each reviewer needs at least %(needed)s submitted reviews: %(who)s.")
                % {
                    "needed": reason.needed,
                    "who": ", ".join(
                        _("%(name)s (%(count)s)") % {"name": members.get(r, str(r)), "count": n}
                        for r, n in reason.items
                    ),
                }
            )
        elif code == calibration.APPLICATION_TOO_FEW:
            messages.append(
                ngettext(
                    "Each application needs at least %(needed)s submitted reviews; "
                    "%(count)s has fewer: %(which)s.",
                    "Each application needs at least %(needed)s submitted reviews; "
                    "%(count)s have fewer: %(which)s.",
                    len(reason.items),
                )
                % {
                    "needed": reason.needed,
                    "count": len(reason.items),
                    "which": application_list(reason.items),
                }
            )
        elif code == calibration.TOO_FEW_REVIEWS_FOR_PARAMETERS:
            reviews, parameters = reason.items
            messages.append(
                _(
                    "%(reviews)s reviews are not enough to estimate %(parameters)s parameters "
                    "(a score per application, a severity and a scale per reviewer)."
                )
                % {"reviews": reviews, "parameters": parameters}
            )
        elif code == calibration.NO_VARIATION:
            messages.append(_("Every review gives the same score: there is no scale to correct."))
    return messages
