// The template library (export, rename, delete, import) and saving the letter as a template.

import { attempt, call, done } from "../api.js";
import { $, el, say, showFailure } from "../dom.js";
import { refresh } from "../preview.js";
import { state } from "../state.js";

const picker = $("template");

// Fills the template picker, keeping the choice; gives the templates.
export async function listTemplates() {
  const chosen = picker.value;
  const all = (await attempt("templates")) ?? [];
  picker.replaceChildren(...all.map((t) => new Option(t.builtin ? t.name : `${t.name} (mẫu riêng)`, t.id)));
  if (all.some((t) => t.id === chosen)) picker.value = chosen;
  return all;
}

// The "Văn bản mới" dialog: the templates that draft without a parent.
export async function openNewDialog() {
  const all = (await listTemplates()).filter((t) => !t.needs_parent);
  $("new-template").replaceChildren(...all.map((t) => new Option(t.builtin ? t.name : `${t.name} (mẫu riêng)`, t.id)));
  $("new-status").textContent = "";
  $("new-dialog").showModal();
  $("new-template").focus();
}

export async function showLibrary() {
  const all = await listTemplates();
  const status = $("library-status");
  const note = (text) => (status.textContent = text);
  const button = (label, handler) => el("button", { type: "button", textContent: label, onclick: handler });
  $("library-rows").replaceChildren(
    ...all.map((t) => {
      const name = el("td", { textContent: t.name });
      const actions = el("td", { className: "actions" });
      actions.append(button("Xuất…", async () => {
        const path = await attempt("export_template", { id: t.id }, status);
        if (path) note("Đã xuất mẫu ra " + path);
      }));
      if (!t.builtin) {
        actions.append(button("Đổi tên", () => {
          const input = el("input", { value: t.name, ariaLabel: "Tên mới" });
          const ok = button("Lưu tên", async () => {
            if (await done("rename_template", { id: t.id, name: input.value }, status)) showLibrary();
          });
          name.replaceChildren(input, ok);
          input.focus();
        }));
        const remove = button("Xóa", async () => {
          // Two presses: the first only asks, so a slip of the mouse deletes nothing.
          if (!remove.classList.contains("confirm")) {
            remove.classList.add("confirm");
            remove.textContent = "Bấm lần nữa để xóa";
            return;
          }
          if (await done("delete_template", { id: t.id }, status)) {
            note(`Đã xóa mẫu "${t.name}"`);
            showLibrary();
          }
        });
        actions.append(remove);
      }
      const row = el("tr", {}, name, el("td", { textContent: t.doc_type }), el("td", { textContent: t.description }), actions);
      row.dataset.id = t.id;
      return row;
    }),
  );
  if (!$("library-dialog").open) $("library-dialog").showModal();
}

$("library-import").addEventListener("click", async () => {
  const entry = await attempt("import_template", {}, $("library-status"));
  if (entry) {
    await showLibrary();
    $("library-status").textContent = `Đã nhập mẫu "${entry.name}"`;
  }
});

function addTemplateField(label = "", text = "") {
  const row = el("div", { className: "row" },
    el("label", { className: "field small" }, "Tên trường", el("input", { value: label, className: "t-label" })),
    el("label", { className: "field grow" }, "Đoạn trong nội dung", el("input", { value: text, className: "t-text" })),
  );
  row.append(el("button", { type: "button", textContent: "Bỏ", onclick: () => row.remove() }));
  $("t-fields").append(row);
}

export function openTemplateDialog() {
  if ($("library-dialog").open) $("library-dialog").close();
  $("t-name").value = "";
  $("t-description").value = "";
  $("t-fields").replaceChildren();
  $("template-status").textContent = state.parent ? "" : "Công văn này không mở từ văn bản cấp trên: phần văn bản cấp trên sẽ giữ nguyên.";
  $("template-dialog").showModal();
  $("t-name").focus();
}

$("t-add-field").addEventListener("click", () => addTemplateField());
$("t-save").addEventListener("click", async () => {
  const letter = await refresh();
  if (!letter) return;
  const choices = {
    name: $("t-name").value,
    description: $("t-description").value,
    parent: $("t-parent").checked,
    subject: $("t-subject").checked,
    office: $("t-office").checked,
    keep_addressees: $("t-keep").checked,
    fields: [...$("t-fields").children].map((row) => ({
      label: row.querySelector(".t-label").value,
      text: row.querySelector(".t-text").value,
    })),
  };
  try {
    const entry = await call("save_as_template", { letter, parent: state.parent?.id ?? null, choices });
    $("template-dialog").close();
    await listTemplates();
    say(`Đã lưu mẫu "${entry.name}"`, false);
  } catch (failure) {
    showFailure(failure, $("template-status"), $("template-dialog"));
  }
});
