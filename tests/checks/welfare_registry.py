"""A small 公益效能 registry for the checks of institutions, indicator sets and annual reports."""

from __future__ import annotations

from pathlib import Path

from helpers import UNITS, found_in, write_registry

INSTITUTIONS = "institutions/2019.yaml"
SETS = "indicator-sets/2019.yaml"
REPORTS = "annual-reports/2019.yaml"

INSTITUTION = """\
institutions:
  - id: zhongcheng-school
    name: 宁波市江北区中城小学
    credit_code: 12330205419520013R
    sponsor: jyj
    type: 义务教育
"""
SET = """\
sets:
  - id: ZB-2019-YW
    type: 义务教育
    year: 2019
    indicators:
      - {id: YW-01, name: 生师比, aspect: 服务数量, unit: 比, direction: 越低越好}
      - {id: YW-02, name: 学生体质健康测试合格率, aspect: 服务质量, unit: "%", direction: 越高越好}
      - {id: YW-03, name: 家长满意率, aspect: 服务对象满意度, unit: "%", direction: 越高越好}
      - {id: YW-04, name: 开展课后服务学生数, aspect: 服务数量, unit: 人, required: 否}
"""
REPORT = """\
reports:
  - id: NB-2019-01
    institution: zhongcheng-school
    year: 2019
    submitted: 2020-03-20
    business: 全年开设教学班36个，在校学生1580人，按时完成国家课程计划。
    values:
      - {indicator: YW-01, target: "17", actual: "16.4"}
      - {indicator: YW-02, target: "95", actual: "97.3"}
      - {indicator: YW-03, target: "90", actual: "93.6"}
    complaints: 2
    lawsuits: 0
"""
UNITS_WITH_EDUCATION = UNITS + "  - {id: jyj, name: 区教育局, kind: 部门}\n"


def welfare(
    tmp_path: Path,
    *,
    institution: str = INSTITUTION,
    indicator_set: str = SET,
    report: str = REPORT,
    prefix: str = "QD",
) -> set[tuple[str, int, int, str]]:
    files = {
        "units.yaml": UNITS_WITH_EDUCATION,
        INSTITUTIONS: institution,
        SETS: indicator_set,
        REPORTS: report,
    }
    return found_in(write_registry(tmp_path, files), prefix)
