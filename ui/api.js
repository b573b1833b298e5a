// The shell, which alone reads and writes files and the database: every call of the
// window goes through here. A call that does not go through throws a failure as the shell
// sends it: {kind: "refused" | "not_found" | "busy" | "failed", message, field?}.

import { $, el, say, showFailure } from "./dom.js";

// How many times each command was called since the window opened (or the count was
// reset): the end-to-end test counts the round trips a pause in typing makes.
window.__calls = {};

// Runs a shell command; throws its failure.
export async function call(command, args) {
  window.__calls[command] = (window.__calls[command] ?? 0) + 1;
  try {
    return await window.__TAURI__.core.invoke(command, args);
  } catch (e) {
    throw asFailure(e);
  }
}

// Listens to an event the shell sends (a dropped file).
export function on(event, handler) {
  return window.__TAURI__.event.listen(event, (e) => handler(e.payload));
}

// Anything thrown, as a failure: the shell's own, or one made from a message.
export function asFailure(e) {
  if (e && typeof e === "object" && typeof e.message === "string") return e;
  return { kind: "failed", message: String(e) };
}

// Runs a command; a failure is shown (in `status`, else the status line, and beside its
// field in `scope`) and gives null.
export async function attempt(command, args, status = null, scope = document) {
  try {
    return await call(command, args);
  } catch (failure) {
    showFailure(failure, status, scope);
    return null;
  }
}

// Runs a command that gives nothing back; true when it was done, else the failure is shown.
export async function done(command, args, status = null, scope = document) {
  try {
    await call(command, args);
    return true;
  } catch (failure) {
    showFailure(failure, status, scope);
    return false;
  }
}

// The buttons that show a file just written: "Mở tệp" opens it in its program (Word for a
// .docx), "Mở thư mục" the folder it is in; only the latter for a folder (`isFolder`).
export function openButtons(path, isFolder = false) {
  const button = (label, folder) =>
    el("button", { type: "button", className: "open-file", textContent: label, onclick: () => attempt("show_file", { path, folder }) });
  return isFolder ? [button("Mở thư mục", true)] : [button("Mở tệp", false), button("Mở thư mục", true)];
}

// Says in the status line that `path` (the first of what was written) was written, with
// the buttons that show it.
export function sayWritten(text, path) {
  say(text, false);
  $("status").append(...openButtons(path));
}
