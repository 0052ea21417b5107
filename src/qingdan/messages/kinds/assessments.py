"""Assessments (派驻机构考核): the messages of their checks, in both languages."""

ZH: dict[str, str] = {
    "QD401": "各考核主体权重合计为 {total}，应为 100",
    "QD402": "权重 {weight} 应大于 0 且不超过 100",
    "QD402.twice": "考核主体“{party}”重复列出",
    "QD403": "考核对象“{unit}”应为派驻机构，实为{kind}",
    "QD403.unknown": "考核对象“{unit}”不存在",
    "QD404": "考核主体“{party}”的各项指标权重合计为 {total}，与该主体权重 {weight} 不符",
    "QD404.no_party": "指标所属的考核主体“{party}”未列入考核主体",
}

EN: dict[str, str] = {
    "QD401": "the party weights add up to {total}, not 100",
    "QD402": "weight {weight} must be more than 0 and at most 100",
    "QD402.twice": "party '{party}' is listed twice",
    "QD403": "subject '{unit}' must be a dispatched agency (派驻机构), not {kind}",
    "QD403.unknown": "subject '{unit}' does not exist",
    "QD404": "the indicators of '{party}' add up to {total}, not to the party's weight {weight}",
    "QD404.no_party": "indicator party '{party}' is not among the parties",
}
