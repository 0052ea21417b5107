"""English message catalogue, keyed like the Chinese one."""

MESSAGES: dict[str, str] = {
    # interface
    "error": "error",
    "warning": "warning",
    "summary": "{files} files, {records} records: {errors} errors, {warnings} warnings",
    "clean": "{files} files, {records} records: no problems",
    "internal": "internal error: {detail} (run with --debug for details)",
    # syntax and reading
    "QD001": "YAML syntax error: {detail}",
    "QD001.encoding": "the file is not UTF-8 (byte {byte} here)",
    "QD001.csv_encoding": "the CSV file is neither UTF-8 nor GB18030 (byte {byte} here)",
    "QD001.utf16": "the CSV file is UTF-16: save it as UTF-8 or GB18030",
    "QD001.nul": "the file contains NUL characters: not a text file",
    "QD001.documents": "a file holds one YAML document (no second ---)",
    "QD001.directive": "%YAML/%TAG directives are not allowed",
    "QD001.alias": "aliases (*) are not allowed: write the content out",
    "QD001.anchor": "anchors (&{anchor}) are not allowed",
    "QD001.tag": "tags ({tag}) are not allowed",
    "QD001.merge": "merge keys (<<) are not allowed",
    "QD001.complex_key": "keys must be plain text",
    "QD001.unreadable": "cannot read the file: {detail}",
    "QD002": "duplicate key '{key}'",
    "QD002.column": "duplicate column '{field}'",
    "QD003": "unknown field '{field}'",
    "QD004": "missing required field '{field}'",
    "QD004.empty": "required field '{field}' is empty",
    "QD004.file": "units.yaml is missing",
    "QD004.list": "missing the list of records '{field}'",
    "QD005": "invalid value '{value}' for '{field}': {detail}",
    "QD005.enum": "'{value}' is not a valid value for '{field}' (expected {expected})",
    "QD005.too_long": "'{field}' is longer than {limit} characters",
    "QD005.pattern": "'{value}' does not have the format of '{field}'",
    "QD005.whitespace": "the name '{value}' has leading or trailing spaces",
    "QD005.date": "'{value}' in '{field}' is not a date YYYY-MM-DD",
    "QD005.integer": "'{value}' in '{field}' is not an integer",
    "QD005.decimal": "'{value}' in '{field}' is not a decimal with at most two places",
    "QD005.text": "'{field}' must be text",
    "QD005.list": "'{field}' must be a list",
    "QD005.mapping": "'{field}' must be a mapping (key: value)",
    "QD005.file": "the file must be a mapping holding the list '{list_key}'",
    "QD005.record": "each record must be a mapping (key: value)",
    "QD006": "'{written}' was read as '{value}': please fix the spelling",
    "QD007": "qingdan.yaml is invalid",
    "QD008.depth": "nested deeper than {limit} levels",
    "QD008.link": "folders in a registry must not be symbolic links",
    "QD008.outside": "symbolic link leading out of the registry: not read",
    "QD008.irregular": "not a regular file",
    "QD008.size": "the file is larger than {limit}",
    # --- power items (QD1xx) ---
    # --- delegations (QD2xx) ---
    # --- community tasks (QD3xx) ---
    # --- assessments (QD4xx) ---
    # --- ids (QD9xx) ---
}
