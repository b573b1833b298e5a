//! The app's local database: drafts (saved on every change), the office profile and the
//! clerk's own templates, the parents opened, and both registers, in one SQLite file; the
//! time of a change is passed in. Writes are transactions in WAL mode with full
//! sync, so a draft saved survives a crash or a power cut. A file that is not this app's
//! database, is damaged, or was written by a newer version is refused with a message and
//! never written to.

use std::path::Path;

use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;

use crate::draft::template::Template;
use crate::error::Error;
use crate::issue::incoming::{Incoming, IncomingEntry};
use crate::issue::register::{self, Answered, Cancellation, Entry, Filter};
use crate::model::{Letter, Profile};
use crate::pades::Verified;
use crate::read::parse::Deadline;
use crate::render::images::{self, Images, Png};

/// The schema this version of the app writes; each step up is one migration below.
pub const SCHEMA_VERSION: i32 = 9;

/// The migrations, in order: `MIGRATIONS[n]` takes the schema from version n to n + 1.
const MIGRATIONS: &[&str] = &[
    r#"
    CREATE TABLE drafts (
        id INTEGER PRIMARY KEY,
        letter TEXT NOT NULL,
        subject TEXT NOT NULL,
        symbol TEXT NOT NULL,
        updated_at INTEGER NOT NULL
    );
    CREATE INDEX drafts_by_time ON drafts (updated_at DESC);
    CREATE TABLE profile (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        profile TEXT NOT NULL,
        updated_at INTEGER NOT NULL
    );
    CREATE TABLE templates (
        id TEXT PRIMARY KEY,
        source TEXT NOT NULL,
        updated_at INTEGER NOT NULL
    );
"#,
    r#"
    CREATE TABLE register (
        id INTEGER PRIMARY KEY,
        year INTEGER NOT NULL,
        series TEXT NOT NULL,
        number INTEGER NOT NULL,
        doc_type TEXT NOT NULL,
        symbol TEXT NOT NULL,
        signed_on TEXT NOT NULL,
        subject TEXT NOT NULL,
        signer TEXT NOT NULL,
        recipients TEXT NOT NULL,
        letter TEXT NOT NULL,
        cancelled_on TEXT,
        cancel_reason TEXT,
        issued_at INTEGER NOT NULL,
        UNIQUE (year, series, number),
        UNIQUE (year, number, symbol)
    );
"#,
    // The received .docx a copy (sao y) was made from, so the copy can be written again;
    // and the signature and seal images, kept here so that moving a file loses nothing.
    r#"
    ALTER TABLE register ADD COLUMN source BLOB;
    CREATE TABLE images (
        key TEXT PRIMARY KEY,
        png BLOB NOT NULL,
        updated_at INTEGER NOT NULL
    );
"#,
    // The incoming register (sổ văn bản đến) with the files received; on the outgoing
    // register, the incoming line a letter answers and how many copies were written.
    r#"
    CREATE TABLE incoming (
        id INTEGER PRIMARY KEY,
        year INTEGER NOT NULL,
        number INTEGER NOT NULL,
        received_on TEXT NOT NULL,
        author TEXT NOT NULL,
        number_symbol TEXT NOT NULL,
        doc_date TEXT,
        kind_and_subject TEXT NOT NULL,
        recipient TEXT NOT NULL,
        note TEXT NOT NULL,
        source BLOB,
        source_name TEXT,
        created_at INTEGER NOT NULL,
        UNIQUE (year, number)
    );
    ALTER TABLE register ADD COLUMN answers INTEGER;
    ALTER TABLE register ADD COLUMN copies INTEGER;
"#,
    // The parents opened, each with where it came from and what was read from it, so that
    // a copy, a receipt or a draft names the one it acts on; and the parent of each draft.
    r#"
    CREATE TABLE parents (
        id INTEGER PRIMARY KEY,
        source TEXT NOT NULL,
        name TEXT NOT NULL,
        bytes BLOB NOT NULL,
        directive TEXT NOT NULL,
        opened_at INTEGER NOT NULL
    );
    ALTER TABLE drafts ADD COLUMN parent INTEGER;
    ALTER TABLE incoming ADD COLUMN source_kind TEXT;
"#,
    // The root certificates the clerk trusts for digital signatures (added by her, never
    // fetched), and what was verified of a received file's signatures.
    r#"
    CREATE TABLE roots (
        der BLOB PRIMARY KEY,
        name TEXT NOT NULL,
        added_at INTEGER NOT NULL
    );
    ALTER TABLE incoming ADD COLUMN signatures TEXT;
"#,
    // Search across both registers (SQLite's FTS5): each line's number and ký hiệu, kind and
    // subject, body (the letter's, or the text of the file received), and people (signer,
    // addressees; author, recipient), folded to lower case without marks by `congvan_fold`
    // (`text::fold`, registered on every connection that writes), kept by triggers.
    r#"
    ALTER TABLE incoming ADD COLUMN text TEXT;
    CREATE VIRTUAL TABLE search USING fts5(
        kind UNINDEXED, line UNINDEXED, day UNINDEXED,
        number, subject, body, people,
        tokenize = 'unicode61 remove_diacritics 0', prefix = '1 2 3'
    );
    INSERT INTO search (search, rank) VALUES ('rank', 'bm25(0.0, 0.0, 0.0, 10.0, 5.0, 1.0, 2.0)');
    INSERT INTO search (kind, line, day, number, subject, body, people)
        SELECT 'di', id, signed_on,
               congvan_fold(printf('%02d %d/', number, number) || symbol),
               congvan_fold(doc_type || ' ' || subject),
               congvan_fold(COALESCE(json_extract(letter, '$.body'), '')),
               congvan_fold(signer || ' ' || recipients)
        FROM register;
    INSERT INTO search (kind, line, day, number, subject, body, people)
        SELECT 'den', id, COALESCE(doc_date, received_on),
               congvan_fold(printf('%02d ', number) || number_symbol),
               congvan_fold(kind_and_subject),
               congvan_fold(COALESCE(text, '')),
               congvan_fold(author || ' ' || recipient)
        FROM incoming;
    CREATE TRIGGER search_register_insert AFTER INSERT ON register BEGIN
        INSERT INTO search (kind, line, day, number, subject, body, people) VALUES ('di', new.id,
            new.signed_on, congvan_fold(printf('%02d %d/', new.number, new.number) || new.symbol),
            congvan_fold(new.doc_type || ' ' || new.subject),
            congvan_fold(COALESCE(json_extract(new.letter, '$.body'), '')),
            congvan_fold(new.signer || ' ' || new.recipients));
    END;
    CREATE TRIGGER search_register_update AFTER UPDATE OF number, symbol, doc_type, subject,
        signer, recipients, letter, signed_on ON register BEGIN
        UPDATE search SET day = new.signed_on,
            number = congvan_fold(printf('%02d %d/', new.number, new.number) || new.symbol),
            subject = congvan_fold(new.doc_type || ' ' || new.subject),
            body = congvan_fold(COALESCE(json_extract(new.letter, '$.body'), '')),
            people = congvan_fold(new.signer || ' ' || new.recipients)
            WHERE kind = 'di' AND line = new.id;
    END;
    CREATE TRIGGER search_register_delete AFTER DELETE ON register BEGIN
        DELETE FROM search WHERE kind = 'di' AND line = old.id;
    END;
    CREATE TRIGGER search_incoming_insert AFTER INSERT ON incoming BEGIN
        INSERT INTO search (kind, line, day, number, subject, body, people) VALUES ('den', new.id,
            COALESCE(new.doc_date, new.received_on), congvan_fold(printf('%02d ', new.number) || new.number_symbol),
            congvan_fold(new.kind_and_subject), congvan_fold(COALESCE(new.text, '')),
            congvan_fold(new.author || ' ' || new.recipient));
    END;
    CREATE TRIGGER search_incoming_text AFTER UPDATE OF text ON incoming BEGIN
        UPDATE search SET body = congvan_fold(COALESCE(new.text, ''))
            WHERE kind = 'den' AND line = new.id;
    END;
    CREATE TRIGGER search_incoming_delete AFTER DELETE ON incoming BEGIN
        DELETE FROM search WHERE kind = 'den' AND line = old.id;
    END;
"#,
    // The deadlines a document received sets (read from it when it is entered), open until
    // a letter answering its line is issued, which closes them on its signing day.
    r#"
    CREATE TABLE deadlines (
        id INTEGER PRIMARY KEY,
        incoming INTEGER NOT NULL,
        due_on TEXT,
        task TEXT NOT NULL,
        source TEXT NOT NULL,
        recurs TEXT,
        closed_on TEXT,
        closed_by INTEGER
    );
    CREATE INDEX deadlines_open ON deadlines (closed_on, due_on);
    CREATE TRIGGER deadlines_answered AFTER INSERT ON register WHEN new.answers IS NOT NULL BEGIN
        UPDATE deadlines SET closed_on = new.signed_on, closed_by = new.id
            WHERE incoming = new.answers AND closed_on IS NULL;
    END;
"#,
    // Where a document received stands: the day it was passed to the unit or person of
    // its "Đơn vị hoặc người nhận" (Ngày chuyển), the day it was filed; and the clerk's
    // settings (how many days ahead a deadline is brought to her).
    r#"
    ALTER TABLE incoming ADD COLUMN passed_on TEXT;
    ALTER TABLE incoming ADD COLUMN filed_on TEXT;
    CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
    );
"#,
];

/// How many parents are kept besides those a draft was made from: the ones opened last.
const RECENT_PARENTS: i64 = 20;

/// The local database.
pub struct Store {
    conn: Connection,
    name: String,
}

/// A line of the register as its columns come from the database (this one, or the
/// office's server).
pub(crate) struct RawEntry {
    pub(crate) id: i64,
    pub(crate) year: i32,
    pub(crate) series: String,
    pub(crate) number: u32,
    pub(crate) doc_type: String,
    pub(crate) symbol: String,
    pub(crate) signed_on: String,
    pub(crate) subject: String,
    pub(crate) signer: String,
    pub(crate) recipients: String,
    pub(crate) letter: String,
    pub(crate) cancelled_on: Option<String>,
    pub(crate) reason: Option<String>,
    pub(crate) copies: Option<u32>,
    pub(crate) answers: Option<(i64, u32, String)>,
}

impl RawEntry {
    /// The line, its columns read; a column that does not read names the line of the
    /// database `name`.
    pub(crate) fn entry(self, name: &str) -> Result<Entry, Error> {
        let id = self.id;
        let damaged =
            |what: &str| Error::Store(format!("{name}: dòng {id} của sổ văn bản đi hỏng ({what})"));
        let date = |s: &str| s.parse::<chrono::NaiveDate>().map_err(|_| damaged("ngày"));
        Ok(Entry {
            id,
            year: self.year,
            series: self.series,
            number: self.number,
            doc_type: self.doc_type,
            symbol: self.symbol,
            signed_on: date(&self.signed_on)?,
            subject: self.subject,
            signer: self.signer,
            recipients: serde_json::from_str(&self.recipients).map_err(|_| damaged("nơi nhận"))?,
            letter: Letter::from_json(&self.letter).map_err(|_| damaged("công văn"))?,
            cancelled: match self.cancelled_on {
                Some(on) => Some(Cancellation {
                    on: date(&on)?,
                    reason: self.reason.unwrap_or_default(),
                }),
                None => None,
            },
            copies: self.copies,
            answers: match self.answers {
                Some((id, number, on)) => Some(Answered {
                    id,
                    number,
                    received_on: date(&on)?,
                }),
                None => None,
            },
        })
    }
}

