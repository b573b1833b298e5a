//! Backups of the database, which holds the office's legal register: by hand to a file
//! the clerk names, and automatically after every number taken or cancelled and once a
//! day, into `sao-luu/` beside the database, rotated (the last `KEEP_RECENT`, then the
//! newest of each month before them). Every backup is SQLite's own online copy, checked
//! whole before it takes its name. A restore checks the file first, keeps the current
//! database as a backup, then replaces it in one transaction. When the database is
//! damaged or missing at start, the newest good backup is offered, saying what would be
//! lost; nothing is written to the damaged file, which is put aside.

use std::path::{Path, PathBuf};

use serde::Serialize;

use super::failure::{Failure, Kind};
use super::files;
use super::office::Desk;
use super::store::{Contents, Store};

/// The folder of the automatic backups, beside the database.
pub(crate) const FOLDER: &str = "sao-luu";
/// How many of the newest automatic backups are all kept.
pub(crate) const KEEP_RECENT: usize = 20;

/// An automatic backup: its file, when it was taken, and what it holds when looked at.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Backup {
    /// Its path.
    pub path: String,
    /// When it was taken: "01/12/2026 22:15".
    pub taken: String,
    /// What it holds, when it was checked.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contents: Option<Contents>,
}

/// Why the database could not be opened at start, and the way back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Trouble {
    /// What is wrong, in Vietnamese.
    pub problem: String,
    /// The newest backup that is whole, when there is one.
    pub backup: Option<Backup>,
    /// What restoring it would lose, as far as can be told.
    pub lost: String,
}

impl Desk {
    /// Copies the whole database to `path`, a file the clerk names; gives what it holds.
    pub fn backup(&self, path: &Path) -> Result<Contents, Failure> {
        Ok(self.store.backup_to(path)?)
    }

    /// What the backup at `path` holds, after checking it whole; refused when it is not a
    /// sound database of this app that this version can open.
    pub fn inspect_backup(path: &Path) -> Result<Contents, Failure> {
        Store::inspect(path).map_err(|e| refused(path, e))
    }

    /// Replaces the database with the backup at `path`: checked first (the database is
    /// left as it was when the file is refused), the current database kept as an
    /// automatic backup, then the whole replaced at once. Gives what it now holds.
    pub fn restore(&mut self, path: &Path) -> Result<Contents, Failure> {
        Desk::inspect_backup(path)?;
        if let Some(failure) = self.auto_backup("truoc-khoi-phuc") {
            return Err(failure.after("Chưa khôi phục: không sao lưu được cơ sở dữ liệu hiện tại"));
        }
        Ok(self.store.restore_from(path)?)
    }

    /// What restoring the backup at `path` would give, with the register lines of the
    /// current database it would keep; refused as `inspect_backup` refuses. Writes nothing.
    pub fn inspect_restore(&self, path: &Path) -> Result<Contents, Failure> {
        self.store
            .restore_preview(path)
            .map_err(|e| refused(path, e))
    }

    /// What the open database holds.
    pub fn contents(&self) -> Result<Contents, Failure> {
        Ok(self.store.contents()?)
    }

    /// The automatic backups, newest first (not checked: `inspect_backup` checks one).
    pub fn backups(&self) -> Vec<Backup> {
        self.db.as_deref().map(listed).unwrap_or_default()
    }

    /// Takes an automatic backup (`why`: "so", "huy-so", "hang-ngay", "truoc-khoi-phuc")
    /// and rotates the folder; gives why it failed, when it did. A desk on a database in
    /// memory keeps none.
    pub(super) fn auto_backup(&self, why: &str) -> Option<Failure> {
        let db = self.db.as_deref()?;
        let folder = folder_of(db);
        let result = files::make_folder(&folder)
            .map_err(Failure::from)
            .and_then(|()| {
                // The real time, even on a desk whose "today" is fixed: it names a file.
                let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S").to_string();
                let path = (1..)
                    .map(|n| match n {
                        1 => folder.join(format!("congvan-{stamp}-{why}.db")),
                        n => folder.join(format!("congvan-{stamp}-{why}-{n}.db")),
                    })
                    .find(|p| !p.exists())
                    .expect("some name is free");
                self.store.backup_to(&path).map_err(Failure::from)
            });
        rotate(&folder);
        result.err().map(|f| Failure {
            message: format!("chưa sao lưu tự động được: {}", f.message),
            ..f
        })
    }

