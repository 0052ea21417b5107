"""The province's basic catalogue (基本目录, not a record kind of the registry): the messages of its checks, of
`qingdan catalogue` and of the catalogue worklist in `qingdan diff`, in both languages."""

ZH: dict[str, str] = {
    "QD007.catalogue": "qingdan.yaml 中的基本目录文件“{file}”不存在",
    "QD111": "基本编码“{code}”不在基本目录（{file}）中",
    "QD111.cancelled": "基本编码“{code}”（{name}）在基本目录中已取消，本事项不能再实施该条目",
    "QD112.name": "事项名称“{value}”与基本目录条目 {code} 的事项名称“{expected}”不一致",
    "QD112.type": "事项类型“{value}”与基本目录条目 {code} 的事项类型“{expected}”不一致",
    "QD112.legal_basis": "设定依据所引法律法规 {value} 与基本目录条目 {code} 的设定依据 {expected} 不一致",
    "QD113": "基本目录条目 {code} 的行使层级为 {levels}，不含本事项所在的{level}",
    "QD114": "基本目录条目 {code} 不是上级事项 {parent} 所实施条目 {parent_code} 的子条目",
    "QD114.entry": "基本目录条目 {code} 的上级编码 {parent_code} 不在基本目录中",
    "QD115": "基本目录条目 {code}（{name}）的主管部门为{unit_name}（{unit}），但该单位没有有效事项实施此条目",
    "QD116": "单位“{unit}”已有有效事项 {first} 实施基本目录条目 {code}，不能重复实施",
    "QD901.catalogue": "基本编码“{ident}”在基本目录中重复",
    "catalogue.none": "qingdan.yaml 没有指定基本目录（catalogue.file），无法比对",
    "catalogue.title": "基本目录比对：{file}",
    "catalogue.summary": (
        "基本目录在用条目 {entries} 个：已实施 {implemented} 个，其中与目录不一致 {differing} 个；"
        "应实施而未实施 {not_implemented} 项"
    ),
    "catalogue.unit": (
        "{name}（{unit}）：一致 {matching}，不一致 {differing}，未实施 {missing}，编码无效 {unknown}，"
        "无基本编码 {uncoded}"
    ),
    "catalogue.status.matching": "一致",
    "catalogue.status.differing": "不一致",
    "catalogue.status.missing": "未实施",
    "catalogue.status.unknown": "编码无效",
    "catalogue.status.uncoded": "无基本编码",
    "catalogue.element.name": "事项名称",
    "catalogue.element.type": "事项类型",
    "catalogue.element.legal_basis": "设定依据",
    "catalogue.column.unit": "实施主体",
    "catalogue.column.unit_name": "单位名称",
    "catalogue.column.status": "比对结果",
    "catalogue.column.item": "事项编码",
    "catalogue.column.item_name": "事项名称",
    "catalogue.column.code": "基本编码",
    "catalogue.column.entry_name": "目录事项名称",
    "catalogue.column.element": "不一致要素",
    "catalogue.column.item_value": "本地值",
    "catalogue.column.entry_value": "目录值",
    "catalogue.diff.title": "基本目录变化（待办）",
    "catalogue.diff.items": "实施事项",
    "catalogue.diff.none_implementing": "（无实施事项）",
    "stats.catalogue": "省级基本目录比对",
    "stats.catalogue.entries": "在用条目",
    "stats.catalogue.implemented": "已实施",
    "stats.catalogue.differing": "实施但不一致",
    "stats.catalogue.not_implemented": "应实施未实施",
}

EN: dict[str, str] = {
    "QD007.catalogue": "the catalogue file '{file}' named in qingdan.yaml does not exist",
    "QD111": "catalogue code '{code}' is not in the basic catalogue ({file})",
    "QD111.cancelled": "catalogue entry '{code}' ({name}) is cancelled: this item can no longer implement it",
    "QD112.name": "name '{value}' differs from the name '{expected}' of catalogue entry {code}",
    "QD112.type": "type '{value}' differs from the type '{expected}' of catalogue entry {code}",
    "QD112.legal_basis": "the laws cited, {value}, differ from those of catalogue entry {code}: {expected}",
    "QD113": "catalogue entry {code} is exercised at {levels}, not at this item's level ({level})",
    "QD114": "catalogue entry {code} is not a sub-entry of {parent_code}, the entry of parent item {parent}",
    "QD114.entry": "the parent code {parent_code} of catalogue entry {code} is not in the catalogue",
    "QD115": (
        "catalogue entry {code} ({name}) is in the charge of {unit_name} ({unit}), "
        "but no active item of that unit implements it"
    ),
    "QD116": "unit '{unit}' already implements catalogue entry {code} with active item {first}",
    "QD901.catalogue": "catalogue code '{ident}' is given twice in the catalogue",
    "catalogue.none": "qingdan.yaml names no basic catalogue (catalogue.file): nothing to compare with",
    "catalogue.title": "Conformance to the basic catalogue: {file}",
    "catalogue.summary": (
        "{entries} catalogue entries in use: {implemented} implemented, {differing} of them with differences; "
        "{not_implemented} expected but not implemented"
    ),
    "catalogue.unit": (
        "{name} ({unit}): matching {matching}, differing {differing}, not implemented {missing}, "
        "invalid code {unknown}, without code {uncoded}"
    ),
    "catalogue.status.matching": "matching",
    "catalogue.status.differing": "differing",
    "catalogue.status.missing": "not implemented",
    "catalogue.status.unknown": "invalid code",
    "catalogue.status.uncoded": "without code",
    "catalogue.element.name": "name",
    "catalogue.element.type": "type",
    "catalogue.element.legal_basis": "legal_basis",
    "catalogue.column.unit": "unit",
    "catalogue.column.unit_name": "unit name",
    "catalogue.column.status": "result",
    "catalogue.column.item": "item",
    "catalogue.column.item_name": "item name",
    "catalogue.column.code": "catalogue code",
    "catalogue.column.entry_name": "entry name",
    "catalogue.column.element": "element",
    "catalogue.column.item_value": "item value",
    "catalogue.column.entry_value": "catalogue value",
    "catalogue.diff.title": "Catalogue changes (worklist)",
    "catalogue.diff.items": "implementing items",
    "catalogue.diff.none_implementing": "(no implementing item)",
    "stats.catalogue": "Basic catalogue",
    "stats.catalogue.entries": "entries in use",
    "stats.catalogue.implemented": "implemented",
    "stats.catalogue.differing": "implemented, differing",
    "stats.catalogue.not_implemented": "expected, not implemented",
}