/// The columns of a register line that are words of the letter issued: who signed (title
/// and name) and its addressees (JSON).
pub(crate) fn line_words_of(issued: &Letter) -> (String, String) {
    let signer = [
        issued.signature.title.as_str(),
        issued.signature.name.as_deref().unwrap_or(""),
    ]
    .join(" ")
    .trim()
    .to_string();
    let recipients = serde_json::to_string(&issued.addressees()).expect("strings serialise");
    (signer, recipients)
}

/// A parent kept in the database, as `Store::parent` gives it.
pub struct KeptParent {
    /// Where it came from: "file", "paste" or "scan".
    pub source: String,
    /// The file's path, or the words for pasted text.
    pub name: String,
    /// The file's bytes, or the text pasted.
    pub bytes: Vec<u8>,
    /// What was read from it, as JSON.
    pub directive: String,
}

/// A line of the recent-drafts list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DraftSummary {
    /// The draft's id in the database.
    pub id: i64,
    /// Its trích yếu.
    pub subject: String,
    /// Its ký hiệu.
    pub symbol: String,
    /// When it was last saved, in seconds since 1970.
    pub updated_at: i64,
}

/// Why `letter` cannot take a number on `signed_on`: a copy (sao y, sao lục) without the
/// file it copies, a letter with a number or a gap. Asked by `issue` under its lock, and
/// by the desk before anything else is done.
pub(crate) fn issue_refusal(
    letter: &Letter,
    signed_on: chrono::NaiveDate,
    with_source: bool,
) -> Option<String> {
    if letter.doc_type.copy_form().is_some() && !with_source {
        return Some(
            "bản sao được cấp số khi sao văn bản nhận được (\"Sao y văn bản này…\"), kèm tệp được sao".into(),
        );
    }
    register::refusal(letter, signed_on).map(|why| format!("chưa cấp số được: {why}"))
}

impl Store {
    /// Opens the database at `path`, creating it if there is none, and brings its schema up
    /// to date. Refuses, without writing to it, a file that is not a sound database of this
    /// app or that a newer version wrote.
    pub fn open(path: &Path) -> Result<Store, Error> {
        let name = path.display().to_string();
        let conn = Connection::open(path).map_err(|e| refusal(&name, &e))?;
        Store::prepare(conn, name)
    }

    /// A database in memory, for tests and previews.
    pub fn in_memory() -> Result<Store, Error> {
        let name = "(bộ nhớ)";
        let mut conn = Connection::open_in_memory().map_err(|e| refusal(name, &e))?;
        with_functions(&conn).map_err(|e| fail(name, &e))?;
        // A database just made in memory has nothing to check and no journal: the whole
        // schema goes in one batch, which the tool's every start pays for.
        let tx = conn.transaction().map_err(|e| fail(name, &e))?;
        tx.execute_batch(&format!(
            "PRAGMA foreign_keys = ON; {}",
            MIGRATIONS.concat()
        ))
        .and_then(|()| tx.pragma_update(None, "user_version", MIGRATIONS.len() as i32))
        .and_then(|()| tx.commit())
        .map_err(|e| fail(name, &e))?;
        Ok(Store {
            conn,
            name: name.into(),
        })
    }

    fn prepare(conn: Connection, name: String) -> Result<Store, Error> {
        // Read-only checks first: nothing is written to a file that fails them.
        let version = sound(&conn, &name, "quick_check")?;
        with_functions(&conn).map_err(|e| fail(&name, &e))?;
        let mut store = Store { conn, name };
        store
            .conn
            .busy_timeout(std::time::Duration::from_secs(5))
            .map_err(|e| store.fail(&e))?;
        store
            .conn
            .execute_batch(
                "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;",
            )
            .map_err(|e| store.fail(&e))?;
        store.migrate(version)?;
        Ok(store)
    }

