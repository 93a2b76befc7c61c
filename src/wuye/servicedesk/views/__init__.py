"""Staff pages of the customer center: intake, dispatch board, order, technician, supervisor,
call-backs. Actions on an order (shared with the portal) are in `actions`."""
