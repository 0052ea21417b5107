"""Annual reports (公益效能年度报告): the messages of their checks, in both languages."""

ZH: dict[str, str] = {
    "QD801": "{institution}属于“{type}”，该类别没有 {year} 年度的公益效能指标体系",
    "QD801.unknown": "事业单位“{institution}”不存在",
    "QD802": "指标不符合指标体系",
    "QD802.unknown": "指标“{indicator}”不在指标体系“{set}”中",
    "QD802.twice": "指标“{indicator}”重复填报",
    "QD802.missing": "缺少必填指标：{missing}",
    "QD803": "值“{value}”无效",
    "QD803.number": "值“{value}”不是数字（只填数字，计量单位以指标体系为准）",
    "QD803.percent": "百分比“{value}”应在 0 到 100 之间",
    "QD803.negative": "数量“{value}”不能为负数",
    "QD804": "报送日期 {submitted} 不在 {opens} 至 {closes} 之间",
    "QD806": "“{institution}”{year} 年度已有年度报告“{first}”",
}

EN: dict[str, str] = {
    "QD801": "{institution} is of type '{type}', which has no indicator set for {year}",
    "QD801.unknown": "institution '{institution}' does not exist",
    "QD802": "the values do not match the indicator set",
    "QD802.unknown": "indicator '{indicator}' is not in indicator set '{set}'",
    "QD802.twice": "indicator '{indicator}' is given twice",
    "QD802.missing": "required indicators without a value: {missing}",
    "QD803": "value '{value}' is invalid",
    "QD803.number": "value '{value}' is not a number (write the number alone: the set gives the unit)",
    "QD803.percent": "percentage '{value}' must be between 0 and 100",
    "QD803.negative": "count '{value}' cannot be negative",
    "QD804": "submitted on {submitted}, not between {opens} and {closes}",
    "QD806": "'{institution}' already has annual report '{first}' for {year}",
}
