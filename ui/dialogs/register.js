// The outgoing register: its lines as the core words them, writing a line's copies again,
// cancelling a number with its reason, and the workbook.

import { attempt, call, done } from "../api.js";
import { $, el } from "../dom.js";
import { archive } from "./data.js";
import { exportIssued } from "./issue.js";

const status = $("register-status");

function note(text, isError) {
  status.textContent = text;
  status.className = isError ? "error" : "hint";
}

function filter() {
  const year = $("r-year").value.trim();
  return { year: /^\d{4}$/.test(year) ? Number(year) : null, kind: $("r-kind").value.trim() || null, text: $("r-text").value.trim() || null };
}

export async function showRegister() {
  if (!$("r-year").value) $("r-year").value = (await call("today")).slice(0, 4);
  const rows = (await attempt("register", { filter: filter() }, status)) ?? [];
  $("register-rows").replaceChildren(
    ...rows.map((r) => {
      const actions = el("td", { className: "actions" });
      const sent = r.recipients.join("; ") + (r.cancelled_words ? ` — ${r.cancelled_words}` : "");
      const row = el("tr", { className: r.cancelled ? "cancelled" : "" },
        el("td", { textContent: r.number_and_symbol }),
        el("td", { textContent: r.date }),
        el("td", { textContent: r.kind_and_subject }),
        el("td", { textContent: r.signer }),
        el("td", { textContent: sent }),
        actions,
      );
      row.dataset.id = r.id;
      if (!r.cancelled) {
        actions.append(el("button", { type: "button", textContent: "Xuất bản ký…", onclick: () => exportIssued(r.id, note) }));
        actions.append(el("button", { type: "button", textContent: "Hủy số", onclick: () => {
          // The number is cancelled only with a reason, which the register keeps.
          const reason = el("input", { className: "cancel-reason", placeholder: "lý do hủy" });
          const ok = el("button", { type: "button", className: "confirm", textContent: "Xác nhận hủy", onclick: async () => {
            if (await done("cancel_number", { id: r.id, reason: reason.value }, status)) showRegister();
          } });
          actions.replaceChildren(reason, ok);
          reason.focus();
        } }));
      }
      return row;
    }),
  );
  if (!rows.length) $("register-rows").append(el("tr", {}, el("td", { colSpan: 6, textContent: "Sổ chưa có văn bản nào khớp." })));
  if (!$("register-dialog").open) $("register-dialog").showModal();
}

for (const id of ["r-year", "r-kind", "r-text"]) $(id).addEventListener("input", () => showRegister());
$("r-export").addEventListener("click", async () => {
  const path = await attempt("export_register", { filter: filter() }, status);
  if (path) note("Đã xuất " + path);
});
$("r-archive").addEventListener("click", () => {
  const year = Number($("r-year").value.trim());
  if (!/^\d{4}$/.test(String(year))) {
    note("Nhập năm cần lưu trữ (ví dụ 2024) vào ô Năm.", true);
    return;
  }
  archive(year, note);
});
