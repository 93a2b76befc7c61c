"""The customer center's settings pages (设置): the repair price list, teams and their
members, the duty roster, the desk's settings and the SLA policies, each with its history.
The changes themselves are `services.config`'s."""
