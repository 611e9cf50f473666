"""Decisions are taken in a meeting: the same world as the meeting's tests."""

from tests.selection.meeting.conftest import call, chair, observer, reviewers, staff  # noqa: F401
