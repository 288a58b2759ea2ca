from __future__ import annotations

from csdesk.domain.enums import Role, SurveyType
from csdesk.store import Workspace
from csdesk.store.queries import account_sections as sections


def test_tickets_summary(sample_ws: Workspace) -> None:
    summary = sections.tickets(sample_ws, 1)
    assert (summary.total, summary.open, summary.escalated) == (2, 1, 1)
    assert summary.mean_handle_minutes == 20.0
    assert [r.external_id for r in summary.rows] == ["T-2", "T-1"]
    empty = sections.tickets(sample_ws, 2)
    assert (empty.total, empty.open, empty.mean_handle_minutes, empty.rows) == (0, 0, None, [])


def test_surveys_summary(sample_ws: Workspace) -> None:
    summary = sections.surveys(sample_ws, 1)
    assert summary.responses == {SurveyType.NPS: 2, SurveyType.CSAT: 1}
    assert summary.latest == {SurveyType.NPS: 9, SurveyType.CSAT: 5}
    assert summary.rows[0].type is SurveyType.CSAT


def test_opportunities_open_first_with_people_and_roles(sample_ws: Workspace) -> None:
    rows = sections.opportunities(sample_ws, 1)
    assert [r.outcome for r in rows] == ["open", "won"]
    upsell = rows[0]
    assert (upsell.raised_by, upsell.raised_role, upsell.owner, upsell.owner_role) == (
        "Ana Lima",
        Role.CS,
        "Bruno Reis",
        Role.AM,
    )


def test_goals_with_progress(sample_ws: Workspace) -> None:
    rows = sections.goals(sample_ws, 1)
    assert [g.objective for g in rows] == ["Adoption above 80%", "Train admins"]
    assert rows[0].progress == 0.75
    assert rows[1].progress is None


def test_goal_progress_bounded_for_a_bar_and_unbounded_for_a_report() -> None:
    from csdesk.domain.entities import goal_progress

    assert goal_progress(10, 20, 15) == 0.5
    assert goal_progress(10, 20, 25) == 1.5 and goal_progress(10, 20, 25, bounded=True) == 1.0
    assert goal_progress(10, 20, 5) == -0.5 and goal_progress(10, 20, 5, bounded=True) == 0.0
    assert goal_progress(5, 5, 5) is None and goal_progress(5, 5, 5, bounded=True) == 1.0
    assert goal_progress(5, 5, 4, bounded=True) == 0.0
    assert goal_progress(None, 5, 4) is None and goal_progress(1, 5, None, bounded=True) is None
