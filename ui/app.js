// The window's only script: it reaches the shell through `api`, and nothing else.
const api = {
  call: (command, args) => window.__TAURI__.core.invoke(command, args),
};

const editor = document.getElementById("letter");
const frame = document.getElementById("preview");
const status = document.getElementById("status");

// The draft being edited: its id once saved, so each save replaces it.
let draftId = null;
let previewTimer = 0;
let saveTimer = 0;

function say(text, isError) {
  status.textContent = text;
  status.className = isError ? "error" : "";
}

// Reads the form, refreshes the preview; returns the letter, or null when it does not read.
async function refresh() {
  try {
    const letter = await api.call("read_letter", { json: editor.value });
    frame.srcdoc = await api.call("preview", { letter });
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

editor.addEventListener("input", () => {
  clearTimeout(previewTimer);
  clearTimeout(saveTimer);
  previewTimer = setTimeout(refresh, 150);
  saveTimer = setTimeout(save, 400);
});

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
