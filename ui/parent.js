// The parent directive: opened from a file, dropped on the window or pasted, and kept by the
// shell under a handle (`state.parent.id`) that drafting, copying and receiving name; what
// was read from it, field by field, as the core words it; the letter drafted from it.

import { attempt } from "./api.js";
import { $, el } from "./dom.js";
import { fillForm } from "./form.js";
import { readingDone } from "./ocr.js";
import { flush, save } from "./preview.js";
import { state } from "./state.js";

const picker = $("template");
// The fields the card shows, of those the core reads.
const SHOWN = ["source", "doc_type", "number", "date", "issuer", "subject", "references", "signer", "deadlines", "signatures"];

// What was read from the open parent, as the core words it; empty when none is open.
export function parentFields() {
  return state.parent?.fields ?? [];
}

// What was read from the parent, field by field, with what could not be read beside it.
export async function showParent() {
  $("parent-card").hidden = !state.parent;
  if (!state.parent) return;
  const directive = state.parent.directive;
  // Read from a scan: every field is the machine's guess, shown beside the page it read.
  const scanned = Boolean(directive.ocr);
  $("parent-scan").hidden = !scanned;
  await showPages(scanned);
  const fields = parentFields();
  const number = fields.find((f) => f.field === "number")?.values[0];
  // Which parent the actions use: its number and the file (or paste) it came from.
  $("parent-title").textContent = [number ? `số ${number}` : "", `(${state.parent.name})`].filter(Boolean).join(" ");
  const rows = [];
  for (const f of fields.filter((f) => SHOWN.includes(f.field))) {
    const read = f.values.length ? f.values.join("; ") : null;
    const problems = directive.problems.filter((p) => {
      const at = p.field.split(".")[0];
      return at === f.field || (f.field === "number" && at === "symbol");
    });
    const dd = el("dd", { className: read ? "" : "missing", textContent: read ?? "chưa đọc được" });
    // Each digital signature on its own line, in red when the file changed after it.
    if (f.field === "signatures") {
      dd.replaceChildren(
        ...f.values.map((words, k) =>
          el("div", {
            className: directive.signatures?.[k]?.intact ? "signature-ok" : "signature-broken",
            textContent: words,
          }),
        ),
      );
    }
    if (scanned && read && f.field !== "source") {
      dd.classList.add("to-check");
      const sure = directive.ocr.fields?.[f.field];
      dd.title = "Đọc từ bản quét: đối chiếu với ảnh trang" + (sure == null ? "" : ` (máy nhận dạng chắc ${sure}%)`);
    }
    for (const p of problems) {
      dd.append(el("small", { className: "field-problem gap", textContent: p.message + (p.line ? ` (dòng ${p.line})` : "") }));
    }
    rows.push(el("dt", { textContent: f.label }), dd);
  }
  // What concerns no field shown (a paste cut at its limit, Kính gửi not found) is listed after.
  const shown = (p) => SHOWN.includes(p.field.split(".")[0]) || p.field.startsWith("symbol");
  const others = directive.problems.filter((p) => !shown(p));
  if (others.length) {
    const dd = el("dd");
    for (const p of others) dd.append(el("small", { className: "field-problem gap", textContent: p.message }));
    rows.push(el("dt", { textContent: "Lưu ý" }), dd);
  }
  $("parent-fields").replaceChildren(...rows);
  // A PDF received can be copied electronically, signed by the office.
  $("parent-copy-sign").hidden = !/\.pdf$/i.test(state.parent.name ?? "");
}

// The pictures of the parent's pages read (a scan's, a photo's): one at a time beside the
// fields, larger on a click, with its number in the file (a long scan's middle pages may
// not be read); hidden for a parent read from its text.
const pages = { count: 0, at: 0, numbers: [], total: 0, url: null };

async function showPages(scanned) {
  const ocr = state.parent.directive.ocr;
  pages.count = scanned ? state.parent.pages : 0;
  // A parent kept before the pages read were named had read its first ones.
  pages.numbers = ocr?.read?.length ? ocr.read : Array.from({ length: pages.count }, (_, i) => i + 1);
  pages.total = Math.max(ocr?.total_pages ?? 0, pages.count);
  pages.at = 0;
  $("parent-page").hidden = pages.count === 0;
  if (pages.count) await showPage();
}

