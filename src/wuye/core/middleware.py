"""Input no page or API route can store, refused before any of them runs."""

from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

API_PREFIX = "/api/"
FORM = "application/x-www-form-urlencoded"


def is_api(request) -> bool:
    return request.path.startswith(API_PREFIX)


def _with_nul(data) -> list[str]:
    return [
        key
        for key, values in data.lists()
        if "\x00" in key or any("\x00" in value for value in values)
    ]


def _form_of(request):
    # A urlencoded form only: parsing a multipart body here would fix its upload handlers
    # before the view could choose them (and a multipart form's text goes to form fields,
    # which refuse NUL themselves).
    if request.method == "POST" and request.content_type == FORM:
        return request.POST
    return None


class RefuseNulMiddleware:
    """A NUL character in the address's parameters or in a submitted form is refused: a 400
    page, or for the API its JSON error (422, naming the parameters).

    No one types a NUL, PostgreSQL cannot store one in text, and refused here it reaches no
    search, filter or form of any page. (JSON bodies are the API's schemas' to check.)
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        form = _form_of(request)
        names = _with_nul(request.GET) + (_with_nul(form) if form is not None else [])
        if not names:
            return self.get_response(request)
        detail = _("The request contains a NUL character, which cannot be stored.")
        if is_api(request):
            message = _("This text contains characters that cannot be stored.")
            errors = {name.replace("\x00", "") or "__all__": [message] for name in names}
            return JsonResponse({"detail": detail, "errors": errors}, status=422)
        return error_page(request, detail, status=400)


def error_page(request, detail: str, status: int):
    return render(request, "core/error.html", {"detail": detail}, status=status)
