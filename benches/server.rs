//! Taking a number on the office's PostgreSQL server (a server of the bench's own on
//! 127.0.0.1, idle but for this client): the whole issue of a letter, the series' row
//! locked, the line written and committed (target: p99 at most 100 ms). Criterion times
//! the mean; the 99th percentile of 500 single issues is printed after it. Run with
//! `cargo bench -p congvan --bench server`.

// Tests and benches read and write their own files and time themselves (clippy.toml).
#![allow(clippy::disallowed_methods)]

#[cfg(unix)]
#[path = "../tests/common/mod.rs"]
mod common;

#[cfg(unix)]
use std::time::{Duration, Instant};

#[cfg(unix)]
use chrono::NaiveDate;
#[cfg(unix)]
use criterion::{criterion_group, criterion_main, Criterion};

#[cfg(unix)]
use congvan::desk::Server;
#[cfg(unix)]
use congvan::Letter;

#[cfg(unix)]
fn issue(server: &mut Server, letter: &Letter) {
    let day = NaiveDate::from_ymd_opt(2024, 5, 20).unwrap();
    server
        .issue_and_make(letter, day, "chung", None, 0, |_| Ok(()))
        .unwrap();
}

#[cfg(unix)]
fn numbers(c: &mut Criterion) {
    let postgres = common::postgres::Postgres::start("bench");
    let mut server = Server::connect(&postgres.url()).unwrap();
    let letter = common::drafted();
    let mut times: Vec<Duration> = (0..500)
        .map(|_| {
            let started = Instant::now();
            issue(&mut server, &letter);
            started.elapsed()
        })
        .collect();
    times.sort();
    println!(
        "taking a number on the server: median {:.2} ms, p99 {:.2} ms over {} issues",
        times[times.len() / 2].as_secs_f64() * 1e3,
        times[times.len() * 99 / 100].as_secs_f64() * 1e3,
        times.len()
    );
    c.bench_function("take a number on the server", |b| {
        b.iter(|| issue(&mut server, &letter))
    });
    // The search over 10,000 lines of each register, as benches/search.rs on SQLite.
    let searched = common::postgres::Postgres::start("bench-search");
    let mut filled = Server::connect(&searched.url()).unwrap();
    filled.take_in(&ten_thousand()).unwrap();
    for query in ["ke hoach thi dua", "1062/KH-UBND"] {
        c.bench_function(&format!("search the server: {query}"), |b| {
            b.iter(|| filled.search(query, None, None, 50).unwrap())
        });
    }
}

/// 10,000 letters issued and 10,000 documents received, their subjects varied.
#[cfg(unix)]
fn ten_thousand() -> congvan::desk::store::Moved {
    use congvan::desk::store::{Moved, MovedIncoming};
    use congvan::desk::Incoming;
    use congvan::issue::incoming::IncomingEntry;
    const TOPICS: &[&str] = &[
        "triển khai Kế hoạch phát động phong trào thi đua",
        "tổ chức Tháng Công nhân năm",
        "hướng dẫn tổ chức đại hội công đoàn cơ sở nhiệm kỳ",
        "báo cáo kết quả thực hiện Nghị quyết",
        "chăm lo Tết cho đoàn viên, người lao động",
    ];
    let mut store = congvan::desk::store::Store::in_memory().unwrap();
    let day = NaiveDate::from_ymd_opt(2024, 5, 20).unwrap();
    let mut moved = Moved::default();
    let mut letter = common::drafted();
    for k in 0..10_000usize {
        letter.number = None;
        letter.subject = format!("{} {}", TOPICS[k % TOPICS.len()], 2000 + k % 25);
        let entry = store.issue(&letter, day, "chung", 0).unwrap();
        moved.lines.push((entry, None));
        moved.received.push(MovedIncoming {
            entry: IncomingEntry {
                id: k as i64,
                year: 2024,
                number: k as u32 + 1,
                incoming: Incoming {
                    received_on: day,
                    author: format!("Sở Nội vụ tỉnh số {}", k % 63),
                    number_symbol: format!("{}/KH-UBND", 1000 + k),
                    doc_date: Some(day),
                    kind_and_subject: format!("Kế hoạch {}", TOPICS[(k + 2) % TOPICS.len()]),
                    recipient: String::new(),
                    note: String::new(),
                },
                has_file: false,
                answered_by: Vec::new(),
                passed_on: None,
                filed_on: None,
            },
            source: None,
            text: None,
            signatures: Vec::new(),
            deadlines: Vec::new(),
        });
    }
    moved
}

#[cfg(unix)]
criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(50);
    targets = numbers
}
#[cfg(unix)]
criterion_main!(benches);

// The server of the bench's own is made with Unix tools (initdb, pg_ctl).
#[cfg(not(unix))]
fn main() {}
