"""Public institutions (事业单位): the messages of their checks, in both languages."""

ZH: dict[str, str] = {
    "QD805": "统一社会信用代码“{code}”无效",
    "QD805.length": "统一社会信用代码“{code}”有 {detail} 位，应为 {length} 位",
    "QD805.character": "统一社会信用代码“{code}”含有不允许的字符“{detail}”（不用 I、O、Z、S、V 和小写字母）",
    "QD805.check": "统一社会信用代码“{code}”的校验码有误，按前 17 位应为“{detail}”",
    "QD805.unknown": "举办单位“{sponsor}”不存在",
    "QD805.kind": "举办单位“{sponsor}”应为部门、街道或镇，实为{kind}",
}

EN: dict[str, str] = {
    "QD805": "credit code '{code}' is invalid",
    "QD805.length": "credit code '{code}' has {detail} characters, not {length}",
    "QD805.character": "credit code '{code}' holds '{detail}', which is not allowed (no I, O, Z, S, V, no lower case)",
    "QD805.check": "credit code '{code}' has a wrong check character: its first 17 call for '{detail}'",
    "QD805.unknown": "sponsor '{sponsor}' does not exist",
    "QD805.kind": "sponsor '{sponsor}' must be a 部门, 街道 or 镇, not {kind}",
}
