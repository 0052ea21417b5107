"""The files `qingdan init` puts at the repository root, and the clerks' README in the registry: the pre-commit
hook, the GitHub and GitLab pipelines, and VS Code's mapping of the schemas.

Every command they run is a qingdan command with the registry's path (`registry`, or `.` when the registry is
the repository itself); the tests run each of them on a new registry.
"""

from __future__ import annotations

import json
from typing import Any

from qingdan.models.kinds import KINDS
from qingdan.reporters.jsonschema import schema_file_name
from qingdan.scaffold.registry_files import SCHEMAS, SETTINGS_SCHEMA

PRE_COMMIT = ".pre-commit-config.yaml"
GITHUB_WORKFLOW = ".github/workflows/qingdan.yml"
GITLAB_CI = ".gitlab-ci.yml"
VSCODE_SETTINGS = ".vscode/settings.json"
README = "README.md"

# The project's pre-commit hook (`.pre-commit-hooks.yaml` offers the same one to registries that install it
# from the project's repository; a test keeps the two alike). In a new registry's repository it is a local hook
# that runs the qingdan installed beside git, so committing needs no download.
HOOK: dict[str, Any] = {
    "id": "qingdan-validate",
    "name": "qingdan validate (清单校验)",
    "entry": "qingdan validate",
    "pass_filenames": False,
    "files": r"\.(ya?ml|csv)$",
    "require_serial": True,
}


def pre_commit_config(registry: str) -> str:
    hook = {**HOOK, "language": "system", "args": ["--registry", registry]}
    lines = [
        "# pre-commit (https://pre-commit.com)：提交前校验清单库。安装：pip install pre-commit && pre-commit install",
        "repos:",
        "  - repo: local",
        "    hooks:",
    ]
    for index, (key, value) in enumerate(hook.items()):
        lines.append(f"{'      - ' if index == 0 else '        '}{key}: {json.dumps(value, ensure_ascii=False)}")
    return "\n".join(lines) + "\n"


def github_workflow(registry: str) -> str:
    base = '"origin/${GITHUB_BASE_REF}"'
    return f"""\
# 每个拉取请求都校验清单库：问题标注在改动的行上（--format github），调整情况写入运行摘要（job summary）。
name: qingdan
on:
  pull_request:
    paths: [{json.dumps(_paths(registry))}]
permissions:
  contents: read
jobs:
  validate:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
        with:
          fetch-depth: 0  # the whole history: the base branch, and QD501 looks at every past code
      - uses: actions/setup-python@v5
        with:
          python-version: "3.11"
      - run: pip install qingdan
      - name: validate
        run: qingdan --registry {registry} validate --base {base} --format github
      - name: adjustment report
        if: always()
        run: qingdan --registry {registry} diff {base} --format markdown >> "$GITHUB_STEP_SUMMARY"
"""


def gitlab_ci(registry: str) -> str:
    target = '"origin/$CI_MERGE_REQUEST_TARGET_BRANCH_NAME"'
    report = "gl-code-quality-report.json"
    return f"""\
# 每个合并请求都校验清单库：代码质量报告（--format gitlab）显示在合并请求中，调整情况作为制品。
qingdan:
  image: python:3.11
  rules:
    - if: $CI_PIPELINE_SOURCE == "merge_request_event"
      changes: [{json.dumps(_paths(registry))}]
  variables:
    GIT_DEPTH: 0  # the whole history: the target branch, and QD501 looks at every past code
  script:
    - pip install qingdan
    - git fetch origin "$CI_MERGE_REQUEST_TARGET_BRANCH_NAME"
    - qingdan --registry {registry} validate --base {target} --format gitlab > {report} || status=$?
    - qingdan --registry {registry} diff {target} --format markdown > diff.md
    - exit ${{status:-0}}
  artifacts:
    when: always
    reports:
      codequality: {report}
    paths: [diff.md]
"""


def vscode_settings(registry: str) -> str:
    """Red Hat's YAML extension: each schema for the files of its shape (`yaml.schemas`, schema → globs)."""
    prefix = "" if registry == "." else f"{registry}/"
    mapping = {f"{prefix}{SCHEMAS}/{schema_file_name(SETTINGS_SCHEMA)}": [f"{prefix}qingdan.yaml"]}
    for kind in KINDS:
        globs = [kind.file] if kind.file else [f"{kind.prefix}*.yaml", f"{kind.prefix}*.yml"]
        mapping[f"{prefix}{SCHEMAS}/{schema_file_name(kind.name)}"] = [f"{prefix}{glob}" for glob in globs]
    return json.dumps({"yaml.schemas": mapping}, ensure_ascii=False, indent=2) + "\n"


def _paths(registry: str) -> str:
    return "**" if registry == "." else f"{registry}/**"


def clerks_readme(region_name: str, registry: str) -> str:
    """A short Chinese README for the clerks: one line per folder, the daily commands."""
    where = "本仓库根目录即清单库" if registry == "." else f"清单库在本仓库的 `{registry}/` 文件夹"
    folders = [f"- `{kind.prefix}`：{kind.title}" for kind in KINDS]
    return "\n".join(
        [
            f"# {region_name}权责清单库",
            "",
            f"{where}，由 qingdan 校验、比对和发布。每个文件夹一类清单，都可以没有，需要时再建：",
            "",
            "- `qingdan.yaml`：清单库设置（地区、编码规则；可选设置已列出并注释）",
            *folders,
            "- `catalogue/`：省级基本目录（只读，由 qingdan.yaml 的 catalogue.file 指定）",
            f"- `{SCHEMAS}/`：各类文件的 JSON Schema，编辑器据此提示和检查",
            "",
            "## 日常命令",
            "",
            "```sh",
            "qingdan validate                      # 提交前校验：每个问题都标出文件、行、列",
            "qingdan fmt                           # 统一格式（保留注释）",
            "qingdan diff                          # 与上次提交相比改了什么",
            "qingdan diff --year 2024              # 年度调整情况",
            "qingdan export --kind power --format xlsx --out 权责清单.xlsx   # 导出到 Excel",
            "qingdan import 权责清单.xlsx --kind power                         # 改好后导回",
            "qingdan render --out site             # 生成网站（--format pdf --out 清单.pdf 生成 PDF）",
            "qingdan catalogue                     # 与省级基本目录比对（八统一）",
            "```",
            "",
            "提交时 pre-commit 自动运行 qingdan validate；拉取请求（合并请求）由 CI 校验，问题直接标注在改动的行上。",
            "",
        ]
    )
