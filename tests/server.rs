//! Numbers under concurrency and faults: ten writers issuing sixty letters each, some
//! rolled back after taking their number, on the office's PostgreSQL server (a server of
//! the test's own, its backends killed every half second and the server restarted once
//! as a crash would) and on the SQLite file alike. The register must hold exactly 1..N,
//! no gap, no duplicate, every issue acknowledged present and nothing else.

// Tests and benches read and write their own files and time themselves (clippy.toml).
#![allow(clippy::disallowed_methods)]
// The server of the test's own is made with Unix tools (initdb, pg_ctl, runuser).
#![cfg(unix)]

mod common;

use std::collections::BTreeSet;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use chrono::NaiveDate;
use congvan::desk::store::Store;
use congvan::desk::{Clerk, Server};
use congvan::error::Error;
use congvan::issue::register::Filter;
use congvan::Letter;

const WRITERS: usize = 10;
const ISSUES: usize = 60;

fn day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2024, 5, 20).unwrap()
}

/// What the writers issue through: the server, or the SQLite file.
trait Numbers: Send {
    /// Issues a letter, rolled back after taking its number when `roll_back`; gives the
    /// number when the issue was acknowledged.
    fn take(&mut self, letter: &Letter, roll_back: bool) -> Result<u32, Error>;
    /// The numbers of the register's lines.
    fn numbers(&mut self) -> Vec<u32>;
}

fn made(roll_back: bool) -> Result<(), Error> {
    match roll_back {
        true => Err(Error::Io("bỏ giữa chừng".into())),
        false => Ok(()),
    }
}

impl Numbers for Server {
    fn take(&mut self, letter: &Letter, roll_back: bool) -> Result<u32, Error> {
        let made = self.issue_and_make(letter, day(), "chung", None, 0, |_| made(roll_back))?;
        Ok(made.0.number)
    }
    fn numbers(&mut self) -> Vec<u32> {
        self.register(&Filter::default())
            .unwrap()
            .iter()
            .map(|e| e.number)
            .collect()
    }
}

impl Numbers for Store {
    fn take(&mut self, letter: &Letter, roll_back: bool) -> Result<u32, Error> {
        let made = self.issue_and_make(letter, day(), "chung", 0, |_| made(roll_back))?;
        Ok(made.0.number)
    }
    fn numbers(&mut self) -> Vec<u32> {
        self.register(&Filter::default())
            .unwrap()
            .iter()
            .map(|e| e.number)
            .collect()
    }
}

/// Runs the writers, each with its own connection from `open`, while `trouble` makes
/// trouble until they are done; checks the register read through `open`.
/// Gives how many times a writer had to try again.
fn writers_under_trouble<N: Numbers + 'static>(
    open: impl Fn() -> N + Send + Sync + 'static,
    trouble: impl FnOnce(&AtomicBool) + Send + 'static,
) -> usize {
    let open = Arc::new(open);
    let done = Arc::new(AtomicBool::new(false));
    let troubling = {
        let done = done.clone();
        std::thread::spawn(move || trouble(&done))
    };
    let writers: Vec<_> = (0..WRITERS)
        .map(|w| {
            let open = open.clone();
            std::thread::spawn(move || {
                let mut numbers = open();
                let mut acknowledged = Vec::new();
                let mut again = 0;
                for i in 0..ISSUES {
                    let roll_back = (w + i) % 10 == 3;
                    let mut tries = 0;
                    loop {
                        match numbers.take(&common::drafted(), roll_back) {
                            Ok(n) => {
                                acknowledged.push(n);
                                break;
                            }
                            // Rolled back on purpose: nothing to try again.
                            Err(Error::Io(_)) if roll_back => break,
                            // A connection cut before its commit: nothing was issued.
                            Err(e) => {
                                tries += 1;
                                again += 1;
                                assert!(tries < 100, "writer {w}, issue {i}: {e}");
                                std::thread::sleep(Duration::from_millis(20));
                            }
                        }
                    }
                }
                (acknowledged, again)
            })
        })
        .collect();
    let mut acknowledged = Vec::new();
    let mut again = 0;
    for w in writers {
        let (numbers, tries) = w.join().unwrap();
        acknowledged.extend(numbers);
        again += tries;
    }
    done.store(true, Ordering::SeqCst);
    troubling.join().unwrap();
    let mut numbers = open().numbers();
    numbers.sort_unstable();
    let n = numbers.len() as u32;
    assert_eq!(numbers, (1..=n).collect::<Vec<_>>(), "a gap or a duplicate");
    let distinct: BTreeSet<u32> = acknowledged.iter().copied().collect();
    assert_eq!(
        distinct.len(),
        acknowledged.len(),
        "a number acknowledged twice"
    );
    assert_eq!(
        acknowledged.len(),
        numbers.len(),
        "every line acknowledged, every acknowledged issue in the register"
    );
    let rolled_back = (0..WRITERS)
        .flat_map(|w| (0..ISSUES).map(move |i| (w + i) % 10 == 3))
        .filter(|r| *r)
        .count();
    assert_eq!(numbers.len(), WRITERS * ISSUES - rolled_back);
    again
}