    /// Copies the whole database, as it is at one moment, to `path`, with SQLite's online
    /// backup (consistent while another window or process writes): into a new file beside
    /// `path`, made a single file (no WAL), checked whole, then renamed into place. Gives
    /// what it holds.
    pub fn backup_to(&self, path: &Path) -> Result<Contents, Error> {
        let shown = path.display().to_string();
        let tmp = temporary_beside(path);
        let _ = std::fs::remove_file(&tmp);
        let result = (|| {
            let mut copy = Connection::open(&tmp).map_err(|e| fail(&shown, &e))?;
            copy_database(&self.conn, &mut copy, &shown)?;
            copy.pragma_update(None, "journal_mode", "DELETE")
                .map_err(|e| fail(&shown, &e))?;
            drop(copy);
            let contents = Store::inspect(&tmp)?;
            std::fs::rename(&tmp, path)
                .map_err(|e| Error::Io(format!("không ghi được {shown}: {e}")))?;
            if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
                if let Ok(dir) = std::fs::File::open(dir) {
                    let _ = dir.sync_all();
                }
            }
            Ok(contents)
        })();
        if result.is_err() {
            let _ = std::fs::remove_file(&tmp);
        }
        result
    }

    /// What the database file at `path` holds, after a full integrity check and a check
    /// that it is this app's and of a version it can open; read only, never written.
    pub fn inspect(path: &Path) -> Result<Contents, Error> {
        let name = path.display().to_string();
        if !path.is_file() {
            return Err(Error::NotFound(format!("{name}: không có tệp này")));
        }
        let flags =
            rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags).map_err(|e| refusal(&name, &e))?;
        let version = sound(&conn, &name, "integrity_check")?;
        contents(&conn, version).map_err(|e| refusal(&name, &e))
    }

    /// What the open database holds.
    pub fn contents(&self) -> Result<Contents, Error> {
        let version = self.schema_version()?;
        contents(&self.conn, version).map_err(|e| self.fail(&e))
    }

    /// Replaces the database with the one at `path`, checked first (`inspect`), but for
    /// the registers, which only grow: every line of the current registers the backup
    /// lacks, or holds in an older state (a number cancelled since), is kept, so that no
    /// number is ever given twice. The backup is brought up to date and merged in memory,
    /// then copied in with SQLite's backup, one transaction that other windows see at
    /// once. Gives what it now holds, with the lines kept.
    pub(crate) fn restore_from(&mut self, path: &Path) -> Result<Contents, Error> {
        let (staged, kept) = self.staged(path)?;
        copy_database(&staged.conn, &mut self.conn, &self.name)?;
        let mut contents = self.contents()?;
        contents.kept = kept;
        contents.summary = contents.words();
        Ok(contents)
    }

    /// What `restore_from(path)` would give, with the lines it would keep, writing
    /// nothing: what the clerk sees before choosing to restore.
    pub(crate) fn restore_preview(&self, path: &Path) -> Result<Contents, Error> {
        let (staged, kept) = self.staged(path)?;
        let mut contents = staged.contents()?;
        contents.kept = kept;
        contents.summary = contents.words();
        Ok(contents)
    }

    /// The backup at `path`, checked, brought up to date in memory, with the lines of
    /// this database's registers it lacks merged in; and those lines in words.
    fn staged(&self, path: &Path) -> Result<(Store, Vec<String>), Error> {
        Store::inspect(path)?;
        let name = path.display().to_string();
        let flags =
            rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let source = Connection::open_with_flags(path, flags).map_err(|e| refusal(&name, &e))?;
        let mut staged = Store {
            conn: Connection::open_in_memory().map_err(|e| refusal(&name, &e))?,
            name: name.clone(),
        };
        with_functions(&staged.conn).map_err(|e| fail(&name, &e))?;
        copy_database(&source, &mut staged.conn, &name)?;
        drop(source);
        let version = staged.schema_version()?;
        staged.migrate(version)?;
        let kept = keep_registers(&self.conn, &mut staged.conn).map_err(|e| fail(&name, &e))?;
        Ok((staged, kept))
    }

    /// Adds to this database every register line of the database at `path` it lacks, as
    /// far as that file can be read (a damaged database read line by line, what fails
    /// skipped): a recovery keeps the numbers the damaged file still shows. Gives the lines
    /// added.
    pub(crate) fn keep_registers_of(&mut self, path: &Path) -> Result<Vec<String>, Error> {
        let flags =
            rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let Ok(damaged) = Connection::open_with_flags(path, flags) else {
            return Ok(Vec::new());
        };
        keep_registers(&damaged, &mut self.conn).map_err(|e| self.fail(&e))
    }

    /// Runs the migrations from `version` up, each in its own transaction with its version.
    fn migrate(&mut self, version: i32) -> Result<(), Error> {
        for (step, sql) in MIGRATIONS.iter().enumerate().skip(version as usize) {
            let tx = self.conn.transaction().map_err(|e| fail(&self.name, &e))?;
            tx.execute_batch(sql).map_err(|e| fail(&self.name, &e))?;
            tx.pragma_update(None, "user_version", step as i32 + 1)
                .map_err(|e| fail(&self.name, &e))?;
            tx.commit().map_err(|e| fail(&self.name, &e))?;
        }
        Ok(())
    }

    /// The schema version of the open database.
    pub fn schema_version(&self) -> Result<i32, Error> {
        self.conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(|e| self.fail(&e))
    }

    /// Saves a draft: a new one when `id` is none, else over the one with that id.
    /// Returns its id.
    pub fn save_draft(
        &mut self,
        id: Option<i64>,
        letter: &Letter,
        parent: Option<i64>,
        now: i64,
    ) -> Result<i64, Error> {
        let json = letter.to_json();
        let tx = self.conn.transaction().map_err(|e| fail(&self.name, &e))?;
        let id = match id {
            Some(id) => {
                let changed = tx
                    .execute(
                        "UPDATE drafts SET letter = ?1, subject = ?2, symbol = ?3, updated_at = ?4, parent = ?5 WHERE id = ?6",
                        params![json, letter.subject, letter.symbol, now, parent, id],
                    )
                    .map_err(|e| fail(&self.name, &e))?;
                if changed == 0 {
                    return Err(Error::Store(format!(
                        "{}: không có bản nháp số {id}",
                        self.name
                    )));
                }
                id
            }
            None => {
                tx.execute(
                    "INSERT INTO drafts (letter, subject, symbol, updated_at, parent) VALUES (?1, ?2, ?3, ?4, ?5)",
                    params![json, letter.subject, letter.symbol, now, parent],
                )
                .map_err(|e| fail(&self.name, &e))?;
                tx.last_insert_rowid()
            }
        };
        tx.commit().map_err(|e| fail(&self.name, &e))?;
        Ok(id)
    }

    /// The draft with this id, if there is one, and the parent it was made from.
    pub fn draft(&self, id: i64) -> Result<Option<(Letter, Option<i64>)>, Error> {
        let row: Option<(String, Option<i64>)> = self
            .conn
            .query_row(
                "SELECT letter, parent FROM drafts WHERE id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()
            .map_err(|e| self.fail(&e))?;
        row.map(|(j, parent)| Ok((Letter::from_json(&j)?, parent)))
            .transpose()
    }

    /// Keeps a parent just opened, with where it came from (`source`), its name, its
    /// bytes and what was read from it (JSON); gives its id. Parents no draft was made
    /// from are kept only among the last opened.
    pub(crate) fn keep_parent(
        &mut self,
        source: &str,
        name: &str,
        bytes: &[u8],
        directive: &str,
        now: i64,
    ) -> Result<i64, Error> {
        let tx = self.conn.transaction().map_err(|e| fail(&self.name, &e))?;
        tx.execute(
            "INSERT INTO parents (source, name, bytes, directive, opened_at) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![source, name, bytes, directive, now],
        )
        .map_err(|e| fail(&self.name, &e))?;
        let id = tx.last_insert_rowid();
        tx.execute(
            "DELETE FROM parents WHERE id NOT IN (SELECT parent FROM drafts WHERE parent IS NOT NULL)
               AND id NOT IN (SELECT id FROM parents ORDER BY id DESC LIMIT ?1)",
            [RECENT_PARENTS],
        )
        .map_err(|e| fail(&self.name, &e))?;
        tx.commit().map_err(|e| fail(&self.name, &e))?;
        Ok(id)
    }

    /// A parent kept: where it came from, its name, its bytes and what was read (JSON).
    pub fn parent(&self, id: i64) -> Result<Option<KeptParent>, Error> {
        self.conn
            .query_row(
                "SELECT source, name, bytes, directive FROM parents WHERE id = ?1",
                [id],
                |r| {
                    Ok(KeptParent {
                        source: r.get(0)?,
                        name: r.get(1)?,
                        bytes: r.get(2)?,
                        directive: r.get(3)?,
                    })
                },
            )
            .optional()
            .map_err(|e| self.fail(&e))
    }

    /// The most recently saved drafts, newest first.
    pub fn recent_drafts(&self, limit: usize) -> Result<Vec<DraftSummary>, Error> {
        let mut stmt = self
            .conn
            .prepare("SELECT id, subject, symbol, updated_at FROM drafts ORDER BY updated_at DESC, id DESC LIMIT ?1")
            .map_err(|e| self.fail(&e))?;
        let rows = stmt
            .query_map([limit as i64], |r| {
                Ok(DraftSummary {
                    id: r.get(0)?,
                    subject: r.get(1)?,
                    symbol: r.get(2)?,
                    updated_at: r.get(3)?,
                })
            })
            .map_err(|e| self.fail(&e))?;
        rows.collect::<Result<Vec<_>, _>>()
            .map_err(|e| self.fail(&e))
    }

    /// The draft saved last, with its id: what to restore when the app starts again.
    pub fn last_draft(&self) -> Result<Option<(i64, Letter)>, Error> {
        let Some(summary) = self.recent_drafts(1)?.into_iter().next() else {
            return Ok(None);
        };
        Ok(self
            .draft(summary.id)?
            .map(|(letter, _)| (summary.id, letter)))
    }

    /// Deletes a draft.
    pub fn delete_draft(&mut self, id: i64) -> Result<(), Error> {
        self.conn
            .execute("DELETE FROM drafts WHERE id = ?1", [id])
            .map_err(|e| self.fail(&e))?;
        Ok(())
    }

    /// The office profile kept in the database, if one was saved.
    pub fn profile(&self) -> Result<Option<Profile>, Error> {
        let json: Option<String> = self
            .conn
            .query_row("SELECT profile FROM profile WHERE id = 1", [], |r| r.get(0))
            .optional()
            .map_err(|e| self.fail(&e))?;
        json.map(|j| serde_json::from_str(&j).map_err(|e| Error::from_json("hồ sơ đơn vị", &e)))
            .transpose()
    }

    /// Keeps the office profile.
    pub fn save_profile(&mut self, profile: &Profile, now: i64) -> Result<(), Error> {
        profile.check()?;
        let json = serde_json::to_string(profile).expect("a Profile always serialises");
        self.conn
            .execute(
                "INSERT INTO profile (id, profile, updated_at) VALUES (1, ?1, ?2)
                 ON CONFLICT (id) DO UPDATE SET profile = excluded.profile, updated_at = excluded.updated_at",
                params![json, now],
            )
            .map_err(|e| self.fail(&e))?;
        Ok(())
    }

    /// Keeps a template of the clerk's, after checking that it reads as a template.
    pub fn save_template(&mut self, id: &str, source: &str, now: i64) -> Result<(), Error> {
        Template::parse(id, source)?;
        self.conn
            .execute(
                "INSERT INTO templates (id, source, updated_at) VALUES (?1, ?2, ?3)
                 ON CONFLICT (id) DO UPDATE SET source = excluded.source, updated_at = excluded.updated_at",
                params![id, source, now],
            )
            .map_err(|e| self.fail(&e))?;
        Ok(())
    }

    /// The clerk's templates as (id, source), by id.
    pub fn templates(&self) -> Result<Vec<(String, String)>, Error> {
        let mut stmt = self
            .conn
            .prepare("SELECT id, source FROM templates ORDER BY id")
            .map_err(|e| self.fail(&e))?;
        let rows = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .map_err(|e| self.fail(&e))?;
        rows.collect::<Result<Vec<_>, _>>()
            .map_err(|e| self.fail(&e))
    }

    /// Renames a template; refused when the new id is taken.
    pub fn rename_template(&mut self, id: &str, new_id: &str) -> Result<(), Error> {
        let changed = self
            .conn
            .execute(
                "UPDATE templates SET id = ?2 WHERE id = ?1",
                params![id, new_id],
            )
            .map_err(|e| match e.sqlite_error_code() {
                Some(rusqlite::ErrorCode::ConstraintViolation) => {
                    Error::Store(format!("đã có mẫu tên \"{new_id}\""))
                }
                _ => self.fail(&e),
            })?;
        if changed == 0 {
            return Err(Error::Store(format!("không có mẫu \"{id}\"")));
        }
        Ok(())
    }

    /// Deletes a template.
    pub fn delete_template(&mut self, id: &str) -> Result<(), Error> {
        self.conn
            .execute("DELETE FROM templates WHERE id = ?1", [id])
            .map_err(|e| self.fail(&e))?;
        Ok(())
    }

    /// Issues a signed letter: takes the next number of its series for the year of
    /// `signed_on`, fills in the number and the day, and records it in the register, all in
    /// one transaction that holds the database's write lock from the first read, so two
    /// windows or processes issuing at once never get the same number, and a process
    /// killed half-way leaves neither a gap nor a line.
    pub fn issue(
        &mut self,
        letter: &Letter,
        signed_on: chrono::NaiveDate,
        series: &str,
        now: i64,
    ) -> Result<Entry, Error> {
        let made = self.issue_and_make(letter, signed_on, series, now, |_| Ok(()))?;
        Ok(made.0)
    }

    /// Issues `letter` as `issue` does, and makes what is to be written of it with `make`
    /// (given the letter with its number) before the line is committed: when `make`
    /// fails, no number is taken.
    pub fn issue_and_make<B>(
        &mut self,
        letter: &Letter,
        signed_on: chrono::NaiveDate,
        series: &str,
        now: i64,
        make: impl FnOnce(&Letter) -> Result<B, Error>,
    ) -> Result<(Entry, B), Error> {
        self.issue_with(letter, signed_on, series, None, now, make)
    }

    /// Issues a copy (sao y, sao lục) of the received .docx `source`: the next number of the
    /// copies' series, the line written with the file it copies, so that the copy can be
    /// written again from the register.
    pub fn issue_copy(
        &mut self,
        copy: &Letter,
        signed_on: chrono::NaiveDate,
        source: &[u8],
        now: i64,
    ) -> Result<Entry, Error> {
        let made = self.issue_copy_and_make(copy, signed_on, source, now, |_| Ok(()))?;
        Ok(made.0)
    }

    /// Issues a copy as `issue_copy` does, and makes the copy with `make` (given the copy's
    /// letter with its number) before the line is committed: when `make` fails, no number
    /// is taken.
    pub(crate) fn issue_copy_and_make<B>(
        &mut self,
        copy: &Letter,
        signed_on: chrono::NaiveDate,
        source: &[u8],
        now: i64,
        make: impl FnOnce(&Letter) -> Result<B, Error>,
    ) -> Result<(Entry, B), Error> {
        if copy.doc_type.copy_form().is_none() {
            return Err(Error::Store(format!(
                "{} không phải là bản sao",
                copy.doc_type
            )));
        }
        let series = register::COPY_SERIES;
        self.issue_with(copy, signed_on, series, Some(source), now, make)
    }

    /// The received file a register line copies, if the line is a copy.
    pub fn source(&self, id: i64) -> Result<Option<Vec<u8>>, Error> {
        self.conn
            .query_row("SELECT source FROM register WHERE id = ?1", [id], |r| {
                r.get::<_, Option<Vec<u8>>>(0)
            })
            .optional()
            .map(Option::flatten)
            .map_err(|e| self.fail(&e))
    }

    /// Keeps a signature or seal image under `key` (see `images::SEAL` and
    /// `images::signature_key`), replacing the one there.
    pub fn save_image(&mut self, key: &str, png: &Png, now: i64) -> Result<(), Error> {
        self.conn
            .execute(
                "INSERT INTO images (key, png, updated_at) VALUES (?1, ?2, ?3)
                 ON CONFLICT (key) DO UPDATE SET png = excluded.png, updated_at = excluded.updated_at",
                params![key, png.bytes(), now],
            )
            .map(|_| ())
            .map_err(|e| self.fail(&e))
    }

    /// The image kept under `key`, checked again as it is read.
    pub fn image(&self, key: &str) -> Result<Option<Png>, Error> {
        let bytes: Option<Vec<u8>> = self
            .conn
            .query_row("SELECT png FROM images WHERE key = ?1", [key], |r| r.get(0))
            .optional()
            .map_err(|e| self.fail(&e))?;
        bytes.map(|b| Png::read(&b, key)).transpose()
    }

    /// Trusts a root certificate (DER) for digital signatures; trusting one twice is once.
    pub(crate) fn add_root(&self, der: &[u8], name: &str, now: i64) -> Result<(), Error> {
        self.conn
            .execute(
                "INSERT INTO roots (der, name, added_at) VALUES (?1, ?2, ?3) ON CONFLICT (der) DO NOTHING",
                params![der, name, now],
            )
            .map(|_| ())
            .map_err(|e| self.fail(&e))
    }

    /// The root certificates trusted, in the order added.
    pub(crate) fn roots(&self) -> Result<Vec<Vec<u8>>, Error> {
        let mut stmt = self
            .conn
            .prepare("SELECT der FROM roots ORDER BY added_at, name")
            .map_err(|e| self.fail(&e))?;
        let roots = stmt
            .query_map([], |r| r.get(0))
            .map_err(|e| self.fail(&e))?
            .collect::<Result<Vec<Vec<u8>>, _>>()
            .map_err(|e| self.fail(&e))?;
        Ok(roots)
    }

    /// The keys of the images kept, in order.
    pub(crate) fn image_keys(&self) -> Result<Vec<String>, Error> {
        let mut stmt = self
            .conn
            .prepare("SELECT key FROM images ORDER BY key")
            .map_err(|e| self.fail(&e))?;
        let keys = stmt
            .query_map([], |r| r.get(0))
            .map_err(|e| self.fail(&e))?
            .collect::<Result<Vec<String>, _>>()
            .map_err(|e| self.fail(&e))?;
        Ok(keys)
    }

    /// Forgets the image kept under `key`.
    pub(crate) fn delete_image(&mut self, key: &str) -> Result<(), Error> {
        self.conn
            .execute("DELETE FROM images WHERE key = ?1", [key])
            .map(|_| ())
            .map_err(|e| self.fail(&e))
    }

    /// The seal and the signature of `signer` as kept; either may be absent.
    pub(crate) fn images_for(&self, signer: &crate::model::Signature) -> Result<Images, Error> {
        Ok(Images {
            signature: self.image(&images::signature_key(signer))?,
            seal: self.image(images::SEAL)?,
        })
    }

    fn issue_with<B>(
        &mut self,
        letter: &Letter,
        signed_on: chrono::NaiveDate,
        series: &str,
        source: Option<&[u8]>,
        now: i64,
        make: impl FnOnce(&Letter) -> Result<B, Error>,
    ) -> Result<(Entry, B), Error> {
        use chrono::Datelike;
        if let Some(why) = issue_refusal(letter, signed_on, source.is_some()) {
            return Err(Error::Store(why));
        }
        let year = signed_on.year();
        let (tx, number) = next_number(
            &mut self.conn,
            &self.name,
            "SELECT COALESCE(MAX(number), 0) + 1 FROM register WHERE year = ?1 AND series = ?2",
            params![year, series],
        )?;
        let issued = register::issued(letter, number, signed_on);
        // Made before the line is written: a file that cannot be made spends no number
        // (the transaction is dropped, and with it the lock).
        let made = make(&issued)?;
        let (signer, recipients) = line_words_of(&issued);
        tx.execute(
            "INSERT INTO register (year, series, number, doc_type, symbol, signed_on, subject, signer, recipients, letter, issued_at, source, answers)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
            params![
                year,
                series,
                number,
                issued.doc_type.name(),
                issued.symbol,
                signed_on.to_string(),
                issued.subject,
                signer,
                recipients,
                issued.to_json(),
                now,
                source,
                issued.answers
            ],
        )
        .map_err(|e| match e.sqlite_error_code() {
            Some(rusqlite::ErrorCode::ConstraintViolation) => Error::Store(format!(
                "số {}/{} đã có trong sổ năm {year}: một số và ký hiệu không được trùng trong năm",
                crate::wording::two_digit(number),
                issued.symbol
            )),
            _ => fail(&self.name, &e),
        })?;
        let id = tx.last_insert_rowid();
        tx.commit().map_err(|e| fail(&self.name, &e))?;
        let entry = self.entries(None, Some(id))?.pop().ok_or_else(|| {
            Error::Store(format!(
                "{}: dòng {id} vừa ghi không đọc lại được",
                self.name
            ))
        })?;
        Ok((entry, made))
    }

    /// Records that an issued number was cancelled; the line stays, and its number is not
    /// given again.
    pub fn cancel(&mut self, id: i64, on: chrono::NaiveDate, reason: &str) -> Result<(), Error> {
        if reason.trim().is_empty() {
            return Err(Error::Store("hủy số cần ghi lý do".into()));
        }
        let changed = self
            .conn
            .execute(
                "UPDATE register SET cancelled_on = ?2, cancel_reason = ?3 WHERE id = ?1 AND cancelled_on IS NULL",
                params![id, on.to_string(), reason.trim()],
            )
            .map_err(|e| self.fail(&e))?;
        if changed == 0 {
            return Err(Error::Store(format!(
                "không có dòng {id} chưa hủy trong sổ văn bản đi"
            )));
        }
        Ok(())
    }

    /// The register's lines that `filter` keeps, by year, series and number.
    pub fn register(&self, filter: &Filter) -> Result<Vec<Entry>, Error> {
        Ok(self
            .entries(filter.year, None)?
            .into_iter()
            .filter(|e| filter.keeps(e))
            .collect())
    }

    /// The lines of the register of `year` (all when none), or the one line `id`, in the
    /// register's order, with the incoming line each answers.
    fn entries(&self, year: Option<i32>, id: Option<i64>) -> Result<Vec<Entry>, Error> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT r.id, r.year, r.series, r.number, r.doc_type, r.symbol, r.signed_on, r.subject,
                        r.signer, r.recipients, r.letter, r.cancelled_on, r.cancel_reason, r.copies,
                        i.id, i.number, i.received_on
                 FROM register r LEFT JOIN incoming i ON i.id = r.answers
                 WHERE (?1 IS NULL OR r.year = ?1) AND (?2 IS NULL OR r.id = ?2)
                 ORDER BY r.year, r.series, r.number",
            )
            .map_err(|e| self.fail(&e))?;
        let rows = stmt
            .query_map(params![year, id], |r| {
                Ok(RawEntry {
                    id: r.get(0)?,
                    year: r.get(1)?,
                    series: r.get(2)?,
                    number: r.get(3)?,
                    doc_type: r.get(4)?,
                    symbol: r.get(5)?,
                    signed_on: r.get(6)?,
                    subject: r.get(7)?,
                    signer: r.get(8)?,
                    recipients: r.get(9)?,
                    letter: r.get(10)?,
                    cancelled_on: r.get(11)?,
                    reason: r.get(12)?,
                    copies: r.get(13)?,
                    answers: match r.get::<_, Option<i64>>(14)? {
                        Some(id) => Some((id, r.get(15)?, r.get(16)?)),
                        None => None,
                    },
                })
            })
            .map_err(|e| self.fail(&e))?;
        let mut entries = Vec::new();
        for row in rows {
            entries.push(row.map_err(|e| self.fail(&e))?.entry(&self.name)?);
        }
        Ok(entries)
    }

    /// Records how many copies of line `id` were written when it was issued.
    pub(crate) fn set_copies(&mut self, id: i64, copies: u32) -> Result<(), Error> {
        self.conn
            .execute(
                "UPDATE register SET copies = ?2 WHERE id = ?1",
                params![id, copies],
            )
            .map(|_| ())
            .map_err(|e| self.fail(&e))
    }

    /// Enters a document received in the incoming register: the next số đến of the year
    /// it arrived, in one transaction that holds the write lock from its first read (as
    /// `issue`), with what it came in when there is one (where from: "file", "paste" or
    /// "scan"; its name; its bytes).
    pub fn receive(
        &mut self,
        incoming: &Incoming,
        source: Option<(&str, &str, &[u8])>,
        now: i64,
    ) -> Result<IncomingEntry, Error> {
        if let Some((_, why)) = incoming.refusal() {
            return Err(Error::Data {
                what: "sổ văn bản đến".into(),
                message: why,
                field: incoming.refusal().map(|(f, _)| f.to_string()),
            });
        }
        let year = incoming.year();
        let (tx, number) = next_number(
            &mut self.conn,
            &self.name,
            "SELECT COALESCE(MAX(number), 0) + 1 FROM incoming WHERE year = ?1",
            params![year],
        )?;
        tx.execute(
            "INSERT INTO incoming (year, number, received_on, author, number_symbol, doc_date, kind_and_subject, recipient, note, source, source_name, created_at, source_kind)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
            params![
                year,
                number,
                incoming.received_on.to_string(),
                incoming.author.trim(),
                incoming.number_symbol.trim(),
                incoming.doc_date.map(|d| d.to_string()),
                incoming.kind_and_subject.trim(),
                incoming.recipient.trim(),
                incoming.note.trim(),
                source.map(|(_, _, bytes)| bytes),
                source.map(|(_, name, _)| name),
                now,
                source.map(|(kind, _, _)| kind)
            ],
        )
        .map_err(|e| fail(&self.name, &e))?;
        let id = tx.last_insert_rowid();
        tx.commit().map_err(|e| fail(&self.name, &e))?;
        self.incoming(None, Some(id))?.pop().ok_or_else(|| {
            Error::Store(format!(
                "{}: dòng {id} vừa ghi không đọc lại được",
                self.name
            ))
        })
    }

    /// The lines of both registers that hold every word of `query` (marks and case aside,
    /// a word's beginning enough: "ke hoach thi dua" finds "Kế hoạch thi đua"), dated from
    /// `from` to `to` when given, the best first (the number, then the subject, the people,
    /// the body), at most `limit`.
    pub fn search(
        &self,
        query: &str,
        from: Option<chrono::NaiveDate>,
        to: Option<chrono::NaiveDate>,
        limit: usize,
    ) -> Result<Vec<Found>, Error> {
        let Some(expression) = match_expression(query) else {
            return Ok(Vec::new());
        };
        let mut stmt = self
            .conn
            .prepare_cached(
                // The best lines first, within the index (its rank is bm25 weighted as the
                // migration set it); the registers are read for those lines only.
                "SELECT s.kind, s.line, s.day,
                        CASE s.kind WHEN 'di' THEN printf('%02d/', r.number) || r.symbol ELSE i.number_symbol END,
                        CASE s.kind WHEN 'di' THEN r.doc_type || ': ' || r.subject ELSE i.kind_and_subject END,
                        CASE s.kind WHEN 'di' THEN r.signer ELSE i.author END
                 FROM (SELECT kind, line, day, rank FROM search
                       WHERE search MATCH ?1 AND (?2 IS NULL OR day >= ?2) AND (?3 IS NULL OR day <= ?3)
                       ORDER BY rank LIMIT ?4) s
                 LEFT JOIN register r ON s.kind = 'di' AND r.id = s.line
                 LEFT JOIN incoming i ON s.kind = 'den' AND i.id = s.line
                 ORDER BY s.rank",
            )
            .map_err(|e| self.fail(&e))?;
        let found = stmt
            .query_map(
                params![
                    expression,
                    from.map(|d| d.to_string()),
                    to.map(|d| d.to_string()),
                    limit as i64
                ],
                |r| {
                    Ok(Found {
                        register: r.get(0)?,
                        line: r.get(1)?,
                        day: r.get(2)?,
                        number: r.get::<_, Option<String>>(3)?.unwrap_or_default(),
                        subject: r.get::<_, Option<String>>(4)?.unwrap_or_default(),
                        who: r.get::<_, Option<String>>(5)?.unwrap_or_default(),
                    })
                },
            )
            .map_err(|e| self.fail(&e))?
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| self.fail(&e))?;
        Ok(found)
    }

    /// Records the deadlines the document entered on incoming line `id` sets.
    pub(crate) fn keep_deadlines(&mut self, id: i64, deadlines: &[Deadline]) -> Result<(), Error> {
        let tx = self.conn.transaction().map_err(|e| fail(&self.name, &e))?;
        for d in deadlines {
            tx.execute(
                "INSERT INTO deadlines (incoming, due_on, task, source, recurs) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![id, d.date.map(|d| d.to_string()), d.task, d.source, d.recurs],
            )
            .map_err(|e| fail(&self.name, &e))?;
        }
        tx.commit().map_err(|e| fail(&self.name, &e))
    }

    /// The open deadlines due on or before `until` (those past included), soonest first,
    /// each with the line of the document that set it.
    pub fn due(&self, until: chrono::NaiveDate) -> Result<Vec<Due>, Error> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT d.id, d.due_on, d.task, d.recurs, i.id, i.year, i.number, i.number_symbol, i.kind_and_subject, i.author
                 FROM deadlines d JOIN incoming i ON i.id = d.incoming
                 WHERE d.closed_on IS NULL AND d.due_on IS NOT NULL AND d.due_on <= ?1
                 ORDER BY d.due_on, d.id",
            )
            .map_err(|e| self.fail(&e))?;
        let due = stmt
            .query_map(params![until.to_string()], |r| {
                Ok(Due {
                    id: r.get(0)?,
                    due_on: r.get(1)?,
                    task: r.get(2)?,
                    recurs: r.get(3)?,
                    incoming: r.get(4)?,
                    incoming_number: format!("{:02}/{}", r.get::<_, i64>(6)?, r.get::<_, i32>(5)?),
                    number_symbol: r.get(7)?,
                    subject: r.get(8)?,
                    author: r.get(9)?,
                    words: String::new(),
                })
            })
            .map_err(|e| self.fail(&e))?
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| self.fail(&e))?;
        Ok(due)
    }

    /// Every deadline of incoming line `incoming`, open or closed, by day.
    pub fn deadlines_of(&self, incoming: i64) -> Result<Vec<DeadlineLine>, Error> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT d.id, d.incoming, d.due_on, d.task, d.source, d.recurs, d.closed_on,
                        (SELECT printf('%02d/%s', r.number, r.symbol) FROM register r WHERE r.id = d.closed_by)
                 FROM deadlines d WHERE d.incoming = ?1
                 ORDER BY d.due_on IS NULL, d.due_on, d.id",
            )
            .map_err(|e| self.fail(&e))?;
        let lines = stmt
            .query_map([incoming], |r| {
                Ok(DeadlineLine {
                    id: r.get(0)?,
                    incoming: r.get(1)?,
                    due_on: r.get(2)?,
                    task: r.get(3)?,
                    source: r.get(4)?,
                    recurs: r.get(5)?,
                    closed_on: r.get(6)?,
                    closed_by: r.get(7)?,
                })
            })
            .map_err(|e| self.fail(&e))?
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| self.fail(&e))?;
        Ok(lines)
    }

    /// Adds a deadline the clerk sets by hand on incoming line `incoming`; gives its id.
    pub fn add_deadline(
        &mut self,
        incoming: i64,
        due_on: chrono::NaiveDate,
        task: &str,
    ) -> Result<i64, Error> {
        self.line_exists(incoming)?;
        self.conn
            .execute(
                "INSERT INTO deadlines (incoming, due_on, task, source) VALUES (?1, ?2, ?3, '')",
                params![incoming, due_on.to_string(), task.trim()],
            )
            .map_err(|e| self.fail(&e))?;
        Ok(self.conn.last_insert_rowid())
    }

    /// Sets deadline `id`'s day and task, as the clerk corrects them.
    pub fn change_deadline(
        &mut self,
        id: i64,
        due_on: chrono::NaiveDate,
        task: &str,
    ) -> Result<(), Error> {
        let changed = self
            .conn
            .execute(
                "UPDATE deadlines SET due_on = ?1, task = ?2 WHERE id = ?3",
                params![due_on.to_string(), task.trim(), id],
            )
            .map_err(|e| self.fail(&e))?;
        self.one_deadline(changed, id)
    }

    /// Closes deadline `id` on `on` (done without a letter answering it), or opens it
    /// again when `on` is none.
    pub fn close_deadline(&mut self, id: i64, on: Option<chrono::NaiveDate>) -> Result<(), Error> {
        let changed = self
            .conn
            .execute(
                "UPDATE deadlines SET closed_on = ?1, closed_by = NULL WHERE id = ?2",
                params![on.map(|d| d.to_string()), id],
            )
            .map_err(|e| self.fail(&e))?;
        self.one_deadline(changed, id)
    }

    fn one_deadline(&self, changed: usize, id: i64) -> Result<(), Error> {
        match changed {
            0 => Err(Error::NotFound(format!("không có thời hạn số {id}"))),
            _ => Ok(()),
        }
    }

    fn line_exists(&self, id: i64) -> Result<(), Error> {
        let there: bool = self
            .conn
            .query_row("SELECT count(*) FROM incoming WHERE id = ?1", [id], |r| {
                r.get::<_, i64>(0)
            })
            .map(|n| n > 0)
            .map_err(|e| self.fail(&e))?;
        match there {
            true => Ok(()),
            false => Err(Error::NotFound(format!(
                "sổ văn bản đến không có dòng {id}"
            ))),
        }
    }

    /// Records that incoming line `id` was passed on `on` to `to`, a unit or a person: its
    /// "Đơn vị hoặc người nhận" and "Ngày chuyển".
    pub fn pass(&mut self, id: i64, to: &str, on: chrono::NaiveDate) -> Result<(), Error> {
        self.line_exists(id)?;
        self.conn
            .execute(
                "UPDATE incoming SET recipient = ?1, passed_on = ?2 WHERE id = ?3",
                params![to.trim(), on.to_string(), id],
            )
            .map(|_| ())
            .map_err(|e| self.fail(&e))
    }

    /// Records that incoming line `id` was filed on `on` with nothing more to do, which
    /// closes its open deadlines that day; or takes it back out when `on` is none (its
    /// deadlines stay as they are).
    pub fn file(&mut self, id: i64, on: Option<chrono::NaiveDate>) -> Result<(), Error> {
        self.line_exists(id)?;
        let day = on.map(|d| d.to_string());
        let tx = self.conn.transaction().map_err(|e| fail(&self.name, &e))?;
        tx.execute(
            "UPDATE incoming SET filed_on = ?1 WHERE id = ?2",
            params![day, id],
        )
        .map_err(|e| fail(&self.name, &e))?;
        if day.is_some() {
            tx.execute(
                "UPDATE deadlines SET closed_on = ?1 WHERE incoming = ?2 AND closed_on IS NULL",
                params![day, id],
            )
            .map_err(|e| fail(&self.name, &e))?;
        }
        tx.commit().map_err(|e| fail(&self.name, &e))
    }

    /// The clerk's setting `key`, when she set it.
    pub(crate) fn setting(&self, key: &str) -> Result<Option<String>, Error> {
        self.conn
            .query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| {
                r.get(0)
            })
            .optional()
            .map_err(|e| self.fail(&e))
    }

    /// Keeps the clerk's setting `key`.
    pub(crate) fn set_setting(&mut self, key: &str, value: &str) -> Result<(), Error> {
        self.conn
            .execute(
                "INSERT INTO settings (key, value) VALUES (?1, ?2)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                params![key, value],
            )
            .map(|_| ())
            .map_err(|e| self.fail(&e))
    }

    /// What a year's statistics are counted from: the documents received (day, kind and
    /// subject, số and ký hiệu), the letters issued and not cancelled (day, kind), and the
    /// deadlines due that year (day due, day closed).
    pub(crate) fn year_facts(&self, year: i32) -> Result<YearFacts, Error> {
        let rows = |sql: &str| -> Result<Vec<(String, String, String)>, Error> {
            let mut stmt = self.conn.prepare(sql).map_err(|e| self.fail(&e))?;
            let rows = stmt
                .query_map([year], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
                .map_err(|e| self.fail(&e))?
                .collect::<Result<Vec<_>, _>>()
                .map_err(|e| self.fail(&e));
            rows
        };
        Ok(YearFacts::from_rows(
            rows("SELECT received_on, kind_and_subject, number_symbol FROM incoming WHERE year = ?1")?,
            rows("SELECT signed_on, doc_type, '' FROM register WHERE year = ?1 AND cancelled_on IS NULL")?,
            rows("SELECT due_on, COALESCE(closed_on, ''), '' FROM deadlines
             WHERE due_on >= printf('%04d-01-01', ?1) AND due_on <= printf('%04d-12-31', ?1)")?,
        ))
    }

    /// The registers as they are moved to the office's server: every line with what is
    /// kept with it.
    pub(crate) fn to_move(&self) -> Result<Moved, Error> {
        let mut moved = Moved::default();
        for entry in self.register(&Filter::default())? {
            let source = self.source(entry.id)?;
            moved.lines.push((entry, source));
        }
        for entry in self.incoming(None, None)? {
            let id = entry.id;
            let text: Option<String> = self
                .conn
                .query_row("SELECT text FROM incoming WHERE id = ?1", [id], |r| {
                    r.get(0)
                })
                .map_err(|e| self.fail(&e))?;
            let mut stmt = self
                .conn
                .prepare_cached(
                    "SELECT due_on, task, source, recurs, closed_on, closed_by FROM deadlines WHERE incoming = ?1 ORDER BY id",
                )
                .map_err(|e| self.fail(&e))?;
            let deadlines = stmt
                .query_map([id], |r| {
                    Ok(MovedDeadline {
                        due_on: r.get(0)?,
                        task: r.get(1)?,
                        source: r.get(2)?,
                        recurs: r.get(3)?,
                        closed_on: r.get(4)?,
                        closed_by_line: r.get(5)?,
                    })
                })
                .map_err(|e| self.fail(&e))?
                .collect::<Result<Vec<_>, _>>()
                .map_err(|e| self.fail(&e))?;
            moved.received.push(MovedIncoming {
                source: self.incoming_source(id)?,
                text,
                signatures: self.signatures_of(id)?,
                deadlines,
                entry,
            });
        }
        Ok(moved)
    }

    /// The id of the incoming line `number` of `year`, when there is one.
    pub fn incoming_id(&self, year: i32, number: u32) -> Result<Option<i64>, Error> {
        self.conn
            .query_row(
                "SELECT id FROM incoming WHERE year = ?1 AND number = ?2",
                params![year, number],
                |r| r.get(0),
            )
            .optional()
            .map_err(|e| self.fail(&e))
    }

    /// Keeps the text of the file entered on incoming line `id`, for the search.
    pub(crate) fn keep_text(&self, id: i64, text: &str) -> Result<(), Error> {
        self.conn
            .execute(
                "UPDATE incoming SET text = ?1 WHERE id = ?2",
                params![text, id],
            )
            .map(|_| ())
            .map_err(|e| self.fail(&e))
    }

    /// Keeps what was verified of the digital signatures of the file entered on incoming
    /// line `id`, as verified when it was received.
    pub(crate) fn keep_signatures(&self, id: i64, signatures: &[Verified]) -> Result<(), Error> {
        let json = serde_json::to_string(signatures)
            .map_err(|e| Error::Store(format!("{}: {e}", self.name)))?;
        self.conn
            .execute(
                "UPDATE incoming SET signatures = ?1 WHERE id = ?2",
                params![json, id],
            )
            .map(|_| ())
            .map_err(|e| self.fail(&e))
    }

    /// The digital signatures of incoming line `id` as verified when it was received; none
    /// when the file had none or was entered before they were verified.
    pub fn signatures_of(&self, id: i64) -> Result<Vec<Verified>, Error> {
        let json: Option<String> = self
            .conn
            .query_row("SELECT signatures FROM incoming WHERE id = ?1", [id], |r| {
                r.get(0)
            })
            .optional()
            .map_err(|e| self.fail(&e))?
            .flatten();
        Ok(json
            .and_then(|j| serde_json::from_str(&j).ok())
            .unwrap_or_default())
    }

    /// The lines of the incoming register of `year` (all when none), or the one line `id`,
    /// in order, each with the outgoing letters that answered it.
    pub fn incoming(
        &self,
        year: Option<i32>,
        id: Option<i64>,
    ) -> Result<Vec<IncomingEntry>, Error> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT i.id, i.year, i.number, i.received_on, i.author, i.number_symbol, i.doc_date,
                        i.kind_and_subject, i.recipient, i.note, i.source IS NOT NULL,
                        (SELECT group_concat(printf('%02d/%s', r.number, r.symbol), ', ')
                         FROM register r WHERE r.answers = i.id AND r.cancelled_on IS NULL),
                        i.passed_on, i.filed_on
                 FROM incoming i
                 WHERE (?1 IS NULL OR i.year = ?1) AND (?2 IS NULL OR i.id = ?2)
                 ORDER BY i.year, i.number",
            )
            .map_err(|e| self.fail(&e))?;
        let rows = stmt
            .query_map(params![year, id], |r| {
                let day = |s: String| s.parse::<chrono::NaiveDate>();
                let received: String = r.get(3)?;
                let doc_date: Option<String> = r.get(6)?;
                let answered: Option<String> = r.get(11)?;
                Ok(IncomingEntry {
                    id: r.get(0)?,
                    year: r.get(1)?,
                    number: r.get(2)?,
                    incoming: Incoming {
                        received_on: day(received).map_err(|e| {
                            rusqlite::Error::FromSqlConversionFailure(
                                3,
                                rusqlite::types::Type::Text,
                                Box::new(e),
                            )
                        })?,
                        author: r.get(4)?,
                        number_symbol: r.get(5)?,
                        doc_date: doc_date.and_then(|d| day(d).ok()),
                        kind_and_subject: r.get(7)?,
                        recipient: r.get(8)?,
                        note: r.get(9)?,
                    },
                    has_file: r.get(10)?,
                    answered_by: answered
                        .map(|a| a.split(", ").map(str::to_string).collect())
                        .unwrap_or_default(),
                    passed_on: r.get::<_, Option<String>>(12)?.and_then(|d| day(d).ok()),
                    filed_on: r.get::<_, Option<String>>(13)?.and_then(|d| day(d).ok()),
                })
            })
            .map_err(|e| self.fail(&e))?;
        rows.collect::<rusqlite::Result<Vec<_>>>()
            .map_err(|e| self.fail(&e))
    }

    /// The line of the incoming register for the same document as `incoming`, when it was
    /// entered before.
    pub fn received_before(&self, incoming: &Incoming) -> Result<Option<IncomingEntry>, Error> {
        Ok(self
            .incoming(None, None)?
            .into_iter()
            .find(|e| e.incoming.same_document(incoming)))
    }

    /// What an incoming line was received in: where from ("file", "paste" or "scan"), its
    /// name and its bytes. Lines entered before the kind was kept (schema 4) told pasted
    /// text by the name it was kept under.
    pub(crate) fn incoming_source(
        &self,
        id: i64,
    ) -> Result<Option<(String, String, Vec<u8>)>, Error> {
        self.conn
            .query_row(
                "SELECT COALESCE(source_kind, CASE WHEN source_name LIKE 'van-ban-dan%.txt' THEN 'paste' ELSE 'file' END),
                        source_name, source FROM incoming WHERE id = ?1 AND source IS NOT NULL",
                [id],
                |r| {
                    Ok((
                        r.get(0)?,
                        r.get::<_, Option<String>>(1)?.unwrap_or_default(),
                        r.get(2)?,
                    ))
                },
            )
            .optional()
            .map_err(|e| self.fail(&e))
    }

    fn fail(&self, e: &rusqlite::Error) -> Error {
        fail(&self.name, e)
    }
}

