// The window's only script. It reaches the shell through `api` and nothing else; the shell
// runs the dialogs and reads and writes every file, so no path is ever chosen here.
const api = {
  call: (command, args) => window.__TAURI__.core.invoke(command, args),
  on: (event, handler) => window.__TAURI__.event.listen(event, (e) => handler(e.payload)),
};

const $ = (id) => document.getElementById(id);
const frame = $("preview");
const picker = $("template");

// The draft being edited: its id once saved, so each save replaces it.
let draftId = null;
// The parent directive last opened, and what drafting it left to fill in.
let parent = null;
let gaps = [];
// The office profile, for the signer list and the address book.
let office = null;
let previewTimer = 0;
let saveTimer = 0;

function say(text, isError) {
  const status = $("status");
  status.textContent = text;
  status.className = isError ? "error" : text ? "ok" : "";
}

// Runs a shell command; a refusal is shown in the status line and gives null.
async function attempt(command, args) {
  try {
    return await api.call(command, args);
  } catch (message) {
    say(String(message), true);
    return null;
  }
}

// Runs a shell command that gives nothing back; true when it was done.
async function done(command, args) {
  try {
    await api.call(command, args);
    return true;
  } catch (message) {
    say(String(message), true);
    return false;
  }
}

function el(tag, props = {}, ...children) {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children);
  return node;
}

// ---- The form and the letter ------------------------------------------------------------

const lines = (text) => text.split("\n").map((s) => s.trim()).filter(Boolean);
const optional = (text) => (text.trim() ? text.trim() : null);
// Paragraphs that open the body with the documents it rests on.
// (JavaScript's \b knows only ASCII letters, so a space ends the word instead.)
const REFERENCE = /^(Căn cứ|Thực hiện|Triển khai|Tiếp theo|Theo|Trên cơ sở)\s/u;

// The letter as the form holds it, as JSON text for the core to read (and to refuse in
// Vietnamese, naming the field, when a value does not fit).
function formJson() {
  const v = (id) => $(id).value;
  const number = v("f-number").trim();
  const day = v("f-day").trim();
  const pad = (s) => (/^\d$/.test(s) ? "0" + s : s);
  const date = `${v("f-year").trim()}-${pad(v("f-month").trim())}` + (day ? `-${pad(day)}` : "");
  const body = [v("f-references"), v("f-body")].map((s) => s.trim()).filter(Boolean).join("\n\n");
  return JSON.stringify({
    doc_type: v("f-doc_type").trim(),
    parent_body: v("f-parent_body").trim(),
    issuer: v("f-issuer").trim(),
    number: number === "" ? null : /^\d+$/.test(number) ? Number(number) : number,
    symbol: v("f-symbol").trim(),
    place: v("f-place").trim(),
    date,
    subject: v("f-subject").trim(),
    recipients: lines(v("f-recipients")),
    body: body + "\n",
    distribution: lines(v("f-distribution")),
    signature: {
      authority: optional(v("f-authority")),
      on_behalf: optional(v("f-on_behalf")),
      title: v("f-title").trim(),
      name: optional(v("f-name")),
    },
  });
}

// Puts a letter into the form; the body's opening reference paragraphs get their own field.
function fillForm(letter) {
  const set = (id, value) => ($(id).value = value ?? "");
  set("f-doc_type", letter.doc_type);
  set("f-parent_body", letter.parent_body);
  set("f-issuer", letter.issuer);
  set("f-number", letter.number ?? "");
  set("f-symbol", letter.symbol);
  set("f-place", letter.place);
  const [year, month, day] = letter.date.split("-");
  set("f-year", year);
  set("f-month", String(Number(month)));
  set("f-day", day ? String(Number(day)) : "");
  set("f-subject", letter.subject);
  set("f-recipients", letter.recipients.join("\n"));
  const paras = letter.body.trim().split(/\n{2,}/);
  const refs = [];
  while (paras.length > 1 && REFERENCE.test(paras[0])) refs.push(paras.shift());
  set("f-references", refs.join("\n\n"));
  set("f-body", paras.join("\n\n"));
  set("f-distribution", letter.distribution.join("\n"));
  const s = letter.signature;
  set("f-authority", s.authority);
  set("f-on_behalf", s.on_behalf);
  set("f-title", s.title);
  set("f-name", s.name);
  showSigner();
}