    /// A backup a day: taken when the newest is not from today and there is something to
    /// keep.
    pub(super) fn daily_backup(&self) {
        let today = chrono::Local::now().format("%Y%m%d").to_string();
        let newest = self.backups().into_iter().next();
        let done_today =
            newest.is_some_and(|b| file_stamp(&b.path).is_some_and(|s| s.starts_with(&today)));
        let empty = self
            .store
            .contents()
            .is_ok_and(|c| c.lines == 0 && c.drafts == 0 && c.templates == 0 && c.images == 0);
        if !done_today && !empty {
            let _ = self.auto_backup("hang-ngay");
        }
    }

    /// Opens the database at `db`; when it is damaged, foreign, from a newer version, or
    /// missing while backups of it exist, says so with the newest whole backup and what
    /// restoring it would lose, writing nothing.
    pub fn open_or_trouble(db: &Path) -> Result<Desk, Box<Trouble>> {
        let problem = match db.exists() {
            false if listed(db).is_empty() => {
                return Desk::open(db).map_err(|f| Box::new(trouble(db, f.message)))
            }
            false => format!(
                "Không thấy cơ sở dữ liệu {} (tệp đã bị xóa, chuyển đi hay ổ đĩa hỏng).",
                db.display()
            ),
            true => match Desk::open(db) {
                Ok(desk) => return Ok(desk),
                Err(f) => f.message,
            },
        };
        Err(Box::new(trouble(db, problem)))
    }

    /// Puts the damaged or foreign database at `db` aside (renamed, with its journal
    /// files, never written to), puts the backup at `backup` in its place when one is
    /// given (else starts an empty database), opens it, and adds the register lines the
    /// file put aside still shows that it lacks: a number given after the backup is never
    /// given again.
    pub fn recover(db: &Path, backup: Option<&Path>) -> Result<Desk, Failure> {
        if let Some(backup) = backup {
            Desk::inspect_backup(backup)?;
        }
        let aside = format!("hong-{}", chrono::Local::now().format("%Y%m%d-%H%M%S"));
        let damaged = PathBuf::from(format!("{}.{aside}", db.display()));
        for suffix in ["", "-wal", "-shm", "-journal"] {
            let file = PathBuf::from(format!("{}{suffix}", db.display()));
            if file.exists() {
                let moved = PathBuf::from(format!("{}.{aside}{suffix}", db.display()));
                std::fs::rename(&file, &moved).map_err(|e| {
                    Failure::failed(format!("không đổi tên được {}: {e}", file.display()))
                })?;
            }
        }
        if let Some(backup) = backup {
            let tmp = db.with_file_name(format!(".khoi-phuc-{}.tmp", std::process::id()));
            std::fs::copy(backup, &tmp)
                .and_then(|_| std::fs::rename(&tmp, db))
                .map_err(|e| {
                    let _ = std::fs::remove_file(&tmp);
                    Failure::failed(format!("không chép được {}: {e}", backup.display()))
                })?;
        }
        let mut desk = Desk::open(db)?;
        // A foreign file has no register of this app's to read: nothing is added from it.
        if damaged.exists() {
            desk.store.keep_registers_of(&damaged)?;
        }
        Ok(desk)
    }
}

/// The trouble with the database at `db`: `problem`, the newest whole backup, and what
/// restoring it would lose.
fn trouble(db: &Path, problem: String) -> Trouble {
    let backup = listed(db).into_iter().find_map(|mut b| {
        b.contents = Store::inspect(Path::new(&b.path)).ok();
        b.contents.is_some().then_some(b)
    });
    let lost = match &backup {
        None => "Không có bản sao lưu nào còn tốt: hãy gửi tệp cơ sở dữ liệu cho người hỗ trợ, hoặc bắt đầu cơ sở dữ liệu mới (tệp hỏng được giữ lại bên cạnh).".into(),
        Some(b) => {
            let kept = b.contents.as_ref().map(Contents::words).unwrap_or_default();
            format!(
                "Bản sao lưu lúc {} có {kept}. Những gì ghi sau lúc đó (bản nháp, hồ sơ đơn vị, mẫu) sẽ không có; các số đã cấp hay đã hủy sau lúc đó mà tệp hỏng còn đọc được thì được giữ lại trong sổ, các số không đọc được thì không: hãy đối chiếu với sổ và bản lưu giấy.",
                b.taken
            )
        }
    };
    Trouble {
        problem,
        backup,
        lost,
    }
}