/// What a database holds, as a restore shows it before it replaces anything.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Contents {
    /// Its schema version.
    pub version: i32,
    /// The years its register has lines for.
    pub years: Vec<i32>,
    /// Lines of the register.
    pub lines: u64,
    /// Of which cancelled.
    pub cancelled: u64,
    /// Of which copies (sao y, sao lục) with their received file.
    pub copies: u64,
    /// Drafts.
    pub drafts: u64,
    /// The clerk's templates.
    pub templates: u64,
    /// Signature and seal images.
    pub images: u64,
    /// The last line: "15/LĐLĐ ngày 20/05/2024".
    pub last: Option<String>,
    /// After a restore: the lines of the registers kept from the database it replaced
    /// ("03/LĐLĐ ngày 02/12/2026", "số đến 12/2026").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub kept: Vec<String>,
    /// All of it in words, as `words` gives it, for the window to show.
    pub summary: String,
}

impl Contents {
    /// "sổ năm 2024: 15 số (1 đã hủy, 2 bản sao), đến số 15/LĐLĐ ngày 20/05/2024; 3 bản
    /// nháp; 1 mẫu; 2 ảnh".
    pub fn words(&self) -> String {
        let years: Vec<String> = self.years.iter().map(|y| y.to_string()).collect();
        let register = match self.lines {
            0 => "sổ văn bản đi trống".to_string(),
            n => format!(
                "sổ năm {}: {n} số ({} đã hủy, {} bản sao){}",
                years.join(", "),
                self.cancelled,
                self.copies,
                self.last
                    .as_ref()
                    .map(|l| format!(", đến số {l}"))
                    .unwrap_or_default()
            ),
        };
        let kept = match self.kept.is_empty() {
            true => String::new(),
            false => format!(
                "; giữ lại {} số đã cấp hoặc đã hủy sau bản sao lưu: {}",
                self.kept.len(),
                self.kept.join(", ")
            ),
        };
        format!(
            "{register}; {} bản nháp; {} mẫu riêng; {} ảnh chữ ký, con dấu{kept}",
            self.drafts, self.templates, self.images
        )
    }
}

