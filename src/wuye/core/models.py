"""The tenant (company → community), staff memberships, the audit trail, API tokens and the
message centre's inbox."""

import hashlib
from datetime import time
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

PERCENT = [MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))]


class Company(models.Model):
    """A property company (物业服务企业): the owner of one or many communities."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("company")
        verbose_name_plural = _("companies")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


# A Chinese community reads Simplified Chinese unless it says otherwise (not the site default).
COMMUNITY_LANGUAGE = "zh-hans"


class ServiceLevel(models.TextChoices):
    LEVEL_1 = "1", _("Level 1 (best)")
    LEVEL_2 = "2", _("Level 2")
    LEVEL_3 = "3", _("Level 3")


class Community(models.Model):
    """A residential community (小区): the tenant every business row belongs to."""

    company = models.ForeignKey(
        Company, on_delete=models.PROTECT, related_name="communities", verbose_name=_("company")
    )
    code = models.CharField(
        _("code"),
        max_length=12,
        unique=True,
        help_text=_("Short prefix used in work-order and receipt numbers, e.g. BDX."),
    )
    name = models.CharField(_("name"), max_length=200)
    city = models.CharField(_("city"), max_length=100, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    developer = models.CharField(_("developer"), max_length=200, blank=True)
    service_level = models.CharField(
        _("service level"), max_length=1, choices=ServiceLevel.choices, default=ServiceLevel.LEVEL_1
    )
    total_building_area = models.DecimalField(
        _("total building area (m²)"),
        max_digits=12,
        decimal_places=2,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0"))],
    )
    # The ratios of the plan are computed from these areas (see `building_density` …), so
    # that they cannot disagree with the areas they describe.
    site_area = models.DecimalField(
        _("site area (m²)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.01"))],
        help_text=_("The land of the community (用地面积)."),
    )
    building_footprint = models.DecimalField(
        _("building footprint (m²)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
        help_text=_("The ground the buildings stand on (建筑基底面积)."),
    )
    green_area = models.DecimalField(
        _("green area (m²)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
        help_text=_("The green space of the site (绿地面积)."),
    )
    planned_parking_spaces = models.PositiveIntegerField(_("planned parking spaces"), default=0)
    planned_population = models.PositiveIntegerField(_("planned population"), default=0)
    service_phone = models.CharField(_("service phone"), max_length=40, blank=True)
    language = models.CharField(
        _("language"),
        max_length=10,
        choices=settings.LANGUAGES,
        default=COMMUNITY_LANGUAGE,
        help_text=_(
            "Notices and messages to people who have not chosen a language are written in it."
        ),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("community")
        verbose_name_plural = _("communities")
        ordering = ["company_id", "name"]
        constraints = [
            models.UniqueConstraint(fields=["company", "name"], name="community_name_per_company"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def community_id(self) -> int:
        return self.pk

    def clean(self):
        errors = {}
        site = self.site_area
        for name in ("building_footprint", "green_area"):
            area = getattr(self, name)
            if area is None:
                continue
            if site is None:
                errors[name] = _("Give the site area too: this area is a part of it.")
            elif area > site:
                errors[name] = _("This area cannot be larger than the site area (%(site)s m²).") % {
                    "site": site
                }
        if (
            not errors
            and site is not None
            and self.building_footprint is not None
            and self.green_area is not None
            and self.building_footprint + self.green_area > site
        ):
            errors["green_area"] = _(
                "The building footprint and the green area together cannot be larger than the "
                "site area (%(site)s m²)."
            ) % {"site": site}
        if errors:
            raise ValidationError(errors)

    # The plan's ratios (规划指标), as the plan states them: two places, half up.
    @property
    def building_density(self) -> Decimal | None:
        """建筑密度: building footprint over site area, in %."""
        return _ratio(self.building_footprint, self.site_area, Decimal(100))

    @property
    def green_ratio(self) -> Decimal | None:
        """绿地率: green area over site area, in %."""
        return _ratio(self.green_area, self.site_area, Decimal(100))

    @property
    def plot_ratio(self) -> Decimal | None:
        """容积率: total building area over site area."""
        return _ratio(self.total_building_area or None, self.site_area, Decimal(1))


def _ratio(part: Decimal | None, whole: Decimal | None, scale: Decimal) -> Decimal | None:
    """`part` / `whole` × `scale` to two places (half up); None when either is unknown."""
    if part is None or not whole:
        return None
    return (Decimal(part) * scale / Decimal(whole)).quantize(Decimal("0.01"), ROUND_HALF_UP)


class ServiceStandard(models.Model):
    """The service standards a community commits to, seeded from its service level."""

    community = models.OneToOneField(
        Community, on_delete=models.CASCADE, related_name="standard", verbose_name=_("community")
    )
    service_phone_hours = models.PositiveSmallIntegerField(_("service phone hours a day"))
    emergency_onsite_minutes = models.PositiveSmallIntegerField(
        _("emergency repair on site within (minutes)"),
        help_text=_("0 means at the time agreed with the owner."),
    )
    repair_resolve_hours = models.PositiveSmallIntegerField(
        _("other repairs resolved within (hours)")
    )
    complaint_first_reply_hours = models.PositiveSmallIntegerField(
        _("complaint first reply within (hours)")
    )
    complaint_resolution_working_days = models.PositiveSmallIntegerField(
        _("complaint resolution reply within (working days)")
    )
    callback_records = models.BooleanField(_("call-back records kept for every repair"))
    surveys_per_year = models.PositiveSmallIntegerField(
        _("owner satisfaction surveys a year"),
        validators=[MinValueValidator(1), MaxValueValidator(12)],
        help_text=_("A new round is due this many times a year: 2 means every six months."),
    )
    satisfaction_target = models.DecimalField(
        _("satisfaction target (%)"), max_digits=5, decimal_places=2, validators=PERCENT
    )
    building_patrol_days = models.PositiveSmallIntegerField(_("building patrol every (days)"))
    renovation_patrol_days = models.PositiveSmallIntegerField(_("renovation patrol every (days)"))
    security_patrol_hours = models.PositiveSmallIntegerField(_("key-area patrol every (hours)"))
    bins_cleared_per_day = models.PositiveSmallIntegerField(_("bins cleared per day"))
    stairwell_mop_days = models.PositiveSmallIntegerField(_("stairwells mopped every (days)"))
    lift_service_hours = models.PositiveSmallIntegerField(_("passenger lift service hours a day"))
    lamps_working_target = models.DecimalField(
        _("lamps working target (%)"), max_digits=5, decimal_places=2, validators=PERCENT
    )
    collection_rate_target = models.DecimalField(
        _("fee collection rate target (%)"), max_digits=5, decimal_places=2, validators=PERCENT
    )
    # The service centre's hours on working days: the "service" clock of SLA targets runs
    # only inside them (see wuye.core.calendar).
    service_opens_at = models.TimeField(_("service hours open at"), default=time(8))
    service_closes_at = models.TimeField(
        _("service hours close at"),
        default=time(18),
        help_text=_("On working days; the service clock of response targets runs in these hours."),
    )

    class Meta:
        verbose_name = _("service standard")
        verbose_name_plural = _("service standards")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(service_opens_at__lt=models.F("service_closes_at")),
                name="service_hours_close_after_opening",
                violation_error_message=_("Service hours must close after they open."),
            ),
        ]

    def __str__(self) -> str:
        return str(self.community)

    def clean(self):
        if (
            self.service_opens_at is not None
            and self.service_closes_at is not None
            and self.service_closes_at <= self.service_opens_at
        ):
            raise ValidationError(
                {"service_closes_at": _("Service hours must close after they open.")}
            )


# The longest a community may keep a class of personal data: ten years. Longer serves no
# purpose the law recognises for a property company's records of people (个人信息保护法 第十九条).
RETENTION_MAX_DAYS = 3650


class RetentionPeriod(models.Model):
    """How long the community keeps one class of personal data (`core.retention`), when it
    differs from the class's lawful default. Without a row the default applies; the nightly
    purge deletes or anonymises what has outlived the period."""

    community = models.ForeignKey(
        Community,
        on_delete=models.CASCADE,
        related_name="retention_periods",
        verbose_name=_("community"),
    )
    key = models.CharField(_("data class"), max_length=64)
    days = models.PositiveIntegerField(
        _("kept for (days)"),
        validators=[MinValueValidator(1), MaxValueValidator(RETENTION_MAX_DAYS)],
    )

    class Meta:
        verbose_name = _("retention period")
        verbose_name_plural = _("retention periods")
        ordering = ["community_id", "key"]
        constraints = [
            models.UniqueConstraint(
                fields=["community", "key"], name="retention_period_per_community"
            ),
        ]

    def __str__(self) -> str:
        # The class's label when the service gave it (the settings history shows it).
        return str(getattr(self, "label", "") or self.key)


class Clock(models.TextChoices):
    """The clock an SLA target runs on (see wuye.core.calendar)."""

    ROUND_THE_CLOCK = "24x7", _("Around the clock (24×7)")
    SERVICE = "service", _("Service hours on working days")


class CalendarDayKind(models.TextChoices):
    HOLIDAY = "holiday", _("Public holiday (rest day)")
    WORKDAY = "workday", _("Swapped working day")


class CalendarDay(models.Model):
    """A day that breaks the Monday-to-Friday week: a public holiday (法定节假日) or a weekend
    day worked in exchange (调休上班).

    A company's days apply to all its communities; a community's own row for the same date
    overrides the company's.
    """

    company = models.ForeignKey(
        Company,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="calendar_days",
        verbose_name=_("company"),
        help_text=_("For every community of the company. Leave empty for one community."),
    )
    community = models.ForeignKey(
        Community,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="calendar_days",
        verbose_name=_("community"),
        help_text=_("For this community only, overriding its company's day."),
    )
    date = models.DateField(_("date"))
    kind = models.CharField(_("kind"), max_length=8, choices=CalendarDayKind.choices)
    name = models.CharField(_("name"), max_length=100, blank=True, help_text=_("e.g. 春节"))

    class Meta:
        verbose_name = _("calendar day")
        verbose_name_plural = _("calendar days")
        ordering = ["date"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(company__isnull=False, community__isnull=True)
                    | models.Q(company__isnull=True, community__isnull=False)
                ),
                name="calendar_day_company_or_community",
                violation_error_message=_("Choose either a company or a community."),
            ),
            models.UniqueConstraint(
                fields=["company", "date"],
                condition=models.Q(community__isnull=True),
                name="calendar_day_unique_per_company",
                violation_error_message=_("The company already has this date in its calendar."),
            ),
            models.UniqueConstraint(
                fields=["community", "date"],
                condition=models.Q(company__isnull=True),
                name="calendar_day_unique_per_community",
                violation_error_message=_("The community already has this date in its calendar."),
            ),
        ]

    def __str__(self) -> str:
        label = self.name or self.get_kind_display()
        return f"{self.date:%Y-%m-%d} {label}"


class Role(models.TextChoices):
    """Staff roles, following the organisation of the training report (§5)."""

    COMPANY_ADMIN = "company_admin", _("Company administrator")
    PROPERTY_MANAGER = "property_manager", _("Property manager")
    CS_SUPERVISOR = "cs_supervisor", _("Customer-service supervisor")
    FRONT_DESK = "front_desk", _("Front desk")
    ENGINEERING_SUPERVISOR = "engineering_supervisor", _("Engineering supervisor")
    TECHNICIAN = "technician", _("Technician")
    SECURITY_SUPERVISOR = "security_supervisor", _("Security supervisor")
    GUARD = "guard", _("Guard")
    ENVIRONMENT_SUPERVISOR = "environment_supervisor", _("Environment supervisor")
    CASHIER = "cashier", _("Cashier")
    ACCOUNTANT = "accountant", _("Accountant")
    CLUBHOUSE_STAFF = "clubhouse_staff", _("Clubhouse staff")
    DECORATION_INSPECTOR = "decoration_inspector", _("Decoration inspector")


class Membership(models.Model):
    """A staff user's role in one community (or, for company admins, in every community)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("user"),
    )
    company = models.ForeignKey(
        Company, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("company")
    )
    community = models.ForeignKey(
        Community,
        on_delete=models.CASCADE,
        related_name="memberships",
        null=True,
        blank=True,
        verbose_name=_("community"),
        help_text=_("Empty for a company administrator, who reaches every community."),
    )
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    title = models.CharField(_("job title"), max_length=100, blank=True)
    active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "community", "role"], name="membership_unique_role"
            ),
            models.CheckConstraint(
                condition=models.Q(community__isnull=False) | models.Q(role="company_admin"),
                name="membership_community_required",
            ),
        ]
        indexes = [models.Index(fields=["community", "role"])]

    def __str__(self) -> str:
        where = self.community or self.company
        return f"{self.user} · {self.get_role_display()} · {where}"


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise PermissionError(f"{self.model._meta.label} rows are append-only.")

    def delete(self):
        raise PermissionError(f"{self.model._meta.label} rows are append-only.")


