// The search box: one query over both registers (marks and case aside), the best first,
// between two days when the clerk gives them; a document received opens to draft its reply.

import { attempt } from "./api.js";
import { $, el, readDay, showDay, showFailure } from "./dom.js";
import { readingDone } from "./ocr.js";
import { useParent } from "./parent.js";

export async function search() {
  const query = $("search").value.trim();
  if (!query) return;
  let from, to;
  try {
    from = readDay($("s-from").value, "Từ ngày", "from") || null;
    to = readDay($("s-to").value, "Đến ngày", "to") || null;
  } catch (failure) {
    showFailure(failure, $("search-status"), $("search-dialog"));
    if (!$("search-dialog").open) $("search-dialog").showModal();
    return;
  }
  $("search-status").textContent = "";
  const found = (await attempt("search", { query, from, to }, $("search-status"), $("search-dialog"))) ?? [];
  $("search-title").textContent = `Kết quả tìm "${query}": ${found.length ? found.length + " văn bản" : "không thấy văn bản nào"}`;
  $("search-results").replaceChildren(
    ...found.map((f) => {
      const book = f.register === "di" ? "Sổ đi" : "Sổ đến";
      const item = el("li", {}, `${book} · ${f.number} · ${showDay(f.day)} · ${f.subject} · ${f.who} `);
      if (f.register === "den") {
        item.append(
          el("button", {
            type: "button",
            textContent: "Soạn trả lời",
            onclick: async () => {
              const parent = await attempt("open_incoming", { id: f.line }, $("search-status"), $("search-dialog"));
              readingDone();
              if (!parent) return;
              $("search-dialog").close();
              await useParent(parent, f.line, "phuc-dap");
            },
          }),
        );
      }
      return item;
    }),
  );
  if (!$("search-dialog").open) $("search-dialog").showModal();
}

for (const id of ["s-from", "s-to"]) $(id).addEventListener("change", () => search());
