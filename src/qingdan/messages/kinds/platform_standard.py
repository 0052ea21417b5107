"""The 基层治理四平台 standard: the messages of its checks, in both languages."""

ZH: dict[str, str] = {
    "QD608": "基层治理四平台标准不完整",
    "QD608.topic": "专题“{topic}”没有任何标准要求",
    "QD608.unknown": "配套清单“{kind}”不是可配套的清单（应为 {choices}）",
    "QD608.empty": "配套清单“{kind}”（{title}）在清单库中没有任何记录",
}

EN: dict[str, str] = {
    "QD608": "the platform standard is incomplete",
    "QD608.topic": "topic '{topic}' has no requirement",
    "QD608.unknown": "'{kind}' is not a list a requirement can name (one of {choices})",
    "QD608.empty": "the registry has no record of '{kind}', the list this requirement names",
}
