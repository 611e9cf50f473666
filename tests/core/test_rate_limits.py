"""The limits on actions that e-mail somebody: written in the settings as "10/h/account,
30/h/address,5/d/recipient", checked at start-up, and counted per account, per client address
and per recipient; a refused attempt does not use up the other limits."""

from types import SimpleNamespace

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ImproperlyConfigured
from django.test import RequestFactory

from tremplin.core import ratelimit
from tremplin.core.ratelimit import Rate


def request(address="203.0.113.7", user=None):
    req = RequestFactory().post("/", REMOTE_ADDR=address)
    req.user = user or AnonymousUser()
    return req


def test_limits_are_read_from_their_written_form():
    assert ratelimit.parse("10/h/account, 30/2h/address,5/d/recipient") == {
        "per_account": Rate(10, 3600),
        "per_address": Rate(30, 7200),
        "per_recipient": Rate(5, 86400),
    }
    assert ratelimit.parse("3/15m/address") == {"per_address": Rate(3, 900)}
    assert ratelimit.parse("") == {}


@pytest.mark.parametrize("spec", ["10/h", "ten/h/account", "10/w/account", "10/h/ip"])
def test_a_mistyped_limit_is_refused_with_its_text(spec):
    with pytest.raises(ImproperlyConfigured, match="Rate limit"):
        ratelimit.parse(spec)


def test_the_system_check_names_the_mistyped_setting(settings):
    settings.TREMPLIN_RATE_LIMITS = {"co_applicant_invitation": "10 per hour"}
    (error,) = ratelimit.check_settings()
    assert "co_applicant_invitation" in error.msg


def test_the_defaults_are_valid():
    assert ratelimit.check_settings() == []
    for name in ("co_applicant_invitation", "replication_request", "innovation_contact"):
        assert set(ratelimit.limits(name)) == {"per_account", "per_address", "per_recipient"}


def test_one_recipient_is_counted_whoever_and_wherever_the_senders_are():
    rate = Rate(2, 3600)
    results = [
        ratelimit.consume(
            request(address=f"198.51.100.{n}", user=SimpleNamespace(is_authenticated=True, pk=n)),
            "invite",
            per_recipient=rate,
            recipient=recipient,
        )
        for n, recipient in enumerate(
            ["Victim@example.org", "victim@example.org ", "victim@example.org"]
        )
    ]
    assert results == [True, True, False]
    assert ratelimit.consume(request(), "invite", per_recipient=rate, recipient="other@example.org")


def test_a_refused_attempt_does_not_use_up_the_other_limits():
    user = SimpleNamespace(is_authenticated=True, pk=7)
    account, address = Rate(1, 3600), Rate(3, 3600)
    assert ratelimit.consume(request(user=user), "x", per_account=account, per_address=address)
    for _attempt in range(5):  # refused by the account's limit
        assert not ratelimit.consume(
            request(user=user), "x", per_account=account, per_address=address
        )
    # The connection still has two of its three: other people behind it are not penalised.
    others = [
        ratelimit.consume(
            request(user=SimpleNamespace(is_authenticated=True, pk=n)),
            "x",
            per_account=account,
            per_address=address,
        )
        for n in (8, 9, 10)
    ]
    assert others == [True, True, False]
