// A copy (sao y, sao lục) of the parent on the card, named by its handle: the core checks
// the file, the images and LibreOffice, the clerk names the file, then the number is taken
// and the copy written.

import { attempt, call, sayWritten } from "../api.js";
import { $, clearRefusals, lines, readDay, say, showDay, showFailure } from "../dom.js";
import { signerLabel } from "../form.js";
import { parentFields } from "../parent.js";
import { refresh } from "../preview.js";
import { state } from "../state.js";
import { showImages } from "./images.js";

const dialog = $("certify-dialog");
const status = $("certify-status");

function signer() {
  return state.office.signers[Number($("c-signer").value)] ?? null;
}

const images = () => showImages($("c-image-controls"), signer, status, dialog);

export async function openCertifyDialog() {
  const letter = await refresh();
  const fields = parentFields();
  const value = (name) => fields.find((f) => f.field === name)?.values[0];
  $("c-source").textContent = state.parent
    ? `Văn bản được sao: ${value("doc_type") ?? "(chưa đọc được loại)"} ${value("number") ? "số " + value("number") : ""} (${state.parent.name})`
    : "";
  $("c-date").value = showDay(await call("today"));
  $("c-signer").replaceChildren(...state.office.signers.map((s, i) => new Option(signerLabel(s), i)));
  // The copy goes where the letter goes, and one is kept on file.
  $("c-distribution").value = (letter ? await attempt("copy_distribution", { letter }) : null)?.join("\n") ?? "Lưu: VT";
  status.textContent = "";
  clearRefusals(dialog);
  images();
  dialog.showModal();
}

$("c-signer").addEventListener("change", images);

$("c-go").addEventListener("click", async () => {
  if (!signer()) {
    status.textContent = "Hồ sơ đơn vị chưa có người ký.";
    return;
  }
  const order = { kind: $("c-kind").value, signer: signer(), distribution: lines($("c-distribution").value) };
  let made;
  try {
    made = await call("certify_parent", {
      parent: state.parent?.id ?? null,
      order,
      signedOn: readDay($("c-date").value, "Ngày ký", "signed_on"),
      images: $("c-images").checked,
      pdf: $("c-pdf").checked,
    });
  } catch (failure) {
    showFailure(failure, status, dialog);
    return;
  }
  // The save dialog was cancelled: nothing was numbered.
  if (!made) return;
  dialog.close();
  if (made.unwritten) say(made.unwritten.message, true);
  else sayWritten(`${made.done}. Đã xuất ${made.paths.join(", ")}`, made.paths[0]);
});
