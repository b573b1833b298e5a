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
