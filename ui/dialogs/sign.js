// The sign dialog: who signs (the signer, then the office), the token's module on Linux
// (picked once, kept in the profile) or the Windows certificate store, the PIN typed each
// time and never kept; the signed PDF is saved where the clerk says.

import { attempt, sayWritten } from "../api.js";
import { $ } from "../dom.js";
import { refresh } from "../preview.js";
import { state } from "../state.js";

// What the dialog signs: the issued letter (null), or the received PDF kept under this handle.
let copyOf = null;

// Shows which token the signature will use and asks for the PIN where the app must.
async function showSetup() {
  const setup = await attempt("signing_setup", {}, $("sign-status"), $("sign-dialog"));
  if (!setup) return;
  $("sign-module").textContent = setup.store
    ? "Ký bằng chứng thư số trong kho của Windows: trình điều khiển token sẽ hỏi mã PIN."
    : setup.module
      ? `Thư viện của token: ${setup.module}`
      : "Chưa chọn thư viện PKCS#11 của token (tệp .so trong thư mục cài phần mềm của nhà cung cấp chữ ký số).";
  $("sign-choose-module").hidden = setup.store;
  $("sign-pin-field").hidden = setup.store;
}

export async function openSignDialog() {
  await open(null);
}

// The electronic copy (sao y điện tử) of the parent on the card: the office signs it.
export async function openCopySignDialog() {
  await open(state.parent);
}

async function open(parent) {
  copyOf = parent;
  $("sign-title").textContent = parent ? `Sao y điện tử ${parent.name}` : "Ký số công văn";
  $("sign-roles").hidden = Boolean(parent);
  $("sign-status").textContent = "";
  $("sign-pin").value = "";
  $("sign-dialog").showModal();
  await showSetup();
}

$("sign-choose-module").addEventListener("click", async () => {
  if (await attempt("choose_pkcs11_module", {}, $("sign-status"), $("sign-dialog"))) await showSetup();
});

$("sign-go").addEventListener("click", async () => {
  const pin = $("sign-pin").value;
  let command = "sign_parent_copy";
  let args = copyOf ? { parent: copyOf.id, name: copyOf.name, pin } : null;
  if (!copyOf) {
    const letter = await refresh();
    if (!letter) return;
    const role = document.querySelector('input[name="sign-role"]:checked').value;
    command = "sign_letter";
    args = { letter, role, pin };
  }
  $("sign-status").textContent = "Đang ký…";
  const signed = await attempt(command, args, $("sign-status"), $("sign-dialog"));
  // The PIN is not kept, not even in the field.
  $("sign-pin").value = "";
  if (signed === null) return;
  $("sign-status").textContent = "";
  if (!signed) return;
  $("sign-dialog").close("signed");
  const mine = signed.signatures[signed.signatures.length - 1];
  const notes = signed.notices.length ? ` (lưu ý: ${signed.notices.join("; ")})` : "";
  sayWritten(`Đã ký số ${signed.path}${mine ? ", người ký: " + mine.signer : ""}${notes}`, signed.path);
});
