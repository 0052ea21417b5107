"""Indicator sets (公益效能指标体系): the messages of their checks, in both languages."""

ZH: dict[str, str] = {
    "QD807": "指标编号“{indicator}”在本指标体系中重复",
    "QD807.set_twice": "{year} 年度“{type}”已有指标体系“{first}”",
}

EN: dict[str, str] = {
    "QD807": "indicator id '{indicator}' is used twice in this set",
    "QD807.set_twice": "{type} already has indicator set '{first}' for {year}",
}
