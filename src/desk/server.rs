//! Both registers on the office's PostgreSQL server, for an office where several clerks
//! draft and one văn thư numbers: ND30 wants one register per series for the whole
//! organisation, its numbers consecutive and unique, which a SQLite file on a share cannot
//! promise (its WAL does not work over a network file system). The server has the store's
//! methods for the registers (lines, deadlines, search, statistics); who may number and
//! who sees which lines is the server's to enforce (roles, row-level security).
//!
//! A number is taken by one row lock on its series (`UPDATE series … RETURNING`), in the
//! same transaction as the register line: a transaction rolled back after taking a number
//! gives it back, so there is no gap but the cancellations. Each line carries a key the
//! server gives it before the commit: when the answer to a commit is lost (a connection
//! cut, a server restarting), the line is looked up by its key after reconnecting, so an
//! issue is never lost nor made twice.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use chrono::{Datelike, NaiveDate};
use postgres::{Client, Config, NoTls};

use super::store::{
    issue_refusal, line_words_of, search_words, DeadlineLine, Due, Found, Moved, MovedDeadline,
    MovedIncoming, RawEntry, YearFacts,
};
use crate::error::Error;
use crate::issue::incoming::{Incoming, IncomingEntry};
use crate::issue::register::{self, Entry, Filter};
use crate::model::Letter;
use crate::pades::Verified;
use crate::read::parse::Deadline;

/// The register's schema on the server; each step up is one migration, applied under an
/// advisory lock so that two clerks starting at once do not both apply it.
const MIGRATIONS: &[&str] = &[
    r#"
    CREATE TABLE congvan_schema (version integer NOT NULL);
    CREATE TABLE series (
        year integer NOT NULL,
        series text NOT NULL,
        next integer NOT NULL,
        PRIMARY KEY (year, series)
    );
    CREATE TABLE register (
        id bigserial PRIMARY KEY,
        year integer NOT NULL,
        series text NOT NULL,
        number integer NOT NULL,
        doc_type text NOT NULL,
        symbol text NOT NULL,
        signed_on text NOT NULL,
        subject text NOT NULL,
        signer text NOT NULL,
        recipients text NOT NULL,
        letter text NOT NULL,
        cancelled_on text,
        cancel_reason text,
        issued_at bigint NOT NULL,
        source bytea,
        copies integer,
        client_key uuid NOT NULL UNIQUE DEFAULT gen_random_uuid(),
        UNIQUE (year, series, number),
        UNIQUE (year, number, symbol)
    );
"#,
    // Who sees what: the văn thư (members of congvan_vanthu) numbers and cancels and sees
    // every line; a drafter (congvan_drafter) sees the lines of her unit only, the one the
    // table clerks gives her role, which the rows' security enforces on the server. The
    // owner of the tables (who set them up) sees everything.
    r#"
    DO $$ BEGIN
        IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'congvan_vanthu') THEN
            CREATE ROLE congvan_vanthu NOLOGIN;
        END IF;
        IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'congvan_drafter') THEN
            CREATE ROLE congvan_drafter NOLOGIN;
        END IF;
    END $$;
    ALTER TABLE register ADD COLUMN department text NOT NULL DEFAULT '';
    CREATE TABLE clerks (
        role name PRIMARY KEY,
        department text NOT NULL
    );
    GRANT SELECT ON congvan_schema, clerks TO congvan_vanthu, congvan_drafter;
    GRANT SELECT, INSERT, UPDATE ON register, series TO congvan_vanthu;
    GRANT USAGE ON SEQUENCE register_id_seq TO congvan_vanthu;
    GRANT SELECT ON register TO congvan_drafter;
    ALTER TABLE register ENABLE ROW LEVEL SECURITY;
    CREATE POLICY van_thu ON register TO congvan_vanthu USING (true) WITH CHECK (true);
    CREATE POLICY own_unit ON register FOR SELECT TO congvan_drafter
        USING (department <> '' AND department = (SELECT c.department FROM clerks c WHERE c.role = current_user));
"#,
    // The incoming register with the files received, the deadlines they set (closed by a
    // trigger when a letter answering their line is issued), and the words the search
    // finds, folded by the app as the reader folds them (`text::fold`), in each line.
    r#"
    CREATE TABLE incoming (
        id bigserial PRIMARY KEY,
        year integer NOT NULL,
        number integer NOT NULL,
        received_on text NOT NULL,
        author text NOT NULL,
        number_symbol text NOT NULL,
        doc_date text,
        kind_and_subject text NOT NULL,
        recipient text NOT NULL,
        note text NOT NULL,
        source bytea,
        source_name text,
        source_kind text,
        created_at bigint NOT NULL,
        signatures text,
        text text,
        passed_on text,
        filed_on text,
        client_key uuid NOT NULL UNIQUE DEFAULT gen_random_uuid(),
        f_number text NOT NULL DEFAULT '',
        f_subject text NOT NULL DEFAULT '',
        f_body text NOT NULL DEFAULT '',
        f_people text NOT NULL DEFAULT '',
        UNIQUE (year, number)
    );
    ALTER TABLE register ADD COLUMN answers bigint REFERENCES incoming (id);
    ALTER TABLE register ADD COLUMN f_number text NOT NULL DEFAULT '';
    ALTER TABLE register ADD COLUMN f_subject text NOT NULL DEFAULT '';
    ALTER TABLE register ADD COLUMN f_body text NOT NULL DEFAULT '';
    ALTER TABLE register ADD COLUMN f_people text NOT NULL DEFAULT '';
    CREATE FUNCTION congvan_two(n integer) RETURNS text LANGUAGE sql IMMUTABLE AS
        $$ SELECT CASE WHEN n BETWEEN 0 AND 9 THEN '0' || n ELSE n::text END $$;
    CREATE TABLE deadlines (
        id bigserial PRIMARY KEY,
        incoming bigint NOT NULL REFERENCES incoming (id),
        due_on text,
        task text NOT NULL,
        source text NOT NULL,
        recurs text,
        closed_on text,
        closed_by bigint
    );
    CREATE INDEX deadlines_open ON deadlines (closed_on, due_on);
    CREATE FUNCTION congvan_answered() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        UPDATE deadlines SET closed_on = NEW.signed_on, closed_by = NEW.id
            WHERE incoming = NEW.answers AND closed_on IS NULL;
        RETURN NEW;
    END $$;
    CREATE TRIGGER deadlines_answered AFTER INSERT ON register
        FOR EACH ROW WHEN (NEW.answers IS NOT NULL) EXECUTE FUNCTION congvan_answered();
    GRANT SELECT, INSERT, UPDATE ON incoming, deadlines TO congvan_vanthu;
    GRANT USAGE ON SEQUENCE incoming_id_seq, deadlines_id_seq TO congvan_vanthu;
    GRANT SELECT (id, number, received_on) ON incoming TO congvan_drafter;
"#,
    // The search's words indexed: each line's folded words as a text-search vector under
    // a GIN index (`found`), and the words of its number, subject and people apart
    // (`head`, weighted in that order), small enough to rank every line found by.
    r#"
    ALTER TABLE register ADD COLUMN head tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('simple', f_number), 'A') || setweight(to_tsvector('simple', f_subject), 'B')
        || setweight(to_tsvector('simple', f_people), 'C')) STORED;
    ALTER TABLE register ADD COLUMN found tsvector GENERATED ALWAYS AS (
        to_tsvector('simple', f_number || ' ' || f_subject || ' ' || f_people || ' ' || f_body)) STORED;
    ALTER TABLE incoming ADD COLUMN head tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('simple', f_number), 'A') || setweight(to_tsvector('simple', f_subject), 'B')
        || setweight(to_tsvector('simple', f_people), 'C')) STORED;
    ALTER TABLE incoming ADD COLUMN found tsvector GENERATED ALWAYS AS (
        to_tsvector('simple', f_number || ' ' || f_subject || ' ' || f_people || ' ' || f_body)) STORED;
    CREATE INDEX register_found ON register USING gin (found);
    CREATE INDEX incoming_found ON incoming USING gin (found);
