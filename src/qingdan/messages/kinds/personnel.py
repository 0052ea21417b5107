"""Personnel changes (派驻机构人事调整): the messages of their checks, in both languages."""

ZH: dict[str, str] = {
    "QD414": "征求意见日期 {consulted} 晚于调整日期 {date}，应事先征求派驻地意见",
    "QD414.missing": "科级领导干部调整应事先征求派驻地“{street}”的意见（consulted）",
    "QD414.street": "征求意见的单位“{consulted}”不是派驻地“{street}”",
    "QD414.agency": "“{agency}”应为派驻机构，实为{kind}",
    "QD414.unknown": "派驻机构“{agency}”不存在",
    "QD415": "抄告日期 {date} 距调整已 {late} 日，超过 {days} 日的抄告期限",
    "QD415.missing": "一般干部调整应在 {days} 日内抄告派驻地“{street}”（notified）",
    "QD415.street": "抄告单位“{notified}”不是派驻地“{street}”",
    "QD416": "调整动议应由派驻地“{stationed}”提出，不能由“{street}”提出",
    "QD416.general": "调整动议仅适用于科级领导干部，不适用于{rank}",
}

EN: dict[str, str] = {
    "QD414": "consulted on {consulted}, after the change on {date}: the stationed street is consulted first",
    "QD414.missing": "a 科级领导干部 change needs the opinion of the stationed street '{street}' first (consulted)",
    "QD414.street": "'{consulted}' was consulted, not the stationed street '{street}'",
    "QD414.agency": "'{agency}' must be a dispatched agency (派驻机构), not {kind}",
    "QD414.unknown": "agency '{agency}' does not exist",
    "QD415": "notified on {date}, {late} days after the change: more than the {days} days allowed",
    "QD415.missing": "a 一般干部 change is to be notified to the stationed street '{street}' within {days} days",
    "QD415.street": "'{notified}' was notified, not the stationed street '{street}'",
    "QD416": "only the stationed street '{stationed}' may move to adjust a cadre, not '{street}'",
    "QD416.general": "a motion applies to 科级领导干部 only, not to {rank}",
}
