// Small helpers over the page: finding, making and reading elements, and showing what
// the shell said, in the status line and beside the field it names.

export const $ = (id) => document.getElementById(id);

export function el(tag, props = {}, ...children) {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children);
  return node;
}

// The non-empty lines of a text field, trimmed.
export const lines = (text) => text.split("\n").map((s) => s.trim()).filter(Boolean);
// A text field's value, or null when it is blank.
export const optional = (text) => (text.trim() ? text.trim() : null);

// Shows `text` in the window's status line, as an error or as news.
export function say(text, isError) {
  const status = $("status");
  status.textContent = text;
  status.className = isError ? "error" : text ? "ok" : "";
}

// Shows a failure: its message in `status` (an element, or the window's status line), and
// a refusal also beside the field it names inside `scope`, until the next failure there.
export function showFailure(failure, status = null, scope = document) {
  for (const note of scope.querySelectorAll(".field-problem.refusal")) note.remove();
  if (status) status.textContent = failure.message;
  else say(failure.message, true);
  if (failure.kind !== "refused" || !failure.field) return;
  const box = scope.querySelector(`[data-field="${CSS.escape(failure.field)}"]`);
  if (box) box.append(el("small", { className: "field-problem error refusal", textContent: failure.message }));
}

// Clears the refusals shown beside the fields of `scope`.
export function clearRefusals(scope = document) {
  for (const note of scope.querySelectorAll(".field-problem.refusal")) note.remove();
}

// A day as the clerk reads it, dd/mm/yyyy, whatever the system's locale: "2026-12-03" →
// "03/12/2026"; nothing for nothing.
export const showDay = (iso) => (iso ? iso.slice(0, 10).split("-").reverse().join("/") : "");

// A day the clerk typed as ngày/tháng/năm ("3/12/2026", "03-12-2026", "03.12.2026") in the
// ISO form the shell takes; "" for a blank field; an error, naming the field, for anything
// else, so that a month is never read as a day.
export function readDay(text, label, field = null) {
  const t = text.trim();
  if (!t) return "";
  const m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(t);
  const iso = m && `${m[3]}-${m[2].padStart(2, "0")}-${m[1].padStart(2, "0")}`;
  const day = iso && new Date(`${iso}T00:00:00Z`);
  if (!day || Number.isNaN(day.getTime()) || day.toISOString().slice(0, 10) !== iso) {
    throw { kind: "refused", field, message: `${label}: "${t}" không phải ngày; ghi theo dạng ngày/tháng/năm, ví dụ 03/12/2026` };
  }
  return iso;
}
