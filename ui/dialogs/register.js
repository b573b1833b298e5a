// The registers (sổ đăng ký văn bản đi and đến): their lines in the columns of ND30
// Phụ lục IV as the core words them, with what can be done to each (write the signed
// copies again, print the envelopes, cancel a number; pass on, file, follow the deadlines
// of and draft the answer to a document received), the workbook, the printed book, the
// year's records for the archive, and the year's statistics.

import { attempt, call, done, openButtons } from "../api.js";
import { $, el, readDay, showDay } from "../dom.js";
import { showDue } from "../due.js";
import { readingDone } from "../ocr.js";
import { useParent } from "../parent.js";
import { archive } from "./data.js";
import { exportIssued } from "./issue.js";
import { showIncoming } from "./receive.js";

const status = $("register-status");
// What is shown: the outgoing register ("out"), the incoming one ("in"), or the year's
// statistics ("stats").
let shown = "out";

// `path`: a file (or, with `isFolder`, a folder) written, which the note offers to open.
function note(text, isError, path = null, isFolder = false) {
  status.textContent = text;
  status.className = isError ? "error" : "hint";
  if (path) status.append(...openButtons(path, isFolder));
}

function filter() {
  const year = $("r-year").value.trim();
  return { year: /^\d{4}$/.test(year) ? Number(year) : null, kind: $("r-kind").value.trim() || null, text: $("r-text").value.trim() || null };
}

const button = (label, onclick) => el("button", { type: "button", textContent: label, onclick });

// What can be done to an outgoing line, in its last cell.
function outgoingActions(r, actions) {
  if (r.cancelled) return;
  actions.append(button("Xuất bản ký…", () => exportIssued(r.id, note)));
  actions.append(button("Phong bì…", async () => {
    const path = await attempt("export_envelopes", { id: r.id, size: $("r-size").value }, status);
    if (path) note("Đã ghi phong bì " + path, false, path);
  }));
  actions.append(button("Hủy số", () => {
    // The number is cancelled only with a reason, which the register keeps.
    const reason = el("input", { className: "cancel-reason", placeholder: "lý do hủy" });
    const ok = el("button", { type: "button", className: "confirm", textContent: "Xác nhận hủy", onclick: async () => {
      if (await done("cancel_number", { id: r.id, reason: reason.value }, status)) showRegister();
    } });
    actions.replaceChildren(reason, ok);
    reason.focus();
  }));
}

// Where an incoming line stands, and what can be done to it: pass it to a unit or person,
// file it (which closes its deadlines), see and edit its deadlines, and draft the reply to
// its sender ("Phúc đáp …") from the file kept with it.
function incomingActions(r, actions, row) {
  actions.append(el("div", { className: "line-status", textContent: r.status }));
  actions.append(button("Chuyển…", () => {
    const to = el("input", { className: "pass-to", placeholder: "chuyển cho đơn vị, người", value: r.recipient ?? "" });
    const on = el("input", { className: "pass-on", placeholder: "ngày (để trống: hôm nay)" });
    const ok = el("button", { type: "button", className: "confirm", textContent: "Xác nhận chuyển", onclick: async () => {
      let day;
      try {
        day = readDay(on.value, "Ngày chuyển") || null;
      } catch (failure) {
        note(failure.message, true);
        return;
      }
      if (await done("pass_incoming", { id: r.id, to: to.value, on: day }, status)) showRegister();
    } });
    actions.replaceChildren(to, on, ok);
    to.focus();
  }));
  actions.append(button(r.filed_on ? "Bỏ lưu hồ sơ" : "Lưu hồ sơ", async () => {
    if (await done("file_incoming", { id: r.id, filed: !r.filed_on }, status)) {
      showRegister();
      showDue();
    }
  }));
  actions.append(button("Thời hạn…", () => showDeadlines(r, row)));
  if (!r.has_file) return;
  actions.append(button("Soạn văn bản trả lời", async () => {
    const parent = await attempt("open_incoming", { id: r.id }, status);
    readingDone();
    if (!parent) return;
    $("register-dialog").close();
    await useParent(parent, r.id, "phuc-dap");
    showIncoming(r.entered);
  }));
}

