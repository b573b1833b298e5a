// The office profile: name, abbreviation, place, signers and the address book, kept by the
// core, which refuses it beside the field it lacks.

import { call } from "../api.js";
import { $, clearRefusals, el, lines, optional, say, showFailure } from "../dom.js";
import { showOffice } from "../form.js";
import { state } from "../state.js";

const dialog = $("profile-dialog");
const TEXT = [
  "parent_body", "name", "short_name", "collective", "abbreviation", "place", "drafting_unit",
  "address", "phone", "fax", "email", "website",
];

// The address book as the clerk types it: "# Nhóm" lines, then one addressee a line.
function groupsToText(groups) {
  return groups.map((g) => [`# ${g.group}`, ...g.entries].join("\n")).join("\n\n");
}

function textToGroups(text) {
  const groups = [];
  for (const line of lines(text)) {
    if (line.startsWith("#")) groups.push({ group: line.replace(/^#+/, "").trim(), entries: [] });
    else {
      if (!groups.length) groups.push({ group: "Chung", entries: [] });
      groups[groups.length - 1].entries.push(line);
    }
  }
  return groups;
}

function addSigner(s = {}) {
  const input = (cls, value, label, placeholder = "") =>
    el("label", { className: "field grow" }, label, el("input", { className: cls, value: value ?? "", placeholder }));
  const row = el("div", { className: "row signer" },
    input("s-authority", s.authority, "Thẩm quyền", "TM. BAN THƯỜNG VỤ"),
    input("s-on_behalf", s.on_behalf, "Ký thay", "KT. CHỦ TỊCH"),
    input("s-title", s.title, "Chức vụ"),
    input("s-name", s.name, "Họ và tên"),
  );
  row.append(el("button", { type: "button", textContent: "Bỏ", onclick: () => row.remove() }));
  $("p-signers").append(row);
}

// `first`: the window's first start, on the example office.
export function openProfileDialog(first = false) {
  $("p-first").hidden = first !== true;
  for (const key of TEXT) $("p-" + key).value = state.office[key] ?? "";
  $("p-signers").replaceChildren();
  state.office.signers.forEach(addSigner);
  $("p-recipients").value = groupsToText(state.office.recipients);
  $("p-distribution").value = groupsToText(state.office.distribution);
  $("p-addresses").value = (state.office.addresses ?? []).map((a) => `${a.name} | ${a.address}`).join("\n");
  const server = state.office.server;
  $("p-server").checked = Boolean(server);
  $("p-server-host").value = server?.host ?? "";
  $("p-server-port").value = String(server?.port ?? 5432);
  $("p-server-database").value = server?.database ?? "";
  $("p-server-user").value = server?.user ?? "";
  $("p-server-password").value = "";
  showServerFields();
  $("profile-status").textContent = "";
  clearRefusals(dialog);
  dialog.showModal();
}

// The server's fields are shown while the register is said to be on it.
function showServerFields() {
  for (const field of $("p-server-box").querySelectorAll(".row, small")) field.hidden = !$("p-server").checked;
}

// The server the dialog names, or none when the register stays on this PC.
function serverOfDialog() {
  if (!$("p-server").checked) return undefined;
  return {
    host: $("p-server-host").value.trim(),
    port: Number($("p-server-port").value) || 5432,
    database: $("p-server-database").value.trim(),
    user: $("p-server-user").value.trim(),
  };
}

$("p-server").addEventListener("change", showServerFields);
$("p-add-signer").addEventListener("click", () => addSigner());
$("p-save").addEventListener("click", async () => {
  // What the dialog does not show (the numbering of the register) is kept as it was.
  const profile = { ...state.office, ...Object.fromEntries(TEXT.map((key) => [key, $("p-" + key).value.trim()])) };
  profile.signers = [...$("p-signers").children].map((row) => {
    const get = (cls) => optional(row.querySelector("." + cls).value);
    return { authority: get("s-authority"), on_behalf: get("s-on_behalf"), title: get("s-title") ?? "", name: get("s-name") };
  });
  profile.recipients = textToGroups($("p-recipients").value);
  profile.distribution = textToGroups($("p-distribution").value);
  // "Nơi nhận | địa chỉ", one a line; a line without "|" has no address to keep.
  profile.addresses = lines($("p-addresses").value)
    .map((line) => line.split("|").map((s) => s.trim()))
    .filter(([name, address]) => name && address)
    .map(([name, address]) => ({ name, address }));
  profile.server = serverOfDialog();
  try {
    await call("save_profile", { profile });
    state.office = profile;
    showOffice();
    // The profile is kept; a server that refuses keeps the dialog open to mend the password.
    let connected = "";
    if (profile.server) {
      connected = "; " + await call("connect_server", { password: $("p-server-password").value || null });
      $("p-server-password").value = "";
    }
    dialog.close();
    say("Đã lưu hồ sơ đơn vị" + connected, false);
  } catch (failure) {
    showFailure(failure, $("profile-status"), dialog);
  }
});