"#,
];

/// The series under which the incoming register's số đến are taken, one per year: no
/// outgoing series is named with a bracket.
const INCOMING_SERIES: &str = "(đến)";

/// What a clerk may do with the register on the server.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Clerk {
    /// The văn thư: numbers, cancels, sees every line.
    VanThu,
    /// A drafter of the unit named (as "Lưu: VT, …" names it): sees its lines only.
    Drafter(String),
}

/// The key the advisory lock of the migrations is taken on ("congvan").
const MIGRATION_LOCK: i64 = 0x0063_6f6e_6776_616e;

/// The key of the advisory lock a restore holds while it replaces the tables and puts
/// back the lines given since the backup; every issue and receipt waits on it (shared).
const RESTORE_LOCK: i64 = 0x0063_6f6e_6776_6172;

/// How long a lost connection is tried again before the clerk is told: long enough for a
/// server restarting.
const RECONNECT_FOR: Duration = Duration::from_secs(30);

/// A connection to the office's register on its PostgreSQL server.
pub struct Server {
    client: Client,
    config: Config,
    /// The URL connected to, for the server's own programs (pg_dump); never shown.
    url: String,
    /// The server as the clerk is shown it: "congvan@127.0.0.1:5432/congvan", no password.
    name: String,
}

impl Server {
    /// Connects to the server at `url` ("postgres://user@host:port/dbname"; the password
    /// from the URL or the environment), and brings the register's schema up to date.
    pub fn connect(url: &str) -> Result<Server, Error> {
        Server::connect_with(url, None)
    }

    /// Connects as `connect` does, with `password` when the URL has none (the one the
    /// clerk typed), else PGPASSWORD, else the one the OS keyring keeps for `url`.
    pub fn connect_with(url: &str, password: Option<&str>) -> Result<Server, Error> {
        let mut config: Config = url.parse().map_err(|e| {
            Error::Store(format!(
                "địa chỉ máy chủ sổ không hợp lệ ({e}): {}",
                shown(url)
            ))
        })?;
        config.connect_timeout(Duration::from_secs(10));
        if config.get_user().is_none() {
            config.user(whoami_user().as_str());
        }
        if config.get_password().is_none() {
            let chosen = password
                .map(str::to_string)
                .or_else(|| std::env::var("PGPASSWORD").ok())
                .or_else(|| kept_password(url));
            if let Some(password) = chosen {
                config.password(password);
            }
        }
        let name = named(&config);
        let client = config.connect(NoTls).map_err(|e| unreachable(&name, &e))?;
        let mut server = Server {
            client,
            config,
            url: url.to_string(),
            name,
        };
        server.migrate()?;
        Ok(server)
    }

    /// The server as the clerk is shown it.
    pub fn name(&self) -> &str {
        &self.name
    }

    fn migrate(&mut self) -> Result<(), Error> {
        let name = self.name.clone();
        let fail = |e: postgres::Error| failed(&name, &e);
        let mut tx = self.client.transaction().map_err(fail)?;
        tx.execute("SELECT pg_advisory_xact_lock($1)", &[&MIGRATION_LOCK])
            .map_err(fail)?;
        let made: bool = tx
            .query_one("SELECT to_regclass('congvan_schema') IS NOT NULL", &[])
            .map_err(fail)?
            .get(0);
        let version: i32 = match made {
            true => tx
                .query_opt("SELECT version FROM congvan_schema", &[])
                .map_err(fail)?
                .map_or(0, |r| r.get(0)),
            false => 0,
        };
        if version as usize > MIGRATIONS.len() {
            return Err(Error::Store(format!(
                "{name}: sổ trên máy chủ do phiên bản mới hơn của ứng dụng tạo (lược đồ {version}); hãy cập nhật ứng dụng"
            )));
        }
        // A clerk without the right to change the tables only reads them: nothing to do
        // when they are up to date.
        if version as usize == MIGRATIONS.len() {
            return tx.commit().map_err(fail);
        }
        for sql in &MIGRATIONS[version as usize..] {
            tx.batch_execute(sql).map_err(|e| match owner_needed(&e) {
                // A clerk's role may use the tables, not change them: the owner must.
                true => Error::Store(format!(
                    "sổ trên máy chủ {name} cần cập nhật lược đồ (từ {version} lên {}) cho phiên bản ứng dụng này; tài khoản {} không có quyền đổi bảng: hãy nhờ người quản trị chạy một lệnh congvan với tài khoản chủ sở hữu sổ (ví dụ congvan register list --db postgres://chu-so@máy-chủ/csdl) rồi mở lại",
                    MIGRATIONS.len(),
                    name.split('@').next().unwrap_or(&name)
                )),
                false => fail(e),
            })?;
        }
        tx.execute("DELETE FROM congvan_schema", &[])
            .map_err(fail)?;
        tx.execute(
            "INSERT INTO congvan_schema (version) VALUES ($1)",
            &[&(MIGRATIONS.len() as i32)],
        )
        .map_err(fail)?;
        tx.commit().map_err(fail)
    }

    /// Connects again when the connection was lost, trying for a while (a server
    /// restarting); refused with the server's name when it does not come back.
    fn ensure(&mut self) -> Result<(), Error> {
        // A connection may have been cut without a word (the server restarted, the network
        // dropped): it is asked once before it is trusted with the work, or the clerk's
        // first press after a restart would fail.
        if self.answers() {
            return Ok(());
        }
        let started = Instant::now();
        loop {
            match self.config.connect(NoTls) {
                Ok(client) => {
                    self.client = client;
                    return Ok(());
                }
                Err(e) if started.elapsed() > RECONNECT_FOR => {
                    return Err(unreachable(&self.name, &e))
                }
                Err(_) => std::thread::sleep(Duration::from_millis(200)),
            }
        }
    }

    /// Takes the next number of `series` for the year of `signed_on`, makes what is to be
    /// written of the letter with `make` (given the letter with its number), then records
    /// the line (with `source`, the file a copy copies) in the same transaction: when
    /// `make` fails or the connection is lost before the commit, no number is taken. A
    /// commit whose answer was lost is looked up by its key once connected again.
    pub fn issue_and_make<B>(
        &mut self,
        letter: &Letter,
        signed_on: chrono::NaiveDate,
        series: &str,
        source: Option<&[u8]>,
        now: i64,
        make: impl FnOnce(&Letter) -> Result<B, Error>,
    ) -> Result<(Entry, B), Error> {
        if let Some(why) = issue_refusal(letter, signed_on, source.is_some()) {
            return Err(Error::Store(why));
        }
        self.ensure()?;
        let name = self.name.clone();
        let fail = |e: postgres::Error| failed(&name, &e);
        let year = signed_on.year();
        let mut tx = self.client.transaction().map_err(fail)?;
        // The row lock on the series is held until the commit: the next clerk waits here.
        let (number, backend) = next_in(&mut tx, year, series).map_err(fail)?;
        let issued = register::issued(letter, number as u32, signed_on);
        let made = make(&issued)?;
        let (signer, recipients) = line_words_of(&issued);
        let row = tx
            .query_one(
                "INSERT INTO register (year, series, number, doc_type, symbol, signed_on, subject, signer, recipients, letter, issued_at, source, department, answers, f_number, f_subject, f_body, f_people)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)
                 RETURNING id, client_key::text",
                &[
                    &year,
                    &series,
                    &number,
                    &issued.doc_type.name(),
                    &issued.symbol,
                    &signed_on.to_string(),
                    &issued.subject,
                    &signer,
                    &recipients,
                    &issued.to_json(),
                    &now,
                    &source,
                    &register::drafting_unit(&issued),
                    &issued.answers,
                    &searched(&format!("{:02} {number}/{}", number, issued.symbol)),
                    &searched(&format!("{} {}", issued.doc_type.name(), issued.subject)),
                    &searched(&issued.body),
                    &searched(&format!("{signer} {recipients}")),
                ],
            )
            .map_err(|e| match e.code() {
                Some(&postgres::error::SqlState::UNIQUE_VIOLATION) => Error::Store(format!(
                    "số {}/{} đã có trong sổ năm {year}: một số và ký hiệu không được trùng trong năm",
                    crate::wording::two_digit(number as u32),
                    issued.symbol
                )),
                _ => fail(e),
            })?;
        let (id, key): (i64, String) = (row.get(0), row.get(1));
        if let Err(e) = tx.commit() {
            // The commit may have been done and its answer lost: the line is looked for by
            // its key once connected again, and once the server process that ran it is
            // gone, so that a commit still under way is not taken for one never done.
            return match self.persisting(|s| {
                s.wait_gone(backend)?;
                s.by_key(&key)
            })? {
                Some(entry) => Ok((entry, made)),
                None => Err(Error::Store(format!(
                    "{}: mất kết nối khi cấp số ({}); số chưa được cấp, hãy cấp lại",
                    self.name,
                    reason(&e)
                ))),
            };
        }
        // Committed: the number is taken whatever happens to the connection now.
        let entry = self.persisting(|s| s.entry(id))?.ok_or_else(|| {
            Error::Store(format!(
                "{}: dòng {id} vừa ghi không đọc lại được",
                self.name
            ))
        })?;
        Ok((entry, made))
    }

