"""Community illegal-prone matters (社区(村)易发违法事项): the messages of their checks, in both languages."""

ZH: dict[str, str] = {
    "QD605": "易发违法事项的处罚事项或网格事件有误",
    "QD605.unknown": "处罚事项“{code}”不存在",
    "QD605.type": "处罚事项“{code}”为{type}，应为行政处罚事项",
    "QD605.cancelled": "处罚事项“{code}”已取消",
    "QD605.unknown_event": "网格事件“{event}”不存在",
    "QD605.major": "网格事件“{event}”（{name}）为大类，应填写小类编码（如 {event}-01）",
    "QD605.cancelled_event": "网格事件“{event}”已取消",
}

EN: dict[str, str] = {
    "QD605": "wrong penalty item or grid event of an illegal-prone matter",
    "QD605.unknown": "penalty item '{code}' does not exist",
    "QD605.type": "penalty item '{code}' is a {type}, not an administrative penalty (行政处罚)",
    "QD605.cancelled": "penalty item '{code}' is cancelled (已取消)",
    "QD605.unknown_event": "grid event '{event}' does not exist",
    "QD605.major": "grid event '{event}' is a major class; name one of its minor classes (e.g. {event}-01)",
    "QD605.cancelled_event": "grid event '{event}' is cancelled (已取消)",
}
