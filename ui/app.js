// The window's only script: it reaches the shell through `api`, and nothing else.
const api = {
  call: (command, args) => window.__TAURI__.core.invoke(command, args),
  openDialog: () =>
    window.__TAURI__.dialog.open({
      multiple: false,
      filters: [{ name: "Văn bản", extensions: ["docx", "pdf", "txt", "md"] }],
    }),
  saveDialog: (defaultPath) =>
    window.__TAURI__.dialog.save({ defaultPath, filters: [{ name: "Word", extensions: ["docx"] }] }),
  onDrop: (handler) => window.__TAURI__.event.listen("tauri://drag-drop", (e) => handler(e.payload.paths)),
};

const editor = document.getElementById("letter");
const frame = document.getElementById("preview");
const status = document.getElementById("status");
const problems = document.getElementById("problems");
const picker = document.getElementById("template");

// The draft being edited: its id once saved, so each save replaces it.
let draftId = null;
// The parent directive last opened, and what drafting it left to fill in.
let parent = null;
let gaps = [];
let previewTimer = 0;
let saveTimer = 0;

function say(text, isError) {
  status.textContent = text;
  status.className = isError ? "error" : "";
}

// The gaps of the draft and the checker's findings, as one list.
function showProblems(findings) {
  problems.replaceChildren(
    ...gaps.map((p) => item("cần điền", p.message, "gap")),
    ...findings.map((f) => item(f.severity === "error" ? "lỗi" : "lưu ý", `${f.message} [${f.rule}]`, f.severity)),
  );
}

function item(label, text, kind) {
  const li = document.createElement("li");
  li.className = kind;
  li.textContent = `${label}: ${text}`;
  return li;
}

// Reads the form, refreshes the preview and the checks; returns the letter, or null.
async function refresh() {
  try {
    const letter = await api.call("read_letter", { json: editor.value });
    frame.srcdoc = await api.call("preview", { letter });
    showProblems(await api.call("check_letter", { letter }));
    say("", false);
    return letter;
  } catch (message) {
    // The core's message says what is wrong and where, in Vietnamese.
    say(String(message), true);
    return null;
  }
}

// Saves the draft; nothing typed is lost if the power goes out a moment later.
async function save() {
  const letter = await refresh();
  if (!letter) return;
  try {
    draftId = await api.call("save_draft", { id: draftId, letter });
    say("Đã lưu bản nháp", false);
  } catch (message) {
    say("Chưa lưu được bản nháp: " + String(message), true);
  }
}

function edited() {
  clearTimeout(previewTimer);
  clearTimeout(saveTimer);
  previewTimer = setTimeout(refresh, 150);
  saveTimer = setTimeout(save, 400);
}

// Drafts the letter that forwards the open parent, with the picked template, as a new draft.
async function draftFromParent() {
  if (!parent) return;
  try {
    const draft = await api.call("draft_letter", { parent, template: picker.value });
    gaps = draft.problems;
    draftId = null;
    editor.value = JSON.stringify(draft.letter, null, 2);
    await save();
  } catch (message) {
    say(String(message), true);
  }
}

async function openPath(path) {
  try {
    parent = await api.call("open_parent", { path });
    await draftFromParent();
  } catch (message) {
    say(String(message), true);
  }
}

async function exportTo(path) {
  const letter = await refresh();
  if (!letter) return;
  try {
    await api.call("export_docx", { letter, path });
    say("Đã xuất " + path, false);
  } catch (message) {
    say(String(message), true);
  }
}

async function openWithDialog() {
  const path = await api.openDialog();
  if (path) await openPath(path);
}

async function exportWithDialog() {
  const letter = await refresh();
  if (!letter) return;
  const path = await api.saveDialog(await api.call("suggested_name", { letter }));
  if (path) await exportTo(path);
}

editor.addEventListener("input", edited);
picker.addEventListener("change", draftFromParent);
document.getElementById("open").addEventListener("click", openWithDialog);
document.getElementById("export").addEventListener("click", exportWithDialog);
document.addEventListener("keydown", (e) => {
  if (!e.ctrlKey) return;
  const actions = { o: openWithDialog, e: exportWithDialog, s: save };
  const action = actions[e.key.toLowerCase()];
  if (action) {
    e.preventDefault();
    action();
  }
});
api.onDrop((paths) => paths.length && openPath(paths[0]));
// What dropping a file or the dialogs do, for the end-to-end test, which cannot drive them.
window.congvan = { openPath, exportTo };

for (const t of await api.call("templates")) {
  picker.append(new Option(t.name, t.id));
}

// Start where the clerk left off: the last saved draft, else the example letter.
let start = null;
try {
  start = await api.call("last_draft");
} catch (message) {
  say(String(message), true);
}
if (start) {
  draftId = start.id;
  editor.value = JSON.stringify(start.letter, null, 2);
} else {
  editor.value = JSON.stringify(await api.call("example_letter"), null, 2);
}
await refresh();
