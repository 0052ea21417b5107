"""Units (单位): the messages of their checks, in both languages."""

ZH: dict[str, str] = {
    "QD105": "实施主体“{unit}”不在单位名单（units.yaml）中",
    "QD105.revoked": "实施主体“{unit}”已撤销，有效事项应改由承接单位实施或予以取消",
    "QD105.parent_required": "{kind}“{unit}”须填写上级单位",
    "QD105.stationed_in_required": "{kind}“{unit}”须填写派驻地",
    "QD105.parent": "上级单位“{target}”不在单位名单中",
    "QD105.stationed_in": "派驻地“{target}”不在单位名单中",
    "QD105.parent_kind": "{kind}“{unit}”的上级单位应为{expected}，“{target}”为{target_kind}",
    "QD105.stationed_in_kind": "“{unit}”的派驻地应为{expected}，“{target}”为{target_kind}",
    "QD105.parent_revoked": "上级单位“{target}”已撤销",
    "QD105.stationed_in_revoked": "派驻地“{target}”已撤销",
    "QD105.located_in_required": "工业区“{unit}”须在所在街道(镇)（located_in）中填写其所在的街道或镇",
    "QD105.located_in": "所在街道(镇)“{target}”不在单位名单中",
    "QD105.located_in_kind": "“{unit}”的所在街道(镇)应为{expected}，“{target}”为{target_kind}",
    "QD105.located_in_revoked": "所在街道(镇)“{target}”已撤销",
    "QD105.named": "单位“{unit}”不在单位名单（units.yaml）中",
    "QD105.named_revoked": "单位“{unit}”已撤销，有效记录应改由承接单位负责",
}

EN: dict[str, str] = {
    "QD105": "unit '{unit}' is not in units.yaml",
    "QD105.revoked": "unit '{unit}' is revoked (已撤销): move the item to the unit that took over, or cancel it",
    "QD105.parent_required": "a {kind} unit ('{unit}') needs a `parent`",
    "QD105.stationed_in_required": "a {kind} unit ('{unit}') needs `stationed_in`",
    "QD105.parent": "parent unit '{target}' is not in units.yaml",
    "QD105.stationed_in": "stationed_in unit '{target}' is not in units.yaml",
    "QD105.parent_kind": "the parent of a {kind} must be a {expected}, and '{target}' is a {target_kind}",
    "QD105.stationed_in_kind": "stationed_in must be a {expected}, and '{target}' is a {target_kind}",
    "QD105.parent_revoked": "parent unit '{target}' is revoked (已撤销)",
    "QD105.stationed_in_revoked": "stationed_in unit '{target}' is revoked (已撤销)",
    "QD105.located_in_required": "industrial zone '{unit}' needs `located_in`: the streets or towns its area lies in",
    "QD105.located_in": "located_in unit '{target}' is not in units.yaml",
    "QD105.located_in_kind": "located_in must be a {expected}, and '{target}' is a {target_kind}",
    "QD105.located_in_revoked": "located_in unit '{target}' is revoked (已撤销)",
    "QD105.named": "unit '{unit}' is not in units.yaml",
    "QD105.named_revoked": "unit '{unit}' is revoked (已撤销): an active record needs the unit that took over",
}
