"""Believable, valid and unique personal details for the demo: names, mobiles, ID numbers,
plates. Everything is drawn from the random generator it is given, so it is repeatable.
"""

from __future__ import annotations

import random

from wuye.core.validators import id_check_digit

# Common surnames, most common first (the first ones are drawn more often).
SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶"
    "程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史"
)
GIVEN = {
    "m": "伟刚勇毅俊峰强军平东文辉力明永健广志兴良海山波宁福龙国学祥武新利清飞彬富顺杰涛成康"
    "光达安岩中进林坚和博诚振乐磊民超浩亮宏鹏泽晨建家德鑫宇轩昊",
    "f": "秀娟英华慧美娜静淑惠玉萍红玲芬芳燕春兰凤洁梅琳云莲雪荣霞月艳佳嘉琼珍莉晶妍秋婷倩"
    "颖露瑶怡丹蓉琴蕊薇梦岚馨悦冰欣晓欢芸菲雯涵萱",
}
# Uyghur names as written in Chinese: given name · father's given name.
UYGHUR_GIVEN = {
    "m": ("艾力", "买买提", "阿不都", "吐尔逊", "艾山", "热合曼", "伊力哈木", "阿迪力", "库尔班"),
    "f": ("古丽", "阿依古丽", "热依拉", "帕提古丽", "米娜瓦尔", "祖丽菲亚", "阿依努尔", "迪丽娜尔"),
}
UYGHUR_SHARE = 0.06
MOBILE_PREFIXES = tuple(
    str(n)
    for n in (
        *range(130, 140),
        *range(150, 154),
        *range(155, 160),
        166,
        173,
        177,
        *range(180, 190),
        199,
    )
)
# Hami (哈密): 650502 Yizhou District, 650521 Barkol County, 650522 Yiwu County.
HAMI_REGIONS = (("650502", 85), ("650521", 10), ("650522", 5))
# Xinjiang plates: 新A Urumqi, 新B Changji, 新C Shihezi ... 新K Turpan, 新L Hami. Most cars
# here are registered in Hami; some come from Urumqi or from neighbouring Gansu (甘A).
PLATE_AUTHORITIES = (("新L", 88), ("新A", 8), ("甘A", 4))
PLATE_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ"  # no I or O
CAR_COLOURS = ("白色", "黑色", "银色", "灰色", "红色", "蓝色")
CARS = ("大众", "丰田", "本田", "日产", "别克", "吉利", "长安", "哈弗", "现代", "奥迪")
NEW_ENERGY_CARS = ("比亚迪", "特斯拉", "五菱", "理想")


class Identities:
    """Draws people's details, never handing out the same mobile, ID number or plate twice."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self._mobiles: set[str] = set()
        self._id_numbers: set[str] = set()
        self._plates: set[str] = set()

    def gender(self) -> str:
        return self.rng.choice("mf")

    def surname(self) -> str:
        # A rough Zipf: the first surnames are far more common than the last.
        weights = [1 / (rank + 4) for rank in range(len(SURNAMES))]
        return self.rng.choices(SURNAMES, weights=weights)[0]

    def name(self, gender: str, surname: str | None = None) -> str:
        given = "".join(self.rng.choice(GIVEN[gender]) for _ in range(self.rng.choice((1, 2, 2))))
        return (surname or self.surname()) + given

    def uyghur_name(self, gender: str, father: str | None = None) -> str:
        father = father or self.rng.choice(UYGHUR_GIVEN["m"])
        return f"{self.rng.choice(UYGHUR_GIVEN[gender])}·{father}"

    def mobile(self) -> str:
        while True:
            number = self.rng.choice(MOBILE_PREFIXES) + f"{self.rng.randrange(10**8):08d}"
            if number not in self._mobiles:
                self._mobiles.add(number)
                return number

    def id_number(self, birth_year: int, gender: str) -> str:
        """An 18-character ID number of Hami, with the GB 11643 check digit."""
        region = self.rng.choices(*zip(*HAMI_REGIONS, strict=True))[0]
        while True:
            birth = f"{birth_year}{self.rng.randint(1, 12):02d}{self.rng.randint(1, 28):02d}"
            # The 17th digit is odd for men and even for women.
            sequence = f"{self.rng.randrange(100):02d}{self.rng.randrange(5) * 2 + (gender == 'm')}"
            first17 = region + birth + sequence
            number = first17 + id_check_digit(first17)
            if number not in self._id_numbers:
                self._id_numbers.add(number)
                return number

    def car(self) -> tuple[str, str]:
        """A plate and a make-and-colour description; about one car in eight is electric."""
        new_energy = self.rng.random() < 0.12
        authority = self.rng.choices(*zip(*PLATE_AUTHORITIES, strict=True))[0]
        while True:
            if new_energy:
                # New-energy plates: D (battery) or F (hybrid), then five characters.
                tail = self.rng.choice("DF") + f"{self.rng.randrange(10**5):05d}"
            else:
                letter = self.rng.choice(PLATE_LETTERS)
                digits = f"{self.rng.randrange(10**4):04d}"
                tail = letter + digits if self.rng.random() < 0.6 else digits + letter
            plate = authority + tail
            if plate not in self._plates:
                self._plates.add(plate)
                break
        colour = self.rng.choice(CAR_COLOURS)
        make = self.rng.choice(NEW_ENERGY_CARS if new_energy else CARS)
        return plate, f"{colour}{make}"
