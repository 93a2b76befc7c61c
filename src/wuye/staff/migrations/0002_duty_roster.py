"""The servicedesk's day and night duty roster (值班) becomes rosters of a repair-duty post:
each duty row one published roster entry, on the shift its day or night names."""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import migrations

# Night duty took emergencies from when service closed until it opened the next morning; these
# hours cover the service hours of every service level.
DAY = ("repair-day", "日间维修值班", time(8), time(18))
NIGHT = ("repair-night", "夜间维修值班", time(17), time(9))


def _span(day, starts, ends):
    tz = ZoneInfo(settings.TIME_ZONE)
    start = datetime.combine(day, starts, tzinfo=tz)
    end = datetime.combine(day + timedelta(days=1) if ends <= starts else day, ends, tzinfo=tz)
    return start, end


def forwards(apps, schema_editor):
    DutyRoster = apps.get_model("servicedesk", "DutyRoster")
    Department = apps.get_model("staff", "Department")
    Post = apps.get_model("staff", "Post")
    ShiftTemplate = apps.get_model("staff", "ShiftTemplate")
    Roster = apps.get_model("staff", "Roster")
    RosterEntry = apps.get_model("staff", "RosterEntry")
    for community_id in DutyRoster.objects.values_list("community_id", flat=True).distinct():
        department, _ = Department.objects.get_or_create(
            community_id=community_id,
            kind="engineering",
            defaults={"name": "工程维修部", "order": 30},
        )
        post, _ = Post.objects.get_or_create(
            community_id=community_id,
            code="repair-duty",
            defaults={"department": department, "title": "维修值班", "headcount": 1},
        )
        shifts = {}
        for key, (code, name, starts, ends) in (("day", DAY), ("night", NIGHT)):
            shifts[key], _ = ShiftTemplate.objects.get_or_create(
                community_id=community_id,
                code=code,
                defaults={"name": name, "kind": "duty", "starts": starts, "ends": ends},
            )
        rosters = {}
        rows = []
        for duty in DutyRoster.objects.filter(community_id=community_id).iterator():
            week = duty.date - timedelta(days=duty.date.weekday())
            if week not in rosters:
                rosters[week], _ = Roster.objects.get_or_create(
                    community_id=community_id, post=post, week=week, defaults={"status": "published"}
                )
            shift = shifts[duty.shift]
            starts_at, ends_at = _span(duty.date, shift.starts, shift.ends)
            rows.append(
                RosterEntry(
                    roster=rosters[week],
                    community_id=community_id,
                    user_id=duty.user_id,
                    date=duty.date,
                    shift=shift,
                    starts_at=starts_at,
                    ends_at=ends_at,
                )
            )
        RosterEntry.objects.bulk_create(rows, batch_size=1000, ignore_conflicts=True)


class Migration(migrations.Migration):
    dependencies = [
        ("staff", "0001_initial"),
        ("servicedesk", "0009_messages_move_to_core_inbox"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
