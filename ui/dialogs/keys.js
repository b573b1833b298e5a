// Every dialog answers the keys as a clerk expects: Enter in a one-line field does the
// dialog's action (its primary button), never "Hủy", the form's first button; Enter in a
// multi-line field is a new line; Escape and "Hủy" close it, but when something typed
// since it opened would be lost, the first press only says so and a second one closes.

const WARNING = "Còn nội dung vừa nhập chưa lưu: bấm Hủy (hoặc Esc) lần nữa để bỏ.";

// What the dialog's fields hold, as one string to compare.
const values = (dialog) =>
  [...dialog.querySelectorAll("input, textarea, select")]
    .map((f) => (f.type === "checkbox" ? String(f.checked) : f.value))
    .join("\u0000");

export function wireDialogs() {
  for (const dialog of document.querySelectorAll("dialog")) {
    let opened = null;
    let warned = false;
    // What it held before the clerk's first key or click in it: the window may still be
    // filling it in after it opened (an await in the opener).
    new MutationObserver(() => {
      opened = null;
      warned = false;
    }).observe(dialog, { attributes: true, attributeFilter: ["open"] });
    const first = () => {
      if (opened === null) opened = values(dialog);
    };
    dialog.addEventListener("keydown", first, true);
    dialog.addEventListener("pointerdown", first, true);
    const keep = (e) => {
      if (opened === null || warned || values(dialog) === opened) return;
      e.preventDefault();
      warned = true;
      const status = dialog.querySelector('[role="status"]');
      if (status) status.textContent = WARNING;
    };
    dialog.addEventListener("cancel", keep);
    for (const button of dialog.querySelectorAll('button[value="cancel"]')) {
      button.addEventListener("click", keep);
    }
    dialog.addEventListener("keydown", (e) => {
      if (e.key !== "Enter" || e.shiftKey || e.ctrlKey || e.altKey || e.isComposing) return;
      const field = e.target;
      if (field.tagName !== "INPUT" || ["checkbox", "radio", "button", "submit"].includes(field.type)) return;
      e.preventDefault();
      const action = dialog.querySelector("button.primary");
      if (action && action.value !== "close") action.click();
    });
  }
}
