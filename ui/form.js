// The letter's form: reading it as JSON for the core, filling it from a letter, the
// problems beside their fields, the signer list and the address book from the profile.

import { call } from "./api.js";
import { $, el, lines, optional } from "./dom.js";
import { state } from "./state.js";

// The letter as the form holds it, as JSON text for the core to read (and to refuse in
// Vietnamese, naming the field, when a value does not fit).
export function formJson() {
  const v = (id) => $(id).value;
  const number = v("f-number").trim();
  const day = v("f-day").trim();
  const pad = (s) => (/^\d$/.test(s) ? "0" + s : s);
  const date = `${v("f-year").trim()}-${pad(v("f-month").trim())}` + (day ? `-${pad(day)}` : "");
  const body = [v("f-references"), v("f-body")].map((s) => s.trim()).filter(Boolean).join("\n\n");
  return JSON.stringify({
    doc_type: v("f-doc_type").trim(),
    parent_body: v("f-parent_body").trim(),
    issuer: v("f-issuer").trim(),
    number: number === "" ? null : /^\d+$/.test(number) ? Number(number) : number,
    symbol: v("f-symbol").trim(),
    place: v("f-place").trim(),
    date,
    subject: v("f-subject").trim(),
    recipients: lines(v("f-recipients")),
    body: body + "\n",
    distribution: lines(v("f-distribution")),
    signature: formSigner(),
    answers: state.answers,
  });
}

// The signature the form's letter carries.
export function formSigner() {
  return {
    authority: optional($("f-authority").value),
    on_behalf: optional($("f-on_behalf").value),
    title: $("f-title").value.trim(),
    name: optional($("f-name").value),
  };
}

// Puts a letter into the form; the body's opening paragraphs of basis, as the core cuts
// them, get their own field.
export async function fillForm(letter) {
  // Whatever filled the form last, only a draft just made from the parent may be replaced.
  state.untouched = false;
  const [basis, rest] = await call("split_basis", { body: letter.body });
  state.answers = letter.answers ?? null;
  const set = (id, value) => ($(id).value = value ?? "");
  set("f-doc_type", letter.doc_type);
  set("f-parent_body", letter.parent_body);
  set("f-issuer", letter.issuer);
  set("f-number", letter.number ?? "");
  set("f-symbol", letter.symbol);
  set("f-place", letter.place);
  const [year, month, day] = letter.date.split("-");
  set("f-year", year);
  set("f-month", String(Number(month)));
  set("f-day", day ? String(Number(day)) : "");
  set("f-subject", letter.subject);
  set("f-recipients", letter.recipients.join("\n"));
  set("f-references", basis);
  set("f-body", rest);
  set("f-distribution", letter.distribution.join("\n"));
  const s = letter.signature;
  set("f-authority", s.authority);
  set("f-on_behalf", s.on_behalf);
  set("f-title", s.title);
  set("f-name", s.name);
  showSigner();
  freeze(letter);
}

// An issued letter (one with its number) is what the register holds: the form shows it
// read-only, with the way to a new draft from it. The number field is never typed in:
// numbers come only from the register.
function freeze(letter) {
  const issued = letter.number != null;
  for (const field of $("letter-form").querySelectorAll("input, textarea, select")) {
    if (field.id === "f-number") continue;
    if (field.tagName === "SELECT") field.disabled = issued;
    else field.readOnly = issued;
  }
  $("frozen").hidden = !issued;
  $("frozen-text").textContent = issued
    ? `Văn bản đã cấp số ${String(letter.number).padStart(2, "0")}/${letter.symbol}: giữ đúng như trong sổ, không sửa được. `
    : "";
}

// A new draft from the issued letter in the form: no number, the day left for signing.
export async function redraft() {
  const letter = JSON.parse(formJson());
  letter.number = null;
  letter.date = letter.date.slice(0, 7);
  state.draftId = null;
  await fillForm(letter);
}

// ---- Problems, next to their fields and in one list that jumps to them ------------------

// The form field a problem belongs to: the core names the body's reference paragraph,
// which the form shows apart, "body.references".
function fieldFor(problem) {
  return problem.field === "body.references" ? "references" : problem.field.split(".")[0];
}