/// The schema version of `conn`'s database after the checks that nothing is written to a
/// file that fails: that it is a database, this app's, of a version this app can open,
/// and sound by `check` ("quick_check" or the full "integrity_check").
fn sound(conn: &Connection, name: &str, check: &str) -> Result<i32, Error> {
    let version: i32 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .map_err(|e| refusal(name, &e))?;
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
        .and_then(|mut q| q.query_map([], |r| r.get(0))?.collect())
        .map_err(|e| refusal(name, &e))?;
    // A database of another program: a version of its own, or tables of its own where
    // this app has none yet, or none of this app's where it has some.
    let foreign = version < 0
        || (version == 0 && !tables.is_empty())
        || (version > 0 && !tables.iter().any(|t| t == "drafts"));
    if foreign {
        return Err(Error::Store(format!(
            "{name}: tệp không phải cơ sở dữ liệu của ứng dụng (lược đồ {version}, bảng: {}); tệp được giữ nguyên.",
            match tables.is_empty() {
                true => "không có".to_string(),
                false => tables.join(", "),
            }
        )));
    }
    if version > SCHEMA_VERSION {
        return Err(Error::Store(format!(
            "{name}: cơ sở dữ liệu do phiên bản mới hơn của ứng dụng tạo (lược đồ {version}, phiên bản này đọc đến {SCHEMA_VERSION}); hãy cập nhật ứng dụng. Tệp được giữ nguyên."
        )));
    }
    let result: String = conn
        .query_row(&format!("PRAGMA {check}"), [], |r| r.get(0))
        .map_err(|e| refusal(name, &e))?;
    if result != "ok" {
        // SQLite names each fault on a line of its own; the message is one line.
        let faults: Vec<&str> = result
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with("***"))
            .take(3)
            .collect();
        return Err(Error::Store(format!("{name}: cơ sở dữ liệu bị hỏng ({}); tệp được giữ nguyên, hãy gửi tệp này cho người hỗ trợ.", faults.join("; "))));
    }
    Ok(version)
}