class AppendOnly(models.Model):
    """A row written once: the audit trail, a work order's timeline, the ledger. Corrections
    are new rows; nothing is edited in place or deleted, through the model or a queryset."""

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.pk is not None and not self._state.adding:
            raise PermissionError(f"{self._meta.label} rows are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError(f"{self._meta.label} rows are append-only.")


class AuditEntry(AppendOnly):
    """Who did what to which object, and when. Rows are only ever added."""

    at = models.DateTimeField(_("at"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("actor"),
    )
    community = models.ForeignKey(
        Community,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("community"),
    )
    action = models.CharField(_("action"), max_length=64)
    object_type = models.CharField(_("object type"), max_length=64)
    object_id = models.CharField(_("object id"), max_length=64)
    object_repr = models.CharField(_("object"), max_length=200)
    changes = models.JSONField(_("changes"), default=dict, blank=True)

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit trail")
        ordering = ["-at", "-id"]
        indexes = [
            models.Index(fields=["community", "-at"]),
            models.Index(fields=["object_type", "object_id"]),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.object_repr}"


class ApiTokenQuerySet(models.QuerySet):
    def alive(self, now=None):
        """Tokens that still open the API: not expired, of an active user."""
        return self.filter(expires_at__gt=now or timezone.now(), user__is_active=True)


class ApiToken(models.Model):
    """A bearer token for one app on one device. Only its SHA-256 digest is stored.

    It expires `settings.API_TOKEN_LIFETIME` after it was issued, its owner may revoke it,
    and every token of a user dies when their password changes.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="api_tokens",
        verbose_name=_("user"),
    )
    digest = models.CharField(max_length=64, unique=True)
    device = models.CharField(
        _("device"),
        max_length=100,
        blank=True,
        help_text=_("The phone or app the token was issued to, as it named itself."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires at"), db_index=True)
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "device"])]

    def __str__(self) -> str:
        return f"{self.user} · {self.device or '-'} · {self.created_at:%Y-%m-%d}"

    @staticmethod
    def digest_of(raw: str) -> str:
        return hashlib.sha256(raw.encode()).hexdigest()


class Notification(models.Model):
    """A message in a person's in-app inbox (消息中心): the record of what they were told,
    linked to what it is about. Every app delivers to it through `wuye.core.notify`."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name=_("recipient"),
    )
    kind = models.CharField(_("kind"), max_length=64, blank=True)
    community = models.ForeignKey(
        Community,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("community"),
    )
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("message"))
    # The page of what it is about, as the recipient reaches it (staff console or portal).
    link = models.CharField(_("link"), max_length=300, blank=True)
    about_type = models.ForeignKey(
        "contenttypes.ContentType",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("about"),
    )
    about_id = models.PositiveBigIntegerField(_("about number"), null=True, blank=True)
    created_at = models.DateTimeField(_("sent at"), default=timezone.now)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ["-created_at", "-id"]
        indexes = [
            # the bell: a person's unread messages; the inbox: theirs, newest first
            models.Index(fields=["recipient", "read_at", "-created_at"]),
            models.Index(fields=["recipient", "-created_at", "-id"]),
        ]

    def __str__(self) -> str:
        return self.subject


class NotificationOptOut(models.Model):
    """A kind of message a person chose not to receive through one channel (e-mail, SMS,
    WeChat); without a row they receive it. The in-app inbox keeps every message."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notification_opt_outs",
        verbose_name=_("user"),
    )
    kind = models.CharField(_("kind"), max_length=64)
    channel = models.CharField(_("channel"), max_length=16)

    class Meta:
        verbose_name = _("message opt-out")
        verbose_name_plural = _("message opt-outs")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "kind", "channel"], name="notification_opt_out_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user_id} {self.kind} {self.channel}"
