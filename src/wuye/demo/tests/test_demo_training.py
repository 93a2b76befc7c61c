"""The demo's training register and staff suggestions: the report's curriculum, a year of
sessions on days fixed before today, and one answered suggestion or complaint."""

from datetime import date

import time_machine

from wuye.demo.training import COURSES, training_load
from wuye.staff.feedback.models import FeedbackStatus, StaffFeedback
from wuye.staff.training import queries
from wuye.staff.training.models import Course, TrainingSession


def test_the_curriculum_sessions_and_feedback(site):
    with time_machine.travel(date(2026, 12, 7), tick=False):
        counts = training_load(site.community)
    assert counts["courses"] == len(COURSES)
    titles = set(Course.objects.filter(community=site.community).values_list("title", flat=True))
    assert {"服务理念CASH", "投诉处理十步法", "消防安全", "保安员岗位培训"} <= titles
    sessions = TrainingSession.objects.filter(community=site.community)
    assert counts["sessions"] == sessions.count() > 10
    assert all(date(2025, 12, 1) <= s.date < date(2026, 12, 7) for s in sessions)
    assert sessions.filter(trainer__isnull=True).exclude(trainer_name="").exists()
    assert StaffFeedback.objects.filter(status=FeedbackStatus.ANSWERED).count() == 1
    assert queries.department_hours(site.community.pk, 2026)
    assert training_load(site.community) == {}
