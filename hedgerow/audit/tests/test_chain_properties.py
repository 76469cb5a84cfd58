"""Properties of the chain for any events: it verifies, and any one edit breaks it."""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import timedelta
from typing import Any

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hedgerow.audit.models import Action
from hedgerow.audit.tests.factories import audit_event
from hedgerow.audit.tests.tampering import column_set, protection_remove
from hedgerow.audit.verification import audit_chain_verify

pytestmark = pytest.mark.django_db

# Any text a form could submit: forms refuse NUL, and lone surrogates are not UTF-8.
TEXT = st.text(
    st.characters(exclude_categories=("Cs",), exclude_characters="\x00"), max_size=30
)
DETAIL = st.dictionaries(
    keys=TEXT,
    values=st.none() | st.booleans() | st.integers(-(10**9), 10**9) | TEXT,
    max_size=3,
)
EVENT = st.fixed_dictionaries(
    {
        "action": st.sampled_from(Action),
        "actor_label": TEXT,
        "target_type": TEXT,
        "target_id": TEXT,
        "purpose": TEXT,
        "recipient": TEXT,
        "detail": DETAIL,
    }
)
EVENTS = st.lists(EVENT, min_size=1, max_size=5)
EXAMPLES = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)


def _text_changed(value: str) -> str:
    return "x" + value[1:] if value[:1] != "x" else "y" + value[1:]


def _id_changed(value: int | None) -> int:
    return 1 if value is None else value + 1


MUTATIONS: dict[str, Callable[[Any], Any]] = {
    "seq": lambda seq: seq + 1000,
    "occurred_at": lambda when: when + timedelta(microseconds=1),
    "actor_id": _id_changed,
    "actor_label": _text_changed,
    "agency_id": _id_changed,
    "agency_label": _text_changed,
    "action": _text_changed,
    "target_type": _text_changed,
    "target_id": _text_changed,
    "purpose": _text_changed,
    "recipient": _text_changed,
    "detail": lambda detail: {**detail, "tampered": not detail.get("tampered")},
    "prev_hash": _text_changed,
    "hash": _text_changed,
}


@contextmanager
def rolled_back() -> Iterator[None]:
    """Undo everything an example did, so each starts from an empty trail."""
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


@EXAMPLES
@given(events=EVENTS)
def test_audit_chain_verify_any_events_intact(events):
    with rolled_back():
        for fields in events:
            audit_event(**fields)

        report = audit_chain_verify()

        assert report.intact
        assert report.checked == len(events)


@EXAMPLES
@given(events=EVENTS, data=st.data())
def test_audit_chain_verify_any_one_field_changed_is_detected(events, data):
    with rolled_back():
        recorded = [audit_event(**fields) for fields in events]
        victim = data.draw(st.sampled_from(recorded), label="event")
        field = data.draw(st.sampled_from(sorted(MUTATIONS)), label="field")
        protection_remove()

        column_set(victim.seq, field, MUTATIONS[field](getattr(victim, field)))

        assert not audit_chain_verify().intact
