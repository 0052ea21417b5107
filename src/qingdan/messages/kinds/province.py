"""`qingdan province` (not a record kind: its messages sit here as the catalogue's do), in both languages."""

ZH: dict[str, str] = {
    "province.not_folder": "{path} 不是文件夹",
    "province.empty": "{path} 中没有区县：每个区县应为一个子文件夹，含清单库（qingdan.yaml）或其开放数据导出",
    "province.none_read": "{path} 中没有一个区县能够读取（原因见上）",
    "province.not_district": (
        "既不是清单库（无 qingdan.yaml），也不是开放数据导出（无 datapackage.json 或 power.parquet），未计入"
    ),
    "province.symlink": "符号链接指向全省文件夹之外（{target}），已拒绝读取，未计入",
    "province.missing_file": "导出中缺少 {file}，未计入",
    "province.columns": "缺少列 {columns}（应为 qingdan export 导出的文件），未计入",
    "province.unreadable": "无法读取（{detail}），未计入",
    "province.no_region": "无法确定地区代码：导出中没有地区信息，文件夹名也不是 6 位代码，未计入",
    "province.skipped": "清单库无法读取，未计入：\n{detail_zh}",
    "province.twins": "地区代码 {code} 出现在多个文件夹中：{folders}（每个区县只能有一份）",
    "province.catalogues": "各区县清单库使用了 {count} 份不同的基本目录：{catalogues}；请用 --catalogue 指定比对哪一份",
    "province.no_catalogue": "找不到基本目录文件 {path}（应为 .csv 文件）",
    "province.out_required": "--format {format} 须用 --out 指定输出位置",
    "province.done": "已比对 {districts} 个区县、{items} 个有效事项；与目录不一致的条目 {differing} 个：{out}",
}

EN: dict[str, str] = {
    "province.not_folder": "{path} is not a folder",
    "province.empty": (
        "{path} holds no district: each district is a subfolder with a registry (qingdan.yaml) or its open-data export"
    ),
    "province.none_read": "no district in {path} could be read (see above)",
    "province.not_district": (
        "neither a registry (no qingdan.yaml) nor an open-data export (no datapackage.json or power.parquet): left out"
    ),
    "province.symlink": "a symbolic link leading out of the province folder ({target}): not read, left out",
    "province.missing_file": "the export lacks {file}: left out",
    "province.columns": "missing columns {columns} (expected the files of qingdan export): left out",
    "province.unreadable": "cannot be read ({detail}): left out",
    "province.no_region": (
        "whose region this is cannot be told: the export names none and the folder is not a 6-digit code; left out"
    ),
    "province.skipped": "the registry cannot be read, left out:\n{detail_en}",
    "province.twins": "the region code {code} is in several folders: {folders} (one per district)",
    "province.catalogues": (
        "the districts' registries use {count} different catalogues: {catalogues}; choose one with --catalogue"
    ),
    "province.no_catalogue": "no catalogue file {path} (a .csv file)",
    "province.out_required": "--format {format} needs --out",
    "province.done": (
        "compared {districts} districts, {items} active items; {differing} "
        "catalogue entries with a district differing: {out}"
    ),
}
