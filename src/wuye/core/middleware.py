"""Input no page can store, refused before any view runs; and telling the API's requests apart."""

from django.shortcuts import render
from django.utils.translation import gettext as _

API_PREFIX = "/api/"
FORM = "application/x-www-form-urlencoded"


def is_api(request) -> bool:
    return request.path.startswith(API_PREFIX)


def _has_nul(data) -> bool:
    return any(
        "\x00" in key or any("\x00" in value for value in values) for key, values in data.lists()
    )


def _form_of(request):
    # A urlencoded form only: parsing a multipart body here would fix its upload handlers
    # before the view could choose them (and a multipart form's text goes to form fields,
    # which refuse NUL themselves).
    if request.method == "POST" and request.content_type == FORM:
        return request.POST
    return None


class RefuseNulMiddleware:
    """A NUL character in a page's address parameters or in a submitted form is a 400.

    No one types a NUL, PostgreSQL cannot store one in text, and refused here it reaches no
    search, filter or form of any page. The API's parameters and bodies are its schemas' to
    check (`core.api.Text` refuses NUL), so that one 422 names every faulty field.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if is_api(request):
            return self.get_response(request)
        form = _form_of(request)
        if _has_nul(request.GET) or (form is not None and _has_nul(form)):
            detail = _("The request contains a NUL character, which cannot be stored.")
            return render(request, "core/error.html", {"detail": detail}, status=400)
        return self.get_response(request)
