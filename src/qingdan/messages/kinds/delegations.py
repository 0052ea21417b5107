"""Delegations (职责下放): the messages of their checks, in both languages."""

ZH: dict[str, str] = {
    "QD201": "实施主体为街道(镇)、权力来源为“{source}”的事项，须在下放依据中填写已批准的下放编号",
    "QD201.unknown": "下放依据“{delegation}”不存在",
    "QD201.status": "下放依据“{delegation}”的状态为“{status}”，未获批准",
    "QD201.target": "下放依据“{delegation}”的承接单位不含“{unit}”",
    "QD202": "下放事项的审议记录或保障措施不完整",
    "QD202.no_review": "状态为“{status}”的下放事项须有联席会议审议记录（会议、日期、决定）",
    "QD202.review": "审议记录不完整：缺少{labels}",
    "QD202.no_safeguards": "已批准的下放事项须落实人员、经费、培训、业务指导四项保障措施",
    "QD202.safeguards": "保障措施不完整：缺少{labels}",
    "QD203": "下放事项或下放、承接单位有误",
    "QD203.unknown_unit": "单位“{unit}”不存在",
    "QD203.from_kind": "下放部门“{unit}”应为部门，实为{kind}",
    "QD203.to_kind": "承接单位“{unit}”应为街道或镇，实为{kind}",
    "QD203.unknown_item": "事项编码“{code}”不存在",
    "QD203.holder": "事项“{code}”属“{unit}”，既非下放部门“{from_unit}”的事项，也非依本次下放承接的事项",
    "QD204": "生效日期 {effective_date} 早于审议日期 {review_date}",
}

EN: dict[str, str] = {
    "QD201": "a street/town item with source '{source}' needs a `delegation` naming an approved delegation",
    "QD201.unknown": "delegation '{delegation}' does not exist",
    "QD201.status": "delegation '{delegation}' is '{status}', not approved",
    "QD201.target": "delegation '{delegation}' does not hand this duty to '{unit}'",
    "QD202": "the delegation's review or safeguards are incomplete",
    "QD202.no_review": "a delegation that is '{status}' needs the joint meeting's review (meeting, date, decision)",
    "QD202.review": "the review is incomplete: missing {missing}",
    "QD202.no_safeguards": "an approved delegation needs all four safeguards (staffing, funding, training, guidance)",
    "QD202.safeguards": "the safeguards are incomplete: missing {missing}",
    "QD203": "wrong item or unit in the delegation",
    "QD203.unknown_unit": "unit '{unit}' does not exist",
    "QD203.from_kind": "from_unit '{unit}' must be a department (部门), not {kind}",
    "QD203.to_kind": "to_units '{unit}' must be a street or town (街道/镇), not {kind}",
    "QD203.unknown_item": "item code '{code}' does not exist",
    "QD203.holder": "item '{code}' of '{unit}' is neither an item of '{from_unit}' nor held through this delegation",
    "QD204": "effective_date {effective_date} is before the review date {review_date}",
}
