pytest_plugins = ["wuye.testing.people"]
