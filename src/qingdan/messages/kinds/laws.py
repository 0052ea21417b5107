"""The law library (法规库, not a record kind of the registry): the messages of its checks (QD121–QD127), of
`qingdan laws`, of its counts in `stats`, of the law worklist in `qingdan diff` and of the 法律依据 pages."""

ZH: dict[str, str] = {
    "QD007.laws": "qingdan.yaml 中的法规库目录“{folder}”不存在或没有法规文本",
    "QD121": "法规库中没有《{law}》（也不在 index.csv 和别名中）",
    "QD121.suggest": "法规库中没有《{law}》（也不在 index.csv 和别名中），是否指《{suggestion}》？",
    "QD122": "引用的《{law}》已废止",
    "QD122.replaced": "引用的《{law}》已废止，已由《{successor}》取代",
    "QD122.pending": "引用的《{law}》尚未生效",
    "QD123": "《{law}》现行版本（{date}）中没有{missing}",
    "QD123.older": "《{law}》现行版本（{date}）中没有{missing}（{older} 版本中有，法规可能已重新编号）",
    "QD123.unreadable": "无法识别条款“{article}”（应写作 第X条、第X条第Y款、第X条第Y款第（Z）项 等）",
    "QD124": "引文与《{law}》{article}现行版本（{date}）不一致；现行条文：{current}",
    "QD124.older": "引文与《{law}》{article}现行版本（{date}）不一致，与 {older} 版本一致；现行条文：{current}",
    "QD125": "{type}事项的设定依据均为{levels}，无权设定{type}（{provision}）",
    "QD126": "《{law}》在核对日期 {since} 之后有新版本（{dates}），请重新核对引文并更新 checked",
    "QD126.adjusted": "《{law}》在本记录调整日期 {since} 之后有新版本（{dates}），请核对引文并记录核对日期 checked",
    "QD127.encoding": "法规文本不是 UTF-8 编码（此处字节 {byte}）",
    "QD127.title": "法规文本没有标题（第一行“# 名称”）",
    "QD127.date": "无法确定版本日期：沿革中没有日期（非“施行”行），文件名也不以 (YYYY-MM-DD) 结尾",
    "QD127.numbering": "条文序号不递增：{article}",
    "QD127.level": "法规文本不在效力位阶目录下（法律/、行政法规/、地方性法规/ 等）",
    "QD127.duplicate": "与 {other} 标题和版本日期相同（以先出现者为准）",
    "QD127.unreadable": "无法读取此文件（{reason}：链接指向库外、链接的目录或文件过大）",
    "QD127.front_matter": "文首元数据（--- 之间）应为映射（键: 值），不是列表或文本",
    "QD127.front_matter_open": "文首元数据以 --- 开始但没有结束的 ---",
    "QD127.front_matter_syntax": "文首元数据不是有效的 YAML",
    "QD127.front_matter_value": "文首元数据“{key}”的值无法识别（status：现行有效、已废止、尚未生效；repealed：日期；"
    "replaced_by：名称；aliases：名称列表）",
}

EN: dict[str, str] = {
    "QD007.laws": "the law library folder '{folder}' named in qingdan.yaml does not exist or holds no law text",
    "QD121": "the law library has no '{law}' (nor its index.csv, nor an alias)",
    "QD121.suggest": "the law library has no '{law}' (nor its index.csv, nor an alias); did you mean '{suggestion}'?",
    "QD122": "cites '{law}', which is repealed",
    "QD122.replaced": "cites '{law}', which is repealed and replaced by '{successor}'",
    "QD122.pending": "cites '{law}', which is not yet in force",
    "QD123": "the current version of '{law}' ({date}) has no {missing}",
    "QD123.older": "the current version of '{law}' ({date}) has no {missing} (the {older} version has: renumbered?)",
    "QD123.unreadable": "cannot read the article reference '{article}'"
    " (write 第X条, 第X条第Y款, 第X条第Y款第（Z）项 …)",
    "QD124": "the quotation is not in {article} of the current version of '{law}' ({date}); it now reads: {current}",
    "QD124.older": (
        "the quotation is not in {article} of the current version of '{law}' ({date}) but matches the {older}"
        " version; it now reads: {current}"
    ),
    "QD125": "a {type} item whose legal bases are all {levels}, which cannot create a {type} ({provision})",
    "QD126": "'{law}' has a version after the date it was checked, {since} ({dates}): check the quotation again"
    " and update `checked`",
    "QD126.adjusted": "'{law}' has a version after the record's adjustment date, {since} ({dates}): check the"
    " quotation and record the date in `checked`",
    "QD127.encoding": "the law text is not UTF-8 (byte {byte} here)",
    "QD127.title": "the law text has no title (a first line '# name')",
    "QD127.date": "no version date: no dated history line (other than 施行), and the file name does not end in"
    " (YYYY-MM-DD)",
    "QD127.numbering": "article numbers do not increase: {article}",
    "QD127.level": "the law text is not under a level folder (法律/, 行政法规/, 地方性法规/ …)",
    "QD127.duplicate": "same title and version date as {other} (the first one counts)",
    "QD127.unreadable": "cannot read this file ({reason}: a link out of the library, a linked folder, or too large)",
    "QD127.front_matter": "the front matter (between --- lines) must be a mapping (key: value), not a list or text",
    "QD127.front_matter_open": "the front matter opens with --- but has no closing ---",
    "QD127.front_matter_syntax": "the front matter is not valid YAML",
    "QD127.front_matter_value": "cannot read the front matter's '{key}' (status: 现行有效, 已废止, 尚未生效;"
    " repealed: a date; replaced_by: a name; aliases: a list of names)",
}
