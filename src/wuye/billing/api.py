"""API: fees, bills, payments and reports."""

from ninja import Router

router = Router(tags=["billing"])