/// The automatic backups of the database at `db`, newest first.
fn listed(db: &Path) -> Vec<Backup> {
    found(&folder_of(db))
        .into_iter()
        .map(|(stamp, path)| Backup {
            path: path.display().to_string(),
            taken: taken_words(&stamp),
            contents: None,
        })
        .collect()
}

/// Removes the automatic backups past the newest `KEEP_RECENT`, keeping the newest of each
/// month before them.
fn rotate(folder: &Path) {
    let mut months = std::collections::HashSet::new();
    for (i, (stamp, path)) in found(folder).iter().enumerate() {
        let month = stamp[..6].to_string();
        let first_of_month = months.insert(month);
        if i >= KEEP_RECENT && !first_of_month {
            let _ = std::fs::remove_file(path);
        }
    }
}

/// The automatic backups in `folder`, with their stamps, newest first.
fn found(folder: &Path) -> Vec<(String, PathBuf)> {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return Vec::new();
    };
    let mut found: Vec<(String, PathBuf)> = entries
        .flatten()
        .map(|e| e.path())
        .filter_map(|p| Some((file_stamp(&p.to_string_lossy())?, p)))
        .collect();
    found.sort_by(|a, b| b.cmp(a));
    found
}

/// `sao-luu/` beside the database at `db`.
fn folder_of(db: &Path) -> PathBuf {
    db.parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
        .join(FOLDER)
}

/// The stamp in an automatic backup's file name ("…/congvan-20261201-221530-so.db"), and
/// so whether it is one.
fn file_stamp(path: &str) -> Option<String> {
    let name = Path::new(path).file_name()?.to_str()?;
    let rest = name.strip_prefix("congvan-")?.strip_suffix(".db")?;
    let stamp = rest.get(..15)?;
    let digits = stamp.chars().enumerate().all(|(i, c)| match i {
        8 => c == '-',
        _ => c.is_ascii_digit(),
    });
    digits.then(|| format!("{stamp}{}", &rest[15..]))
}

/// "01/12/2026 22:15" from a stamp "20261201-221530".
fn taken_words(stamp: &str) -> String {
    format!(
        "{}/{}/{} {}:{}",
        &stamp[6..8],
        &stamp[4..6],
        &stamp[..4],
        &stamp[9..11],
        &stamp[11..13]
    )
}

/// A refusal of the backup file at `path`, led by its path.
fn refused(path: &Path, e: crate::error::Error) -> Failure {
    let f = Failure::from(e);
    let shown = path.display().to_string();
    Failure {
        kind: match f.kind {
            Kind::NotFound => Kind::NotFound,
            _ => Kind::Refused,
        },
        message: match f.message.contains(&shown) {
            true => f.message,
            false => format!("{shown}: {}", f.message),
        },
        field: Some("backup".into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_newest_are_kept_and_one_a_month_before_them() {
        let dir = crate::desk::files::test_folder("rotate");
        // Thirty backups: five a month from January to June.
        let mut names = Vec::new();
        for month in 1..=6 {
            for day in 1..=5 {
                names.push(format!("congvan-2026{month:02}{day:02}-120000-so.db"));
            }
        }
        for name in &names {
            std::fs::write(dir.join(name), b"x").unwrap();
        }
        std::fs::write(dir.join("khac.db"), b"not one of ours").unwrap();
        rotate(&dir);
        let mut kept: Vec<String> = std::fs::read_dir(&dir)
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        kept.sort();
        let mut expected: Vec<String> = names[10..].to_vec();
        expected.push("congvan-20260105-120000-so.db".into());
        expected.push("congvan-20260205-120000-so.db".into());
        expected.push("khac.db".into());
        expected.sort();
        assert_eq!(kept, expected);
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn only_the_apps_backups_are_read_as_such() {
        assert_eq!(
            file_stamp("/x/sao-luu/congvan-20261201-221530-so-2.db").as_deref(),
            Some("20261201-221530-so-2")
        );
        assert_eq!(file_stamp("congvan-2026120-221530-so.db"), None);
        assert_eq!(file_stamp("congvan.db"), None);
        assert_eq!(taken_words("20261201-221530-so"), "01/12/2026 22:15");
    }
}