// The deadlines of an incoming line, in a row under it: each with its day and task to
// correct, closed or opened again; and one more to add by hand.
async function showDeadlines(r, row) {
  const list = await attempt("deadlines_of", { incoming: r.id }, status);
  if (!list) return;
  if (row.nextElementSibling?.classList.contains("deadlines")) row.nextElementSibling.remove();
  const cell = el("td", { colSpan: 11 });
  const edited = (d) => {
    const on = el("input", { className: "deadline-on", value: showDay(d?.due_on ?? ""), placeholder: "ngày/tháng/năm" });
    const task = el("input", { className: "deadline-task", value: d?.task ?? "", placeholder: "việc phải làm" });
    return { on, task };
  };
  const save = async (command, args, fields) => {
    let on;
    try {
      on = readDay(fields.on.value, "Hạn");
    } catch (failure) {
      note(failure.message, true);
      return;
    }
    if (!on) return note("Hạn: hãy ghi ngày/tháng/năm.", true);
    if (await done(command, { ...args, on, task: fields.task.value }, status)) {
      await showDeadlines(r, row);
      showDue();
    }
  };
  const lines = list.map((d) => {
    const fields = edited(d);
    const closed = d.closed_on ? `đã xong ${showDay(d.closed_on)}${d.closed_by ? " (" + d.closed_by + ")" : ""}` : "đang mở";
    return el("li", { className: d.closed_on ? "closed" : "" }, fields.on, fields.task, ` ${closed} `,
      button("Lưu", () => save("change_deadline", { id: d.id }, fields)),
      button(d.closed_on ? "Mở lại" : "Xong", async () => {
        if (await done("close_deadline", { id: d.id, closed: !d.closed_on }, status)) {
          await showDeadlines(r, row);
          showDue();
        }
      }));
  });
  const fresh = edited(null);
  lines.push(el("li", { className: "add" }, fresh.on, fresh.task, button("Thêm thời hạn", () => save("add_deadline", { incoming: r.id }, fresh))));
  cell.append(el("ul", { className: "deadline-list" }, ...lines));
  row.after(el("tr", { className: "deadlines" }, cell));
}

// The register shown ("out", "in") or the statistics ("stats").
function select(view) {
  shown = view;
  note("", false);
  showRegister();
}

export async function showRegister() {
  for (const [id, view] of [["r-tab-out", "out"], ["r-tab-in", "in"], ["r-tab-stats", "stats"]]) {
    $(id).setAttribute("aria-selected", String(shown === view));
  }
  $("register-table").hidden = shown === "stats";
  $("stats-view").hidden = shown !== "stats";
  if (shown === "stats") await showStats();
  else await showLines();
  if (!$("register-dialog").open) $("register-dialog").showModal();
}

async function showLines() {
  const incoming = shown === "in";
  const view = await attempt("register_view", { incoming, filter: filter() }, status);
  if (!view) return;
  if (!$("r-year").value) $("r-year").value = String(view.year);
  $("register-kept-on").textContent = `(ở ${view.kept_on})`;
  $("register-head").replaceChildren(...view.columns.map((c) => el("th", { textContent: c })), el("th"));
  $("register-rows").replaceChildren(
    ...view.rows.map((r) => {
      const actions = el("td", { className: "actions" });
      const row = el("tr", { className: r.cancelled ? "cancelled" : "" }, ...r.cells.map((c) => el("td", { textContent: c })), actions);
      row.dataset.id = r.id;
      if (incoming) incomingActions(r, actions, row);
      else outgoingActions(r, actions);
      return row;
    }),
  );
  if (!view.rows.length) $("register-rows").append(el("tr", {}, el("td", { colSpan: 11, textContent: "Sổ chưa có văn bản nào khớp." })));
}

