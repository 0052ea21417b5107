"""Tasks of dispatched agencies (派驻机构工作任务): the messages of their checks, in both languages."""

ZH: dict[str, str] = {
    "QD604": "派驻机构应为派驻机构类单位，“{unit}”为{kind}",
    "QD604.unknown": "派驻机构“{unit}”不在单位名单中",
    "QD604.revoked": "派驻机构“{unit}”已撤销",
    "QD604.indicator": "考核指标“{indicator}”不在任何以“{unit}”为考核对象的考核方案中",
}

EN: dict[str, str] = {
    "QD604": "agency must be a dispatched agency (派驻机构); '{unit}' is a {kind}",
    "QD604.unknown": "agency '{unit}' is not in units.yaml",
    "QD604.revoked": "agency '{unit}' is revoked (已撤销)",
    "QD604.indicator": "indicator '{indicator}' is in no assessment whose subjects include '{unit}'",
}
