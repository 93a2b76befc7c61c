"""API: tokens, who am I, and the pieces every app's router shares.

Shared pieces: the error body (`ErrorOut`, `errors()` for the response declarations), a page
of results (`Page`, `PageParams`, `paginate`), request bodies (`Body`, `patch_schema`) and
input types that take only what they document and what the database can store (no NUL
characters, no out-of-range numbers): anything else is a 422, never a 500.
"""

import copy
import re
from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any, Generic, TypeVar

from axes.handlers.proxy import AxesProxyHandler
from django.conf import settings
from django.contrib.auth import authenticate, get_user_model, user_login_failed
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db.models import Model, QuerySet
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema
from ninja.errors import HttpError
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    Strict,
    WithJsonSchema,
    create_model,
)
from pydantic_core import PydanticCustomError

from . import params, policy, tokens, twofactor

# ---- shared by every router -------------------------------------------------------------

ERROR_CODES = (400, 401, 403, 404, 409, 422)


class ErrorOut(Schema):
    """Every 4xx answer: a sentence for people, and messages per field of the request."""

    detail: str
    errors: dict[str, list[str]]


def errors(*codes: int) -> dict[int, type[ErrorOut]]:
    """Response declarations for the error codes an operation may answer with."""
    return dict.fromkeys(codes or ERROR_CODES, ErrorOut)


DECIMAL_RE = re.compile(r"^-?[0-9]{1,10}(\.[0-9]{1,2})?$")


class Body(BaseModel):
    """A request body: one JSON object, whose fields take only the JSON types they document.

    Anything else (a list, a string, "5" for a number, 1 for true) is a 422 naming the field.
    """


def _decimal_reader(shape: re.Pattern) -> Any:
    """A figure sent as a JSON number, or as a string of `shape` (the exact way)."""

    def read(value: Any) -> Any:
        if isinstance(value, str):
            if not shape.match(value):
                raise PydanticCustomError("decimal_parsing", "Enter a number such as 98.50.")
        elif isinstance(value, bool) or not isinstance(value, int | float | Decimal):
            raise PydanticCustomError("decimal_type", "Enter a number such as 98.50.")
        return value

    return read


_decimal_in = _decimal_reader(DECIMAL_RE)


def number_in(value: Any) -> Any:
    # JSON has numbers and strings: "5" and true are not whole numbers (5.0 is).
    if isinstance(value, str | bool):
        raise PydanticCustomError("int_type", "Enter a whole number.")
    return value


def _date_in(value: Any) -> Any:
    if not isinstance(value, str | date):
        raise PydanticCustomError("date_type", "Enter a date as YYYY-MM-DD.")
    if isinstance(value, str):
        # ASCII digits only, as the pages read a day.
        try:
            return params.parse_day(value)
        except ValidationError:
            raise PydanticCustomError("date_parsing", "Enter a date as YYYY-MM-DD.") from None
    return value


def _date_in_range(value: date) -> date:
    if not params.FIRST_DAY <= value <= params.LAST_DAY:
        raise PydanticCustomError(
            "date_range",
            "Enter a date between {first} and {last}.",
            {"first": params.FIRST_DAY.isoformat(), "last": params.LAST_DAY.isoformat()},
        )
    return value


# Text a database column can store: no NUL characters (PostgreSQL refuses them).
ANY_TEXT = r"^[^\x00]*$"
# Text that says something: a character other than a space or a control character (services
# trim the spaces and leave the control characters out).
SOME_TEXT = r"^[^\x00]*[^\x00-\x20\x7f-\x9f\s][^\x00]*$"
Text = Annotated[str, Field(max_length=300, pattern=ANY_TEXT)]
LongText = Annotated[str, Field(max_length=4000, pattern=ANY_TEXT)]


def text_in(max_length: int, *, required: bool = False) -> Any:
    """Text of at most `max_length` characters; `required`: not empty nor only spaces."""
    return Annotated[str, Field(max_length=max_length, pattern=SOME_TEXT if required else ANY_TEXT)]


def column_text(model: type[Model], field: str, *, required: bool | None = None) -> Any:
    """Text for the column `model.field`: as long as it may be, and not blank where it must
    hold something (`required` overrides the column's own `blank`)."""
    column = model._meta.get_field(field)
    return text_in(
        column.max_length or 4000, required=not column.blank if required is None else required
    )


# Years the registers and reports cover: from 2000 (when the records begin) to 2099.
FIRST_YEAR, LAST_YEAR = 2000, 2099
_YEAR = r"20[0-9]{2}"
_LEAP_YEAR = r"20([02468][048]|[13579][26])"
# A calendar day YYYY-MM-DD that exists (29 February in leap years only).
DAY_PATTERN = (
    rf"^({_YEAR}-((0[1-9]|1[0-2])-(0[1-9]|1[0-9]|2[0-8])|(0[13-9]|1[0-2])-(29|30)"
    rf"|(0[13578]|1[02])-31)|{_LEAP_YEAR}-02-29)$"
)
MONTH_PATTERN = rf"^{_YEAR}-(0[1-9]|1[0-2])$"
QUARTER_PATTERN = rf"^{_YEAR}-(0[1-9]|1[0-2]|Q[1-4])$"
# A month as YYYY-MM, in the years covered.
Month = Annotated[str, Field(pattern=MONTH_PATTERN, examples=["2026-01"])]
# A day of the years covered, in a query (YYYY-MM-DD).
Day = Annotated[
    date,
    Field(ge=date(FIRST_YEAR, 1, 1), le=date(LAST_YEAR, 12, 31)),
    WithJsonSchema({"type": "string", "format": "date", "pattern": DAY_PATTERN}),
]