async function showPage() {
  const bytes = await attempt("parent_picture", { parent: state.parent.id, page: pages.numbers[pages.at] });
  if (!bytes) return;
  if (pages.url) URL.revokeObjectURL(pages.url);
  pages.url = URL.createObjectURL(new Blob([bytes]));
  $("parent-page-img").src = pages.url;
  $("parent-page-no").textContent = `trang ${pages.numbers[pages.at]}/${pages.total}`;
  $("parent-page-prev").disabled = pages.at === 0;
  $("parent-page-next").disabled = pages.at + 1 >= pages.count;
}

const turn = (by) => async () => {
  pages.at = Math.max(0, Math.min(pages.count - 1, pages.at + by));
  await showPage();
};
$("parent-page-prev").addEventListener("click", turn(-1));
$("parent-page-next").addEventListener("click", turn(1));
$("parent-page-img").addEventListener("click", () => {
  $("page-big").src = pages.url;
  $("page-dialog").showModal();
});

// Drafts the letter that forwards the open parent, with the picked template, as a new draft.
export async function draftFromParent() {
  if (!state.parent) return;
  await flush();
  // A parent opened only to be entered: the letter drafted from it now answers its line.
  if (state.receiveOnly) {
    state.receiveOnly = false;
    state.answers = state.received;
  }
  const draft = await attempt("draft_letter", { parent: state.parent.id, template: picker.value });
  if (!draft) return;
  state.gaps = draft.problems;
  // Drafting the same parent again (another template) replaces the draft it made, while
  // the clerk has typed nothing in it: one draft per letter, and no typing lost.
  if (!(state.draftOf === state.parent.id && state.untouched)) state.draftId = null;
  const answers = state.answers;
  await fillForm({ ...draft.letter, answers });
  await save();
  state.draftOf = state.parent.id;
  state.untouched = true;
}

// A letter of its own, from a template that needs no parent: no parent card, no incoming
// line it answers, a new draft (the one in the form stays among the recent drafts).
export async function draftNew(template) {
  await flush();
  const draft = await attempt("draft_letter", { parent: null, template }, $("new-status"));
  if (!draft) return false;
  Object.assign(state, { parent: null, receiveOnly: false, answers: null, draftId: null, draftOf: null });
  state.gaps = draft.problems;
  await showParent();
  await fillForm({ ...draft.letter, answers: null });
  await save();
  state.untouched = true;
  return true;
}

// `opened`: the parent as the shell kept it ({id, source, name, directive, fields, pages});
// `template`: the one to draft with instead of the picker's ("phuc-dap" for a reply).
export async function useParent(opened, answers = null, template = null) {
  if (!opened) return;
  state.parent = opened;
  state.receiveOnly = false;
  if (template) picker.value = template;
  // A parent opened anew answers no incoming line until it is entered in the register.
  state.answers = answers;
  $("parent-incoming").textContent = "";
  await showParent();
  await draftFromParent();
}

export async function openWithDialog() {
  const opened = await attempt("open_parent");
  readingDone();
  await useParent(opened);
}

// A document received, opened only to be entered in the incoming register: its card is
// shown, the letter in the form stays as it is (drafting from it is one pick away).
export async function openToReceive(receive) {
  const opened = await attempt("open_parent");
  readingDone();
  if (!opened) return;
  state.parent = opened;
  // The letter in the form was not drafted from this document: it does not answer it.
  state.receiveOnly = true;
  state.received = null;
  $("parent-incoming").textContent = "";
  await showParent();
  await receive();
}

export function openPasteDialog(text) {
  $("paste-text").value = text ?? "";
  $("paste-dialog").showModal();
  $("paste-text").focus();
}

$("paste-dialog").addEventListener("close", async () => {
  if ($("paste-dialog").returnValue !== "read" || !$("paste-text").value.trim()) return;
  await useParent(await attempt("paste_parent", { text: $("paste-text").value }));
});
picker.addEventListener("change", draftFromParent);