#[test]
fn on_the_server_numbers_stay_consecutive_through_killed_backends_and_a_restart() {
    let server = Arc::new(common::postgres::Postgres::start("numbers"));
    let url = server.url();
    Server::connect(&url).unwrap();
    let open = {
        let url = url.clone();
        move || Server::connect(&url).unwrap()
    };
    // The test keeps the server running after the trouble is over, to read the register.
    let kept = server.clone();
    let trouble = move |done: &AtomicBool| {
        let mut killer: Option<postgres::Client> = None;
        let mut rounds = 0;
        while !done.load(Ordering::SeqCst) {
            std::thread::sleep(Duration::from_millis(500));
            rounds += 1;
            if rounds == 2 {
                killer = None;
                server.restart();
                continue;
            }
            if killer.as_ref().is_none_or(|k| k.is_closed()) {
                killer = postgres::Client::connect(&url, postgres::NoTls).ok();
            }
            if let Some(k) = killer.as_mut() {
                let _ = k.execute(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity
                     WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()",
                    &[],
                );
            }
        }
        assert!(
            rounds >= 2,
            "the writers were done before the server restarted"
        );
    };
    let again = writers_under_trouble(open, trouble);
    assert!(
        again > 0,
        "no writer lost its connection: the trouble did not reach them"
    );
    drop(kept);
}

#[test]
fn on_the_sqlite_file_numbers_stay_consecutive_under_the_same_writers() {
    let db = common::fresh_dir("numbers-sqlite").join("congvan.db");
    Store::open(&db).unwrap();
    writers_under_trouble(move || Store::open(&db).unwrap(), |_| {});
}

#[test]
fn a_drafter_sees_her_units_lines_and_only_the_van_thu_numbers() {
    let postgres = common::postgres::Postgres::start("roles");
    let mut owner = Server::connect(&postgres.url()).unwrap();
    let mut admin = postgres::Client::connect(&postgres.url(), postgres::NoTls).unwrap();
    admin
        .batch_execute("CREATE ROLE vanthu LOGIN; CREATE ROLE tochuc LOGIN;")
        .unwrap();
    owner.set_clerk("vanthu", &Clerk::VanThu).unwrap();
    owner
        .set_clerk("tochuc", &Clerk::Drafter("TC".into()))
        .unwrap();
    let mut van_thu = Server::connect(&postgres.url_as("vanthu")).unwrap();
    let mut drafter = Server::connect(&postgres.url_as("tochuc")).unwrap();
    let kept_at = |unit: &str| {
        let mut letter = common::drafted();
        *letter.distribution.last_mut().unwrap() = format!("Lưu: VT, {unit}.");
        letter
    };
    for unit in ["TC", "VP", "TC"] {
        van_thu
            .issue_and_make(&kept_at(unit), day(), "chung", None, 0, |_| Ok(()))
            .unwrap();
    }
    let lines = |s: &mut Server| -> Vec<u32> {
        s.register(&Filter::default())
            .unwrap()
            .iter()
            .map(|e| e.number)
            .collect()
    };
    assert_eq!(lines(&mut van_thu), [1, 2, 3]);
    assert_eq!(lines(&mut owner), [1, 2, 3]);
    // The server, not the app, keeps the drafter to her unit's lines.
    assert_eq!(lines(&mut drafter), [1, 3]);
    let refused = drafter
        .issue_and_make(&kept_at("TC"), day(), "chung", None, 0, |_| Ok(()))
        .unwrap_err()
        .to_string();
    assert!(
        refused.starts_with("tochuc không có quyền làm việc này trên máy chủ sổ"),
        "{refused}"
    );
    let first = van_thu.register(&Filter::default()).unwrap()[0].id;
    assert!(drafter.cancel(first, day(), "sai").is_err());
    van_thu.cancel(first, day(), "sai").unwrap();
    // Moved to another unit, she sees its lines instead.
    owner
        .set_clerk("tochuc", &Clerk::Drafter("VP".into()))
        .unwrap();
    assert_eq!(lines(&mut drafter), [2]);
}
