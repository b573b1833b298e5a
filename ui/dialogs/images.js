// The signature and seal images kept for a signer: what is there, with buttons to choose a
// PNG (the shell opens the dialog and checks it) or forget it. Shared by the issue and the
// copy dialogs.

import { attempt, done } from "../api.js";
import { el } from "../dom.js";

// Shows in `box` the images of `signer()` and the office's seal; failures go to `status`
// and beside the field they name in `scope`.
export async function showImages(box, signer, status, scope) {
  const who = signer();
  if (!who || !who.title) {
    box.replaceChildren(el("span", { className: "hint", textContent: "Chọn người ký để xem ảnh chữ ký." }));
    return;
  }
  const kept = await attempt("image_status", { signer: who }, status, scope);
  if (!kept) return;
  const again = () => showImages(box, signer, status, scope);
  const item = (label, isKept, arg) =>
    el("span", { className: "image-item" },
      `${label}: ${isKept ? "đã có" : "chưa có"} `,
      el("button", { type: "button", textContent: isKept ? "Đổi ảnh…" : "Chọn ảnh…", onclick: async () => {
        if (await attempt("choose_image", { signer: arg }, status, scope)) again();
      } }),
      isKept ? el("button", { type: "button", textContent: "Bỏ", onclick: async () => {
        if (await done("forget_image", { signer: arg }, status, scope)) again();
      } }) : "",
    );
  box.replaceChildren(
    item(`Chữ ký của ${who.name || who.title}`, kept.signature, who),
    item("Con dấu", kept.seal, null),
  );
}