def _moment_in(value: Any) -> Any:
    # A date and time is written as text (ISO 8601): a number is not a moment.
    if not isinstance(value, str | datetime):
        raise PydanticCustomError("datetime_type", "Enter a date and time as ISO 8601.")
    return value


# A date and time within the years the services take (2001–2099, whatever the time zone).
Moment = Annotated[
    datetime,
    BeforeValidator(_moment_in),
    WithJsonSchema(
        {"type": "string", "format": "date-time", "pattern": r"^20(0[1-9]|[1-9][0-9])-"}
    ),
]
# Primary keys: positive 64-bit integers (`IdIn` in bodies, where "5" is not a number).
Id = Annotated[int, Field(ge=1, le=2**63 - 1)]
IdIn = Annotated[int, Field(ge=1, le=2**63 - 1), BeforeValidator(number_in)]
SmallIntIn = Annotated[int, Field(ge=-32768, le=32767), BeforeValidator(number_in)]
CountIn = Annotated[int, Field(ge=0, le=32767), BeforeValidator(number_in)]
BoolIn = Annotated[bool, Strict()]
# A day within the range every page keeps (`core.params`), so that reports can add years.
DateIn = Annotated[
    date,
    BeforeValidator(_date_in),
    AfterValidator(_date_in_range),
    WithJsonSchema(
        {
            "type": "string",
            "format": "date",
            "pattern": params.DAY_PATTERN,
            "description": f"From {params.FIRST_DAY} to {params.LAST_DAY}.",
        },
        mode="validation",
    ),
]
# A decimal figure (m², CNY): a string such as "98.50" (the exact way) or a JSON number.
DecimalIn = Annotated[
    Decimal,
    BeforeValidator(_decimal_in),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "pattern": DECIMAL_RE.pattern, "examples": ["98.50"]},
                {"type": "number"},
            ]
        },
        mode="validation",
    ),
]


def decimal_in(*, minimum: Decimal, places: int = 2, digits: int = 10) -> Any:
    """A decimal figure of at least `minimum` (0 or more), with at most `places` decimal places
    and `digits` digits in all: the schema says exactly what the column stores."""
    whole = digits - places
    largest = Decimal(10**whole) - Decimal(1).scaleb(-places)
    if minimum > 0:
        # a positive figure: a whole part from 1, or 0 followed by a fraction that is not zero
        text = rf"^([1-9][0-9]{{0,{whole - 1}}}(\.[0-9]{{1,{places}}})?|0\.(0[1-9]|[1-9][0-9]?))$"
    else:
        text = rf"^(0|[1-9][0-9]{{0,{whole - 1}}})(\.[0-9]{{1,{places}}})?$"
    step = float(Decimal(1).scaleb(-places))
    # a string with as many places as the column keeps (prices: four); the range after it
    shape = re.compile(rf"^-?[0-9]{{1,{digits}}}(\.[0-9]{{1,{places}}})?$")
    return Annotated[
        Decimal,
        BeforeValidator(_decimal_reader(shape)),
        Field(ge=minimum, le=largest, max_digits=digits, decimal_places=places),
        WithJsonSchema(
            {
                "anyOf": [
                    {"type": "string", "pattern": text, "examples": ["98.50"]},
                    {
                        "type": "number",
                        "minimum": float(minimum),
                        "maximum": float(largest),
                        "multipleOf": step,
                    },
                ]
            },
            mode="validation",
        ),
    ]


def column_decimal(model: type[Model], field: str, *, minimum: Decimal | None = None) -> Any:
    """A decimal figure the column `model.field` stores and its validators allow (`minimum`
    where a service asks for more than the column)."""
    column = model._meta.get_field(field)
    return decimal_in(
        minimum=_column_minimum(column, Decimal(0)) if minimum is None else minimum,
        places=column.decimal_places,
        digits=column.max_digits,
    )


def column_count(model: type[Model], field: str) -> Any:
    """A whole number of things (floors, lifts) from the column's least value (0 if none)."""
    column = model._meta.get_field(field)
    return Annotated[
        int, Field(ge=_column_minimum(column, 0), le=32767), BeforeValidator(number_in)
    ]


def _column_minimum(column, default):
    limits = [v.limit_value for v in column.validators if isinstance(v, MinValueValidator)]
    return max(limits, default=default)


def patch_schema(schema: type[Body]) -> type[Body]:
    """The body of a PATCH: the same fields and rules as `schema`, none of them required.

    Read it with `model_dump(exclude_unset=True)`; a field may be null only where `schema`
    allows null.
    """
    fields = {}
    for name, info in schema.model_fields.items():
        optional = copy.copy(info)
        optional.default, optional.default_factory = None, None
        fields[name] = (info.annotation, optional)
    name = schema.__name__.removesuffix("In") + "Patch"
    return create_model(name, __base__=Body, **fields)


