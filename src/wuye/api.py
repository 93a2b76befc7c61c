"""The HTTP API v1: one NinjaAPI, with a router per app.

Errors are always JSON `{"detail": ..., "errors": {field: [messages]}}` with a 4xx code.
"""

import logging
from functools import wraps

from django.core.exceptions import BadRequest, PermissionDenied, SuspiciousOperation
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.signals import got_request_exception
from django.http import Http404, HttpResponseNotAllowed
from django.http.multipartparser import MultiPartParserError
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.security import APIKeyCookie, HttpBearer

from wuye.core import twofactor
from wuye.core.api import SOME_TEXT
from wuye.core.models import ApiToken
from wuye.core.validators import CONFLICT, NOT_FOUND

logger = logging.getLogger("django.request")


class BearerToken(HttpBearer):
    def authenticate(self, request, token):
        now = timezone.now()
        found = (
            ApiToken.objects.alive(now)
            .select_related("user")
            .filter(digest=ApiToken.digest_of(token))
            .first()
        )
        if found is None:
            return None
        if found.last_used_at is None or (now - found.last_used_at).total_seconds() > 300:
            ApiToken.objects.filter(pk=found.pk).update(last_used_at=now)
        request.user = found.user
        request.api_token_id = found.pk
        return found.user


class SessionCookie(APIKeyCookie):
    """The browser's session, with Django's CSRF check on unsafe methods."""

    param_name = "sessionid"

    def __call__(self, request):
        # Without a logged-in session there is nothing to protect from forgery: answer 401
        # ("log in"), not a CSRF 403, to a client that sent no or a wrong bearer token.
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        return super().__call__(request)

    def authenticate(self, request, key):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        if twofactor.needs_code(request):
            raise HttpError(403, _("Confirm your sign-in with the code of your authenticator app."))
        return user


class WuyeAPI(NinjaAPI):
    """Ninja, answering an unknown address (404) or method (405) in the JSON error shape too."""

    def _get_urls(self):
        urls = [
            # The root only names the API's prefix: nothing is served there.
            path("", self._not_found, name=p.name)
            if p.name == "api-root"
            else path(str(p.pattern), _json_method_not_allowed(p.callback), name=p.name)
            for p in super()._get_urls()
        ]
        return [*urls, path("<path:unknown>", self._not_found, name="unknown-address")]

    def _not_found(self, request, **kwargs):
        return _error(request, 404, _("Not found."))


