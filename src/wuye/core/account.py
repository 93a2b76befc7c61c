"""A person's own sign-in: the second-factor code after the password, setting up an
authenticator app, backup codes, and the API tokens of their phones and apps."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from . import policy, tokens, twofactor
from .forms import StyledFormMixin
from .qr import qr_svg


class CodeForm(StyledFormMixin, forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Code"),
        max_length=20,
        help_text=gettext_lazy("The 6 digits your authenticator app shows, or a backup code."),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )


def _next_url(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("home")


@never_cache
@login_required
def second_factor(request):
    """After the password: the code of the authenticator app (or a backup code)."""
    if not twofactor.has_device(request.user):
        return redirect(f"{reverse('second_factor_setup')}?{request.GET.urlencode()}")
    form = CodeForm(request.POST or None)
    if form.is_valid():
        if twofactor.session_verify(request, form.cleaned_data["code"]):
            return HttpResponseRedirect(_next_url(request))
        form.add_error("code", _("The code is not correct. Wait for a new one and try again."))
    return render(
        request, "registration/second_factor.html", {"form": form, "next": _next_url(request)}
    )


@never_cache
@login_required
def second_factor_setup(request):
    """Set up an authenticator app: scan the QR code (or type the key), confirm with a code.

    Someone who already has one must give its code first, so that a stolen password alone
    cannot put a new authenticator on the account."""
    user = request.user
    if twofactor.has_device(user) and not twofactor.is_verified(user):
        return redirect(f"{reverse('second_factor')}?{request.GET.urlencode()}")
    device = twofactor.totp_start(user=user)
    form = CodeForm(request.POST or None)
    if form.is_valid():
        codes = twofactor.totp_confirm(
            request=request, device=device, code=form.cleaned_data["code"]
        )
        if codes is not None:
            return render(
                request,
                "registration/backup_codes.html",
                {"codes": codes, "next": _next_url(request)},
            )
        form.add_error("code", _("The code is not correct. Check the key and try again."))
    uri = twofactor.provisioning_uri(device)
    return render(
        request,
        "registration/second_factor_setup.html",
        {
            "form": form,
            "qr": qr_svg(uri, title=_("QR code for your authenticator app"), scale=5),
            "secret": twofactor.totp_secret(device),
            "required": policy.requires_second_factor(user),
            "next": _next_url(request),
        },
    )


@never_cache
@login_required
def security(request):
    """The person's sign-in: their second factor and the API tokens of their devices."""
    user = request.user
    return render(
        request,
        "registration/security.html",
        {
            "required": policy.requires_second_factor(user),
            "authenticator": twofactor.authenticator_of(user),
            "backup_codes_left": twofactor.backup_codes_left(user),
            "tokens": tokens.tokens_of(user),
        },
    )


@never_cache
@login_required
@require_POST
def backup_codes_renew(request):
    if not twofactor.is_verified(request.user):
        return redirect("second_factor")
    codes = twofactor.backup_codes_renew(user=request.user)
    return render(
        request,
        "registration/backup_codes.html",
        {"codes": codes, "next": reverse("account_security")},
    )


@login_required
@require_POST
def token_revoke(request, token_id: int):
    token = get_object_or_404(tokens.tokens_of(request.user), pk=token_id)
    tokens.token_revoke(token=token, actor=request.user)
    messages.success(
        request,
        _("The token of %(device)s no longer opens the API.")
        % {"device": token.device or _("an unnamed device")},
    )
    return redirect("account_security")
