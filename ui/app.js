// The window's script: wires the buttons, the keys and the dropped files to the modules,
// then starts where the clerk left off. Every call reaches the shell through `api.js`; the
// shell runs the dialogs and reads and writes every file, so no path is ever chosen here,
// and every wording (numbers, kinds, the reference paragraph) is asked of the core.

import { attempt, call, on } from "./api.js";
import { $, say, showFailure } from "./dom.js";
import { fillForm, redraft, showOffice, wireForm } from "./form.js";
import { draftNew, openPasteDialog, openToReceive, openWithDialog, showParent, useParent } from "./parent.js";
import { deleteDraft, edited, exportWithDialog, listDrafts, openDraft, print, refresh, save } from "./preview.js";
import { readingDone } from "./ocr.js";
import { showDue } from "./due.js";
import { search } from "./search.js";
import { state } from "./state.js";
import { openCertifyDialog } from "./dialogs/certify.js";
import { backup, chooseRestore, offerRecovery } from "./dialogs/data.js";
import { openIssueDialog } from "./dialogs/issue.js";
import { wireDialogs } from "./dialogs/keys.js";
import { openProfileDialog } from "./dialogs/profile.js";
import { openReceiveDialog } from "./dialogs/receive.js";
import { openCopySignDialog, openSignDialog } from "./dialogs/sign.js";
import { showRegister } from "./dialogs/register.js";
import { listTemplates, openNewDialog, openTemplateDialog, showLibrary } from "./dialogs/templates.js";

wireForm(edited);
wireDialogs();
$("letter-form").addEventListener("input", edited);
$("letter-form").addEventListener("submit", (e) => e.preventDefault());
$("drafts").addEventListener("change", () => openDraft(Number($("drafts").value), showParent));
$("delete-draft").addEventListener("click", () => deleteDraft(showParent, startExample));
$("new-letter").addEventListener("click", openNewDialog);
$("new-go").addEventListener("click", async () => {
  if (await draftNew($("new-template").value)) $("new-dialog").close("go");
});
$("open").addEventListener("click", openWithDialog);
$("paste").addEventListener("click", () => openPasteDialog(""));
$("export").addEventListener("click", exportWithDialog);
$("redraft").addEventListener("click", async () => {
  await redraft();
  edited();
});
$("print").addEventListener("click", print);
$("library").addEventListener("click", showLibrary);
$("save-template").addEventListener("click", openTemplateDialog);
$("profile").addEventListener("click", openProfileDialog);
$("issue").addEventListener("click", openIssueDialog);
$("sign").addEventListener("click", openSignDialog);
$("search").addEventListener("keydown", (e) => {
  if (e.key === "Enter") search();
});
$("parent-copy-sign").addEventListener("click", openCopySignDialog);
$("certify").addEventListener("click", openCertifyDialog);
$("receive").addEventListener("click", openReceiveDialog);
$("receive-file").addEventListener("click", () => openToReceive(openReceiveDialog));
$("register").addEventListener("click", showRegister);
$("backup").addEventListener("click", backup);
$("restore").addEventListener("click", () => chooseRestore(load));
document.addEventListener("keydown", (e) => {
  if (!e.ctrlKey || e.altKey || document.querySelector("dialog[open]")) return;
  const actions = { o: openWithDialog, e: exportWithDialog, s: save, p: print };
  const action = actions[e.key.toLowerCase()];
  if (action) {
    e.preventDefault();
    action();
  }
});
// Text pasted outside the form's fields is a parent directive: it opens in the paste dialog.
document.addEventListener("paste", (e) => {
  if (e.target.closest("input, textarea, dialog")) return;
  const text = e.clipboardData?.getData("text/plain");
  if (text && text.trim()) {
    e.preventDefault();
    openPasteDialog(text);
  }
});
// A file dropped on the window is read by the shell, which sends what was read.
on("parent-dropped", (result) => {
  readingDone();
  if (result.Ok) useParent(result.Ok);
  else showFailure(result.Err);
});

// The example letter, a draft to look at: without its number, it is never taken for one
// the register gave.
async function exampleLetter() {
  return { ...(await call("example_letter")), number: null };
}

// The example letter in the form as a new draft, not saved until edited.
async function startExample() {
  state.draftId = null;
  state.parent = null;
  state.gaps = [];
  await showParent();
  await fillForm(await exampleLetter());
  await refresh();
}

// The office, the templates and the draft the clerk left off at (else the example letter).
async function load() {
  state.office = (await attempt("profile")) ?? { signers: [], recipients: [], distribution: [] };
  showOffice();
  await listTemplates();
  const start = await attempt("last_draft");
  state.draftId = start ? start.id : null;
  // The parent the draft was made from, when it was: the one its actions use.
  state.parent = start?.parent ?? null;
  state.gaps = [];
  await showParent();
  await fillForm(start ? start.letter : await exampleLetter());
  await refresh();
  await listDrafts();
  await showDue(true);
  // The first start: the clerk's own office before anything is drafted with another's.
  if (await attempt("profile_is_example")) {
    say("Đang hiện công văn mẫu với hồ sơ mẫu: hãy nhập hồ sơ đơn vị của mình.", false);
    openProfileDialog(true);
  }
}

$("kinds").replaceChildren(...((await attempt("kinds")) ?? []).map((k) => new Option(k)));
// A database that did not open is offered back from its newest good backup first.
if (!(await offerRecovery(load))) await load();
// Two frames after the first screen is laid out, it has been painted.
requestAnimationFrame(() => requestAnimationFrame(() => call("painted")));
