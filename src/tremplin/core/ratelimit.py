"""Rate limits on actions (per account and per client address), counted in Django's cache so
that every app server shares them.

The client's address is read as allauth reads it for its own limits: behind N trusted reverse
proxies (settings.ALLAUTH_TRUSTED_PROXY_COUNT, from the TRUSTED_PROXY_COUNT variable) it is
the N-th address from the end of X-Forwarded-For; otherwise REMOTE_ADDR, so that a client
cannot pick its own address by sending the header."""

from __future__ import annotations

import hashlib
import ipaddress
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache


@dataclass(frozen=True)
class Rate:
    """At most `count` actions per `seconds`."""

    count: int
    seconds: int


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
    dry_run: bool = False,
) -> bool:
    """Count one `action` by this request's account and address; False when either limit is
    reached (the action must then be refused). dry_run only checks."""
    allowed = True
    user = getattr(request, "user", None)
    if per_account and user is not None and user.is_authenticated:
        allowed &= _hit(_key(action, "account", str(user.pk), per_account), per_account, dry_run)
    if per_address:
        address = client_address(request)
        allowed &= _hit(_key(action, "address", address, per_address), per_address, dry_run)
    return allowed
