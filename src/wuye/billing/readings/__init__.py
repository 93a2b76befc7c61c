"""Meter reading (抄表): the reader's phone page, building by building, and the upload of a
month's readings from a workbook. Readings are recorded by `billing.services.meters`."""
