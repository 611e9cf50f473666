"""Rate limits on actions (per account, per client address, and per recipient for actions that
e-mail somebody), counted in Django's cache so that every app server shares them. The limits of
the actions that e-mail somebody are named settings (settings.TREMPLIN_RATE_LIMITS, see
docs/configuration.md), used through allow().

The client's address is read as allauth reads it for its own limits: behind N trusted reverse
proxies (settings.ALLAUTH_TRUSTED_PROXY_COUNT, from the TRUSTED_PROXY_COUNT variable) it is
the N-th address from the end of X-Forwarded-For; otherwise REMOTE_ADDR, so that a client
cannot pick its own address by sending the header."""

from __future__ import annotations

import hashlib
import ipaddress
import re
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.core.checks import Error
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

# Said when an action is refused for being over a limit; the page keeps what was typed.
TOO_MANY = _(
    "Too many messages have been sent in a short time. Please try again later; what you "
    "wrote is kept below."
)

_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
_RATE = re.compile(r"^\s*(\d+)\s*/\s*(\d*)\s*([smhd])\s*/\s*(account|address|recipient)\s*$")


@dataclass(frozen=True)
class Rate:
    """At most `count` actions per `seconds`."""

    count: int
    seconds: int


def parse(spec: str) -> dict[str, Rate]:
    """The limits written as in settings.TREMPLIN_RATE_LIMITS ("10/h/account,30/h/address,
    5/d/recipient": a number, a period made of an optional number and s, m, h or d, and what
    is counted), as consume()'s keyword arguments."""
    limits = {}
    for part in (spec or "").split(","):
        if not part.strip():
            continue
        match = _RATE.match(part)
        if match is None:
            raise ImproperlyConfigured(
                f"Rate limit {part.strip()!r}: write <number>/<period>/<account|address|"
                "recipient>, the period being s, m, h or d with an optional number (10/h, 5/15m)."
            )
        count, times, unit, scope = match.groups()
        limits[f"per_{scope}"] = Rate(int(count), int(times or 1) * _UNITS[unit])
    return limits


def check_settings(app_configs=None, **kwargs):
    """Django system check: every limit of settings.TREMPLIN_RATE_LIMITS can be read."""
    errors = []
    for name, spec in getattr(settings, "TREMPLIN_RATE_LIMITS", {}).items():
        try:
            parse(spec)
        except ImproperlyConfigured as problem:
            errors.append(Error(f"TREMPLIN_RATE_LIMITS[{name!r}]: {problem}", id="tremplin.E001"))
    return errors


def limits(name: str) -> dict[str, Rate]:
    """The limits of the action `name` (settings.TREMPLIN_RATE_LIMITS)."""
    return parse(settings.TREMPLIN_RATE_LIMITS.get(name, ""))


def allow(request, name: str, *, recipient: str = "") -> bool:
    """Count one action `name` (an action that e-mails somebody) by this request's account
    and client address, and to `recipient` (e.g. an e-mail address), with the limits of the
    settings; False when one is reached: the action must then be refused."""
    return consume(request, name, recipient=recipient, **limits(name))


def client_address(request) -> str:
    trusted = int(getattr(settings, "ALLAUTH_TRUSTED_PROXY_COUNT", 0) or 0)
    address = ""
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if trusted > 0 and forwarded:
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if len(hops) >= trusted:
            address = hops[-trusted]
    address = address or request.META.get("REMOTE_ADDR", "") or "unknown"
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return address[:64]
    if parsed.version == 6:
        # One IPv6 client usually holds a whole /64.
        return str(ipaddress.ip_network(f"{parsed}/64", strict=False))
    return str(parsed)


def _key(action: str, scope: str, who: str, rate: Rate) -> str:
    window = int(time.time() // rate.seconds)
    digest = hashlib.sha256(f"{scope}:{who}".encode()).hexdigest()[:32]
    return f"ratelimit:{action}:{digest}:{rate.seconds}:{window}"


def _hit(key: str, rate: Rate, dry_run: bool) -> bool:
    """Count one action; False when the limit is already reached."""
    if dry_run:
        return (cache.get(key) or 0) < rate.count
    cache.add(key, 0, timeout=rate.seconds + 1)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=rate.seconds + 1)
        count = 1
    return count <= rate.count


def consume(
    request,
    action: str,
    *,
    per_account: Rate | None = None,
    per_address: Rate | None = None,
    per_recipient: Rate | None = None,
    recipient: str = "",
    dry_run: bool = False,
) -> bool:
    """Count one `action` by this request's account and address, and to `recipient` (whoever
    the action reaches, e.g. an e-mail address: many accounts on many connections cannot
    flood one person); False when any limit is reached (the action must then be refused).
    A refused action is not counted, so that it does not use up the other limits. dry_run
    only checks."""
    counters = []
    user = getattr(request, "user", None)
    if per_account and user is not None and user.is_authenticated:
        counters.append((_key(action, "account", str(user.pk), per_account), per_account))
    if per_address:
        address = client_address(request)
        counters.append((_key(action, "address", address, per_address), per_address))
    if per_recipient and recipient:
        who = recipient.strip().lower()
        counters.append((_key(action, "recipient", who, per_recipient), per_recipient))
    if not all(_hit(key, rate, dry_run=True) for key, rate in counters):
        return False
    if dry_run:
        return True
    # Counted for real: two requests at once may both pass the check above, not this one.
    allowed = True
    for key, rate in counters:
        allowed &= _hit(key, rate, dry_run=False)
    return allowed
