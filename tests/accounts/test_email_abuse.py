"""Adding an e-mail address to one's account e-mails a confirmation to the address typed: like
the platform's own actions that e-mail an address somebody types (co-applicant invitations),
it is bounded per account and per connection over an hour, not only per minute, so that an
account cannot make the platform write to the world."""

import time
from types import SimpleNamespace

import pytest
from allauth.core.internal import ratelimit
from django.core import mail
from django.urls import reverse

from tests.conftest import make_person

pytestmark = pytest.mark.django_db


@pytest.fixture
def clock(monkeypatch):
    """allauth's rate limiter's clock (its own, not the cache's), moving `step` seconds at
    each reading."""

    state = {"now": time.time(), "step": 7.0}

    def now():
        state["now"] += state["step"]
        return state["now"]

    clock = SimpleNamespace(time=now, monotonic=time.monotonic, sleep=time.sleep)
    monkeypatch.setattr(ratelimit, "time", clock)
    return state


def test_an_account_adding_address_after_address_is_stopped_within_the_hour(client, clock):
    person = make_person("someone@example.org")
    client.force_login(person)
    statuses = [
        client.post(
            reverse("account_email"), {"action_add": "", "email": f"target{n}@example.org"}
        ).status_code
        for n in range(25)
    ]
    assert statuses.count(429) >= 5
    assert len(mail.outbox) <= 20


def test_several_accounts_on_one_connection_are_stopped_within_the_hour(client, clock):
    clock["step"] = 10.0  # 80 addresses in 40 minutes (each request reads the clock thrice)
    for account in range(8):
        client.force_login(make_person(f"someone{account}@example.org"))
        for n in range(10):
            client.post(
                reverse("account_email"),
                {"action_add": "", "email": f"t{account}-{n}@example.org"},
            )
    assert len(mail.outbox) <= 60
