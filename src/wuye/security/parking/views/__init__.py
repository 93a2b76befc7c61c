"""Parking's staff pages, one module per subject (`tariffs`: the settings of temporary
parking's prices)."""