// ---- Problems, next to their fields and in one list that jumps to them ------------------

// The form field a problem belongs to: the core names the body's reference paragraph,
// which the form shows apart, "body.references".
function fieldFor(problem) {
  return problem.field === "body.references" ? "references" : problem.field.split(".")[0];
}

function jumpTo(field) {
  const box = document.querySelector(`#letter-form [data-field="${field}"]`);
  if (!box) return;
  const input = box.querySelector("input, textarea, select");
  box.scrollIntoView({ block: "center" });
  if (!input) return;
  input.focus();
  // A gap left by drafting is selected, so typing replaces it.
  const at = input.value.indexOf("…");
  if (at >= 0 && input.setSelectionRange) input.setSelectionRange(at, at + 1);
}

function showProblems(findings) {
  const all = [
    ...gaps.map((p) => ({ kind: "gap", label: "cần điền", text: p.message, field: fieldFor(p) })),
    ...findings.map((f) => ({
      kind: f.severity,
      label: f.severity === "error" ? "lỗi" : "lưu ý",
      text: `${f.message}`,
      rule: f.rule,
      field: fieldFor(f),
    })),
  ];
  $("problem-count").textContent = all.length ? String(all.length) : "";
  $("problems").replaceChildren(
    ...(all.length
      ? all.map((p) => {
          const li = el("li", { className: p.kind, tabIndex: 0, title: p.rule ? `Quy định: ${p.rule}` : "" },
            el("b", { textContent: p.label + ": " }), p.text);
          li.dataset.field = p.field;
          li.addEventListener("click", () => jumpTo(p.field));
          li.addEventListener("keydown", (e) => e.key === "Enter" && jumpTo(p.field));
          return li;
        })
      : [el("li", { className: "none", textContent: "Không còn gì cần sửa theo thể thức." })]),
  );
  for (const note of document.querySelectorAll(".field-problem")) note.remove();
  for (const box of document.querySelectorAll("[data-field]")) box.classList.remove("flagged");
  for (const p of all) {
    const box = document.querySelector(`form [data-field="${p.field}"]`);
    if (!box) continue;
    box.classList.add("flagged");
    box.append(el("small", { className: `field-problem ${p.kind}`, textContent: p.text }));
  }
}

// ---- Preview, checks and saving ----------------------------------------------------------

// Reads the form, refreshes the preview and the checks; returns the letter, or null.
async function refresh() {
  try {
    const letter = await api.call("read_letter", { json: formJson() });
    frame.srcdoc = await api.call("preview", { letter });
    showProblems(await api.call("check_letter", { letter }));
    if ($("status").className === "error") say("", false);
    return letter;
  } catch (message) {
    // The core's message says what is wrong and where, in Vietnamese.
    say(String(message), true);
    return null;
  }
}

// Saves the draft; nothing typed is lost if the power goes out a moment later.
async function save() {
  const letter = await refresh();
  if (!letter) return;
  try {
    draftId = await api.call("save_draft", { id: draftId, letter });
    say("Đã lưu bản nháp", false);
    listDrafts();
  } catch (message) {
    say("Chưa lưu được bản nháp: " + String(message), true);
  }
}

function edited() {
  clearTimeout(previewTimer);
  clearTimeout(saveTimer);
  previewTimer = setTimeout(refresh, 150);
  saveTimer = setTimeout(save, 400);
}

