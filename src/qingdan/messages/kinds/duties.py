"""Duty division (职责分工): the messages of its checks, in both languages."""

ZH: dict[str, str] = {
    "QD601": "职责分工中同一单位重复出现",
    "QD601.lead": "“{unit}”已承担主体责任，不应同时列为配合单位",
    "QD601.twice": "配合单位“{unit}”重复列出",
    "QD602": "由“{unit}”承担主体责任的职责关联权力事项 {codes}，但“{streets}”未实施其中任何一项，"
    "也未注明已批准的下放依据（未经批准下放的职责，街道(镇)可以不予执行）",
    "QD602.status": "下放依据“{delegation}”的状态为“{status}”，未获批准，“{streets}”承担主体责任缺乏依据",
    "QD602.target": "下放依据“{delegation}”的承接单位不含“{streets}”，其未实施关联权力事项 {codes}",
    "QD602.unknown_item": "关联权力事项“{code}”不存在",
    "QD602.unknown_delegation": "下放依据“{delegation}”不存在",
    "QD603": "工业区“{zone}”的{domain}职责应由其所在街道(镇)（{streets}）承担主体责任，现为“{unit}”",
    "QD603.zone_kind": "工业区字段应填写工业区，“{unit}”为{kind}",
}

EN: dict[str, str] = {
    "QD601": "a unit appears twice in the duty's division",
    "QD601.lead": "'{unit}' leads this duty and cannot also be a partner",
    "QD601.twice": "partner '{unit}' is listed twice",
    "QD602": "the duty led by '{unit}' is linked to power items {codes}, none of which {streets} holds, "
    "and names no approved delegation (a duty pushed down without admission)",
    "QD602.status": "delegation '{delegation}' is '{status}', not approved: {streets} cannot be made to lead this duty",
    "QD602.target": "delegation '{delegation}' does not hand this duty to {streets}, which holds none of {codes}",
    "QD602.unknown_item": "linked power item '{code}' does not exist",
    "QD602.unknown_delegation": "delegation '{delegation}' does not exist",
    "QD603": "the {domain} duties of industrial zone '{zone}' must be led by a street it lies in "
    "({streets}), not '{unit}'",
    "QD603.zone_kind": "`zone` must name an industrial zone (工业区); '{unit}' is a {kind}",
}