/// What the database of `conn` holds, at schema `version`.
fn contents(conn: &Connection, version: i32) -> rusqlite::Result<Contents> {
    let count = |sql: &str| {
        conn.query_row(sql, [], |r| r.get::<_, i64>(0))
            .map(|n| n as u64)
    };
    let has = |table: &str| -> rusqlite::Result<bool> {
        conn.query_row(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?1",
            [table],
            |r| r.get::<_, i64>(0),
        )
        .map(|n| n > 0)
    };
    let mut c = Contents {
        version,
        years: Vec::new(),
        lines: 0,
        cancelled: 0,
        copies: 0,
        drafts: if has("drafts")? {
            count("SELECT count(*) FROM drafts")?
        } else {
            0
        },
        templates: if has("templates")? {
            count("SELECT count(*) FROM templates")?
        } else {
            0
        },
        images: if has("images")? {
            count("SELECT count(*) FROM images")?
        } else {
            0
        },
        last: None,
        kept: Vec::new(),
        summary: String::new(),
    };
    if has("register")? {
        c.lines = count("SELECT count(*) FROM register")?;
        c.cancelled = count("SELECT count(*) FROM register WHERE cancelled_on IS NOT NULL")?;
        if version >= 3 {
            c.copies = count("SELECT count(*) FROM register WHERE source IS NOT NULL")?;
        }
        c.years = conn
            .prepare("SELECT DISTINCT year FROM register ORDER BY year")?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        c.last = conn
            .query_row(
                "SELECT number, symbol, signed_on FROM register ORDER BY id DESC LIMIT 1",
                [],
                |r| {
                    Ok((
                        r.get::<_, u32>(0)?,
                        r.get::<_, String>(1)?,
                        r.get::<_, String>(2)?,
                    ))
                },
            )
            .optional()?
            .map(|(n, symbol, day)| {
                let day = chrono::NaiveDate::parse_from_str(&day, "%Y-%m-%d")
                    .map_or(day, |d| d.format("%d/%m/%Y").to_string());
                format!("{}/{symbol} ngày {day}", crate::wording::two_digit(n))
            });
    }
    c.summary = c.words();
    Ok(c)
}

/// The registers' tables, and the columns that say which line a row is.
const REGISTERS: &[(&str, &[&str])] = &[
    ("incoming", &["year", "number"]),
    ("register", &["year", "series", "number"]),
];

/// Puts into `to` every line of the registers of `from` that `to` lacks, and the state of
/// `from` over a line `to` holds differently (a cancellation since), in one transaction;
/// a line `from` cannot read is skipped. The incoming register comes first, so that an
/// outgoing line still names the incoming line it answers when that line's id changes.
/// Gives the lines added or changed, in words.
/// An open deadline, with the document received that set it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Due {
    /// The deadline's id.
    pub id: i64,
    /// Its day (YYYY-MM-DD).
    pub due_on: String,
    /// What is to be done.
    pub task: String,
    /// How it recurs, for one that does.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub recurs: Option<String>,
    /// The incoming line of the document that set it.
    pub incoming: i64,
    /// That line's số đến and year: "01/2024".
    pub incoming_number: String,
    /// The document's own number and ký hiệu.
    pub number_symbol: String,
    /// Its kind and subject.
    pub subject: String,
    /// Whom it came from.
    pub author: String,
    /// The line the window shows: "25/04/2024 (quá hạn): Gửi Kế hoạch về Sở Nội vụ — số
    /// đến 01/2024 (1062/KH-UBND)"; the desk words it for the day it is asked on.
    pub words: String,
}