function jumpTo(field) {
  const box = document.querySelector(`#letter-form [data-field="${field}"]`);
  if (!box) return;
  const input = box.querySelector("input, textarea, select");
  box.scrollIntoView({ block: "center" });
  if (!input) return;
  input.focus();
  // A gap left by drafting is selected, so typing replaces it.
  const at = input.value.indexOf("…");
  if (at >= 0 && input.setSelectionRange) input.setSelectionRange(at, at + 1);
}

// The gaps drafting left and the checker's findings, listed and beside their fields.
export function showProblems(findings) {
  const all = [
    ...state.gaps.map((p) => ({ kind: "gap", label: "cần điền", text: p.message, field: fieldFor(p) })),
    ...findings.map((f) => ({
      kind: f.severity,
      label: f.severity === "error" ? "lỗi" : "lưu ý",
      text: `${f.message}`,
      rule: f.rule,
      field: fieldFor(f),
    })),
  ];
  $("problem-count").textContent = all.length ? String(all.length) : "";
  $("problems").replaceChildren(
    ...(all.length
      ? all.map((p) => {
          const li = el("li", { className: p.kind, tabIndex: 0, title: p.rule ? `Quy định: ${p.rule}` : "" },
            el("b", { textContent: p.label + ": " }), p.text);
          li.dataset.field = p.field;
          li.addEventListener("click", () => jumpTo(p.field));
          li.addEventListener("keydown", (e) => e.key === "Enter" && jumpTo(p.field));
          return li;
        })
      : [el("li", { className: "none", textContent: "Không còn gì cần sửa theo thể thức." })]),
  );
  for (const note of document.querySelectorAll("#letter-form .field-problem")) note.remove();
  for (const box of document.querySelectorAll("[data-field]")) box.classList.remove("flagged");
  for (const p of all) {
    const box = document.querySelector(`#letter-form [data-field="${p.field}"]`);
    if (!box) continue;
    box.classList.add("flagged");
    box.append(el("small", { className: `field-problem ${p.kind}`, textContent: p.text }));
  }
}

// ---- The signer list and the address book, from the profile ------------------------------

// A signer as the lists show it: "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH / Nguyễn Văn An".
export const signerLabel = (s) => [s.authority, s.on_behalf, s.title, s.name].filter(Boolean).join(" / ");

export function showOffice() {
  const office = state.office;
  $("f-signer").replaceChildren(
    new Option("— chọn người ký trong hồ sơ đơn vị —", ""),
    ...office.signers.map((s, i) => new Option(signerLabel(s), i)),
  );
  for (const book of document.querySelectorAll("select.book")) {
    const groups = book.dataset.target === "f-recipients" ? office.recipients : office.distribution;
    book.replaceChildren(
      new Option("+ Thêm từ sổ địa chỉ…", ""),
      ...groups.map((g) => {
        const group = el("optgroup", { label: g.group });
        group.append(...g.entries.map((e) => new Option(e, e)));
        return group;
      }),
    );
  }
  showSigner();
}

// Shows which of the profile's signers the form's signature is, if any.
function showSigner() {
  if (!state.office) return;
  const same = (a, b) => (a ?? "") === (b ?? "");
  const s = formSigner();
  const at = state.office.signers.findIndex((o) => same(o.authority, s.authority) && same(o.on_behalf, s.on_behalf) && same(o.title, s.title));
  $("f-signer").value = at >= 0 ? String(at) : "";
}

// Wires the signer list and the address books; `edited` runs after each change.
export function wireForm(edited) {
  $("f-signer").addEventListener("change", () => {
    const s = state.office.signers[Number($("f-signer").value)];
    if (!$("f-signer").value || !s) return;
    $("f-authority").value = s.authority ?? "";
    $("f-on_behalf").value = s.on_behalf ?? "";
    $("f-title").value = s.title ?? "";
    $("f-name").value = s.name ?? "";
    edited();
  });
  for (const book of document.querySelectorAll("select.book")) {
    book.addEventListener("change", async () => {
      if (!book.value) return;
      const target = $(book.dataset.target);
      // The core keeps "Lưu: …" last in Nơi nhận, as ND30 writes it.
      const list = await call("with_addressee", { list: lines(target.value), entry: book.value });
      target.value = list.join("\n");
      book.value = "";
      edited();
    });
  }
}
