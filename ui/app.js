// The window's only script: it reaches the shell through `api`, and nothing else.
const api = {
  call: (command, args) => window.__TAURI__.core.invoke(command, args),
};

const editor = document.getElementById("letter");
const frame = document.getElementById("preview");
const status = document.getElementById("status");

let timer = 0;

async function refresh() {
  try {
    const letter = await api.call("read_letter", { json: editor.value });
    frame.srcdoc = await api.call("preview", { letter });
    status.textContent = "";
    status.className = "";
  } catch (message) {
    // The core's message says what is wrong and where, in Vietnamese.
    status.textContent = String(message);
    status.className = "error";
  }
}

editor.addEventListener("input", () => {
  clearTimeout(timer);
  timer = setTimeout(refresh, 150);
});

const letter = await api.call("example_letter");
editor.value = JSON.stringify(letter, null, 2);
await refresh();
