"""中文消息目录：按检查编号（及其细分）索引。"""

MESSAGES: dict[str, str] = {
    # 界面
    "error": "错误",
    "warning": "警告",
    "summary": "{files} 个文件，{records} 条记录：{errors} 个错误，{warnings} 个警告",
    "clean": "{files} 个文件，{records} 条记录：未发现问题",
    "internal": "内部错误：{detail}（加 --debug 查看详情）",
    # 语法与读取
    "QD001": "YAML 语法错误：{detail}",
    "QD001.encoding": "文件不是 UTF-8 编码（此处字节 {byte}）",
    "QD001.csv_encoding": "CSV 文件既不是 UTF-8 也不是 GB18030 编码（此处字节 {byte}）",
    "QD001.utf16": "CSV 文件是 UTF-16 编码，请另存为 UTF-8 或 GB18030",
    "QD001.nul": "文件含有空字符（NUL），不是文本文件",
    "QD001.documents": "一个文件只能有一个 YAML 文档（不要用第二个 ---）",
    "QD001.directive": "不允许使用 %YAML/%TAG 指令",
    "QD001.alias": "不允许使用别名（*）：请直接写出内容",
    "QD001.anchor": "不允许使用锚点（&{anchor}）",
    "QD001.tag": "不允许使用标签（{tag}）",
    "QD001.merge": "不允许使用合并键（<<）",
    "QD001.complex_key": "键必须是简单文字",
    "QD001.unreadable": "无法读取文件：{detail}",
    "QD002": "键“{key}”重复",
    "QD002.column": "列“{field}”重复",
    "QD003": "未知字段“{field}”",
    "QD004": "缺少必填字段“{field}”",
    "QD004.empty": "必填字段“{field}”为空",
    "QD004.file": "缺少单位文件 units.yaml",
    "QD004.list": "缺少记录列表“{field}”",
    "QD005": "字段“{field}”的值“{value}”无效：{detail}",
    "QD005.enum": "字段“{field}”的值“{value}”不在规定范围内（应为 {expected}）",
    "QD005.too_long": "字段“{field}”超过 {limit} 个字",
    "QD005.pattern": "字段“{field}”的值“{value}”格式不符",
    "QD005.whitespace": "名称“{value}”首尾不能有空格",
    "QD005.date": "字段“{field}”的值“{value}”不是 YYYY-MM-DD 格式的日期",
    "QD005.integer": "字段“{field}”的值“{value}”不是整数",
    "QD005.decimal": "字段“{field}”的值“{value}”不是最多两位小数的数",
    "QD005.text": "字段“{field}”应为文字",
    "QD005.list": "字段“{field}”应为列表",
    "QD005.mapping": "字段“{field}”应为映射（键: 值）",
    "QD005.file": "文件应为映射，并含记录列表“{list_key}”",
    "QD005.record": "每条记录应为映射（键: 值）",
    "QD006": "“{written}”已按规范写法“{value}”处理，请修改原文",
    "QD007": "qingdan.yaml 无效",
    "QD008.depth": "嵌套超过 {limit} 层",
    "QD008.link": "清单库中的目录不能是符号链接",
    "QD008.outside": "符号链接指向清单库之外，已拒绝读取",
    "QD008.irregular": "不是普通文件",
    "QD008.size": "文件超过 {limit}",
    # --- power items (QD1xx) ---
    # --- delegations (QD2xx) ---
    # --- community tasks (QD3xx) ---
    # --- assessments (QD4xx) ---
    # --- ids (QD9xx) ---
}
