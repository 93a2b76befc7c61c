from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ServicedeskConfig(AppConfig):
    name = "wuye.servicedesk"
    label = "servicedesk"
    verbose_name = _("Customer center")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from wuye.core import registries, search

        from . import cached, notify, queries
        from .views import orders_list

        registries.install(self)
        cached.connect()
        user_logged_in.connect(notify.remember_language, dispatch_uid="servicedesk-language")
        # A work-order number typed in the search box opens the order.
        search.register(
            search.Finder(
                parse=queries.parse_work_order_number,
                find=orders_list.order_page_for_number,
                not_found=_(
                    "No work order numbered %(number)s was found in the communities you work in."
                ),
            )
        )
