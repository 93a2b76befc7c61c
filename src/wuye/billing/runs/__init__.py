"""Bill runs (批量出账): a period's charges for a whole community, set-based and resumable.

The homes are taken in batches of consecutive ids. For each fee item due in the period, one
`INSERT … SELECT … ON CONFLICT DO NOTHING` prices the batch's homes in the database and
writes their charges; one more `INSERT … SELECT` puts the charges just created (as returned
by the insert) on the ledger. Prices are worked out in whole numbers (areas in hundredths of
a m², prices and rates in ten-thousandths), so that every database rounds exactly as
`calc.to_cents` does, by the item's rounding rule. The few homes whose charge cannot be
written as one expression (a parking contract that covers part of the cycle, a move-in during
a heating season) are priced by `pricing.ItemPlan.amount` in Python and written the same way.

The unique constraint on (home, fee item, period) makes a second run, or the resumption of a
failed one, add nothing that is already there. Each batch is one transaction: its charges,
their ledger entries and the payments taken from prepaid balances commit together or not at
all. After the homes, the run charges the period's meter readings and publishes the
apportionment of each common meter read in the period.
"""

# The modules: `sql` prices a batch of homes in the database and writes it, `generate` writes a
# run batch by batch (what the task runs), `services` previews, starts and resumes runs (and
# enqueues the task). Nothing is re-exported here: the task module imports `generate`, and
# `services` imports the task module.
