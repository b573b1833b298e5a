// The A4 preview and the checks, kept in step with the form; saving the draft as the clerk
// types; the recent drafts; export and print of the letter.

import { attempt, call } from "./api.js";
import { $, clearRefusals, say, showFailure } from "./dom.js";
import { fillForm, formJson, showProblems } from "./form.js";
import { state } from "./state.js";

const frame = $("preview");
const AUTOSAVED = "Đã lưu bản nháp";
let previewTimer = 0;
let saveTimer = 0;

// Reads the form, refreshes the preview and the checks; returns the letter, or null.
export async function refresh() {
  try {
    const letter = await call("read_letter", { json: formJson() });
    frame.srcdoc = await call("preview", { letter });
    showProblems(await call("check_letter", { letter }));
    clearRefusals($("letter-form"));
    if ($("status").className === "error") say("", false);
    return letter;
  } catch (failure) {
    // The core's message says what is wrong and where, in Vietnamese.
    showFailure(failure, null, $("letter-form"));
    return null;
  }
}

// Saves the draft; nothing typed is lost if the power goes out a moment later.
export async function save() {
  const letter = await refresh();
  if (!letter) return;
  try {
    state.draftId = await call("save_draft", { id: state.draftId, letter });
    // The routine save does not cover news the clerk has still to read ("Đã cấp số …").
    const shown = $("status").textContent;
    if (!shown || shown === AUTOSAVED) say(AUTOSAVED, false);
    listDrafts();
  } catch (failure) {
    say("Chưa lưu được bản nháp: " + failure.message, true);
  }
}

// After each edit: the preview soon, the save a little later.
export function edited() {
  clearTimeout(previewTimer);
  clearTimeout(saveTimer);
  previewTimer = setTimeout(refresh, 150);
  saveTimer = setTimeout(save, 400);
}

export async function listDrafts() {
  const drafts = (await attempt("recent_drafts")) ?? [];
  const when = (t) => new Date(t * 1000).toLocaleString("vi-VN", { dateStyle: "short", timeStyle: "short" });
  $("drafts").replaceChildren(
    ...drafts.map((d) => {
      const o = new Option(`${when(d.updated_at)} — ${d.subject || "(chưa có trích yếu)"}`, d.id);
      o.selected = d.id === state.draftId;
      return o;
    }),
  );
}

export async function openDraft(id, showParent) {
  const letter = await attempt("open_draft", { id });
  if (!letter) return;
  state.draftId = id;
  state.parent = null;
  state.gaps = [];
  await showParent();
  await fillForm(letter);
  await refresh();
}

export async function exportWithDialog() {
  const letter = await refresh();
  if (!letter) return;
  const path = await attempt("export_docx", { letter });
  if (path) say("Đã xuất " + path, false);
}

// The preview is the A4 page; its print stylesheet drops everything around the sheet.
export async function print() {
  if (!(await refresh())) return;
  window.congvan.print();
}

// For the end-to-end test: the print call, which it replaces to check Ctrl+P.
window.congvan = { print: () => frame.contentWindow.print() };