def _json_method_not_allowed(view):
    @wraps(view)
    def answer(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if isinstance(response, HttpResponseNotAllowed):
            allowed = response["Allow"]
            response = _error(
                request, 405, _("Use one of these methods: %(methods)s.") % {"methods": allowed}
            )
            response["Allow"] = allowed
        return response

    return answer


api = WuyeAPI(
    title="Wuye API",
    version="1",
    description="Property management: the community register, and more as apps are added.",
    auth=[BearerToken(), SessionCookie(csrf=True)],
    urls_namespace="api-v1",
    docs_url="/docs",
)


def _error(request, status: int, detail: str, errors: dict | None = None):
    return api.create_response(request, {"detail": detail, "errors": errors or {}}, status=status)


def _message(err: dict) -> str:
    """A translated message for the common kinds of malformed input (Pydantic's are English)."""
    kind, ctx = err.get("type", ""), err.get("ctx") or {}
    if kind == "missing":
        return _("This field is required.")
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return _("Send a JSON object.")
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return _("Enter a whole number.")
    if kind in ("decimal_parsing", "decimal_type", "finite_number", "float_parsing"):
        return _("Enter a number such as 98.50.")
    if kind in ("bool_parsing", "bool_type"):
        return _("Enter true or false.")
    if kind in ("date_parsing", "date_from_datetime_parsing", "date_type"):
        return _("Enter a date as YYYY-MM-DD.")
    if kind == "date_range":
        return _("Enter a date between %(first)s and %(last)s.") % ctx
    if kind in ("enum", "literal_error"):
        return _("Choose one of: %(choices)s.") % {"choices": ctx.get("expected", "")}
    if kind == "string_too_long":
        return _("Enter at most %(n)s characters.") % {"n": ctx.get("max_length", "")}
    if kind == "string_pattern_mismatch" and ctx.get("pattern") == SOME_TEXT:
        return _("This field cannot be blank.")
    if kind == "string_pattern_mismatch":
        return _("This text contains characters that cannot be stored.")
    if kind in ("string_type", "string_unicode"):
        return _("Enter text.")
    if kind in ("greater_than_equal", "greater_than"):
        return _("Enter a value of at least %(n)s.") % {"n": ctx.get("ge", ctx.get("gt", ""))}
    if kind in ("less_than_equal", "less_than"):
        return _("Enter a value of at most %(n)s.") % {"n": ctx.get("le", ctx.get("lt", ""))}
    return err.get("msg") or _("Invalid value.")


@api.exception_handler(NinjaValidationError)
def on_ninja_validation(request, exc):
    errors: dict[str, list[str]] = {}
    for err in exc.errors:
        loc = [str(p) for p in err.get("loc", []) if p not in ("body", "query", "path", "payload")]
        field = ".".join(loc) or "__all__"
        errors.setdefault(field, []).append(_message(err))
    return _error(request, 422, _("Some fields are not valid."), errors)


# Django's own codes for a value that clashes with a stored row.
STORED_CLASH_CODES = {CONFLICT, "unique", "unique_together"}


def _validation_status(exc: DjangoValidationError) -> int:
    """400 for what the schema rules out; 404 when a field names a row the caller cannot
    name; 409 when what is stored (or today's date) rules a well-formed request out."""
    codes = (
        {error.code for error in exc.error_list}
        if not hasattr(exc, "error_dict")
        else {error.code for errors in exc.error_dict.values() for error in errors}
    )
    if codes and codes <= {NOT_FOUND, *STORED_CLASH_CODES}:
        return 404 if NOT_FOUND in codes else 409
    return 400


@api.exception_handler(DjangoValidationError)
def on_django_validation(request, exc):
    if hasattr(exc, "error_dict"):
        errors = {k: [str(m) for m in v] for k, v in exc.message_dict.items()}
    else:
        errors = {"__all__": [str(m) for m in exc.messages]}
    return _error(request, _validation_status(exc), _("Some fields are not valid."), errors)


@api.exception_handler(PermissionDenied)
def on_permission_denied(request, exc):
    return _error(request, 403, str(exc) or _("You may not do this."))


@api.exception_handler(Http404)
def on_not_found(request, exc):
    return _error(request, 404, _("Not found."))


@api.exception_handler(MultiPartParserError)
@api.exception_handler(BadRequest)
@api.exception_handler(SuspiciousOperation)
def on_unreadable_request(request, exc):
    """A body that cannot be read as its Content-Type says (a form without its boundary, too
    many fields): the client's fault, answered 400 however deep the reading happened."""
    return _error(request, 400, _("The request body could not be read; send it as JSON."))


@api.exception_handler(Exception)
def on_server_error(request, exc):
    """A fault of ours: logged and signalled as Django does for a page, answered in JSON
    (never Django's HTML error page, nor a traceback in DEBUG)."""
    logger.error(
        "Internal Server Error: %s", request.path, exc_info=exc, extra={"request": request}
    )
    got_request_exception.send(sender=None, request=request)
    detail = _("Something went wrong on our side; it has been logged. Please try again.")
    return _error(request, 500, detail)


@api.exception_handler(AuthenticationError)
def on_unauthenticated(request, exc):
    return _error(request, 401, _("Log in or send a valid bearer token."))


@api.exception_handler(HttpError)
def on_http_error(request, exc):
    return _error(request, exc.status_code, str(exc))


def _register_routers() -> None:
    from wuye.billing.api import router as billing_router
    from wuye.core.api import router as core_router
    from wuye.core.inbox.api import router as inbox_router
    from wuye.engagement.api import router as engagement_router
    from wuye.estates.api import router as estates_router
    from wuye.facilities.api import router as facilities_router
    from wuye.security.api import router as security_router
    from wuye.servicedesk.api import router as servicedesk_router
    from wuye.staff.api import router as staff_router

    api.add_router("", core_router)
    api.add_router("", inbox_router)
    api.add_router("", estates_router)
    api.add_router("", servicedesk_router)
    api.add_router("", billing_router)
    api.add_router("", engagement_router)
    api.add_router("", security_router)
    api.add_router("", staff_router)
    api.add_router("", facilities_router)


_register_routers()
