"""`qingdan init` (not a record kind: its messages sit here as the catalogue's do), in both languages."""

ZH: dict[str, str] = {
    "init.region": "地区代码“{code}”应为 6 位数字的行政区划代码（如 330205）",
    "init.name": "--name 不能为空：请给出地区名称（如 宁波市北仑区）",
    "init.not_folder": "{path} 不是文件夹",
    "init.exists": "{path} 已存在：qingdan init 不覆盖任何文件，未写入任何文件",
    "init.done": "已创建清单库 {registry}（{files} 个文件），校验无误即可开始填写",
    "init.root": "仓库根目录 {root}：已写入 pre-commit、GitHub、GitLab 和 VS Code 配置",
    "init.git": "已在 {root} 新建 git 仓库",
}

EN: dict[str, str] = {
    "init.region": "the region code '{code}' should be a 6-digit division code (e.g. 330205)",
    "init.name": "--name cannot be empty: give the region's name (e.g. 宁波市北仑区)",
    "init.not_folder": "{path} is not a folder",
    "init.exists": "{path} exists: qingdan init never overwrites a file, nothing was written",
    "init.done": "created the registry {registry} ({files} files); it validates clean, start filling it in",
    "init.root": "repository root {root}: pre-commit, GitHub, GitLab and VS Code settings written",
    "init.git": "created a git repository in {root}",
}
