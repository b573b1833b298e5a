//! A clerk's worst day: hostile and broken files (built here, see `hostile/files.rs`)
//! given to the reader, the sao y and the drafting of the command-line tool. Each ends
//! with exit 0 or 1 and a message saying what it refused, within a time and under 500 MB
//! of memory, and a refused copy spends no number.
//!
//! The processor time allowed is 2 s for a release build (`cargo test --release --test
//! hostile`) and five times that for the debug build the suite runs; `scripts/hostile` measures the
//! release tool on the same files with `/usr/bin/time -v`. The memory counted includes
//! what this test held when it started the tool (Linux counts the pages a child starts
//! with), so it is an upper bound; the files are built small for that reason.

// Tests and benches read and write their own files and time themselves (clippy.toml).
#![allow(clippy::disallowed_methods)]
// Measures the tool with Linux's wait4 and its memory accounting: Linux only (README).
#![cfg(not(windows))]

#[path = "../../tests/common/mod.rs"]
mod common;
#[path = "hostile/files.rs"]
mod files;

use std::path::Path;
use std::time::{Duration, Instant};

use files::Use;

/// The most memory a case may take.
const MAX_MEMORY_MB: u64 = 500;

/// The most processor time a case may take.
fn time_allowed() -> Duration {
    match cfg!(debug_assertions) {
        true => Duration::from_secs(10),
        false => Duration::from_secs(2),
    }
}

/// How a run of the tool ended: its exit status, what it said, the processor time it
/// spent and its peak memory.
struct Run {
    code: i32,
    stdout: String,
    stderr: String,
    time: Duration,
    peak_mb: u64,
}