async function listDrafts() {
  const drafts = (await attempt("recent_drafts")) ?? [];
  const when = (t) => new Date(t * 1000).toLocaleString("vi-VN", { dateStyle: "short", timeStyle: "short" });
  $("drafts").replaceChildren(
    ...drafts.map((d) => {
      const o = new Option(`${when(d.updated_at)} — ${d.subject || "(chưa có trích yếu)"}`, d.id);
      o.selected = d.id === draftId;
      return o;
    }),
  );
}

async function openDraft(id) {
  const letter = await attempt("open_draft", { id });
  if (!letter) return;
  draftId = id;
  parent = null;
  gaps = [];
  showParent();
  fillForm(letter);
  await refresh();
}

// ---- The parent directive ----------------------------------------------------------------

const PARENT_FIELDS = [
  ["doc_type", "Loại", (d) => d.doc_type],
  ["number", "Số, ký hiệu", (d) => (d.number || d.symbol ? `${d.number ?? "…"}${d.dash ? "-" : "/"}${d.symbol ?? "…"}` : null)],
  ["date", "Ngày", (d) => d.date],
  ["issuer", "Cơ quan ban hành", (d) => d.issuer],
  ["subject", "Trích yếu", (d) => d.subject],
  ["references", "Văn bản căn cứ", (d) => d.references.map((r) => (r.number ? `${r.doc_type} số ${r.number}${r.dash ? "-" : "/"}${r.symbol ?? "…"}` : r.title ?? r.doc_type)).join("; ") || null],
  ["signer", "Người ký", (d) => [d.signer.title, d.signer.name].filter(Boolean).join(" ") || null],
];

// What was read from the parent, field by field, with what could not be read beside it.
function showParent() {
  $("parent-card").hidden = !parent;
  if (!parent) return;
  $("parent-title").textContent = parent.number ? `số ${parent.number}${parent.dash ? "-" : "/"}${parent.symbol ?? "…"}` : "";
  const rows = [];
  for (const [field, label, value] of PARENT_FIELDS) {
    const read = value(parent);
    const problems = parent.problems.filter((p) => {
      const f = p.field.split(".")[0];
      return f === field || (field === "number" && f === "symbol");
    });
    const dd = el("dd", { className: read ? "" : "missing", textContent: read ?? "chưa đọc được" });
    for (const p of problems) {
      dd.append(el("small", { className: "field-problem gap", textContent: p.message + (p.line ? ` (dòng ${p.line})` : "") }));
    }
    rows.push(el("dt", { textContent: label }), dd);
  }
  $("parent-fields").replaceChildren(...rows);
}

// Drafts the letter that forwards the open parent, with the picked template, as a new draft.
async function draftFromParent() {
  if (!parent) return;
  const draft = await attempt("draft_letter", { parent, template: picker.value });
  if (!draft) return;
  gaps = draft.problems;
  draftId = null;
  fillForm(draft.letter);
  await save();
}

async function useParent(directive) {
  if (!directive) return;
  parent = directive;
  showParent();
  await draftFromParent();
}

async function openWithDialog() {
  await useParent(await attempt("open_parent"));
}

function openPasteDialog(text) {
  $("paste-text").value = text ?? "";
  $("paste-dialog").showModal();
  $("paste-text").focus();
}

$("paste-dialog").addEventListener("close", async () => {
  if ($("paste-dialog").returnValue !== "read" || !$("paste-text").value.trim()) return;
  await useParent(await attempt("read_parent_text", { text: $("paste-text").value }));
});

// ---- Export and print --------------------------------------------------------------------

async function exportWithDialog() {
  const letter = await refresh();
  if (!letter) return;
  const path = await attempt("export_docx", { letter });
  if (path) say("Đã xuất " + path, false);
}

// The preview is the A4 page; its print stylesheet drops everything around the sheet.
async function print() {
  if (!(await refresh())) return;
  window.congvan.print();
}

// ---- Templates ---------------------------------------------------------------------------

async function listTemplates() {
  const chosen = picker.value;
  const all = (await attempt("templates")) ?? [];
  picker.replaceChildren(...all.map((t) => new Option(t.builtin ? t.name : `${t.name} (mẫu riêng)`, t.id)));
  if (all.some((t) => t.id === chosen)) picker.value = chosen;
  return all;
}

