// The office's data: a backup to a file the clerk names, a restore from one (what it holds
// shown first), the year's records for the archive, and, when the database did not open
// at start, the way back through the newest good backup.

import { attempt, call } from "../api.js";
import { $, say, showFailure } from "../dom.js";
import { replacingData } from "../preview.js";

// Copies the whole database to a file the clerk names.
export async function backup() {
  const contents = await attempt("backup_db");
  if (contents) say(`Đã sao lưu: ${contents.summary}`, false);
}

// Shows what the backup the clerk picks holds, and restores it once confirmed; `done`
// runs after, to show the restored data.
export async function chooseRestore(done) {
  const contents = await attempt("choose_backup");
  if (!contents) return;
  $("restore-contents").textContent = contents.summary;
  $("restore-status").textContent = "";
  $("restore-dialog").showModal();
  $("restore-go").onclick = () =>
    replacingData(async () => {
      try {
        const now = await call("restore_db");
        $("restore-dialog").close();
        say(`Đã khôi phục: ${now.summary}`, false);
        await done();
      } catch (failure) {
        showFailure(failure, $("restore-status"), $("restore-dialog"));
      }
    });
}

// The year's records for the archive, into a folder the clerk picks; `note` says what came
// of it.
export async function archive(year, note) {
  try {
    const made = await call("archive_year", { year });
    if (!made) return;
    const pdf = made.pdf_failure ? ` Chưa tạo được PDF: ${made.pdf_failure}` : `, ${made.pdfs} tệp PDF`;
    note(`Đã ghi ${made.folder}: ${made.letters} văn bản (${made.copies} bản sao), ${made.cancelled} số đã hủy${pdf}`, false, made.folder, true);
  } catch (failure) {
    note(failure.message, true);
  }
}

// When the database did not open at start: says so plainly, with the newest good backup
// and what restoring it would lose; `done` runs once the desk is back.
export async function offerRecovery(done) {
  const trouble = await attempt("trouble");
  if (!trouble) return false;
  $("trouble-problem").textContent = trouble.problem;
  $("trouble-lost").textContent = trouble.lost;
  const restore = $("trouble-restore");
  restore.hidden = !trouble.backup;
  if (trouble.backup) restore.textContent = `Khôi phục bản sao lưu lúc ${trouble.backup.taken}`;
  const recover = (useBackup) =>
    replacingData(async () => {
      try {
        const now = await call("recover", { useBackup });
        $("trouble-dialog").close();
        say(`Đã mở lại dữ liệu: ${now.summary}`, false);
        await done();
      } catch (failure) {
        showFailure(failure, $("trouble-status"), $("trouble-dialog"));
      }
    });
  restore.onclick = () => recover(true);
  $("trouble-new").onclick = () => recover(false);
  $("trouble-dialog").showModal();
  // The safe choice is the one Enter takes.
  (trouble.backup ? restore : $("trouble-new")).focus();
  return true;
}
