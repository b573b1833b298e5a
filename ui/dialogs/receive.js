// Entering the parent in the incoming register (sổ văn bản đến): what was read is filled
// in to check and correct, the same document entered before is said before it is entered
// again, and the letter drafted from it remembers the line it answers.

import { attempt, call } from "../api.js";
import { $, clearRefusals, say, showFailure } from "../dom.js";
import { edited } from "../preview.js";
import { state } from "../state.js";

const dialog = $("receive-dialog");
const FIELDS = ["received_on", "doc_date", "number_symbol", "author", "kind_and_subject", "recipient", "note"];

// The line as the dialog holds it.
function incoming() {
  const v = (name) => $("v-" + name).value.trim();
  return Object.fromEntries(FIELDS.map((name) => [name, name === "doc_date" ? v(name) || null : v(name)]));
}

// Says, under the fields, when the same document was entered before.
async function warnIfEntered() {
  const already = await attempt("received_before", { incoming: incoming() }, $("receive-status"), dialog);
  $("receive-already").textContent = already ? `Lưu ý: ${already}.` : "";
}

export async function openReceiveDialog() {
  if (!state.parent) return;
  const line = await attempt("incoming_for", { parent: state.parent });
  if (!line) return;
  for (const name of FIELDS) $("v-" + name).value = line[name] ?? "";
  $("receive-status").textContent = "";
  clearRefusals(dialog);
  await warnIfEntered();
  dialog.showModal();
}

for (const name of ["author", "number_symbol", "doc_date"]) $("v-" + name).addEventListener("change", warnIfEntered);

$("receive-go").addEventListener("click", async () => {
  try {
    const receipt = await call("receive", { incoming: incoming() });
    dialog.close();
    // The letter drafted from it answers this line, in the register and the draft.
    state.answers = receipt.entry.id;
    showIncoming(receipt.entry);
    say(receipt.done, false);
    edited();
  } catch (failure) {
    showFailure(failure, $("receive-status"), dialog);
  }
});

// Shows on the parent's card the line it was entered on, or nothing.
export function showIncoming(entry) {
  $("parent-incoming").textContent = entry
    ? `Đã vào sổ văn bản đến số ${entry.number_text ?? String(entry.number).padStart(2, "0")} ngày ${entry.received_on.split("-").reverse().join("/")}`
    : "";
}