/// A deadline of a document received, open or closed, as the clerk sees and edits it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct DeadlineLine {
    /// Its id.
    pub id: i64,
    /// The incoming line of the document that set it.
    pub incoming: i64,
    /// Its day (YYYY-MM-DD); none for one the reader could not resolve.
    pub due_on: Option<String>,
    /// What is to be done.
    pub task: String,
    /// The sentence it was read from; empty for one set by hand.
    pub source: String,
    /// How it recurs, for one that does.
    pub recurs: Option<String>,
    /// The day it was closed.
    pub closed_on: Option<String>,
    /// The letter whose issue closed it: "05/LĐLĐ".
    pub closed_by: Option<String>,
}

/// The registers of a PC, as the server takes them in (`Server::take_in`).
#[derive(Debug, Default)]
pub struct Moved {
    /// The outgoing lines, each with the file a copy copies.
    pub lines: Vec<(Entry, Option<Vec<u8>>)>,
    /// The incoming lines.
    pub received: Vec<MovedIncoming>,
}

/// An incoming line of a PC's register with what is kept with it.
#[derive(Debug)]
pub struct MovedIncoming {
    /// The line.
    pub entry: IncomingEntry,
    /// What it came in: where from, its name, its bytes.
    pub source: Option<(String, String, Vec<u8>)>,
    /// The text of its file, for the search.
    pub text: Option<String>,
    /// What was verified of its file's digital signatures.
    pub signatures: Vec<Verified>,
    /// Its deadlines.
    pub deadlines: Vec<MovedDeadline>,
}

/// A deadline of a PC's incoming line.
#[derive(Debug)]
pub struct MovedDeadline {
    /// Its day.
    pub due_on: Option<String>,
    /// What is to be done.
    pub task: String,
    /// The sentence it was read from.
    pub source: String,
    /// How it recurs.
    pub recurs: Option<String>,
    /// The day it was closed.
    pub closed_on: Option<String>,
    /// The PC's id of the outgoing line that closed it.
    pub closed_by_line: Option<i64>,
}

/// What a year's statistics are counted from (`Store::year_facts`).
pub(crate) struct YearFacts {
    /// Documents received: day, kind and subject, số and ký hiệu.
    pub(crate) received: Vec<(chrono::NaiveDate, String, String)>,
    /// Letters issued and not cancelled: day, kind.
    pub(crate) issued: Vec<(chrono::NaiveDate, String)>,
    /// Deadlines due in the year: day due, day closed.
    pub(crate) deadlines: Vec<(chrono::NaiveDate, Option<chrono::NaiveDate>)>,
}

impl YearFacts {
    /// The facts from the rows either database gives: documents received (day, kind and
    /// subject, số and ký hiệu), letters issued (day, kind, nothing), deadlines (day due,
    /// day closed or nothing, nothing); a row whose day does not read is left out.
    pub(crate) fn from_rows(
        received: Vec<(String, String, String)>,
        issued: Vec<(String, String, String)>,
        deadlines: Vec<(String, String, String)>,
    ) -> YearFacts {
        let day = |s: &str| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
        YearFacts {
            received: received
                .into_iter()
                .filter_map(|(d, k, s)| Some((day(&d)?, k, s)))
                .collect(),
            issued: issued
                .into_iter()
                .filter_map(|(d, k, _)| Some((day(&d)?, k)))
                .collect(),
            deadlines: deadlines
                .into_iter()
                .filter_map(|(d, c, _)| Some((day(&d)?, day(&c))))
                .collect(),
        }
    }
}

/// A line of either register that a search found.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Found {
    /// "di" (the outgoing register) or "den" (the incoming one).
    pub register: String,
    /// The line's id in its register.
    pub line: i64,
    /// Its day (YYYY-MM-DD): signed, or the date of the document received.
    pub day: String,
    /// Số and ký hiệu: "05/LĐLĐ", or the received document's own.
    pub number: String,
    /// Kind and subject.
    pub subject: String,
    /// Who signed it, or whom it came from.
    pub who: String,
}

/// The FTS5 expression of a clerk's query: each word folded (lower case, no marks) and
/// quoted, matched at a word's beginning, all of them required; none when it has no word.
fn match_expression(query: &str) -> Option<String> {
    let words: Vec<String> = search_words(query)
        .into_iter()
        .take(16)
        .map(|w| format!("\"{w}\"*"))
        .collect();
    (!words.is_empty()).then(|| words.join(" AND "))
}

/// The words a search finds in `text` or looks for in a query: folded as the reader folds
/// (lower case, no marks), letters and digits only; the same on this PC and the server.
pub(crate) fn search_words(text: &str) -> Vec<String> {
    crate::text::fold(&crate::text::nfc(text))
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// The app's SQL functions on `conn`: `congvan_fold(text)`, the search index's folding
/// (`text::fold`), which its triggers call on every write to the registers.
fn with_functions(conn: &Connection) -> rusqlite::Result<()> {
    use rusqlite::functions::FunctionFlags;
    conn.create_scalar_function(
        "congvan_fold",
        1,
        FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC,
        |ctx| {
            let text: Option<String> = ctx.get(0)?;
            Ok(crate::text::fold(&crate::text::nfc(
                &text.unwrap_or_default(),
            )))
        },
    )
}

fn keep_registers(from: &Connection, to: &mut Connection) -> rusqlite::Result<Vec<String>> {
    use rusqlite::types::Value;
    let tx = to.transaction()?;
    let mut kept = Vec::new();
    // Each table's ids in `from` → in `to`: the incoming lines', which the outgoing
    // lines' answers name, kept apart from the outgoing lines' own.
    let mut moved: std::collections::HashMap<i64, i64> = std::collections::HashMap::new();
    let mut incoming_moved = std::collections::HashMap::new();
    for &(table, key) in REGISTERS {
        if table == "register" {
            incoming_moved = std::mem::take(&mut moved);
        }
        let Ok(mut q) = from.prepare(&format!("SELECT * FROM {table}")) else {
            continue;
        };
        let columns: Vec<String> = q.column_names().map(String::from).collect();
        let at = |name: &str| columns.iter().position(|c| c == name);
        let (Some(id_at), Some(key_at)) = (
            at("id"),
            key.iter().map(|k| at(k)).collect::<Option<Vec<usize>>>(),
        ) else {
            continue;
        };
        let rows: Vec<Vec<Value>> = match q.query_map([], |r| {
            (0..columns.len()).map(|i| r.get::<_, Value>(i)).collect()
        }) {
            // A damaged page ends the reading: what came before it is kept.
            Ok(rows) => rows.map_while(Result::ok).collect(),
            Err(_) => continue,
        };
        let find = format!(
            "SELECT * FROM {table} WHERE {}",
            key.iter()
                .enumerate()
                .map(|(i, k)| format!("{k} = ?{}", i + 1))
                .collect::<Vec<_>>()
                .join(" AND ")
        );
        let named: Vec<&str> = columns.iter().map(String::as_str).collect();
        for mut row in rows {
            if table == "register" {
                if let Some(answers) = at("answers") {
                    if let Value::Integer(old) = row[answers] {
                        row[answers] = Value::Integer(*incoming_moved.get(&old).unwrap_or(&old));
                    }
                }
            }
            let keys: Vec<&Value> = key_at.iter().map(|&i| &row[i]).collect();
            // A file of another schema (a newer version's) may name columns this one
            // lacks: its lines cannot be put here, and are left, not the whole restore.
            let there: Option<Vec<Value>> = match tx
                .query_row(&find, rusqlite::params_from_iter(&keys), |r| {
                    named
                        .iter()
                        .map(|c| r.get::<_, Value>(*c))
                        .collect::<rusqlite::Result<Vec<Value>>>()
                })
                .optional()
            {
                Ok(there) => there,
                Err(_) => continue,
            };
            let Value::Integer(old_id) = row[id_at] else {
                continue;
            };
            let same = |a: &[Value], b: &[Value]| {
                a.iter()
                    .zip(b)
                    .enumerate()
                    .all(|(i, (x, y))| i == id_at || x == y)
            };
            match there {
                Some(there) if same(&there, &row) => {
                    if let Value::Integer(id) = there[id_at] {
                        moved.insert(old_id, id);
                    }
                    continue;
                }
                Some(there) => {
                    let sets: Vec<String> = named
                        .iter()
                        .enumerate()
                        .filter(|(i, _)| *i != id_at)
                        .map(|(i, c)| format!("{c} = ?{}", i + 1))
                        .collect();
                    let id = match there[id_at] {
                        Value::Integer(id) => id,
                        _ => continue,
                    };
                    row[id_at] = Value::Integer(id);
                    let updated = tx.execute(
                        &format!(
                            "UPDATE {table} SET {} WHERE id = ?{}",
                            sets.join(", "),
                            id_at + 1
                        ),
                        rusqlite::params_from_iter(&row),
                    );
                    // A change another line's number and ký hiệu stand in the way of
                    // leaves that line as it is: the number is held either way.
                    if updated.is_err() {
                        continue;
                    }
                    moved.insert(old_id, id);
                }
                None => {
                    let taken: bool = tx
                        .query_row(
                            &format!("SELECT count(*) FROM {table} WHERE id = ?1"),
                            [old_id],
                            |r| r.get::<_, i64>(0),
                        )
                        .map(|n| n > 0)?;
                    if taken {
                        row[id_at] = Value::Null;
                    }
                    let marks: Vec<String> = (1..=named.len()).map(|i| format!("?{i}")).collect();
                    let inserted = tx.execute(
                        &format!(
                            "INSERT INTO {table} ({}) VALUES ({})",
                            named.join(", "),
                            marks.join(", ")
                        ),
                        rusqlite::params_from_iter(&row),
                    );
                    if inserted.is_err() {
                        continue;
                    }
                    moved.insert(old_id, tx.last_insert_rowid());
                }
            }
            kept.push(line_words(table, &named, &row));
        }
    }
    keep_deadlines(from, &tx, &incoming_moved, &moved)?;
    tx.commit()?;
    Ok(kept)
}

/// Puts into `tx` the deadlines of `from`'s incoming lines kept (`lines`: their ids in
/// `from` → in `tx`) that it lacks, and closes those `from` closed; `letters` maps the
/// outgoing lines that closed them. A `from` without deadlines (an older schema, a
/// damaged table) adds none.
fn keep_deadlines(
    from: &Connection,
    tx: &rusqlite::Transaction,
    lines: &std::collections::HashMap<i64, i64>,
    letters: &std::collections::HashMap<i64, i64>,
) -> rusqlite::Result<()> {
    type Row = (
        i64,
        Option<String>,
        String,
        String,
        Option<String>,
        Option<String>,
        Option<i64>,
    );
    let Ok(mut q) = from.prepare(
        "SELECT incoming, due_on, task, source, recurs, closed_on, closed_by FROM deadlines",
    ) else {
        return Ok(());
    };
    let rows: Vec<Row> = match q.query_map([], |r| {
        Ok((
            r.get(0)?,
            r.get(1)?,
            r.get(2)?,
            r.get(3)?,
            r.get(4)?,
            r.get(5)?,
            r.get(6)?,
        ))
    }) {
        Ok(rows) => rows.map_while(Result::ok).collect(),
        Err(_) => return Ok(()),
    };
    for (line, due_on, task, source, recurs, closed_on, closed_by) in rows {
        let Some(&line) = lines.get(&line) else {
            continue;
        };
        let closed_by = closed_by.and_then(|id| letters.get(&id).copied());
        let there: Option<(i64, Option<String>)> = tx
            .query_row(
                "SELECT id, closed_on FROM deadlines WHERE incoming = ?1 AND due_on IS ?2 AND task = ?3",
                params![line, due_on, task],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        match there {
            None => {
                tx.execute(
                    "INSERT INTO deadlines (incoming, due_on, task, source, recurs, closed_on, closed_by)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                    params![line, due_on, task, source, recurs, closed_on, closed_by],
                )?;
            }
            Some((id, None)) if closed_on.is_some() => {
                tx.execute(
                    "UPDATE deadlines SET closed_on = ?1, closed_by = ?2 WHERE id = ?3",
                    params![closed_on, closed_by, id],
                )?;
            }
            Some(_) => {}
        }
    }
    Ok(())
}

/// A register line in words: "03/LĐLĐ ngày 02/12/2026", "03/LĐLĐ ngày 02/12/2026 (đã
/// hủy)", "số đến 12/2026".
fn line_words(table: &str, columns: &[&str], row: &[rusqlite::types::Value]) -> String {
    use rusqlite::types::Value;
    let get = |name: &str| columns.iter().position(|c| *c == name).map(|i| &row[i]);
    let int = |name: &str| match get(name) {
        Some(Value::Integer(n)) => *n,
        _ => 0,
    };
    let text = |name: &str| match get(name) {
        Some(Value::Text(t)) => t.clone(),
        _ => String::new(),
    };
    match table {
        "incoming" => format!("số đến {}/{}", int("number"), int("year")),
        _ => {
            let day = text("signed_on");
            let day = chrono::NaiveDate::parse_from_str(&day, "%Y-%m-%d")
                .map_or(day, |d| d.format("%d/%m/%Y").to_string());
            let cancelled = match get("cancelled_on") {
                Some(Value::Text(_)) => " (đã hủy)",
                _ => "",
            };
            format!(
                "{}/{} ngày {day}{cancelled}",
                crate::wording::two_digit(int("number") as u32),
                text("symbol")
            )
        }
    }
}

/// A transaction that holds the database's write lock from its first read, so that two
/// windows or processes never take the same number, and the next number `sql` gives.
fn next_number<'c>(
    conn: &'c mut Connection,
    name: &str,
    sql: &str,
    params: impl rusqlite::Params,
) -> Result<(rusqlite::Transaction<'c>, u32), Error> {
    let tx = conn
        .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
        .map_err(|e| fail(name, &e))?;
    let number: u32 = tx
        .query_row(sql, params, |r| r.get(0))
        .map_err(|e| fail(name, &e))?;
    Ok((tx, number))
}

/// Copies the whole database of `from` into `to` with SQLite's online backup, in one
/// step, waiting a little while either is busy.
fn copy_database(from: &Connection, to: &mut Connection, name: &str) -> Result<(), Error> {
    use rusqlite::backup::{Backup, StepResult};
    let backup = Backup::new(from, to).map_err(|e| fail(name, &e))?;
    for _ in 0..250 {
        match backup.step(-1).map_err(|e| fail(name, &e))? {
            StepResult::Done => return Ok(()),
            _ => std::thread::sleep(std::time::Duration::from_millis(20)),
        }
    }
    Err(Error::Busy(format!(
        "{name}: cơ sở dữ liệu đang bận (một cửa sổ khác đang ghi); hãy thử lại"
    )))
}

/// A new file's name beside `path`, for writing it whole before renaming.
fn temporary_beside(path: &Path) -> std::path::PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    path.with_file_name(format!(".{name}.{}.tmp", std::process::id()))
}

