// Entering the parent in the incoming register (sổ văn bản đến): what was read is filled
// in to check and correct, the same document entered before is said before it is entered
// again, and the letter drafted from it remembers the line it answers.

import { showDue } from "../due.js";
import { attempt, call } from "../api.js";
import { $, clearRefusals, readDay, say, showDay, showFailure } from "../dom.js";
import { edited } from "../preview.js";
import { state } from "../state.js";

const dialog = $("receive-dialog");
const FIELDS = ["received_on", "doc_date", "number_symbol", "author", "kind_and_subject", "recipient", "note"];

const DAYS = { received_on: "Ngày đến", doc_date: "Ngày tháng văn bản" };

// The line as the dialog holds it, its days typed as ngày/tháng/năm; a day that is not one
// is refused, naming its field.
function incoming() {
  const v = (name) => $("v-" + name).value.trim();
  const value = (name) => (name in DAYS ? readDay(v(name), DAYS[name], name) : v(name));
  return Object.fromEntries(FIELDS.map((name) => [name, name === "doc_date" ? value(name) || null : value(name)]));
}

// Says, under the fields, when the same document was entered before.
async function warnIfEntered() {
  let line;
  try {
    line = incoming();
  } catch (failure) {
    showFailure(failure, $("receive-status"), dialog);
    return;
  }
  const already = await attempt("received_before", { incoming: line }, $("receive-status"), dialog);
  $("receive-already").textContent = already ? `Lưu ý: ${already}.` : "";
}

export async function openReceiveDialog() {
  if (!state.parent) return;
  const line = await attempt("incoming_for", { parent: state.parent.id });
  if (!line) return;
  for (const name of FIELDS) $("v-" + name).value = name in DAYS ? showDay(line[name]) : (line[name] ?? "");
  $("receive-status").textContent = "";
  clearRefusals(dialog);
  await warnIfEntered();
  dialog.showModal();
}

for (const name of ["author", "number_symbol", "doc_date"]) $("v-" + name).addEventListener("change", warnIfEntered);

$("receive-go").addEventListener("click", async () => {
  try {
    const receipt = await call("receive", { incoming: incoming(), parent: state.parent?.id ?? null });
    dialog.close();
    showIncoming(receipt.done);
    say(receipt.done, false);
    // The deadlines it sets join the list of what is due.
    await showDue();
    // The letter drafted from it answers this line, in the register and the draft; one
    // opened only to be entered answers nothing in the form.
    if (state.receiveOnly) state.received = receipt.entry.id;
    else {
      state.answers = receipt.entry.id;
      edited();
    }
  } catch (failure) {
    showFailure(failure, $("receive-status"), dialog);
  }
});

// Shows on the parent's card the line it was entered on, as the core words it, or nothing.
export function showIncoming(entered) {
  $("parent-incoming").textContent = entered ?? "";
}
