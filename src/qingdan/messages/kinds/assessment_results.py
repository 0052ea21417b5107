"""Assessment results (派驻机构考核结果): the messages of their checks, in both languages."""

ZH: dict[str, str] = {
    "QD410": "总分 {final} 与得分计算结果不符，应为 {expected}",
    "QD410.bonus": "加分 {bonus} 应大于 0 且不超过考核方案的加分上限 {cap}",
    "QD411": "得分不符合考核方案",
    "QD411.form": "每项得分应写明考核主体（party）或考核指标（indicator）中的一项",
    "QD411.mixed": "同一考核结果应全部按考核主体或全部按考核指标计分，不能混用",
    "QD411.no_indicators": "考核方案“{assessment}”未设考核指标，应按考核主体计分",
    "QD411.unknown": "“{target}”不是考核方案“{assessment}”的考核主体或指标",
    "QD411.twice": "“{target}”重复计分",
    "QD411.missing": "缺少以下各项的得分：{missing}",
    "QD411.range": "得分 {score} 应在 0 到 {top} 之间",
    "QD412": "总分 {final} 对应的等次为“{expected}”，不是“{grade}”",
    "QD413": "“{subject}”不是考核方案“{assessment}”的考核对象",
    "QD413.unknown": "考核方案“{assessment}”不存在",
    "QD413.twice": "考核对象“{subject}”在考核方案“{assessment}”中已有考核结果",
}

EN: dict[str, str] = {
    "QD410": "final score {final} is not what the scores make: expected {expected}",
    "QD410.bonus": "bonus {bonus} must be more than 0 and at most the scheme's bonus_max {cap}",
    "QD411": "the scores do not match the assessment scheme",
    "QD411.form": "each score names either a party or an indicator",
    "QD411.mixed": "a result is scored either by party or by indicator throughout, not both",
    "QD411.no_indicators": "scheme '{assessment}' has no indicators: score it by party",
    "QD411.unknown": "'{target}' is neither a party nor an indicator of scheme '{assessment}'",
    "QD411.twice": "'{target}' is scored twice",
    "QD411.missing": "no score for: {missing}",
    "QD411.range": "score {score} must be between 0 and {top}",
    "QD412": "final score {final} earns grade '{expected}', not '{grade}'",
    "QD413": "'{subject}' is not a subject of scheme '{assessment}'",
    "QD413.unknown": "assessment scheme '{assessment}' does not exist",
    "QD413.twice": "subject '{subject}' already has a result under scheme '{assessment}'",
}
