// Issuing the signed letter: the core checks it and the images, the clerk
// names the file, then the number is taken and the copies written; and writing the copies
// of a register line again.

import { attempt, call, sayWritten } from "../api.js";
import { $, clearRefusals, optional, readDay, say, showDay, showFailure } from "../dom.js";
import { fillForm, formSigner } from "../form.js";
import { refresh, save } from "../preview.js";
import { state } from "../state.js";
import { showDue } from "../due.js";
import { showImages } from "./images.js";
import { openProfileDialog } from "./profile.js";

const dialog = $("issue-dialog");
const status = $("issue-status");

// How the copies are made, as the issue dialog sets it.
export function copyOptions() {
  return {
    copies: {
      per_addressee: $("i-copies").checked,
      mark: $("i-mark").checked,
      drafter: optional($("i-drafter").value),
      images: $("i-images").checked,
    },
    pdf: $("i-pdf").checked,
  };
}

// Shows the save dialog for the signed copies of register line `id`; `note(text, isError, path)`
// says what came of it.
export async function exportIssued(id, note) {
  const { copies, pdf } = copyOptions();
  try {
    const paths = await call("export_issued", { id, options: copies, pdf });
    if (paths) note("Đã xuất " + paths.join(", "), false, paths[0]);
  } catch (failure) {
    note(failure.message, true);
  }
}

export async function openIssueDialog() {
  // Never a number under another office's name: the example office is replaced first.
  if (await attempt("profile_is_example")) {
    say("Hồ sơ đơn vị còn là hồ sơ mẫu của đơn vị khác: hãy nhập hồ sơ của đơn vị mình trước khi cấp số.", true);
    openProfileDialog(true);
    return;
  }
  $("i-date").value = showDay(await call("today"));
  // A letter drafted from a scan: the clerk says once that she checked what was read.
  $("i-scan").hidden = !unchecked();
  $("i-scan-checked").checked = false;
  status.textContent = "";
  clearRefusals(dialog);
  showImages($("i-image-controls"), formSigner, status, dialog);
  dialog.showModal();
}

// The letter in the form was drafted from the parent on the card, read from a scan that
// the clerk has not said she checked.
const unchecked = () => Boolean(state.parent?.directive.ocr && !state.receiveOnly && state.checkedScan !== state.parent.id);

$("i-go").addEventListener("click", async () => {
  if (unchecked() && !$("i-scan-checked").checked) {
    const message = "Văn bản cấp trên đọc từ bản quét: hãy đối chiếu các mục với bản gốc rồi đánh dấu ô xác nhận trước khi cấp số.";
    showFailure({ kind: "refused", message, field: "scan" }, status, dialog);
    return;
  }
  if (state.parent?.directive.ocr) state.checkedScan = state.parent.id;
  const letter = await refresh();
  if (!letter) return;
  let issued;
  try {
    const { copies, pdf } = copyOptions();
    const signedOn = readDay($("i-date").value, "Ngày ký", "signed_on");
    issued = await call("issue_letter", { letter, signedOn, copies, pdf });
  } catch (failure) {
    showFailure(failure, status, dialog);
    return;
  }
  // The save dialog was cancelled: nothing was numbered.
  if (!issued) return;
  // The letter in the form is now the issued one; a new draft keeps it.
  await fillForm(issued.entry.letter);
  state.gaps = [];
  state.draftId = null;
  await save();
  dialog.close();
  if (issued.unwritten) say(issued.unwritten.message, true);
  else sayWritten(`${issued.done}. Đã xuất ${issued.paths.join(", ")}`, issued.paths[0]);
  // A letter that answers a document received closes that document's deadlines.
  await showDue();
});
