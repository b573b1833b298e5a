// The A4 preview and the checks, kept in step with the form; saving the draft as the clerk
// types; the recent drafts; export and print of the letter.

import { attempt, call, done, sayWritten } from "./api.js";
import { $, clearRefusals, say, showFailure } from "./dom.js";
import { fillForm, formJson, showProblems } from "./form.js";
import { state } from "./state.js";

const frame = $("preview");
const AUTOSAVED = "Đã lưu bản nháp";
let pauseTimer = 0;
let refreshes = 0;
// The saves queued, one after another; none while the data is being replaced.
let saving = Promise.resolve();
let replacing = false;
// An edit made since the last save began.
let unsaved = false;

// Reads the form, refreshes the preview and the checks in one call to the shell, which
// also saves the draft when `save` is set; returns what it gave ({letter, html, findings,
// draft}), or null.
async function refreshed(save) {
  // The shell answers commands in any order: only the newest refresh, which read the form
  // as it is now, may show what it found.
  const mine = ++refreshes;
  const newest = () => mine === refreshes;
  const form = { json: formJson(), draft: state.draftId, parent: state.parent?.id ?? null, save };
  try {
    const got = await call("refresh", { form });
    if (newest()) {
      frame.srcdoc = got.html;
      showProblems(got.findings);
      clearRefusals($("letter-form"));
      if ($("status").className === "error") say("", false);
    }
    return got;
  } catch (failure) {
    // The core's message says what is wrong and where, in Vietnamese.
    if (newest()) showFailure(failure, null, $("letter-form"));
    return null;
  }
}

// Reads the form, refreshes the preview and the checks; returns the letter, or null.
export async function refresh() {
  return (await refreshed(false))?.letter ?? null;
}

// Saves the draft; nothing typed is lost if the power goes out a moment later. Saves run
// one after another, so two of a draft not yet saved never make two drafts.
export function save() {
  saving = saving.then(saveNow, saveNow);
  return saving;
}

// Runs `work`, which replaces the office's data (a restore) and then fills the form from it,
// with what was typed before saved first and nothing saved while it runs: a save of the
// form as it was would otherwise land on data that no longer has its draft.
export async function replacingData(work) {
  await flush();
  replacing = true;
  try {
    return await work();
  } finally {
    replacing = false;
  }
}

// Saves what was typed and not yet saved, now rather than after the pause, and waits for
// the saves under way: the form is about to hold another letter.
export async function flush() {
  clearTimeout(pauseTimer);
  if (unsaved) save();
  await saving;
}

async function saveNow() {
  if (replacing) return;
  unsaved = false;
  // The draft the form is now, read with the form: if another takes its place meanwhile
  // (a letter just issued, a draft opened), this text still goes where it belongs.
  const id = state.draftId;
  const got = await refreshed(true);
  if (!got || replacing) return;
  if (got.unsaved) {
    say("Chưa lưu được bản nháp: " + got.unsaved.message, true);
    return;
  }
  if (state.draftId === id) state.draftId = got.draft;
  // The routine save does not cover news the clerk has still to read ("Đã cấp số …").
  const shown = $("status").textContent;
  if (!shown || shown === AUTOSAVED) say(AUTOSAVED, false);
  listDrafts(got.drafts);
}

// After each edit, once the clerk pauses: the preview, the checks and the save, in one call.
export function edited() {
  unsaved = true;
  state.untouched = false;
  clearTimeout(pauseTimer);
  pauseTimer = setTimeout(save, 250);
}

// Lists the recent drafts: `drafts` as a save gave them, else asked of the shell.
export async function listDrafts(drafts = null) {
  drafts ??= (await attempt("recent_drafts")) ?? [];
  const when = (t) => new Date(t * 1000).toLocaleString("vi-VN", { dateStyle: "short", timeStyle: "short" });
  $("drafts").replaceChildren(
    ...drafts.map((d) => {
      const o = new Option(`${when(d.updated_at)} — ${d.subject || "(chưa có trích yếu)"}`, d.id);
      o.selected = d.id === state.draftId;
      return o;
    }),
  );
}

// When deleting was last asked: a second press soon after deletes.
let deleteAskedAt = 0;

// Deletes the draft in the form, at the second press; then opens the newest one left, or
// the example letter when none is.
export async function deleteDraft(showParent, start) {
  await flush();
  const id = state.draftId;
  if (id === null) {
    say("Bản đang soạn chưa lưu thành bản nháp: không có gì để xóa.", true);
    return;
  }
  if (Date.now() - deleteAskedAt > 10000) {
    deleteAskedAt = Date.now();
    say(`Bấm "Xóa bản nháp" lần nữa để xóa bản nháp "${$("f-subject").value.trim() || "(chưa có trích yếu)"}".`, true);
    return;
  }
  deleteAskedAt = 0;
  if (!(await done("delete_draft", { id }))) return;
  const left = (await attempt("recent_drafts")) ?? [];
  if (left.length) await openDraft(left[0].id, showParent);
  else await start();
  await listDrafts();
  say("Đã xóa bản nháp.", false);
}

export async function openDraft(id, showParent) {
  await flush();
  const saved = await attempt("open_draft", { id });
  if (!saved) return;
  state.draftId = id;
  // The parent the draft was made from is the one its actions use.
  state.parent = saved.parent;
  state.receiveOnly = false;
  state.gaps = [];
  await showParent();
  await fillForm(saved.letter);
  await refresh();
}

// When the export was last held back by errors: a second press soon after exports anyway.
let heldAt = 0;

// Exports the letter; while the checker finds errors, the first press only says which,
// and a second press within 20 s exports it as a draft to review.
export async function exportWithDialog() {
  const got = await refreshed(false);
  if (!got) return;
  const letter = got.letter;
  const errors = got.findings.filter((f) => f.severity === "error");
  if (errors.length && Date.now() - heldAt > 20000) {
    heldAt = Date.now();
    say(`Còn ${errors.length} lỗi thể thức (${errors[0].message}${errors.length > 1 ? "; …" : ""}): bấm Xuất .docx lần nữa để vẫn xuất làm bản nháp.`, true);
    return;
  }
  heldAt = 0;
  const path = await attempt("export_docx", { letter });
  if (path) sayWritten("Đã xuất " + path, path);
}

// Prints the letter as its PDF, the one the app writes, opened in the system's viewer to
// pick the printer: what comes out is the PDF, not the preview.
export async function print() {
  const letter = await refresh();
  if (!letter) return;
  await window.congvan.print(letter);
}

// For the end-to-end test: the print call, which it replaces to check Ctrl+P.
window.congvan = {
  print: async (letter) => {
    const path = await attempt("print_letter", { letter });
    if (path) say("Đã mở bản PDF để in: " + path, false);
  },
};
