"""The facts of Bordeaux Town (波尔多小镇), Hami, as the training report states them.

The figures marked "source" must match the report exactly; the rest are our plausible
choices, kept here so that every screen tells the same story. Names and notes are
written in Chinese, as the office in Hami writes them; the interface around them is
translated.
"""

import base64
from decimal import Decimal

CODE = "BDX"
COMPANY_NAME = "哈密朗天物业服务有限公司"

PROFILE = {
    "name": "波尔多小镇",
    "city": "哈密",
    "address": "新疆哈密市伊州区城北核心区",
    "developer": "哈密朗天房地产开发有限公司",  # source
    "service_level": "1",  # 一级: the strictest defaults, for the dashboards to compare against
    "total_building_area": Decimal("134061.38"),  # source
    # The report gives the ratios (building density 21.63 %, green ratio 38.80 %, plot ratio
    # 1.84), not the areas they come from; these areas give exactly those ratios.
    "site_area": Decimal("72860.00"),
    "building_footprint": Decimal("15759.62"),
    "green_area": Decimal("28269.68"),
    "planned_parking_spaces": 632,  # source
    "planned_population": 4438,  # source
    "service_phone": "0902-2318888",  # 0902: Hami's area code
}

TOTAL_BUILDING_AREA = PROFILE["total_building_area"]
PARKING_SPACES = PROFILE["planned_parking_spaces"]
RESIDENTS = PROFILE["planned_population"]

PASSWORD = "wuye-demo"
# The authenticator key of every demo account that signs in with a second factor (admin,
# manager, the customer-service supervisor, the accountant): published, as the password is,
# so that visitors can sign in. Its base32 form is what an authenticator app takes.
TOTP_KEY = b"wuye-demo-bordeaux!!"
_KEY_BASE32 = base64.b32encode(TOTP_KEY).decode()
TOTP_SECRET = " ".join(_KEY_BASE32[i : i + 4] for i in range(0, len(_KEY_BASE32), 4))