async function showLibrary() {
  const all = await listTemplates();
  const note = (text) => ($("library-status").textContent = text);
  $("library-rows").replaceChildren(
    ...all.map((t) => {
      const name = el("td", { textContent: t.name });
      const actions = el("td", { className: "actions" });
      const button = (label, handler) => el("button", { type: "button", textContent: label, onclick: handler });
      actions.append(button("Xuất…", async () => {
        const path = await attempt("export_template", { id: t.id });
        if (path) note("Đã xuất mẫu ra " + path);
      }));
      if (!t.builtin) {
        actions.append(button("Đổi tên", () => {
          const input = el("input", { value: t.name, ariaLabel: "Tên mới" });
          const ok = button("Lưu tên", async () => {
            if (await done("rename_template", { id: t.id, name: input.value })) showLibrary();
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
          if (await done("delete_template", { id: t.id })) {
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
  const entry = await attempt("import_template");
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

function openTemplateDialog() {
  if ($("library-dialog").open) $("library-dialog").close();
  $("t-name").value = "";
  $("t-description").value = "";
  $("t-fields").replaceChildren();
  $("template-status").textContent = parent ? "" : "Công văn này không mở từ văn bản cấp trên: phần văn bản cấp trên sẽ giữ nguyên.";
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
    const entry = await api.call("save_as_template", { letter, parent, choices });
    $("template-dialog").close();
    await listTemplates();
    say(`Đã lưu mẫu "${entry.name}"`, false);
  } catch (message) {
    $("template-status").textContent = String(message);
  }
});

// ---- Issuing and the register -----------------------------------------------------------

const today = () => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
};

function copyOptions() {
  return {
    options: {
      per_addressee: $("i-copies").checked,
      mark: $("i-mark").checked,
      drafter: optional($("i-drafter").value),
      images: $("i-images").checked,
    },
    pdf: $("i-pdf").checked,
  };
}

// The signature of `signer()` and the office's seal, as kept: what is there, with buttons to
// choose a PNG (the shell opens the dialog and checks it) or forget it.
async function showImages(box, signer, note) {
  const who = signer();
  if (!who || !who.title) {
    box.replaceChildren(el("span", { className: "hint", textContent: "Chọn người ký để xem ảnh chữ ký." }));
    return;
  }
  const status = await attempt("image_status", { signer: who });
  if (!status) return;
  const item = (label, kept, arg) =>
    el("span", { className: "image-item" },
      `${label}: ${kept ? "đã có" : "chưa có"} `,
      el("button", { type: "button", textContent: kept ? "Đổi ảnh…" : "Chọn ảnh…", onclick: async () => {
        try {
          if (await api.call("choose_image", { signer: arg })) showImages(box, signer, note);
        } catch (message) {
          note(String(message));
        }
      } }),
      kept ? el("button", { type: "button", textContent: "Bỏ", onclick: async () => {
        if (await done("forget_image", { signer: arg })) showImages(box, signer, note);
      } }) : "",
    );
  box.replaceChildren(
    item(`Chữ ký của ${who.name || who.title}`, status.signature, who),
    item("Con dấu", status.seal, null),
  );
}

// The signature the form's letter carries.
function formSigner() {
  return {
    authority: optional($("f-authority").value),
    on_behalf: optional($("f-on_behalf").value),
    title: $("f-title").value.trim(),
    name: optional($("f-name").value),
  };
}

// Shows the save dialog for the signed copies of register line `id`.
async function exportIssued(id, note) {
  const { options, pdf } = copyOptions();
  try {
    const paths = await api.call("export_issued", { id, options, pdf });
    if (paths) note("Đã xuất " + paths.join(", "));
    return true;
  } catch (message) {
    note(String(message), true);
    return false;
  }
}

function openIssueDialog() {
  $("i-date").value = today();
  $("issue-status").textContent = "";
  showImages($("i-image-controls"), formSigner, (text) => ($("issue-status").textContent = text));
  $("issue-dialog").showModal();
}

// ---- Copies of the parent (sao y) --------------------------------------------------------

function certifySigner() {
  return office.signers[Number($("c-signer").value)] ?? null;
}

async function openCertifyDialog() {
  const letter = await refresh();
  $("c-source").textContent = parent
    ? `Văn bản được sao: ${PARENT_FIELDS[0][2](parent) ?? "(chưa đọc được loại)"} ${PARENT_FIELDS[1][2](parent) ?? ""}`
    : "";
  $("c-date").value = today();
  $("c-signer").replaceChildren(
    ...office.signers.map((s, i) => new Option([s.authority, s.on_behalf, s.title, s.name].filter(Boolean).join(" / "), i)),
  );
  // The copy goes where the letter goes, and one is kept on file.
  $("c-distribution").value = (letter ? await attempt("copy_distribution", { letter }) : null)?.join("\n") ?? "Lưu: VT";
  $("certify-status").textContent = "";
  const note = (text) => ($("certify-status").textContent = text);
  showImages($("c-image-controls"), certifySigner, note);
  $("certify-dialog").showModal();
}

$("c-signer").addEventListener("change", () =>
  showImages($("c-image-controls"), certifySigner, (text) => ($("certify-status").textContent = text)),
);

$("c-go").addEventListener("click", async () => {
  const note = (text) => ($("certify-status").textContent = text);
  const signer = certifySigner();
  if (!signer) {
    note("Hồ sơ đơn vị chưa có người ký.");
    return;
  }
  const order = { kind: $("c-kind").value, signer, distribution: lines($("c-distribution").value) };
  try {
    const made = await api.call("certify_parent", {
      order,
      signedOn: $("c-date").value,
      images: $("c-images").checked,
      pdf: $("c-pdf").checked,
    });
    if (!made) return;
    $("certify-dialog").close();
    const number = `${String(made.entry.number).padStart(2, "0")}/${made.entry.symbol}`;
    say(`Đã cấp số bản sao ${number}. Đã xuất ${made.paths.join(", ")}`, false);
  } catch (message) {
    note(String(message));
  }
});

$("i-go").addEventListener("click", async () => {
  const letter = await refresh();
  if (!letter) return;
  const note = (text) => ($("issue-status").textContent = text);
  let entry;
  try {
    entry = await api.call("issue_letter", { letter, signedOn: $("i-date").value, images: $("i-images").checked });
  } catch (message) {
    note(String(message));
    return;
  }
  // The letter in the form is now the issued one; a new draft keeps it.
  fillForm(entry.letter);
  gaps = [];
  draftId = null;
  await save();
  const number = `${String(entry.number).padStart(2, "0")}/${entry.symbol}`;
  $("issue-dialog").close();
  say(`Đã cấp số ${number}`, false);
  await exportIssued(entry.id, (text, isError) => say(`Đã cấp số ${number}. ${text}`, isError));
});

function registerFilter() {
  const year = $("r-year").value.trim();
  return { year: /^\d{4}$/.test(year) ? Number(year) : null, kind: optional($("r-kind").value), text: optional($("r-text").value) };
}

async function showRegister() {
  const entries = (await attempt("register", { filter: registerFilter() })) ?? [];
  const note = (text, isError) => {
    $("register-status").textContent = text;
    $("register-status").className = isError ? "error" : "hint";
  };
  const date = (d) => d.split("-").reverse().join("/");
  $("register-rows").replaceChildren(
    ...entries.map((e) => {
      const actions = el("td", { className: "actions" });
      const row = el("tr", { className: e.cancelled ? "cancelled" : "" },
        el("td", { textContent: `${String(e.number).padStart(2, "0")}/${e.symbol}` }),
        el("td", { textContent: date(e.signed_on) }),
        el("td", { textContent: e.doc_type === "Công văn" ? `${e.doc_type} V/v ${e.subject}` : `${e.doc_type} ${e.subject}` }),
        el("td", { textContent: e.signer }),
        el("td", { textContent: e.recipients.join("; ") + (e.cancelled ? ` — ĐÃ HỦY ${date(e.cancelled.on)}: ${e.cancelled.reason}` : "") }),
        actions,
      );
      row.dataset.id = e.id;
      if (!e.cancelled) {
        actions.append(el("button", { type: "button", textContent: "Xuất bản ký…", onclick: () => exportIssued(e.id, note) }));
        actions.append(el("button", { type: "button", textContent: "Hủy số", onclick: () => {
          // The number is cancelled only with a reason, which the register keeps.
          const reason = el("input", { className: "cancel-reason", placeholder: "lý do hủy" });
          const ok = el("button", { type: "button", className: "confirm", textContent: "Xác nhận hủy", onclick: async () => {
            if (await done("cancel_number", { id: e.id, reason: reason.value })) showRegister();
            else note($("status").textContent, true);
          } });
          actions.replaceChildren(reason, ok);
          reason.focus();
        } }));
      }
      return row;
    }),
  );
  if (!entries.length) $("register-rows").append(el("tr", {}, el("td", { colSpan: 6, textContent: "Sổ chưa có văn bản nào khớp." })));
  if (!$("register-dialog").open) $("register-dialog").showModal();
}

for (const id of ["r-year", "r-kind", "r-text"]) $(id).addEventListener("input", () => showRegister());
$("r-export").addEventListener("click", async () => {
  try {
    const path = await api.call("export_register", { filter: registerFilter() });
    if (path) $("register-status").textContent = "Đã xuất " + path;
  } catch (message) {
    $("register-status").textContent = String(message);
  }
});

// ---- The office profile ------------------------------------------------------------------

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

const PROFILE_TEXT = ["parent_body", "name", "short_name", "collective", "abbreviation", "place", "drafting_unit"];

function openProfileDialog() {
  for (const key of PROFILE_TEXT) $("p-" + key).value = office[key] ?? "";
  $("p-signers").replaceChildren();
  office.signers.forEach(addSigner);
  $("p-recipients").value = groupsToText(office.recipients);
  $("p-distribution").value = groupsToText(office.distribution);
  $("profile-status").textContent = "";
  $("profile-dialog").showModal();
}

$("p-add-signer").addEventListener("click", () => addSigner());
$("p-save").addEventListener("click", async () => {
  const profile = Object.fromEntries(PROFILE_TEXT.map((key) => [key, $("p-" + key).value.trim()]));
  profile.signers = [...$("p-signers").children].map((row) => {
    const get = (cls) => optional(row.querySelector("." + cls).value);
    return { authority: get("s-authority"), on_behalf: get("s-on_behalf"), title: get("s-title") ?? "", name: get("s-name") };
  });
  profile.recipients = textToGroups($("p-recipients").value);
  profile.distribution = textToGroups($("p-distribution").value);
  try {
    await api.call("save_profile", { profile });
    office = profile;
    showOffice();
    $("profile-dialog").close();
    say("Đã lưu hồ sơ đơn vị", false);
  } catch (message) {
    $("profile-status").textContent = String(message);
  }
});

// The signer list and the address book in the form come from the profile.
function showOffice() {
  const signers = $("f-signer");
  signers.replaceChildren(
    new Option("— chọn người ký trong hồ sơ đơn vị —", ""),
    ...office.signers.map((s, i) => new Option([s.authority, s.on_behalf, s.title, s.name].filter(Boolean).join(" / "), i)),
  );
  for (const book of document.querySelectorAll("select.book")) {
    const groups = book.dataset.target === "f-recipients" ? office.recipients : office.distribution;
    book.replaceChildren(
      new Option("+ Thêm từ sổ địa chỉ…", ""),
      ...groups.map((g) => {
        const group = el("optgroup", { label: g.group });
        group.append(...g.entries.map((e) => new Option(e, e)));
        return group;
      }),
    );
  }
  showSigner();
}

// Shows which of the profile's signers the form's signature is, if any.
function showSigner() {
  if (!office) return;
  const same = (a, b) => (a ?? "") === (b ?? "");
  const at = office.signers.findIndex(
    (s) => same(s.authority, optional($("f-authority").value)) && same(s.on_behalf, optional($("f-on_behalf").value)) && same(s.title, $("f-title").value.trim()),
  );
  $("f-signer").value = at >= 0 ? String(at) : "";
}

$("f-signer").addEventListener("change", () => {
  const s = office.signers[Number($("f-signer").value)];
  if (!$("f-signer").value || !s) return;
  $("f-authority").value = s.authority ?? "";
  $("f-on_behalf").value = s.on_behalf ?? "";
  $("f-title").value = s.title ?? "";
  $("f-name").value = s.name ?? "";
  edited();
});

for (const book of document.querySelectorAll("select.book")) {
  book.addEventListener("change", () => {
    if (!book.value) return;
    const target = $(book.dataset.target);
    // Nơi nhận keeps "Lưu: …" last, as ND30 writes it.
    const items = lines(target.value);
    const keep = items.length && /^Lưu[\s:]/u.test(items[items.length - 1]) ? items.pop() : null;
    items.push(book.value);
    if (keep) items.push(keep);
    target.value = items.join("\n");
    book.value = "";
    edited();
  });
}

// ---- Wiring ------------------------------------------------------------------------------

$("letter-form").addEventListener("input", edited);
$("letter-form").addEventListener("submit", (e) => e.preventDefault());
picker.addEventListener("change", draftFromParent);
$("drafts").addEventListener("change", () => openDraft(Number($("drafts").value)));
$("open").addEventListener("click", openWithDialog);
$("paste").addEventListener("click", () => openPasteDialog(""));
$("export").addEventListener("click", exportWithDialog);
$("print").addEventListener("click", print);
$("library").addEventListener("click", showLibrary);
$("save-template").addEventListener("click", openTemplateDialog);
$("profile").addEventListener("click", openProfileDialog);
$("issue").addEventListener("click", openIssueDialog);
$("certify").addEventListener("click", openCertifyDialog);
$("register").addEventListener("click", () => {
  $("r-year").value ||= String(new Date().getFullYear());
  showRegister();
});
document.addEventListener("keydown", (e) => {
  if (!e.ctrlKey || e.altKey || document.querySelector("dialog[open]")) return;
  const actions = { o: openWithDialog, e: exportWithDialog, s: save, p: print };
  const action = actions[e.key.toLowerCase()];
  if (action) {
    e.preventDefault();
    action();
  }
});
// Text pasted outside the form's fields is a parent directive: it opens in the paste dialog.
document.addEventListener("paste", (e) => {
  if (e.target.closest("input, textarea, dialog")) return;
  const text = e.clipboardData?.getData("text/plain");
  if (text && text.trim()) {
    e.preventDefault();
    openPasteDialog(text);
  }
});
api.on("parent-dropped", (result) => {
  if (result.Ok) useParent(result.Ok);
  else say(String(result.Err), true);
});
// For the end-to-end test: the print call, which it replaces to check Ctrl+P.
window.congvan = { print: () => frame.contentWindow.print() };

$("kinds").replaceChildren(...((await attempt("kinds")) ?? []).map((k) => new Option(k)));
office = (await attempt("profile")) ?? { signers: [], recipients: [], distribution: [] };
showOffice();
await listTemplates();

// Start where the clerk left off: the last saved draft, else the example letter.
const start = await attempt("last_draft");
if (start) {
  draftId = start.id;
  fillForm(start.letter);
} else {
  fillForm(await api.call("example_letter"));
}
await refresh();
listDrafts();
// Two frames after the first screen is laid out, it has been painted.
requestAnimationFrame(() => requestAnimationFrame(() => api.call("painted")));