fn fail(name: &str, e: &rusqlite::Error) -> Error {
    match e.sqlite_error_code() {
        Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked) => {
            Error::Busy(format!(
                "{name}: cơ sở dữ liệu đang bận (một cửa sổ khác đang ghi); hãy thử lại"
            ))
        }
        Some(rusqlite::ErrorCode::DiskFull) => {
            Error::Store(format!("{name}: ổ đĩa đã đầy, chưa lưu được"))
        }
        Some(rusqlite::ErrorCode::ReadOnly | rusqlite::ErrorCode::PermissionDenied) => {
            Error::Store(format!("{name}: không có quyền ghi vào cơ sở dữ liệu"))
        }
        _ => Error::Store(format!("{name}: lỗi cơ sở dữ liệu ({e})")),
    }
}

/// A file that cannot be opened as this app's database.
fn refusal(name: &str, e: &rusqlite::Error) -> Error {
    match e.sqlite_error_code() {
        Some(rusqlite::ErrorCode::NotADatabase | rusqlite::ErrorCode::DatabaseCorrupt) => Error::Store(format!(
            "{name}: tệp không phải cơ sở dữ liệu của ứng dụng, hoặc đã hỏng; tệp được giữ nguyên, hãy gửi tệp này cho người hỗ trợ."
        )),
        _ => fail(name, e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_query_is_its_words_folded_each_at_a_words_beginning() {
        let check = |query: &str, expected: Option<&str>| {
            assert_eq!(match_expression(query).as_deref(), expected, "{query}");
        };
        check(
            "Kế hoạch thi đua",
            Some(r#""ke"* AND "hoach"* AND "thi"* AND "dua"*"#),
        );
        check("1062/KH-UBND", Some(r#""1062"* AND "kh"* AND "ubnd"*"#));
        // FTS5's operators typed are words like any other.
        check("\" OR NEAR( *", Some(r#""or"* AND "near"*"#));
        check("  ", None);
    }

    #[test]
    fn both_registers_are_searched_without_marks_and_by_number() {
        let mut store = Store::in_memory().unwrap();
        let day = |d| chrono::NaiveDate::from_ymd_opt(2024, 4, d).unwrap();
        let may = |d| chrono::NaiveDate::from_ymd_opt(2024, 5, d).unwrap();
        let mut letter = Letter::example();
        letter.number = None;
        letter.signature.name = Some("Nguyễn Văn Án".into());
        letter.subject = "triển khai Kế hoạch thi đua quốc phòng".into();
        let issued = store.issue(&letter, may(20), "chung", 0).unwrap();
        let received = Incoming {
            received_on: day(15),
            author: "UBND tỉnh Tây Ninh".into(),
            number_symbol: "1062/KH-UBND".into(),
            doc_date: Some(day(11)),
            kind_and_subject: "Kế hoạch phát động phong trào thi đua".into(),
            recipient: "Chủ tịch".into(),
            note: String::new(),
        };
        let entry = store.receive(&received, None, 0).unwrap();
        store
            .keep_text(
                entry.id,
                "Gửi báo cáo về Sở Nội vụ chậm nhất ngày 25/4/2024.",
            )
            .unwrap();
        let found = |q: &str| -> Vec<(String, i64)> {
            store
                .search(q, None, None, 50)
                .unwrap()
                .into_iter()
                .map(|f| (f.register, f.line))
                .collect()
        };
        let both = found("ke hoach thi dua");
        assert_eq!(both.len(), 2, "{both:?}");
        // The number weighs most: the received plan whose number it is comes first.
        assert_eq!(
            found("1062/KH-UBND kế hoạch")[0],
            ("den".to_string(), entry.id)
        );
        assert_eq!(
            found("SỞ NỘI VỤ chậm nhất"),
            [("den".to_string(), entry.id)]
        );
        assert_eq!(found("nguyen van an"), [("di".to_string(), issued.id)]);
        assert!(found("kế hoạch xyz").is_empty());
        // A date range keeps the lines dated within it.
        let in_may = store.search("ke hoach", Some(may(1)), None, 50).unwrap();
        assert_eq!(in_may.len(), 1);
        assert_eq!(
            in_may[0].number,
            format!("{:02}/{}", issued.number, issued.symbol)
        );
    }

    #[test]
    fn a_database_of_another_program_is_refused_unchanged() {
        let dir = crate::desk::files::test_folder("foreign");
        for (file, sql) in [
            ("negative.db", "PRAGMA user_version = -1;"),
            ("other.db", "CREATE TABLE khach (ten TEXT);"),
            (
                "versioned.db",
                "CREATE TABLE khach (ten TEXT); PRAGMA user_version = 2;",
            ),
        ] {
            let path = dir.join(file);
            Connection::open(&path).unwrap().execute_batch(sql).unwrap();
            let before = std::fs::read(&path).unwrap();
            let err = Store::open(&path)
                .err()
                .map(|e| e.to_string())
                .unwrap_or_default();
            assert!(
                err.contains("không phải cơ sở dữ liệu của ứng dụng"),
                "{file}: {err}"
            );
            assert_eq!(std::fs::read(&path).unwrap(), before, "{file} changed");
        }
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_version_2_register_is_kept_when_the_schema_moves_on() {
        let dir = crate::desk::files::test_folder("store-v2");
        let path = dir.join("congvan.db");
        {
            let conn = Connection::open(&path).unwrap();
            for sql in &MIGRATIONS[..2] {
                conn.execute_batch(sql).unwrap();
            }
            conn.pragma_update(None, "user_version", 2).unwrap();
            let mut letter = Letter::example();
            letter.number = Some(3);
            conn.execute(
                "INSERT INTO register (year, series, number, doc_type, symbol, signed_on, subject, signer, recipients, letter, issued_at)
                 VALUES (2024, 'chung', 3, 'Công văn', 'LĐLĐ', '2024-05-20', 'x', 'y', '[]', ?1, 0)",
                [letter.to_json()],
            )
            .unwrap();
        }
        let mut store = Store::open(&path).unwrap();
        assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
        let lines = store.register(&Filter::default()).unwrap();
        assert_eq!(lines.len(), 1);
        assert_eq!(store.source(lines[0].id).unwrap(), None);
        // The line written before the search existed is found by it: the body of its letter.
        let body_word =
            crate::text::fold(Letter::example().body.split_whitespace().nth(3).unwrap());
        let found = store.search(&body_word, None, None, 5).unwrap();
        assert_eq!(found.len(), 1, "{body_word}");
        assert_eq!(found[0].number, "03/LĐLĐ");
        // The images table is there: kept, replaced, listed and forgotten.
        let png = |alpha| {
            let mut out = Vec::new();
            let mut enc = png::Encoder::new(&mut out, 2, 1);
            enc.set_color(png::ColorType::Rgba);
            enc.write_header()
                .unwrap()
                .write_image_data(&[9, 9, 9, alpha, 9, 9, 9, 255])
                .unwrap();
            Png::read(&out, "ảnh").unwrap()
        };
        store.save_image(images::SEAL, &png(0), 1).unwrap();
        store.save_image(images::SEAL, &png(10), 2).unwrap();
        assert_eq!(store.image(images::SEAL).unwrap(), Some(png(10)));
        assert_eq!(store.image_keys().unwrap(), [images::SEAL]);
        let signer = Profile::example().signers[0].clone();
        assert_eq!(store.images_for(&signer).unwrap().signature, None);
        store.delete_image(images::SEAL).unwrap();
        assert!(store.image_keys().unwrap().is_empty());
        let _ = std::fs::remove_dir_all(&dir);
    }
}
