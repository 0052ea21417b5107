"""Grid events (网格事件分类处置标准): the messages of their checks, in both languages."""

ZH: dict[str, str] = {
    "QD606": "网格事件分类或处置时限有误",
    "QD606.code": "事件编码“{code}”格式有误，大类应为两位数字（如 01），小类应为大类编码加“-”和两位数字（如 01-03）",
    "QD606.major": "小类“{code}”所属的大类“{major}”不存在",
    "QD606.missing": "小类“{code}”缺少处置规则：{labels}",
    "QD606.major_fields": "“{code}”为大类，处置规则只写在小类中（字段“{key}”）",
    "QD606.immediate": "网格事件的处置时限不能为“即办”，应写明时限（如 1工作日）",
    "QD606.time_limit": "上报时限“{after}”应长于处置时限“{limit}”",
    "QD606.escalation": "上报时限“{after}”应长于上一级上报时限“{limit}”",
    "QD607": "处置主体“{handler}”及协同单位均未实施关联权力事项 {codes}（法无授权不可为）",
    "QD607.unknown": "关联权力事项“{code}”不存在",
    "stats.grid_events.major": "大类",
    "stats.grid_events.minor": "小类",
}

EN: dict[str, str] = {
    "QD606": "wrong grid-event class or time limit",
    "QD606.code": "event code '{code}' is malformed: a major class is two digits (01), a minor class its major "
    "class's code, '-' and two digits (01-03)",
    "QD606.major": "the major class '{major}' of minor class '{code}' does not exist",
    "QD606.missing": "minor class '{code}' lacks handling rules: {missing}",
    "QD606.major_fields": "'{code}' is a major class: handling rules belong to its minor classes (field '{key}')",
    "QD606.immediate": "a grid event's time limit cannot be 即办 (immediate); give a time such as 1工作日",
    "QD606.time_limit": "escalation after {after} must be later than the time limit {limit}",
    "QD606.escalation": "escalation after {after} must be later than the escalation before it ({limit})",
    "QD607": "neither handler '{handler}' nor its partners hold any of the linked power items {codes}",
    "QD607.unknown": "linked power item '{code}' does not exist",
    "stats.grid_events.major": "major classes",
    "stats.grid_events.minor": "minor classes",
}
