// The deadlines of documents received that are due this week or overdue, shown when the
// window opens and after each receipt; each with a button to draft the reply to its sender,
// which closes it once issued.

import { attempt } from "./api.js";
import { $, el } from "./dom.js";
import { readingDone } from "./ocr.js";
import { useParent } from "./parent.js";

export async function showDue() {
  const due = (await attempt("due", {})) ?? [];
  $("due-card").hidden = due.length === 0;
  $("due-list").replaceChildren(
    ...due.map((d) =>
      el(
        "li",
        { className: d.words.includes("quá hạn") ? "overdue" : "" },
        d.words + " ",
        el("button", {
          type: "button",
          textContent: "Soạn trả lời",
          onclick: async () => {
            const parent = await attempt("open_incoming", { id: d.incoming });
            readingDone();
            if (parent) await useParent(parent, d.incoming, "phuc-dap");
          },
        }),
      ),
    ),
  );
}