// A year's statistics: the bar chart of documents received and issued by month, the table
// by kind and month, and the table by quarter with the deadlines on time and late.
async function showStats() {
  const y = year();
  if (!y) return;
  const stats = await attempt("stats", { year: y }, status);
  if (!stats) return;
  $("stats-title").textContent = stats.title;
  const table = (rows) =>
    rows.map((cells, i) =>
      el("tr", { className: cells.length === 1 ? "section" : cells[0] === "Cộng" || cells[0] === "Cả năm" ? "total" : "" },
        ...cells.map((c) => el(i === 0 ? "th" : "td", { textContent: c, colSpan: cells.length === 1 ? 14 : 1 }))));
  $("stats-months").replaceChildren(...table(stats.table));
  $("stats-quarters").replaceChildren(...table(stats.quarter_table));
  $("stats-chart").replaceChildren(chart(stats.received, stats.issued, stats.table[0].slice(1, 13)));
}

// Two bars a month (received, issued), scaled to the largest, with their counts.
function chart(received, issued, months) {
  const ns = "http://www.w3.org/2000/svg";
  const svg = (tag, attrs, text) => {
    const node = document.createElementNS(ns, tag);
    for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
    if (text !== undefined) node.textContent = text;
    return node;
  };
  const width = 720, height = 220, base = 180, top = Math.max(1, ...received, ...issued);
  const root = svg("svg", { viewBox: `0 0 ${width} ${height}`, width, height, class: "bars" });
  months.forEach((month, i) => {
    const x = 40 + i * 56;
    for (const [j, value, cls] of [[0, received[i], "received"], [1, issued[i], "issued"]]) {
      const h = Math.round((value / top) * 150);
      const bar = svg("rect", { x: x + j * 20, y: base - h, width: 18, height: h, class: cls });
      bar.append(svg("title", {}, `${month}: ${value} văn bản ${j ? "đi" : "đến"}`));
      root.append(bar);
      if (value) root.append(svg("text", { x: x + j * 20 + 9, y: base - h - 3, "text-anchor": "middle", class: "count" }, String(value)));
    }
    root.append(svg("text", { x: x + 19, y: base + 16, "text-anchor": "middle" }, month.replace("Tháng ", "T")));
  });
  root.append(svg("rect", { x: 40, y: 200, width: 12, height: 12, class: "legend received" }), svg("text", { x: 56, y: 211 }, "Văn bản đến"));
  root.append(svg("rect", { x: 160, y: 200, width: 12, height: 12, class: "legend issued" }), svg("text", { x: 176, y: 211 }, "Văn bản đi"));
  return root;
}

for (const id of ["r-year", "r-kind", "r-text"]) $(id).addEventListener("input", () => showRegister());
$("r-tab-out").addEventListener("click", () => select("out"));
$("r-tab-in").addEventListener("click", () => select("in"));
$("r-tab-stats").addEventListener("click", () => select("stats"));
$("r-export").addEventListener("click", async () => {
  if (shown === "stats") {
    const y = year();
    const path = y && (await attempt("export_stats", { year: y }, status));
    if (path) note("Đã xuất " + path, false, path);
    return;
  }
  const path = await attempt(shown === "in" ? "export_incoming" : "export_register", { filter: filter() }, status);
  if (path) note("Đã xuất " + path, false, path);
});
$("r-remind").addEventListener("change", async () => {
  const days = Number($("r-remind").value);
  if (await done("set_reminder_days", { days }, status)) showDue();
});

// The year typed, or a note asking for it.
function year() {
  const typed = $("r-year").value.trim();
  if (/^\d{4}$/.test(typed)) return Number(typed);
  note("Nhập năm (ví dụ 2024) vào ô Năm.", true);
  return null;
}

$("r-book").addEventListener("click", async () => {
  const y = year();
  if (!y) return;
  const paths = await attempt("export_book", { incoming: shown === "in", year: y, pdf: false }, status);
  if (paths) note("Đã ghi sổ " + paths.join(", "), false, paths[0]);
});
$("r-archive").addEventListener("click", () => {
  const y = year();
  if (y) archive(y, note);
});
