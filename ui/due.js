// The deadlines of documents received that are due this week or overdue, shown when the
// window opens, after each receipt and every hour (a day may turn while it is open); each
// with a button to draft the reply to its sender, which closes it once issued, and one to
// close it as done. The reminder line says what comes within the clerk's reminder days.

import { attempt, done } from "./api.js";
import { $, el, say } from "./dom.js";
import { readingDone } from "./ocr.js";
import { useParent } from "./parent.js";

// The reminder said last in the status line, so that the hourly look says it only when
// something changed.
let told = "";

// Shows the list; with `announce` (on start and every hour, not after the clerk's own
// actions, whose status it would hide) the reminder is also said in the status line.
export async function showDue(announce = false) {
  const [due, reminder] = await Promise.all([attempt("due", {}), attempt("reminder", {})]);
  const words = reminder?.words ?? "";
  if (reminder && !$("r-remind").value) $("r-remind").value = String(reminder.days);
  $("reminder").textContent = words;
  $("due-card").hidden = (due ?? []).length === 0 && !words;
  if (announce && words && words !== told) say(words, false);
  if (announce) told = words;
  $("due-list").replaceChildren(
    ...(due ?? []).map((d) =>
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
        el("button", {
          type: "button",
          textContent: "Xong",
          title: "Đã làm xong, không cần văn bản trả lời",
          onclick: async () => {
            if (await done("close_deadline", { id: d.id, closed: true })) showDue();
          },
        }),
      ),
    ),
  );
}

setInterval(() => showDue(true), 60 * 60 * 1000);
