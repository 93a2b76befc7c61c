"""The scoring templates the register starts with (品质检查评分表), 100 points per kind of
service; they are rows of `ScoreItem`, changed as data (admin), not code. Names are kept in
Chinese as the inspectors write them on the form."""

DEFAULT_TEMPLATES = {
    "cleaning": [
        ("楼道地面", 10),
        ("楼梯扶手", 10),
        ("垃圾桶", 10),
        ("垃圾清运", 15),
        ("电梯轿厢", 10),
        ("大堂玻璃", 10),
        ("道路广场", 15),
        ("公共卫生间", 10),
        ("人员着装", 10),
    ],
    "greenery": [
        ("草坪修剪", 20),
        ("绿篱造型", 15),
        ("乔木养护", 15),
        ("浇水施肥", 15),
        ("病虫害防治", 15),
        ("枯枝落叶清理", 10),
        ("人员着装", 10),
    ],
    "pest_control": [
        ("鼠密度", 25),
        ("蚊蝇密度", 25),
        ("蟑螂密度", 20),
        ("药饵投放记录", 15),
        ("警示标识", 15),
    ],
    "lift_maintenance": [
        ("半月维保按时", 25),
        ("维保记录", 20),
        ("轿厢与层门", 15),
        ("机房环境", 15),
        ("应急救援演练", 15),
        ("人员持证", 10),
    ],
    "water_treatment": [
        ("水质检测报告", 25),
        ("水箱清洗消毒", 25),
        ("加药记录", 20),
        ("水景水面清洁", 20),
        ("人员持证", 10),
    ],
    "other": [
        ("服务质量", 40),
        ("响应及时", 30),
        ("记录完整", 20),
        ("人员着装", 10),
    ],
}


def seed(score_item_model) -> None:
    """Write the default templates for every kind that has none yet."""
    for kind, items in DEFAULT_TEMPLATES.items():
        if score_item_model.objects.filter(kind=kind).exists():
            continue
        score_item_model.objects.bulk_create(
            score_item_model(kind=kind, name=name, max_points=points, position=n)
            for n, (name, points) in enumerate(items, start=1)
        )
