from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm
from django.urls import include, path

from wuye.api import api
from wuye.core import account
from wuye.core import views as core_views
from wuye.core.forms import StyledFormMixin

handler404 = core_views.page_not_found
handler500 = core_views.server_error


class LoginForm(StyledFormMixin, AuthenticationForm):
    pass


class ChangePasswordForm(StyledFormMixin, PasswordChangeForm):
    pass


urlpatterns = [
    path("", core_views.home, name="home"),
    path("healthz", core_views.healthz, name="healthz"),
    path("robots.txt", core_views.robots),
    path("communities/", core_views.communities, name="communities"),
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(
            authentication_form=LoginForm, redirect_authenticated_user=True
        ),
        name="login",
    ),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "accounts/password/",
        auth_views.PasswordChangeView.as_view(form_class=ChangePasswordForm),
        name="password_change",
    ),
    path(
        "accounts/password/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("accounts/second-factor/", account.second_factor, name="second_factor"),
    path("accounts/second-factor/setup/", account.second_factor_setup, name="second_factor_setup"),
    path(
        "accounts/second-factor/backup-codes/",
        account.backup_codes_renew,
        name="second_factor_backup_codes",
    ),
    path("accounts/security/", account.security, name="account_security"),
    path(
        "accounts/security/tokens/<int:token_id>/revoke/",
        account.token_revoke,
        name="account_token_revoke",
    ),
    path("messages/", include("wuye.core.inbox.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path("c/<int:community_id>/audit/", include("wuye.core.urls")),
    path("c/<int:community_id>/settings/", include("wuye.core.settings_urls")),
    path("c/<int:community_id>/billing/readings/", include("wuye.billing.readings.urls")),
    path("c/<int:community_id>/billing/", include("wuye.billing.urls")),
    path("portal/billing/", include("wuye.billing.portal_urls")),
    path("c/<int:community_id>/service/dashboard/", include("wuye.servicedesk.indicators.urls")),
    path("c/<int:community_id>/service/", include("wuye.servicedesk.urls")),
    path("portal/service/", include("wuye.servicedesk.portal_urls")),
    path("c/<int:community_id>/security/", include("wuye.security.urls")),
    path("c/<int:community_id>/facilities/", include("wuye.facilities.urls")),
    path("c/<int:community_id>/staff/", include("wuye.staff.urls")),
    path("portal/security/", include("wuye.security.portal_urls")),
    path("c/<int:community_id>/", include("wuye.engagement.urls")),
    path("c/<int:community_id>/", include("wuye.estates.urls")),
    path("portal/", include("wuye.engagement.portal_urls")),
    path("portal/", include("wuye.estates.portal_urls")),
]