    /// Runs `read` until it is answered, connecting again after a lost connection for as
    /// long as a server takes to restart.
    fn persisting<T>(
        &mut self,
        mut read: impl FnMut(&mut Server) -> Result<T, Error>,
    ) -> Result<T, Error> {
        let started = Instant::now();
        loop {
            self.ensure()?;
            match read(self) {
                // Only a lost connection is worth waiting out: a refusal on a connection
                // that still answers (no right to a table) is said at once.
                Err(_) if started.elapsed() < RECONNECT_FOR && !self.answers() => {
                    std::thread::sleep(Duration::from_millis(50))
                }
                answer => return answer,
            }
        }
    }

    /// True when the connection still answers a query.
    fn answers(&mut self) -> bool {
        !self.client.is_closed() && self.client.is_valid(Duration::from_secs(2)).is_ok()
    }

    /// Waits until the server process `pid` has ended (its transaction committed or rolled
    /// back for good).
    fn wait_gone(&mut self, pid: i32) -> Result<(), Error> {
        let started = Instant::now();
        loop {
            let running = self
                .client
                .query_opt("SELECT 1 FROM pg_stat_activity WHERE pid = $1", &[&pid])
                .map_err(|e| failed(&self.name, &e))?
                .is_some();
            if !running {
                return Ok(());
            }
            if started.elapsed() > RECONNECT_FOR {
                return Err(Error::Store(format!(
                    "{}: tiến trình {pid} của máy chủ chưa dừng; chưa biết số đã được cấp hay chưa",
                    self.name
                )));
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// The line recorded with `key`, when its commit was done.
    fn by_key(&mut self, key: &str) -> Result<Option<Entry>, Error> {
        let id: Option<i64> = self
            .client
            .query_opt(
                "SELECT id FROM register WHERE client_key = $1::text::uuid",
                &[&key],
            )
            .map_err(|e| failed(&self.name, &e))?
            .map(|r| r.get(0));
        match id {
            Some(id) => self.entry(id),
            None => Ok(None),
        }
    }

    /// The register's line `id`.
    pub fn entry(&mut self, id: i64) -> Result<Option<Entry>, Error> {
        Ok(self.entries(None, Some(id))?.pop())
    }

    /// The register's lines that `filter` keeps, by year, series and number.
    pub fn register(&mut self, filter: &Filter) -> Result<Vec<Entry>, Error> {
        Ok(self
            .entries(filter.year, None)?
            .into_iter()
            .filter(|e| filter.keeps(e))
            .collect())
    }

    fn entries(&mut self, year: Option<i32>, id: Option<i64>) -> Result<Vec<Entry>, Error> {
        self.ensure()?;
        let rows = self
            .client
            .query(
                "SELECT r.id, r.year, r.series, r.number, r.doc_type, r.symbol, r.signed_on, r.subject,
                        r.signer, r.recipients, r.letter, r.cancelled_on, r.cancel_reason, r.copies,
                        i.id, i.number, i.received_on
                 FROM register r LEFT JOIN incoming i ON i.id = r.answers
                 WHERE ($1::integer IS NULL OR r.year = $1) AND ($2::bigint IS NULL OR r.id = $2)
                 ORDER BY r.year, r.series, r.number",
                &[&year, &id],
            )
            .map_err(|e| failed(&self.name, &e))?;
        rows.into_iter()
            .map(|r| {
                RawEntry {
                    id: r.get(0),
                    year: r.get(1),
                    series: r.get(2),
                    number: r.get::<_, i32>(3) as u32,
                    doc_type: r.get(4),
                    symbol: r.get(5),
                    signed_on: r.get(6),
                    subject: r.get(7),
                    signer: r.get(8),
                    recipients: r.get(9),
                    letter: r.get(10),
                    cancelled_on: r.get(11),
                    reason: r.get(12),
                    copies: r.get::<_, Option<i32>>(13).map(|n| n as u32),
                    answers: r
                        .get::<_, Option<i64>>(14)
                        .map(|id| (id, r.get::<_, i32>(15) as u32, r.get::<_, String>(16))),
                }
                .entry(&self.name)
            })
            .collect()
    }

    /// Records that an issued number was cancelled on `on`, with its reason; the line
    /// stays and the number is not given again.
    pub fn cancel(&mut self, id: i64, on: chrono::NaiveDate, reason: &str) -> Result<(), Error> {
        if reason.trim().is_empty() {
            return Err(Error::Store("hủy số cần ghi lý do".into()));
        }
        self.ensure()?;
        let changed = self
            .client
            .execute(
                "UPDATE register SET cancelled_on = $2, cancel_reason = $3 WHERE id = $1 AND cancelled_on IS NULL",
                &[&id, &on.to_string(), &reason.trim()],
            )
            .map_err(|e| failed(&self.name, &e))?;
        match changed {
            0 => Err(Error::Store(format!(
                "không có dòng {id} chưa hủy trong sổ văn bản đi"
            ))),
            _ => Ok(()),
        }
    }

    /// The received file a register line copies, if the line is a copy.
    pub fn source(&mut self, id: i64) -> Result<Option<Vec<u8>>, Error> {
        self.ensure()?;
        Ok(self
            .client
            .query_opt("SELECT source FROM register WHERE id = $1", &[&id])
            .map_err(|e| failed(&self.name, &e))?
            .and_then(|r| r.get(0)))
    }

    /// Takes in the registers kept until now on a PC (`moved`): the incoming lines with
    /// their files, texts, signatures and deadlines, then the outgoing lines with their
    /// numbers, cancellations and copied files, each letter still answering its incoming
    /// line; in one transaction. Each series then goes on after its highest number. A line
    /// whose number the server already holds is left as the server has it. Gives the lines
    /// taken in and those the server already held, of both registers together.
    pub fn take_in(&mut self, moved: &Moved) -> Result<(usize, usize), Error> {
        self.put_in(moved, false)
    }

    /// Takes in `moved` as `take_in` does; `restoring` (the lines are this server's own, as
    /// they were before a restore) also brings over a line the server holds the state the
    /// line has since: a cancellation, the day it was passed on or filed, deadlines added
    /// or closed.
    fn put_in(&mut self, moved: &Moved, restoring: bool) -> Result<(usize, usize), Error> {
        self.ensure()?;
        let name = self.name.clone();
        let fail = |e: postgres::Error| failed(&name, &e);
        let mut tx = self.client.transaction().map_err(fail)?;
        let (mut taken, mut held) = (0, 0);
        // The PC's ids → the server's, for the letters' answers and the deadlines.
        let mut lines = std::collections::HashMap::new();
        let mut fresh = Vec::new();
        for r in &moved.received {
            let (e, i) = (&r.entry, &r.entry.incoming);
            let inserted = tx
                .query_opt(
                    "INSERT INTO incoming (year, number, received_on, author, number_symbol, doc_date, kind_and_subject, recipient, note, source, source_name, source_kind, created_at, signatures, text, passed_on, filed_on, f_number, f_subject, f_body, f_people)
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 0, $13, $14, $15, $16, $17, $18, $19, $20)
                     ON CONFLICT DO NOTHING RETURNING id",
                    &[
                        &e.year,
                        &(e.number as i32),
                        &i.received_on.to_string(),
                        &i.author,
                        &i.number_symbol,
                        &i.doc_date.map(|d| d.to_string()),
                        &i.kind_and_subject,
                        &i.recipient,
                        &i.note,
                        &r.source.as_ref().map(|(_, _, bytes)| bytes),
                        &r.source.as_ref().map(|(_, name, _)| name),
                        &r.source.as_ref().map(|(kind, _, _)| kind),
                        &serde_json::to_string(&r.signatures).ok().filter(|_| !r.signatures.is_empty()),
                        &r.text,
                        &e.passed_on.map(|d| d.to_string()),
                        &e.filed_on.map(|d| d.to_string()),
                        &searched(&format!("{:02} {}", e.number, i.number_symbol)),
                        &searched(&i.kind_and_subject),
                        &searched(r.text.as_deref().unwrap_or_default()),
                        &searched(&format!("{} {}", i.author, i.recipient)),
                    ],
                )
                .map_err(fail)?;
            let id: i64 = match inserted {
                Some(row) => {
                    taken += 1;
                    fresh.push(r);
                    row.get(0)
                }
                None => {
                    held += 1;
                    let id: i64 = tx
                        .query_one(
                            "SELECT id FROM incoming WHERE year = $1 AND number = $2",
                            &[&e.year, &(e.number as i32)],
                        )
                        .map_err(fail)?
                        .get(0);
                    if restoring {
                        tx.execute(
                            "UPDATE incoming SET recipient = $2, passed_on = $3, filed_on = $4 WHERE id = $1",
                            &[
                                &id,
                                &i.recipient,
                                &e.passed_on.map(|d| d.to_string()),
                                &e.filed_on.map(|d| d.to_string()),
                            ],
                        )
                        .map_err(fail)?;
                        fresh.push(r);
                    }
                    id
                }
            };
            lines.insert(e.id, id);
        }
        let mut letters = std::collections::HashMap::new();
        for (e, source) in &moved.lines {
            let recipients = serde_json::to_string(&e.recipients).expect("strings serialise");
            let cancelled_on = e.cancelled.as_ref().map(|c| c.on.to_string());
            let reason = e.cancelled.as_ref().map(|c| c.reason.clone());
            let answers = e.answers.as_ref().and_then(|a| lines.get(&a.id));
            let inserted = tx
                .query_opt(
                    "INSERT INTO register (year, series, number, doc_type, symbol, signed_on, subject, signer, recipients, letter, cancelled_on, cancel_reason, issued_at, source, copies, department, answers, f_number, f_subject, f_body, f_people)
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 0, $13, $14, $15, $16, $17, $18, $19, $20)
                     ON CONFLICT DO NOTHING RETURNING id",
                    &[
                        &e.year,
                        &e.series,
                        &(e.number as i32),
                        &e.doc_type,
                        &e.symbol,
                        &e.signed_on.to_string(),
                        &e.subject,
                        &e.signer,
                        &recipients,
                        &e.letter.to_json(),
                        &cancelled_on,
                        &reason,
                        source,
                        &e.copies.map(|n| n as i32),
                        &register::drafting_unit(&e.letter),
                        &answers,
                        &searched(&format!("{:02} {}/{}", e.number, e.number, e.symbol)),
                        &searched(&format!("{} {}", e.doc_type, e.subject)),
                        &searched(&e.letter.body),
                        &searched(&format!("{} {recipients}", e.signer)),
                    ],
                )
                .map_err(fail)?;
            match inserted {
                Some(row) => {
                    taken += 1;
                    letters.insert(e.id, row.get::<_, i64>(0));
                }
                None => {
                    held += 1;
                    // The same number is the same letter on this server: a number is
                    // never given twice; what changed since is its cancellation.
                    if restoring {
                        let row = tx
                            .query_one(
                                "UPDATE register SET cancelled_on = COALESCE(cancelled_on, $4), cancel_reason = COALESCE(cancel_reason, $5)
                                 WHERE year = $1 AND series = $2 AND number = $3 RETURNING id",
                                &[&e.year, &e.series, &(e.number as i32), &cancelled_on, &reason],
                            )
                            .map_err(fail)?;
                        letters.insert(e.id, row.get::<_, i64>(0));
                    }
                }
            }
        }
        for r in fresh {
            let line = lines[&r.entry.id];
            for d in &r.deadlines {
                let closed_by = d.closed_by_line.and_then(|l| letters.get(&l));
                // A deadline the line holds already (restoring) is closed if it was since.
                let there = tx
                    .execute(
                        "UPDATE deadlines SET closed_on = COALESCE(closed_on, $4), closed_by = COALESCE(closed_by, $5)
                         WHERE incoming = $1 AND due_on IS NOT DISTINCT FROM $2 AND task = $3",
                        &[&line, &d.due_on, &d.task, &d.closed_on, &closed_by],
                    )
                    .map_err(fail)?;
                if there > 0 {
                    continue;
                }
                tx.execute(
                    "INSERT INTO deadlines (incoming, due_on, task, source, recurs, closed_on, closed_by)
                     VALUES ($1, $2, $3, $4, $5, $6, $7)",
                    &[
                        &line,
                        &d.due_on,
                        &d.task,
                        &d.source,
                        &d.recurs,
                        &d.closed_on,
                        &closed_by,
                    ],
                )
                .map_err(fail)?;
            }
        }
        tx.execute(
            "INSERT INTO series (year, series, next)
                 SELECT year, series, max(number) + 1 FROM register GROUP BY year, series
                 UNION ALL
                 SELECT year, $1, max(number) + 1 FROM incoming GROUP BY year
             ON CONFLICT (year, series) DO UPDATE SET next = GREATEST(series.next, excluded.next)",
            &[&INCOMING_SERIES],
        )
        .map_err(fail)?;
        tx.commit().map_err(fail)?;
        Ok((taken, held))
    }

    /// Writes the whole register database to `path` with the server's own `pg_dump`
    /// (its custom format, which `pg_restore` reads): into a file beside `path`, renamed
    /// into place once whole. Gives what it holds, in words.
    pub fn backup_to(&mut self, path: &Path) -> Result<String, Error> {
        let lines = self.register(&Filter::default())?;
        let pg_dump = pg_program("pg_dump").ok_or_else(|| {
            Error::Store(
                "không tìm thấy pg_dump (cài gói postgresql-client, hoặc đặt CONGVAN_PG_BIN là thư mục chứa nó)"
                    .into(),
            )
        })?;
        let shown = path.display().to_string();
        let tmp = path.with_extension("dang-ghi");
        let out = Command::new(&pg_dump)
            .args(["--format=custom", "--no-password", "--file"])
            .arg(&tmp)
            .arg(format!("--dbname={}", self.url))
            .output()
            .map_err(|e| Error::Store(format!("không chạy được {}: {e}", pg_dump.display())))?;
        if !out.status.success() {
            let _ = std::fs::remove_file(&tmp);
            return Err(Error::Store(format!(
                "{}: pg_dump không sao lưu được: {}",
                self.name,
                String::from_utf8_lossy(&out.stderr).trim()
            )));
        }
        std::fs::rename(&tmp, path).map_err(|e| {
            let _ = std::fs::remove_file(&tmp);
            Error::Io(format!("không ghi được {shown}: {e}"))
        })?;
        let cancelled = lines.iter().filter(|e| e.cancelled.is_some()).count();
        Ok(format!(
            "sổ văn bản đi trên máy chủ {}: {} số ({cancelled} đã hủy); khôi phục bằng pg_restore của máy chủ",
            self.name,
            lines.len()
        ))
    }

    /// Replaces the register database with the `pg_dump` backup at `path` through the
    /// server's own `pg_restore`, but for the registers, which only grow: every line given
    /// or received since the backup is put back after it (as `take_in` takes lines in),
    /// while issues and receipts wait. Gives how many lines were put back.
    pub fn restore_from(&mut self, path: &Path) -> Result<usize, Error> {
        let pg_restore = pg_program("pg_restore").ok_or_else(|| {
            Error::Store(
                "không tìm thấy pg_restore (cài gói postgresql-client, hoặc đặt CONGVAN_PG_BIN là thư mục chứa nó)"
                    .into(),
            )
        })?;
        if !std::fs::read(path).is_ok_and(|b| b.starts_with(b"PGDMP")) {
            return Err(Error::Import(format!(
                "{}: không phải bản sao lưu pg_dump của sổ trên máy chủ",
                path.display()
            )));
        }
        self.ensure()?;
        let name = self.name.clone();
        self.client
            .execute("SELECT pg_advisory_lock($1)", &[&RESTORE_LOCK])
            .map_err(|e| failed(&name, &e))?;
        let result = (|| {
            let now = self.registers_as_they_are()?;
            let out = Command::new(&pg_restore)
                .args([
                    "--clean",
                    "--if-exists",
                    "--single-transaction",
                    "--no-password",
                ])
                .arg(format!("--dbname={}", self.url))
                .arg(path)
                .output()
                .map_err(|e| {
                    Error::Store(format!("không chạy được {}: {e}", pg_restore.display()))
                })?;
            if !out.status.success() {
                return Err(Error::Store(format!(
                    "{name}: pg_restore không khôi phục được (sổ giữ nguyên): {}",
                    String::from_utf8_lossy(&out.stderr).trim()
                )));
            }
            self.migrate()?;
            let (taken, _) = self.put_in(&now, true)?;
            Ok(taken)
        })();
        let _ = self
            .client
            .execute("SELECT pg_advisory_unlock($1)", &[&RESTORE_LOCK]);
        result
    }

    /// Both registers as they are, with what is kept with each line, to be put back after
    /// a restore.
    fn registers_as_they_are(&mut self) -> Result<Moved, Error> {
        let mut moved = Moved::default();
        for entry in self.register(&Filter::default())? {
            let source = self.source(entry.id)?;
            moved.lines.push((entry, source));
        }
        for entry in self.incoming(None, None)? {
            let id = entry.id;
            let text: Option<String> = self
                .client
                .query_one("SELECT text FROM incoming WHERE id = $1", &[&id])
                .map_err(|e| failed(&self.name, &e))?
                .get(0);
            let deadlines = self
                .client
                .query(
                    "SELECT due_on, task, source, recurs, closed_on, closed_by FROM deadlines WHERE incoming = $1 ORDER BY id",
                    &[&id],
                )
                .map_err(|e| failed(&self.name, &e))?
                .into_iter()
                .map(|r| MovedDeadline {
                    due_on: r.get(0),
                    task: r.get(1),
                    source: r.get(2),
                    recurs: r.get(3),
                    closed_on: r.get(4),
                    closed_by_line: r.get(5),
                })
                .collect();
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

    /// Gives the server's role `role` (a clerk who signs in with it) what `clerk` may do,
    /// in place of what it had: done by the owner of the register's tables.
    pub fn set_clerk(&mut self, role: &str, clerk: &Clerk) -> Result<(), Error> {
        self.ensure()?;
        let name = self.name.clone();
        let fail = |e: postgres::Error| failed(&name, &e);
        let quoted = format!("\"{}\"", role.replace('"', "\"\""));
        let mut tx = self.client.transaction().map_err(fail)?;
        tx.batch_execute(&format!(
            "REVOKE congvan_vanthu, congvan_drafter FROM {quoted}"
        ))
        .map_err(fail)?;
        tx.execute("DELETE FROM clerks WHERE role = $1", &[&role])
            .map_err(fail)?;
        match clerk {
            Clerk::VanThu => tx.batch_execute(&format!("GRANT congvan_vanthu TO {quoted}")),
            Clerk::Drafter(unit) => tx
                .batch_execute(&format!("GRANT congvan_drafter TO {quoted}"))
                .and_then(|()| {
                    tx.execute(
                        "INSERT INTO clerks (role, department) VALUES ($1, $2)",
                        &[&role, &unit.trim()],
                    )
                    .map(|_| ())
                }),
        }
        .map_err(fail)?;
        tx.commit().map_err(fail)
    }

    /// Records how many copies of line `id` were written.
    pub(crate) fn set_copies(&mut self, id: i64, copies: u32) -> Result<(), Error> {
        self.ensure()?;
        self.client
            .execute(
                "UPDATE register SET copies = $2 WHERE id = $1",
                &[&id, &(copies as i32)],
            )
            .map(|_| ())
            .map_err(|e| failed(&self.name, &e))
    }
}

impl Server {
    /// Enters a document received in the incoming register: the next số đến of the year it
    /// arrived, taken under the row lock of that year's series in the line's transaction,
    /// with what it came in when there is one (where from, its name, its bytes); a commit
    /// whose answer was lost is settled by the line's key.
    pub fn receive(
        &mut self,
        incoming: &Incoming,
        source: Option<(&str, &str, &[u8])>,
        now: i64,
    ) -> Result<IncomingEntry, Error> {
        if let Some((field, why)) = incoming.refusal() {
            return Err(Error::Data {
                what: "sổ văn bản đến".into(),
                message: why,
                field: Some(field.to_string()),
            });
        }
        self.ensure()?;
        let name = self.name.clone();
        let fail = |e: postgres::Error| failed(&name, &e);
        let year = incoming.year();
        let mut tx = self.client.transaction().map_err(fail)?;
        let (number, backend) = next_in(&mut tx, year, INCOMING_SERIES).map_err(fail)?;
        let i = incoming;
        let row = tx
            .query_one(
                "INSERT INTO incoming (year, number, received_on, author, number_symbol, doc_date, kind_and_subject, recipient, note, source, source_name, source_kind, created_at, f_number, f_subject, f_people)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
                 RETURNING id, client_key::text",
                &[
                    &year,
                    &number,
                    &i.received_on.to_string(),
                    &i.author.trim(),
                    &i.number_symbol.trim(),
                    &i.doc_date.map(|d| d.to_string()),
                    &i.kind_and_subject.trim(),
                    &i.recipient.trim(),
                    &i.note.trim(),
                    &source.map(|(_, _, bytes)| bytes),
                    &source.map(|(_, name, _)| name),
                    &source.map(|(kind, _, _)| kind),
                    &now,
                    &searched(&format!("{number:02} {}", i.number_symbol)),
                    &searched(&i.kind_and_subject),
                    &searched(&format!("{} {}", i.author, i.recipient)),
                ],
            )
            .map_err(fail)?;
        let (id, key): (i64, String) = (row.get(0), row.get(1));
        if let Err(e) = tx.commit() {
            let found = self.persisting(|s| {
                s.wait_gone(backend)?;
                s.incoming_by_key(&key)
            })?;
            return found.ok_or_else(|| {
                Error::Store(format!(
                    "{}: mất kết nối khi vào sổ đến ({}); văn bản chưa vào sổ, hãy vào sổ lại",
                    self.name,
                    reason(&e)
                ))
            });
        }
        self.persisting(|s| s.incoming(None, Some(id)))?
            .pop()
            .ok_or_else(|| {
                Error::Store(format!(
                    "{}: dòng {id} vừa ghi không đọc lại được",
                    self.name
                ))
            })
    }

    fn incoming_by_key(&mut self, key: &str) -> Result<Option<IncomingEntry>, Error> {
        let id: Option<i64> = self
            .client
            .query_opt(
                "SELECT id FROM incoming WHERE client_key = $1::text::uuid",
                &[&key],
            )
            .map_err(|e| failed(&self.name, &e))?
            .map(|r| r.get(0));
        match id {
            Some(id) => Ok(self.incoming(None, Some(id))?.pop()),
            None => Ok(None),
        }
    }

    /// The lines of the incoming register of `year` (all when none), or the one line `id`,
    /// in order, each with the outgoing letters that answered it.
    pub fn incoming(
        &mut self,
        year: Option<i32>,
        id: Option<i64>,
    ) -> Result<Vec<IncomingEntry>, Error> {
        self.ensure()?;
        let rows = self
            .client
            .query(
                "SELECT i.id, i.year, i.number, i.received_on, i.author, i.number_symbol, i.doc_date,
                        i.kind_and_subject, i.recipient, i.note, i.source IS NOT NULL,
                        (SELECT string_agg(congvan_two(r.number) || '/' || r.symbol, ', ' ORDER BY r.id)
                         FROM register r WHERE r.answers = i.id AND r.cancelled_on IS NULL),
                        i.passed_on, i.filed_on
                 FROM incoming i
                 WHERE ($1::integer IS NULL OR i.year = $1) AND ($2::bigint IS NULL OR i.id = $2)
                 ORDER BY i.year, i.number",
                &[&year, &id],
            )
            .map_err(|e| failed(&self.name, &e))?;
        let day = |s: Option<String>| s.and_then(|d| d.parse::<NaiveDate>().ok());
        rows.into_iter()
            .map(|r| {
                let id: i64 = r.get(0);
                let received = day(r.get(3)).ok_or_else(|| {
                    Error::Store(format!(
                        "{}: dòng {id} của sổ văn bản đến hỏng (ngày đến)",
                        self.name
                    ))
                })?;
                let answered: Option<String> = r.get(11);
                Ok(IncomingEntry {
                    id,
                    year: r.get(1),
                    number: r.get::<_, i32>(2) as u32,
                    incoming: Incoming {
                        received_on: received,
                        author: r.get(4),
                        number_symbol: r.get(5),
                        doc_date: day(r.get(6)),
                        kind_and_subject: r.get(7),
                        recipient: r.get(8),
                        note: r.get(9),
                    },
                    has_file: r.get(10),
                    answered_by: answered
                        .map(|a| a.split(", ").map(str::to_string).collect())
                        .unwrap_or_default(),
                    passed_on: day(r.get(12)),
                    filed_on: day(r.get(13)),
                })
            })
            .collect()
    }

    /// The line of the incoming register for the same document as `incoming`, when it was
    /// entered before.
    pub fn received_before(&mut self, incoming: &Incoming) -> Result<Option<IncomingEntry>, Error> {
        Ok(self
            .incoming(None, None)?
            .into_iter()
            .find(|e| e.incoming.same_document(incoming)))
    }

    /// What an incoming line was received in: where from, its name and its bytes.
    pub fn incoming_source(&mut self, id: i64) -> Result<Option<(String, String, Vec<u8>)>, Error> {
        self.ensure()?;
        Ok(self
            .client
            .query_opt(
                "SELECT COALESCE(source_kind, 'file'), COALESCE(source_name, ''), source
                 FROM incoming WHERE id = $1 AND source IS NOT NULL",
                &[&id],
            )
            .map_err(|e| failed(&self.name, &e))?
            .map(|r| (r.get(0), r.get(1), r.get(2))))
    }

    /// The id of the incoming line `number` of `year`, when there is one.
    pub fn incoming_id(&mut self, year: i32, number: u32) -> Result<Option<i64>, Error> {
        self.ensure()?;
        Ok(self
            .client
            .query_opt(
                "SELECT id FROM incoming WHERE year = $1 AND number = $2",
                &[&year, &(number as i32)],
            )
            .map_err(|e| failed(&self.name, &e))?
            .map(|r| r.get(0)))
    }

    /// Keeps the text of the file entered on incoming line `id`, for the search.
    pub fn keep_text(&mut self, id: i64, text: &str) -> Result<(), Error> {
        self.update(
            "UPDATE incoming SET text = $2, f_body = $3 WHERE id = $1",
            &[&id, &text, &searched(text)],
        )
    }

    /// Keeps what was verified of the digital signatures of the file on incoming line `id`.
    pub fn keep_signatures(&mut self, id: i64, signatures: &[Verified]) -> Result<(), Error> {
        let json = serde_json::to_string(signatures)
            .map_err(|e| Error::Store(format!("{}: {e}", self.name)))?;
        self.update(
            "UPDATE incoming SET signatures = $2 WHERE id = $1",
            &[&id, &json],
        )
    }

    /// The digital signatures of incoming line `id` as verified when it was received.
    pub fn signatures_of(&mut self, id: i64) -> Result<Vec<Verified>, Error> {
        self.ensure()?;
        let json: Option<String> = self
            .client
            .query_opt("SELECT signatures FROM incoming WHERE id = $1", &[&id])
            .map_err(|e| failed(&self.name, &e))?
            .and_then(|r| r.get(0));
        Ok(json
            .and_then(|j| serde_json::from_str(&j).ok())
            .unwrap_or_default())
    }

    /// Records the deadlines the document entered on incoming line `id` sets.
    pub fn keep_deadlines(&mut self, id: i64, deadlines: &[Deadline]) -> Result<(), Error> {
        self.ensure()?;
        let name = self.name.clone();
        let fail = |e: postgres::Error| failed(&name, &e);
        let mut tx = self.client.transaction().map_err(fail)?;
        for d in deadlines {
            tx.execute(
                "INSERT INTO deadlines (incoming, due_on, task, source, recurs) VALUES ($1, $2, $3, $4, $5)",
                &[&id, &d.date.map(|d| d.to_string()), &d.task, &d.source, &d.recurs],
            )
            .map_err(fail)?;
        }
        tx.commit().map_err(fail)
    }

    /// The open deadlines due on or before `until`, soonest first, with their lines.
    pub fn due(&mut self, until: NaiveDate) -> Result<Vec<Due>, Error> {
        self.ensure()?;
        let rows = self
            .client
            .query(
                "SELECT d.id, d.due_on, d.task, d.recurs, i.id, i.year, i.number, i.number_symbol, i.kind_and_subject, i.author
                 FROM deadlines d JOIN incoming i ON i.id = d.incoming
                 WHERE d.closed_on IS NULL AND d.due_on IS NOT NULL AND d.due_on <= $1
                 ORDER BY d.due_on, d.id",
                &[&until.to_string()],
            )
            .map_err(|e| failed(&self.name, &e))?;
        Ok(rows
            .into_iter()
            .map(|r| Due {
                id: r.get(0),
                due_on: r.get(1),
                task: r.get(2),
                recurs: r.get(3),
                incoming: r.get(4),
                incoming_number: format!("{:02}/{}", r.get::<_, i32>(6), r.get::<_, i32>(5)),
                number_symbol: r.get(7),
                subject: r.get(8),
                author: r.get(9),
                words: String::new(),
            })
            .collect())
    }

    /// Every deadline of incoming line `incoming`, open or closed, by day.
    pub fn deadlines_of(&mut self, incoming: i64) -> Result<Vec<DeadlineLine>, Error> {
        self.ensure()?;
        let rows = self
            .client
            .query(
                "SELECT d.id, d.incoming, d.due_on, d.task, d.source, d.recurs, d.closed_on,
                        (SELECT congvan_two(r.number) || '/' || r.symbol FROM register r WHERE r.id = d.closed_by)
                 FROM deadlines d WHERE d.incoming = $1
                 ORDER BY d.due_on IS NULL, d.due_on, d.id",
                &[&incoming],
            )
            .map_err(|e| failed(&self.name, &e))?;
        Ok(rows
            .into_iter()
            .map(|r| DeadlineLine {
                id: r.get(0),
                incoming: r.get(1),
                due_on: r.get(2),
                task: r.get(3),
                source: r.get(4),
                recurs: r.get(5),
                closed_on: r.get(6),
                closed_by: r.get(7),
            })
            .collect())
    }

    /// Adds a deadline set by hand on incoming line `incoming`; gives its id.
    pub fn add_deadline(
        &mut self,
        incoming: i64,
        due_on: NaiveDate,
        task: &str,
    ) -> Result<i64, Error> {
        self.line_exists(incoming)?;
        Ok(self
            .client
            .query_one(
                "INSERT INTO deadlines (incoming, due_on, task, source) VALUES ($1, $2, $3, '') RETURNING id",
                &[&incoming, &due_on.to_string(), &task.trim()],
            )
            .map_err(|e| failed(&self.name, &e))?
            .get(0))
    }

    /// Sets deadline `id`'s day and task.
    pub fn change_deadline(&mut self, id: i64, due_on: NaiveDate, task: &str) -> Result<(), Error> {
        self.one_deadline(
            "UPDATE deadlines SET due_on = $2, task = $3 WHERE id = $1",
            &[&id, &due_on.to_string(), &task.trim()],
            id,
        )
    }

    /// Closes deadline `id` on `on`, or opens it again when `on` is none.
    pub fn close_deadline(&mut self, id: i64, on: Option<NaiveDate>) -> Result<(), Error> {
        self.one_deadline(
            "UPDATE deadlines SET closed_on = $2, closed_by = NULL WHERE id = $1",
            &[&id, &on.map(|d| d.to_string())],
            id,
        )
    }

    fn one_deadline(
        &mut self,
        sql: &str,
        params: &[&(dyn postgres::types::ToSql + Sync)],
        id: i64,
    ) -> Result<(), Error> {
        self.ensure()?;
        let changed = self
            .client
            .execute(sql, params)
            .map_err(|e| failed(&self.name, &e))?;
        match changed {
            0 => Err(Error::NotFound(format!("không có thời hạn số {id}"))),
            _ => Ok(()),
        }
    }

    fn line_exists(&mut self, id: i64) -> Result<(), Error> {
        self.ensure()?;
        let there = self
            .client
            .query_opt("SELECT 1 FROM incoming WHERE id = $1", &[&id])
            .map_err(|e| failed(&self.name, &e))?
            .is_some();
        match there {
            true => Ok(()),
            false => Err(Error::NotFound(format!(
                "sổ văn bản đến không có dòng {id}"
            ))),
        }
    }

    fn update(
        &mut self,
        sql: &str,
        params: &[&(dyn postgres::types::ToSql + Sync)],
    ) -> Result<(), Error> {
        self.ensure()?;
        self.client
            .execute(sql, params)
            .map(|_| ())
            .map_err(|e| failed(&self.name, &e))
    }

    /// Records that incoming line `id` was passed on `on` to `to`.
    pub fn pass(&mut self, id: i64, to: &str, on: NaiveDate) -> Result<(), Error> {
        self.line_exists(id)?;
        self.update(
            "UPDATE incoming SET recipient = $2, passed_on = $3 WHERE id = $1",
            &[&id, &to.trim(), &on.to_string()],
        )
    }

    /// Records that incoming line `id` was filed on `on`, closing its open deadlines that
    /// day; or takes it back out when `on` is none.
    pub fn file(&mut self, id: i64, on: Option<NaiveDate>) -> Result<(), Error> {
        self.line_exists(id)?;
        let name = self.name.clone();
        let fail = |e: postgres::Error| failed(&name, &e);
        let day = on.map(|d| d.to_string());
        let mut tx = self.client.transaction().map_err(fail)?;
        tx.execute(
            "UPDATE incoming SET filed_on = $2 WHERE id = $1",
            &[&id, &day],
        )
        .map_err(fail)?;
        if day.is_some() {
            tx.execute(
                "UPDATE deadlines SET closed_on = $2 WHERE incoming = $1 AND closed_on IS NULL",
                &[&id, &day],
            )
            .map_err(fail)?;
        }
        tx.commit().map_err(fail)
    }

    /// What a year's statistics are counted from (as `Store::year_facts`).
    pub(crate) fn year_facts(&mut self, year: i32) -> Result<YearFacts, Error> {
        self.ensure()?;
        let name = self.name.clone();
        let mut rows = |sql: &str| -> Result<Vec<(String, String, String)>, Error> {
            Ok(self
                .client
                .query(sql, &[&year])
                .map_err(|e| failed(&name, &e))?
                .into_iter()
                .map(|r| (r.get(0), r.get(1), r.get(2)))
                .collect())
        };
        Ok(YearFacts::from_rows(
            rows("SELECT received_on, kind_and_subject, number_symbol FROM incoming WHERE year = $1")?,
            rows("SELECT signed_on, doc_type, '' FROM register WHERE year = $1 AND cancelled_on IS NULL")?,
            rows("SELECT due_on, COALESCE(closed_on, ''), '' FROM deadlines
             WHERE due_on >= ($1::integer)::text || '-01-01' AND due_on <= ($1::integer)::text || '-12-31'")?,
        ))
    }

    /// The lines of both registers that hold every word of `query` at a word's beginning
    /// (marks and case aside), dated from `from` to `to` when given, the best first (the
    /// number, then the subject, the people, the body), at most `limit`.
    pub fn search(
        &mut self,
        query: &str,
        from: Option<NaiveDate>,
        to: Option<NaiveDate>,
        limit: usize,
    ) -> Result<Vec<Found>, Error> {
        let words: Vec<String> = search_words(query)
            .into_iter()
            .take(16)
            .map(|w| format!("{w}:*"))
            .collect();
        if words.is_empty() {
            return Ok(Vec::new());
        }
        self.ensure()?;
        // Every word at a word's beginning, through the index; ranked by where the words
        // are in the number, subject and people (ts_rank's weights, D to A: none there,
        // people, subject, number), the body's lines after.
        let rows = self
            .client
            .query(
                "WITH q AS (SELECT to_tsquery('simple', $1) AS q)
                 SELECT kind, id, day, shown, subject, who FROM (
                    SELECT 'di' AS kind, r.id, r.signed_on AS day, congvan_two(r.number) || '/' || r.symbol AS shown,
                           r.doc_type || ': ' || r.subject AS subject, r.signer AS who,
                           ts_rank('{0.1, 0.2, 0.5, 1.0}', r.head, q.q) AS rank
                    FROM register r, q
                    WHERE r.found @@ q.q AND ($2::text IS NULL OR r.signed_on >= $2) AND ($3::text IS NULL OR r.signed_on <= $3)
                    UNION ALL
                    SELECT 'den', i.id, COALESCE(i.doc_date, i.received_on), i.number_symbol, i.kind_and_subject, i.author,
                           ts_rank('{0.1, 0.2, 0.5, 1.0}', i.head, q.q)
                    FROM incoming i, q
                    WHERE i.found @@ q.q
                      AND ($2::text IS NULL OR COALESCE(i.doc_date, i.received_on) >= $2)
                      AND ($3::text IS NULL OR COALESCE(i.doc_date, i.received_on) <= $3)
                 ) lines
                 ORDER BY rank DESC, day DESC, kind, id
                 LIMIT $4",
                &[
                    &words.join(" & "),
                    &from.map(|d| d.to_string()),
                    &to.map(|d| d.to_string()),
                    &(limit as i64),
                ],
            )
            .map_err(|e| failed(&self.name, &e))?;
        Ok(rows
            .into_iter()
            .map(|r| Found {
                register: r.get(0),
                line: r.get(1),
                day: r.get(2),
                number: r.get(3),
                subject: r.get(4),
                who: r.get(5),
            })
            .collect())
    }
}

/// Takes the next number of `series` for `year` under the series' row lock, held until
/// the transaction ends; gives it with the server process that holds the lock.
fn next_in(
    tx: &mut postgres::Transaction,
    year: i32,
    series: &str,
) -> Result<(i32, i32), postgres::Error> {
    tx.execute("SELECT pg_advisory_xact_lock_shared($1)", &[&RESTORE_LOCK])?;
    tx.execute(
        "INSERT INTO series (year, series, next) VALUES ($1, $2, 1) ON CONFLICT DO NOTHING",
        &[&year, &series],
    )?;
    let row = tx.query_one(
        "UPDATE series SET next = next + 1 WHERE year = $1 AND series = $2
         RETURNING next - 1, pg_backend_pid()",
        &[&year, &series],
    )?;
    Ok((row.get(0), row.get(1)))
}

/// The words of `text` as the search finds them: folded as the reader folds (lower case,
/// no marks), letters and digits only, each after a space.
fn searched(text: &str) -> String {
    search_words(text)
        .into_iter()
        .map(|w| format!(" {w}"))
        .collect()
}

/// Where a program of PostgreSQL's is: in CONGVAN_PG_BIN, on PATH, in Debian's
/// /usr/lib/postgresql/VERSION/bin or Windows' Program Files\PostgreSQL\VERSION\bin (the
/// newest version).
fn pg_program(name: &str) -> Option<PathBuf> {
    let exe = format!("{name}{}", std::env::consts::EXE_SUFFIX);
    if let Some(dir) = std::env::var_os("CONGVAN_PG_BIN") {
        return Some(PathBuf::from(dir).join(&exe)).filter(|p| p.is_file());
    }
    let on_path = std::env::var_os("PATH")
        .map(|p| {
            std::env::split_paths(&p)
                .map(|d| d.join(&exe))
                .collect::<Vec<_>>()
        })
        .unwrap_or_default();
    let roots = [
        PathBuf::from("/usr/lib/postgresql"),
        PathBuf::from(std::env::var_os("ProgramFiles").unwrap_or_default()).join("PostgreSQL"),
    ];
    let mut versions: Vec<PathBuf> = roots
        .iter()
        .filter_map(|r| std::fs::read_dir(r).ok())
        .flatten()
        .flatten()
        .map(|e| e.path().join("bin").join(&exe))
        .collect();
    versions.sort_by_key(|p| {
        p.parent()
            .and_then(Path::parent)
            .and_then(Path::file_name)
            .and_then(|v| v.to_string_lossy().parse::<u32>().ok())
    });
    on_path
        .into_iter()
        .chain(versions.into_iter().rev())
        .find(|p| p.is_file())
}

/// Whether `db` names a server rather than a file: "postgres://…" or "postgresql://…".
pub fn is_server(db: &str) -> bool {
    db.starts_with("postgres://") || db.starts_with("postgresql://")
}

/// The name the app's passwords are kept under in the OS keyring (Windows Credential
/// Manager; the Secret Service on Linux), each under its server's URL.
const KEYRING_SERVICE: &str = "congvan";

/// The password the OS keyring keeps for the server at `url`, when it keeps one; a keyring
/// out of reach (no Secret Service in this Linux session) keeps none.
pub fn kept_password(url: &str) -> Option<String> {
    keyring::Entry::new(KEYRING_SERVICE, url)
        .and_then(|e| e.get_password())
        .ok()
}

/// Keeps `password` for the server at `url` in the OS keyring; gives the keyring's reason
/// when it does not.
pub fn keep_password(url: &str, password: &str) -> Result<(), String> {
    keyring::Entry::new(KEYRING_SERVICE, url)
        .and_then(|e| e.set_password(password))
        .map_err(|e| e.to_string())
}

/// The URL as it may be shown: its password hidden.
fn shown(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            let credentials = &url[scheme + 3..at];
            match credentials.split_once(':') {
                Some((user, _)) => format!("{}{user}:***{}", &url[..scheme + 3], &url[at..]),
                None => url.to_string(),
            }
        }
        _ => url.to_string(),
    }
}

/// "congvan@127.0.0.1:5432/congvan".
/// The server at `url` as the clerk is shown it, before connecting: its URL when it does
/// not parse, with any password hidden.
pub(super) fn name_of(url: &str) -> String {
    match url.parse::<Config>() {
        Ok(config) => named(&config),
        Err(_) => shown(url),
    }
}

fn named(config: &Config) -> String {
    let host = match config.get_hosts().first() {
        Some(postgres::config::Host::Tcp(h)) => h.clone(),
        #[cfg(unix)]
        Some(postgres::config::Host::Unix(p)) => p.display().to_string(),
        None => "localhost".into(),
    };
    let port = config.get_ports().first().copied().unwrap_or(5432);
    format!(
        "{}@{host}:{port}/{}",
        config.get_user().unwrap_or(""),
        config.get_dbname().unwrap_or("")
    )
}

/// The user a URL without one connects as: the system's.
fn whoami_user() -> String {
    std::env::var("USER")
        .or_else(|_| std::env::var("USERNAME"))
        .unwrap_or_else(|_| "congvan".into())
}

fn unreachable(name: &str, e: &postgres::Error) -> Error {
    let why = reason(e);
    // The driver says so in English when the server asks a password it was not given.
    if why.contains("password missing") {
        return Error::Store(format!(
            "máy chủ sổ {name} hỏi mật khẩu: hãy nhập mật khẩu ở Hồ sơ đơn vị → Máy chủ sổ (giữ trong kho khóa của hệ điều hành), hoặc đặt biến môi trường PGPASSWORD"
        ));
    }
    Error::Store(format!("không kết nối được máy chủ sổ {name}: {why}"))
}

/// True when `e` refuses a change of the tables to a role that does not own them.
fn owner_needed(e: &postgres::Error) -> bool {
    e.code() == Some(&postgres::error::SqlState::INSUFFICIENT_PRIVILEGE)
}

fn failed(name: &str, e: &postgres::Error) -> Error {
    if e.code() == Some(&postgres::error::SqlState::INSUFFICIENT_PRIVILEGE) {
        let user = name.split('@').next().unwrap_or(name);
        return Error::Store(format!(
            "{user} không có quyền làm việc này trên máy chủ sổ {name}: chỉ văn thư được cấp số, hủy số ({})",
            reason(e)
        ));
    }
    if e.is_closed() {
        return Error::Store(format!("mất kết nối với máy chủ sổ {name}: {}", reason(e)));
    }
    Error::Store(format!("máy chủ sổ {name}: {}", reason(e)))
}

/// What went wrong, as the server or the driver says it, with its cause.
fn reason(e: &postgres::Error) -> String {
    match (e.as_db_error(), std::error::Error::source(e)) {
        (Some(db), _) => db.message().to_string(),
        (None, Some(source)) => format!("{e}: {source}"),
        (None, None) => e.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_servers_url_is_told_from_a_file_and_shown_without_its_password() {
        assert!(is_server("postgres://vt@may-chu/congvan"));
        assert!(is_server("postgresql://vt@may-chu/congvan"));
        assert!(!is_server("/home/vt/congvan.db"));
        assert_eq!(
            shown("postgres://vt:bi-mat@may-chu:5432/congvan"),
            "postgres://vt:***@may-chu:5432/congvan"
        );
        assert_eq!(
            shown("postgres://vt@may-chu/congvan"),
            "postgres://vt@may-chu/congvan"
        );
        let config: Config = "postgres://vt:x@10.0.0.5:5433/congvan".parse().unwrap();
        assert_eq!(named(&config), "vt@10.0.0.5:5433/congvan");
    }

    #[test]
    fn a_server_that_is_not_there_is_named() {
        let e = match Server::connect("postgres://vt@127.0.0.1:1/congvan") {
            Err(e) => e.to_string(),
            Ok(_) => panic!("connected to port 1"),
        };
        assert!(
            e.starts_with("không kết nối được máy chủ sổ vt@127.0.0.1:1/congvan"),
            "{e}"
        );
        let e = match Server::connect("postgres://vt@[bad") {
            Err(e) => e.to_string(),
            Ok(_) => panic!("a bad URL connected"),
        };
        assert!(e.starts_with("địa chỉ máy chủ sổ không hợp lệ"), "{e}");
    }
}
