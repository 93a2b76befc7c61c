from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.signed_cookies import SessionStore
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.test import RequestFactory, override_settings

from wuye.core.forms import add_service_errors
from wuye.core.web import paginate, run_service


def _request(path: str = "/"):
    request = RequestFactory().get(path)
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    return request


def _said(request) -> list[tuple[str, str]]:
    return [(message.level_tag, str(message)) for message in get_messages(request)]


def test_a_done_action_says_so_and_answers_then():
    request = _request()
    then = HttpResponseRedirect("/back/")

    answer = run_service(request, lambda: None, success="Published.", then=then)

    assert answer is then
    assert _said(request) == [("success", "Published.")]


def test_a_refused_action_says_every_reason_in_one_message():
    request = _request()

    def refuse():
        raise ValidationError(["Not yet open.", "No questions."])

    run_service(request, refuse, success="Published.", then=HttpResponseRedirect("/back/"))

    assert _said(request) == [("error", "Not yet open. No questions.")]


def test_the_success_message_may_tell_what_the_action_returned():
    request = _request()

    run_service(
        request,
        lambda: [1, 2, 3],
        success=lambda lines: f"{len(lines)} lines.",
        then=HttpResponseRedirect("/back/"),
    )

    assert _said(request) == [("success", "3 lines.")]


@override_settings(PAGE_SIZE=2)
def test_paging_falls_back_to_the_first_or_the_last_page():
    rows = list(range(5))

    assert list(paginate(_request("/?page=2"), rows)) == [2, 3]
    assert list(paginate(_request("/?page=²"), rows)) == [0, 1]
    assert list(paginate(_request("/?page=99"), rows)) == [4]


def test_a_service_error_lands_on_the_field_the_form_shows_it_under():
    class PhotoForm(forms.Form):
        photos = forms.FileField(required=False)
        note = forms.CharField(required=False)

    form = PhotoForm(data={})
    form.is_valid()
    error = ValidationError({"file": "Not a picture.", "note": "Too long.", "other": "Later."})

    add_service_errors(form, error, {"file": "photos"})

    assert form.errors["photos"] == ["Not a picture."]
    assert form.errors["note"] == ["Too long."]
    assert form.non_field_errors() == ["Later."]