T = TypeVar("T")


class Page(Schema, Generic[T]):
    """One page of a list: `count` rows in all, `items` on this page."""

    count: int
    items: list[T]


class PageParams(Schema):
    limit: int = Field(settings.PAGE_SIZE, ge=1, le=200, description="Rows per page.")
    offset: int = Field(0, ge=0, le=10**9, description="Rows to skip.")
    page: int = Field(
        None, ge=1, le=10**6, description="Page number from 1; takes the place of offset."
    )


def paginate(rows: QuerySet, params: PageParams) -> tuple[int, list]:
    """The total count and the rows of the requested page (two queries)."""
    offset = (params.page - 1) * params.limit if params.page else params.offset
    return rows.count(), list(rows[offset : offset + params.limit])


# ---- tokens and who am I ----------------------------------------------------------------

router = Router(tags=["auth"])


class TokenIn(Body):
    # No longer than a username may be: a longer one is refused before it is looked up or
    # counted as a failed sign-in.
    username: column_text(get_user_model(), "username", required=False)  # type: ignore[valid-type]
    password: Text
    device: Annotated[str, Field(max_length=100, pattern=r"^[^\x00]*$")] = Field(
        "",
        max_length=100,
        description="A name for the phone or app asking; asking again from it replaces its token.",
    )
    otp: Annotated[str, Field(max_length=20, pattern=r"^[^\x00]*$")] = Field(
        "",
        max_length=20,
        description="The code of the user's authenticator app (or a backup code), required "
        "for users who sign in with a second factor.",
    )


class TokenOut(Schema):
    token: str
    id: int
    device: str
    expires_at: datetime


class TokenRow(Schema):
    id: int
    device: str
    created_at: datetime
    expires_at: datetime
    last_used_at: datetime | None
    current: bool = Field(description="Whether this request came with this token.")


class CommunityRoles(Schema):
    community_id: int
    roles: list[str]


class UnitRef(Schema):
    id: int
    community_id: int
    label: str
    relation: str


class MeOut(Schema):
    id: int
    username: str
    name: str
    roles: list[CommunityRoles]
    units: list[UnitRef]


@router.post(
    "/auth/token",
    auth=None,
    response={200: TokenOut, **errors(400, 401, 403, 422, 429)},
    summary="Get a bearer token",
    description="Too many wrong passwords (or codes) for a username from one address lock "
    "it out for a while: 429. Asking again with the same `device` replaces its token.",
)
def token_create(request, payload: TokenIn):
    # With the request, so that the lockout counts this attempt and refuses a locked one
    # (the 429 itself comes from the lockout handler, wuye.core.signin.lockout_response).
    user = authenticate(request, username=payload.username, password=payload.password)
    if user is None:
        raise HttpError(401, _("The username or password is not correct."))
    if twofactor.has_device(user):
        if not payload.otp:
            raise HttpError(401, _("Enter the code from your authenticator app."))
        if twofactor.verify_code(user, payload.otp) is None:
            # A wrong code counts towards the lockout like a wrong password.
            user_login_failed.send(
                sender=__name__, credentials={"username": payload.username}, request=request
            )
            raise HttpError(401, _("The code is not correct."))
    elif policy.requires_second_factor(user):
        raise HttpError(
            403, _("Set up two-factor sign-in on the website before asking for a token.")
        )
    AxesProxyHandler.user_logged_in(sender=__name__, request=request, user=user)
    token, raw = tokens.token_issue(user=user, device=payload.device)
    return {"token": raw, "id": token.pk, "device": token.device, "expires_at": token.expires_at}


@router.get(
    "/auth/tokens",
    response={200: list[TokenRow], **errors(401)},
    summary="My API tokens, one per device",
)
def token_list(request):
    current = getattr(request, "api_token_id", None)
    return [
        {
            "id": t.pk,
            "device": t.device,
            "created_at": t.created_at,
            "expires_at": t.expires_at,
            "last_used_at": t.last_used_at,
            "current": t.pk == current,
        }
        for t in tokens.tokens_of(request.auth)
    ]


@router.delete(
    "/auth/tokens/{token_id}",
    response={204: None, **errors(401, 404, 422)},
    summary="Revoke one of my API tokens",
)
def token_delete(request, token_id: Id):
    token = get_object_or_404(tokens.tokens_of(request.auth), pk=token_id)
    tokens.token_revoke(token=token, actor=request.auth)
    return 204, None


@router.get(
    "/me",
    response={200: MeOut, **errors(401)},
    summary="The logged-in user, their roles and homes",
)
def me(request):
    user = request.auth
    roles = [
        {"community_id": cid, "roles": sorted(r)}
        for cid, r in sorted(policy.roles_by_community(user).items())
    ]
    units = policy.resident_homes(user)
    return {
        "id": user.pk,
        "username": user.get_username(),
        "name": user.get_full_name(),
        "roles": roles,
        "units": units,
    }
