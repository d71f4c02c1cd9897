(function () {
  "use strict";
  // Sorting and filtering of the action table. Without this script the table is complete and
  // in the report's order; the controls stay hidden.
  var table = document.getElementById("actions");
  var controls = document.getElementById("action-controls");
  if (!table || !controls) { return; }
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var text = document.getElementById("filter-text");
  var severity = document.getElementById("filter-severity");
  var status = document.getElementById("filter-status");
  var count = document.getElementById("filter-count");
  var haystacks = rows.map(function (row) { return row.textContent.toLowerCase(); });
  var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);

  function key(row, column, type) {
    var cell = row.cells[column];
    var value = cell.hasAttribute("data-sort") ? cell.getAttribute("data-sort") : cell.textContent.trim();
    return type === "number" ? parseFloat(value) || 0 : value.toLowerCase();
  }

  function sortBy(header) {
    var column = headers.indexOf(header);
    var type = header.getAttribute("data-type");
    var ascending = header.getAttribute("aria-sort") !== "ascending";
    if (header.getAttribute("aria-sort") === "none" && type === "number") { ascending = false; }
    headers.forEach(function (other) { other.setAttribute("aria-sort", "none"); });
    header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    var keyed = rows.map(function (row, index) { return [key(row, column, type), index, row]; });
    keyed.sort(function (a, b) {
      var order = a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0;
      return (ascending ? order : -order) || a[1] - b[1];
    });
    var fragment = document.createDocumentFragment();
    keyed.forEach(function (item) { fragment.appendChild(item[2]); });
    body.appendChild(fragment);
  }

  function filter() {
    var words = text.value.toLowerCase().split(/\s+/).filter(Boolean);
    var wanted = severity.value, state = status.value, shown = 0;
    rows.forEach(function (row, index) {
      var visible = (!wanted || row.dataset.severity === wanted) && (!state || row.dataset.status === state) &&
        words.every(function (word) { return haystacks[index].indexOf(word) >= 0; });
      row.hidden = !visible;
      if (visible) { shown += 1; }
    });
    count.value = shown === rows.length ? (rows.length === 1 ? "1 claim" : rows.length + " claims")
      : shown + " of " + rows.length + " claims";
  }

  headers.forEach(function (header) {
    var button = document.createElement("button");
    button.type = "button";
    while (header.firstChild) { button.appendChild(header.firstChild); }
    header.appendChild(button);
    header.setAttribute("aria-sort", "none");
    button.addEventListener("click", function () { sortBy(header); });
  });
  [text, severity, status].forEach(function (control) { control.addEventListener("input", filter); });
  controls.hidden = false;
  filter();
})();
