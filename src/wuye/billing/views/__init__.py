"""Billing pages: the cashier's desk, bill runs, fee standards, arrears, reports, receipts."""
