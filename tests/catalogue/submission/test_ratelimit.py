"""Rate limits per account and per client address, counted in Django's cache."""

from types import SimpleNamespace

from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory

from tremplin.core import ratelimit
from tremplin.core.ratelimit import Rate


def request(address="203.0.113.7", forwarded=None, user=None):
    meta = {"REMOTE_ADDR": address}
    if forwarded:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    req = RequestFactory().post("/", **meta)
    req.user = user or AnonymousUser()
    return req


def test_without_trusted_proxies_the_forwarded_header_is_ignored(settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 0
    assert ratelimit.client_address(request(forwarded="198.51.100.1")) == "203.0.113.7"


def test_behind_trusted_proxies_the_client_is_read_from_the_right(settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    # A client may prepend anything: only the address added by our proxy counts.
    forged = request(address="10.0.0.1", forwarded="1.2.3.4, 198.51.100.9")
    assert ratelimit.client_address(forged) == "198.51.100.9"
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 2
    assert ratelimit.client_address(forged) == "1.2.3.4"
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 3  # fewer hops than proxies: the socket address
    assert ratelimit.client_address(forged) == "10.0.0.1"


def test_an_ipv6_client_counts_as_its_whole_network():
    one = ratelimit.client_address(request(address="2001:db8:1:2::5"))
    other = ratelimit.client_address(request(address="2001:db8:1:2::99"))
    assert one == other == "2001:db8:1:2::/64"


def test_limit_per_account_whatever_the_address():
    user = SimpleNamespace(is_authenticated=True, pk=42)
    rate = Rate(2, 3600)
    results = [
        ratelimit.consume(request(address=f"198.51.100.{n}", user=user), "x", per_account=rate)
        for n in range(3)
    ]
    assert results == [True, True, False]
    other = SimpleNamespace(is_authenticated=True, pk=43)
    assert ratelimit.consume(request(user=other), "x", per_account=rate)


def test_limit_per_address_whatever_the_account():
    rate = Rate(2, 3600)
    results = [
        ratelimit.consume(
            request(user=SimpleNamespace(is_authenticated=True, pk=n)), "y", per_address=rate
        )
        for n in range(3)
    ]
    assert results == [True, True, False]
    assert ratelimit.consume(request(address="198.51.100.200"), "y", per_address=rate)
    # Another action has its own counters; a dry run does not count.
    assert ratelimit.consume(request(), "z", per_address=rate)
    assert ratelimit.consume(request(), "z", per_address=rate, dry_run=True)
    assert ratelimit.consume(request(), "z", per_address=rate)
    assert not ratelimit.consume(request(), "z", per_address=rate)
