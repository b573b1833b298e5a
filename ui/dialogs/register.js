// The registers (sổ đăng ký văn bản đi and đến): their lines in the columns of ND30
// Phụ lục IV as the core words them, with what can be done to each (write the signed
// copies again, print the envelopes, cancel a number; draft the answer to a document
// received), the workbook, the printed book, and the year's records for the archive.

import { attempt, call, done, openButtons } from "../api.js";
import { $, el } from "../dom.js";
import { readingDone } from "../ocr.js";
import { useParent } from "../parent.js";
import { archive } from "./data.js";
import { exportIssued } from "./issue.js";
import { showIncoming } from "./receive.js";

const status = $("register-status");
// Which register is shown: the outgoing one, or the incoming one.
let incoming = false;

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

// What can be done to an incoming line: draft the reply to its sender ("Phúc đáp …") from
// the file kept with it.
function incomingActions(r, actions) {
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

export async function showRegister() {
  if (!$("r-year").value) $("r-year").value = (await call("today")).slice(0, 4);
  $("r-tab-out").setAttribute("aria-selected", String(!incoming));
  $("r-tab-in").setAttribute("aria-selected", String(incoming));
  const columns = await call("book_columns", { incoming });
  $("register-head").replaceChildren(...columns.map((c) => el("th", { textContent: c })), el("th"));
  const rows = (await attempt(incoming ? "incoming_register" : "register", { filter: filter() }, status)) ?? [];
  $("register-rows").replaceChildren(
    ...rows.map((r) => {
      const actions = el("td", { className: "actions" });
      const row = el("tr", { className: r.cancelled ? "cancelled" : "" }, ...r.cells.map((c) => el("td", { textContent: c })), actions);
      row.dataset.id = r.id;
      (incoming ? incomingActions : outgoingActions)(r, actions);
      return row;
    }),
  );
  if (!rows.length) $("register-rows").append(el("tr", {}, el("td", { colSpan: 11, textContent: "Sổ chưa có văn bản nào khớp." })));
  if (!$("register-dialog").open) $("register-dialog").showModal();
}

for (const id of ["r-year", "r-kind", "r-text"]) $(id).addEventListener("input", () => showRegister());
$("r-tab-out").addEventListener("click", () => {
  incoming = false;
  showRegister();
});
$("r-tab-in").addEventListener("click", () => {
  incoming = true;
  showRegister();
});
$("r-export").addEventListener("click", async () => {
  const path = await attempt(incoming ? "export_incoming" : "export_register", { filter: filter() }, status);
  if (path) note("Đã xuất " + path, false, path);
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
  const paths = await attempt("export_book", { incoming, year: y, pdf: false }, status);
  if (paths) note("Đã ghi sổ " + paths.join(", "), false, paths[0]);
});
$("r-archive").addEventListener("click", () => {
  const y = year();
  if (y) archive(y, note);
});
