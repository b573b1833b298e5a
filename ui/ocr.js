// Reading a scan: the page being read, with a button that stops the reading; and, for a
// machine without the Tesseract program (a clerk's Windows PC), the engine itself:
// tesseract.js with the Vietnamese model the app carries (ui/vendor/ocr, put there by
// scripts/setup), which reads the picture of each page the shell hands over and sends back
// the words as Tesseract's TSV. The shell lays them out and reads them as it does the
// program's.

import { call, on } from "./api.js";
import { $ } from "./dom.js";

const dialog = $("ocr-dialog");
// The window's engine, loaded on the first page it reads and let go when reading ends.
let worker = null;

// The page being read: the dialog opens before the first page and closes when the file
// is read (`readingDone`).
on("ocr-progress", ([done, pages]) => {
  $("ocr-text").textContent =
    done < pages ? `Đang nhận dạng chữ trang ${done + 1}/${pages}…` : "Đang đọc các mục của văn bản…";
  $("ocr-bar").max = pages;
  $("ocr-bar").value = done;
  if (!dialog.open) dialog.showModal();
});

// The reading ended (read, refused or stopped): the dialog closes, the engine is let go.
export function readingDone() {
  if (dialog.open) dialog.close();
  const ending = worker;
  worker = null;
  ending?.then((w) => w.terminate()).catch(() => {});
}

async function stop() {
  $("ocr-text").textContent = "Đang dừng sau trang đang đọc…";
  await call("stop_reading");
}
$("ocr-stop").addEventListener("click", stop);
// Escape stops the reading; the dialog closes when the shell has stopped.
dialog.addEventListener("cancel", (e) => {
  e.preventDefault();
  stop();
});

// The engine, made once per reading: LSTM only, as the program is run.
async function engine() {
  const base = new URL("vendor/ocr/", document.baseURI).href;
  const { default: Tesseract } = await import("./vendor/ocr/tesseract.esm.min.js");
  const w = await Tesseract.createWorker("vie", 1, {
    workerPath: base + "worker.min.js",
    corePath: base,
    langPath: base.replace(/\/$/, ""),
    gzip: false,
    cacheMethod: "none",
    workerBlobURL: false,
  });
  return w;
}

// A page for the window's engine: its picture from the shell, read with the page
// segmentation the shell asks for (3, a page's blocks and columns; 11, a sparse second
// look; 7, one line alone), its words back to the shell.
on("ocr-page", async ([page, psm]) => {
  try {
    const picture = new Uint8Array(await call("ocr_picture"));
    worker ??= engine();
    const w = await worker;
    await w.setParameters({ tessedit_pageseg_mode: psm });
    const { data } = await w.recognize(picture, {}, { text: false, tsv: true });
    await call("ocr_answer", { page, tsv: data.tsv ?? "" });
  } catch (e) {
    worker = null;
    const problem = `bộ nhận dạng chữ của cửa sổ không chạy được (${e?.message ?? e})`;
    await call("ocr_answer", { page, problem }).catch(() => {});
  }
});