/// Runs the tool with `args`, measuring its processor time (user and system, all threads)
/// and peak memory (`wait4`); a run past a minute on the clock is killed and fails the
/// test. Processor time, not the clock's: a machine busy with builds beside the test
/// stretches the clock's time of the same work.
fn run(args: &[&str], data: &Path) -> Run {
    use std::os::unix::process::ExitStatusExt;
    let out = data.join("out.txt");
    let err = data.join("err.txt");
    let started = Instant::now();
    // Waited for below with `wait4`, which also gives its peak memory.
    #[allow(clippy::zombie_processes)]
    let child = std::process::Command::new(common::tool())
        .args(args)
        .env("CONGVAN_DATA_DIR", data)
        .stdout(std::fs::File::create(&out).unwrap())
        .stderr(std::fs::File::create(&err).unwrap())
        .spawn()
        .unwrap();
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    loop {
        // SAFETY: `pid` is this test's child, not yet waited for; the pointers are to locals.
        let done = unsafe { libc::wait4(pid, &mut status, libc::WNOHANG, &mut usage) };
        if done == pid {
            break;
        }
        assert!(done == 0, "wait4 failed for {args:?}");
        if started.elapsed() > Duration::from_secs(60) {
            // SAFETY: the child is still ours and running.
            unsafe { libc::kill(pid, libc::SIGKILL) };
            panic!("{args:?} still running after a minute");
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    let status = std::process::ExitStatus::from_raw(status);
    Run {
        code: status.code().unwrap_or(-1),
        stdout: std::fs::read_to_string(&out).unwrap_or_default(),
        stderr: std::fs::read_to_string(&err).unwrap_or_default(),
        time: cpu(usage.ru_utime) + cpu(usage.ru_stime),
        peak_mb: usage.ru_maxrss as u64 / 1024,
    }
}

/// A `timeval` of `rusage` as a duration.
fn cpu(t: libc::timeval) -> Duration {
    Duration::new(t.tv_sec as u64, t.tv_usec as u32 * 1000)
}

/// What a case must end in, for a use: the exit status, and words of what it said.
fn expected(file: &str, used: Use) -> (i32, &'static str) {
    match (file, used) {
        ("footnote-bomb.docx", _) => (1, "văn bản quá dài"),
        ("lt-flood.txt" | "amp-flood.txt", _) => (1, "văn bản quá dài"),
        ("lt-flood.docx" | "amp-flood.docx", _) => (1, "văn bản quá dài"),
        ("self-drawing.pdf", _) => (1, "lồng vào chính nó"),
        ("fan-out.pdf", _) => (1, "lần vẽ hình"),
        ("lie-32.docx" | "lie-64.docx", _) => (1, "khai"),
        ("zip-bomb.docx", _) => (1, "lớn quá 64 MB"),
        ("carried-bomb.docx", _) => (1, "đã được sửa"),
        ("many-entries.docx", _) => (1, "quá giới hạn 4096 phần"),
        ("ids-overflow.docx", Use::Parse) => (0, "1062/KH-UBND"),
        ("ids-overflow.docx", _) => (1, "không đọc được"),
        ("laughs.docx" | "deep.docx", Use::Parse) => (0, "1062/KH-UBND"),
        ("laughs.docx" | "deep.docx", _) => (0, "Đã cấp số bản sao"),
        ("decoy.docx", Use::Parse) => (0, "1062/KH-UBND"),
        ("decoy.docx", _) => (0, "Đã cấp số bản sao"),
        ("duplicate.docx", _) => (1, "trùng tên"),
        ("external.docx", _) => (1, "liên kết ra ngoài (attachedTemplate"),
        ("includetext.docx", _) => (1, "INCLUDETEXT"),
        ("dde.docx", _) => (1, "DDEAUTO"),
        ("ole.docx", _) => (1, "đối tượng nhúng"),
        ("traversal.docx", _) => (1, "không hợp lệ"),
        ("recursive.hbs", _) => (1, "mẫu con"),
        ("exploding.hbs", _) => (1, "lồng quá 2 vòng"),
        ("objstm-bomb.pdf", _) => (1, "cấu trúc lớn quá"),
        ("array-flood.pdf", _) => (1, "cấu trúc lớn quá 4 MB"),
        ("content-flood.pdf", _) => (1, "văn bản quá dài"),
        (_, Use::Copy) if file.ends_with(".doc") => (1, "văn bản .doc hãy mở bằng Word"),
        ("fat-loop.doc", _) => (1, ".doc bị hỏng"),
        ("piece-lie.doc", _) => (1, ".doc bị hỏng"),
        ("text-flood.doc", _) => (1, "văn bản quá dài"),
        ("citations-flood.txt", _) => (0, "1062/KH-UBND"),
        ("huge-paste.txt", _) => (0, "1062/KH-UBND"),
        ("oversized-paste.txt", _) => (1, "văn bản quá dài"),
        (other, _) => panic!("no expectation for {other}"),
    }
}

#[test]
fn hostile_files_end_quickly_in_a_message_and_spend_no_number() {
    let dir = common::fresh_dir("hostile");
    let plan = dir.join("plan.docx");
    std::fs::write(&plan, files::plan_docx()).unwrap();
    let mut report = Vec::new();
    for case in files::all() {
        let path = dir.join(case.file);
        std::fs::write(&path, &case.bytes).unwrap();
        let path = path.to_string_lossy().into_owned();
        for &used in case.uses {
            let data = dir.join(format!("data-{}-{used:?}", case.file));
            std::fs::create_dir_all(&data).unwrap();
            let db = data.join("congvan.db").to_string_lossy().into_owned();
            let out = data.join("out.docx").to_string_lossy().into_owned();
            let pdf_out = data.join("out.pdf").to_string_lossy().into_owned();
            let plan = plan.to_string_lossy();
            let office = common::office();
            let args: Vec<&str> = match used {
                Use::Parse => vec!["parse", &path],
                Use::Copy => vec![
                    "sao-y",
                    "--profile",
                    &office,
                    &path,
                    "--signed-on",
                    "2024-05-20",
                    "-o",
                    &out,
                    "--to",
                    "Các CĐCS",
                    "--db",
                    &db,
                ],
                Use::Template => vec!["forward", &plan, "-o", &out, "--template", &path],
                Use::Pdf => vec!["pdf", &path, "-o", &pdf_out],
            };
            let r = run(&args, &data);
            let (code, words) = expected(case.file, used);
            let said = format!("{}{}", r.stdout, r.stderr);
            let what = format!("{} ({used:?})", case.name);
            assert_eq!(r.code, code, "{what}: {said}");
            assert!(said.contains(words), "{what}: {said:?} lacks {words:?}");
            if code == 1 {
                assert_eq!(
                    r.stderr.trim_end().lines().count(),
                    1,
                    "{what}: {}",
                    r.stderr
                );
            }
            assert!(r.time <= time_allowed(), "{what} took {:?}", r.time);
            assert!(r.peak_mb < MAX_MEMORY_MB, "{what} took {} MB", r.peak_mb);
            if used == Use::Copy && code == 1 {
                let list = run(&["register", "list", "--db", &db], &data);
                assert_eq!(list.stdout, "", "{what} spent a number");
            }
            report.push(format!(
                "{:<22} {:<8} {:>6.2} s {:>4} MB exit {}",
                case.file,
                format!("{used:?}"),
                r.time.as_secs_f64(),
                r.peak_mb,
                r.code
            ));
        }
    }
    println!("{}", report.join("\n"));
}

#[test]
fn the_decoy_is_not_what_is_read_nor_what_is_certified() {
    let dir = common::fresh_dir("decoy");
    let decoy = dir.join("decoy.docx");
    let all = files::all();
    let case = all.iter().find(|c| c.file == "decoy.docx").unwrap();
    std::fs::write(&decoy, &case.bytes).unwrap();
    let parsed = run(&["parse", &decoy.to_string_lossy(), "--json"], &dir);
    let json: serde_json::Value = serde_json::from_str(&parsed.stdout).unwrap();
    assert_eq!(json["number"], "1062");
    let out = dir.join("sao-y.docx");
    let db = dir.join("congvan.db");
    let copied = common::sao_y(&decoy, "2024-05-20", &out, &db, &["--to", "Các CĐCS"]);
    common::ok(&copied);
    let copy = std::fs::read(&out).unwrap();
    // The copy is written after the text that was read, and the decoy is left as it came.
    let main = common::part(&copy, "word/main.xml");
    assert!(
        main.contains("1062/KH-UBND") && main.contains(">SAO Y<"),
        "{main}"
    );
    assert!(!common::part(&copy, "word/document.xml").contains("SAO Y"));
}
