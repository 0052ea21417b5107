/* 事项检索：在页面内嵌的索引中按编码、名称、类型、实施主体、设定依据筛选，边输入边显示。
   Filters the embedded index as you type. Rows are built with textContent only: no data ever becomes HTML. */
(function () {
  "use strict";
  var LIMIT = 500;
  var index = JSON.parse(document.getElementById("search-index").textContent);
  var input = document.getElementById("q");
  var body = document.querySelector("#results tbody");
  var status = document.getElementById("status");
  var form = input.form;

  /* The 简易版 index has no legal bases: its items end at the unit. */
  function basesOf(row) {
    return (row[4] || []).map(function (i) { return index.bases[i]; });
  }

  var haystacks = index.items.map(function (row) {
    var unit = index.holders[row[3]];
    var bases = basesOf(row).map(function (b) { return b[0] + " " + b[1]; });
    return [row[0], row[1], index.types[row[2]], unit[0], unit[1]].concat(bases).join("\n").toLowerCase();
  });

  function cell(tr, text, className) {
    var td = document.createElement("td");
    if (className) { td.className = className; }
    td.textContent = text;
    tr.appendChild(td);
    return td;
  }

  function row(item) {
    var unit = index.holders[item[3]];
    var tr = document.createElement("tr");
    var code = cell(tr, "", "code");
    var link = document.createElement("a");
    link.href = "units/" + encodeURIComponent(unit[0]) + ".html#" + encodeURIComponent(item[0]);
    link.textContent = item[0];
    code.appendChild(link);
    cell(tr, item[1], "name");
    cell(tr, index.types[item[2]], "type");
    cell(tr, unit[1], "unit");
    if (index.bases) { cell(tr, basesOf(item).map(function (b) { return b[0]; }).join("；"), "basis"); }
    return tr;
  }

  function update() {
    var terms = input.value.toLowerCase().split(/\s+/).filter(Boolean);
    var shown = document.createDocumentFragment();
    var found = 0;
    for (var i = 0; i < haystacks.length; i++) {
      var text = haystacks[i];
      if (terms.every(function (term) { return text.indexOf(term) !== -1; })) {
        found++;
        if (found <= LIMIT) { shown.appendChild(row(index.items[i])); }
      }
    }
    body.replaceChildren(shown);
    var message = terms.length ? "找到 " + found + " 项" : "共 " + found + " 项事项";
    if (found > LIMIT) { message += "，显示前 " + LIMIT + " 项，请输入更多关键词缩小范围"; }
    status.textContent = message + "。";
  }

  form.addEventListener("submit", function (event) { event.preventDefault(); });
  input.addEventListener("input", update);
  var initial = new URLSearchParams(window.location.search).get("q");
  if (initial) { input.value = initial; }
  update();
}());
