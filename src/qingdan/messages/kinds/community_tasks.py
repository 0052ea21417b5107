"""Community tasks (社区(村)职责事项): the messages of their checks, in both languages."""

ZH: dict[str, str] = {
    "QD301": "保留的事项须至少具备一项准入依据（有法律法规依据、有上级党委政府明文要求、有推动工作的实际需要）",
    "QD302": "归并事项的归并去向有误",
    "QD302.missing": "清理结果为归并的事项须填写归并至哪一事项",
    "QD302.unknown": "归并至的事项“{task}”不存在",
    "QD302.not_kept": "归并至的事项“{task}”清理结果为“{decision}”，应为保留",
    "QD302.not_merged": "清理结果为“{decision}”的事项不应填写归并至",
    "QD303": "保留的协助办理事项未明确经费保障（权随责走、费随事转）",
}

EN: dict[str, str] = {
    "QD301": "a kept task needs at least one admission criterion (legal basis, superior requirement, practical need)",
    "QD302": "wrong merge target",
    "QD302.missing": "a merged task (归并) needs `merged_into`",
    "QD302.unknown": "task '{task}' in `merged_into` does not exist",
    "QD302.not_kept": "task '{task}' in `merged_into` is '{decision}', not kept (保留)",
    "QD302.not_merged": "a task whose decision is '{decision}' must not have `merged_into`",
    "QD303": "a kept assistance task (协助办理) without `funding`: the money should follow the duty",
}
