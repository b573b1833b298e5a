//! The outgoing register on the office's PostgreSQL server, for an office where several
//! clerks draft and one văn thư numbers: ND30 wants one register per series for the whole
//! organisation, its numbers consecutive and unique, which a SQLite file on a share cannot
//! promise (its WAL does not work over a network file system).
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

use chrono::Datelike;
use postgres::{Client, Config, NoTls};

use super::store::{issue_refusal, line_words_of, RawEntry};
use crate::error::Error;
use crate::issue::register::{self, Entry, Filter};
use crate::model::Letter;

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
];

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
            tx.batch_execute(sql).map_err(fail)?;
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
        if !self.client.is_closed() {
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
        tx.execute(
            "INSERT INTO series (year, series, next) VALUES ($1, $2, 1) ON CONFLICT DO NOTHING",
            &[&year, &series],
        )
        .map_err(fail)?;
        // The row lock on the series is held until the commit: the next clerk waits here.
        let row = tx
            .query_one(
                "UPDATE series SET next = next + 1 WHERE year = $1 AND series = $2
                 RETURNING next - 1, pg_backend_pid()",
                &[&year, &series],
            )
            .map_err(fail)?;
        let (number, backend): (i32, i32) = (row.get(0), row.get(1));
        let issued = register::issued(letter, number as u32, signed_on);
        let made = make(&issued)?;
        let (signer, recipients) = line_words_of(&issued);
        let row = tx
            .query_one(
                "INSERT INTO register (year, series, number, doc_type, symbol, signed_on, subject, signer, recipients, letter, issued_at, source, department)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
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
    /// long as a server takes to restart: what it reads is known to be there, so a
    /// failure is taken for the connection's.
    fn persisting<T>(
        &mut self,
        mut read: impl FnMut(&mut Server) -> Result<T, Error>,
    ) -> Result<T, Error> {
        let started = Instant::now();
        loop {
            self.ensure()?;
            match read(self) {
                Err(_) if started.elapsed() < RECONNECT_FOR => {
                    std::thread::sleep(Duration::from_millis(50))
                }
                answer => return answer,
            }
        }
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
                "SELECT id, year, series, number, doc_type, symbol, signed_on, subject, signer,
                        recipients, letter, cancelled_on, cancel_reason, copies
                 FROM register
                 WHERE ($1::integer IS NULL OR year = $1) AND ($2::bigint IS NULL OR id = $2)
                 ORDER BY year, series, number",
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
                    answers: None,
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

    /// Takes in the lines of a register kept until now on a PC (`lines`, each with the file
    /// a copy copies), their numbers and cancellations as they are, in one transaction;
    /// each series then goes on after its highest number. A line whose number the server
    /// already holds is left as the server has it. Gives how many lines were taken in and
    /// how many the server already held.
    pub fn take_in(&mut self, lines: &[(Entry, Option<Vec<u8>>)]) -> Result<(usize, usize), Error> {
        self.ensure()?;
        let name = self.name.clone();
        let fail = |e: postgres::Error| failed(&name, &e);
        let mut tx = self.client.transaction().map_err(fail)?;
        let mut taken = 0;
        for (e, source) in lines {
            let recipients = serde_json::to_string(&e.recipients).expect("strings serialise");
            let cancelled_on = e.cancelled.as_ref().map(|c| c.on.to_string());
            let reason = e.cancelled.as_ref().map(|c| c.reason.clone());
            taken += tx
                .execute(
                    "INSERT INTO register (year, series, number, doc_type, symbol, signed_on, subject, signer, recipients, letter, cancelled_on, cancel_reason, issued_at, source, copies, department)
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 0, $13, $14, $15)
                     ON CONFLICT DO NOTHING",
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
                    ],
                )
                .map_err(fail)? as usize;
        }
        tx.execute(
            "INSERT INTO series (year, series, next)
                 SELECT year, series, max(number) + 1 FROM register GROUP BY year, series
             ON CONFLICT (year, series) DO UPDATE SET next = GREATEST(series.next, excluded.next)",
            &[],
        )
        .map_err(fail)?;
        tx.commit().map_err(fail)?;
        Ok((taken, lines.len() - taken))
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
    Error::Store(format!(
        "không kết nối được máy chủ sổ {name}: {}",
        reason(e)
    ))
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
