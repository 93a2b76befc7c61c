"""Parking's staff pages, one module per subject (`tariffs`: the settings of temporary
parking's prices; `sessions`: the cars in and out, their fees and the parking settings)."""
