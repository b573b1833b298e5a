//! The tool against the office's PostgreSQL server (a server of the test's own): two
//! processes issuing at once give consecutive numbers, the register lists and cancels
//! there, the incoming register and its deadlines, search and statistics are kept there,
//! and what is not kept on the server yet is refused by name rather than done on this
//! PC's copy.

// Tests and benches read and write their own files and time themselves (clippy.toml).
#![allow(clippy::disallowed_methods)]
// The server of the test's own is made with Unix tools (initdb, pg_ctl, runuser).
#![cfg(unix)]

#[path = "../../tests/common/mod.rs"]
mod common;

use std::path::Path;
use std::process::Output;

/// `congvan issue` of the letter at `letter`, signed on `day`, written to `out`, on `db`,
/// with the office's profile and `extra` arguments.
fn issue(letter: &Path, day: &str, out: &Path, db: &str, extra: &[&str]) -> Output {
    let (office, letter, out) = (
        common::office(),
        letter.to_string_lossy(),
        out.to_string_lossy(),
    );
    let mut args = vec!["issue", "--profile", &office, &letter, "--signed-on", day];
    args.extend(["-o", &out, "--db", db]);
    args.extend(extra);
    common::congvan(&args)
}

/// The outgoing register on `db`, as `register list --json` gives it.
fn list(db: &str) -> Vec<serde_json::Value> {
    let out = common::congvan(&["register", "list", "--db", db, "--json"]);
    common::ok(&out);
    serde_json::from_slice(&out.stdout).unwrap()
}

/// What the tool prints as JSON for `args` on `db`.
fn json(db: &str, args: &[&str]) -> serde_json::Value {
    let mut all = args.to_vec();
    all.extend(["--db", db, "--json"]);
    let out = common::congvan(&all);
    common::ok(&out);
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn two_tool_processes_issuing_against_one_server_give_1_to_200() {
    let server = common::postgres::Postgres::start("tool");
    let url = server.url();
    let dir = common::fresh_dir("server-tool");
    let letter = dir.join("cong-van.json");
    std::fs::write(&letter, common::drafted().to_json()).unwrap();
    let workers: Vec<_> = (0..2)
        .map(|w| {
            let (url, dir, letter) = (url.clone(), dir.clone(), letter.clone());
            std::thread::spawn(move || {
                for i in 0..100 {
                    let out = dir.join(format!("{w}-{i}.docx"));
                    common::ok(&issue(&letter, "2024-05-20", &out, &url, &[]));
                }
            })
        })
        .collect();
    for w in workers {
        w.join().unwrap();
    }
    let mut numbers: Vec<u64> = list(&url)
        .iter()
        .map(|r| r["number"].as_u64().unwrap())
        .collect();
    numbers.sort_unstable();
    assert_eq!(numbers, (1..=200).collect::<Vec<_>>());
    // A number cancelled on the server stays there, with its reason.
    let first = list(&url)[0]["id"].as_i64().unwrap().to_string();
    common::ok(&common::congvan(&[
        "register",
        "cancel",
        &first,
        "--reason",
        "in nhầm",
        "--db",
        &url,
    ]));
    assert_eq!(list(&url)[0]["cancelled"]["reason"], "in nhầm");
    // The incoming register and its follow-up are there too: seed 004 received, its
    // deadline due, found by words without marks, closed by the letter answering it.
    let seed = common::seeds().join("004_f97b9327d3f16c43.txt");
    let out = common::congvan(&[
        "receive",
        &seed.to_string_lossy(),
        "--received-on",
        "2024-04-15",
        "--db",
        &url,
        "--json",
    ]);
    common::ok(&out);
    let receipt: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(receipt["deadlines"][0]["date"], "2024-04-25");
    let due = json(
        &url,
        &["register", "due", "--on", "2024-04-20", "--within", "7"],
    );
    assert_eq!(due[0]["due_on"], "2024-04-25", "{due}");
    // The letters issued in May forward the same plan: searched up to April, the plan.
    let found = json(
        &url,
        &[
            "register",
            "search",
            "ke hoach thi dua",
            "--to",
            "2024-04-30",
        ],
    );
    assert_eq!(found.as_array().unwrap().len(), 1, "{found}");
    assert_eq!(
        (&found[0]["register"], &found[0]["number"]),
        (
            &serde_json::json!("den"),
            &serde_json::json!("1062/KH-UBND")
        )
    );
    let found = json(&url, &["register", "search", "1062/KH-UBND"]);
    assert_eq!(found[0]["register"], "den", "{found}");
    let mut answer = common::drafted();
    answer.date.month = 4;
    answer.date.year = 2024;
    let answer_file = dir.join("tra-loi.json");
    std::fs::write(&answer_file, answer.to_json()).unwrap();
    let reply = dir.join("tra-loi.docx");
    common::ok(&issue(
        &answer_file,
        "2024-04-22",
        &reply,
        &url,
        &["--answers", "2024/01"],
    ));
    assert_eq!(
        json(
            &url,
            &["register", "due", "--on", "2024-05-01", "--within", "0"]
        ),
        serde_json::json!([])
    );
    let incoming = json(&url, &["register", "list", "--incoming"]);
    assert!(
        incoming[0]["status"]
            .as_str()
            .unwrap()
            .contains("đã trả lời bằng 201/"),
        "{incoming}"
    );
    let stats = json(&url, &["register", "stats", "--year", "2024"]);
    assert_eq!(stats["quarters"][1]["on_time"], 1, "{stats}");
    // A backup of the server through its own pg_dump.
    let backup = dir.join("so-may-chu.dump");
    let out = common::congvan(&[
        "db",
        "backup",
        "-o",
        &backup.to_string_lossy(),
        "--db",
        &url,
    ]);
    common::ok(&out);
    assert!(std::fs::read(&backup).unwrap().starts_with(b"PGDMP"));
    assert!(String::from_utf8_lossy(&out.stderr).contains("201 số (1 đã hủy)"));
    // Since the backup: one more number, and the second cancelled. The restore gives the
    // backup back but keeps both, and the numbers go on after them.
    let last = dir.join("sau-sao-luu.docx");
    common::ok(&issue(&letter, "2024-05-20", &last, &url, &[]));
    let second = list(&url)[1]["id"].as_i64().unwrap().to_string();
    common::ok(&common::congvan(&[
        "register", "cancel", &second, "--reason", "trùng", "--db", &url,
    ]));
    let out = common::congvan(&["db", "restore", &backup.to_string_lossy(), "--db", &url]);
    common::ok(&out);
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("giữ lại 1 dòng"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let after = list(&url);
    assert_eq!(after.len(), 202);
    assert_eq!(after[1]["cancelled"]["reason"], "trùng");
    assert_eq!(after.last().unwrap()["number"], 202);
    let out = common::congvan(&["db", "restore", &letter.to_string_lossy(), "--db", &url]);
    assert_eq!(out.status.code(), Some(1));
    // A server that is not there is named, and nothing is written.
    drop(server);
    let out = common::congvan(&["register", "list", "--db", &url]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("không kết nối được máy chủ sổ"));
}

#[test]
fn a_pcs_register_moves_to_the_server_and_goes_on_there_for_its_clerks() {
    let server = common::postgres::Postgres::start("migrate");
    let url = server.url();
    let dir = common::fresh_dir("server-migrate");
    let db = dir.join("congvan.db");
    let db = db.to_string_lossy().into_owned();
    let letter = dir.join("cong-van.json");
    std::fs::write(&letter, common::drafted().to_json()).unwrap();
    let numbered = |db: &str, i: usize| {
        issue(
            &letter,
            "2024-05-20",
            &dir.join(format!("{i}.docx")),
            db,
            &[],
        )
    };
    for i in 0..3 {
        common::ok(&numbered(&db, i));
    }
    let first = list(&db)[0]["id"].as_i64().unwrap().to_string();
    common::ok(&common::congvan(&[
        "register",
        "cancel",
        &first,
        "--reason",
        "in nhầm",
        "--db",
        &db,
    ]));
    // A plan received on this PC, with its deadline, and the letter answering it.
    let seed = common::seeds().join("004_f97b9327d3f16c43.txt");
    common::ok(&common::congvan(&[
        "receive",
        &seed.to_string_lossy(),
        "--received-on",
        "2024-04-15",
        "--db",
        &db,
    ]));
    let reply = dir.join("tra-loi.docx");
    common::ok(&issue(
        &letter,
        "2024-05-21",
        &reply,
        &db,
        &["--answers", "2024/01"],
    ));
    let out = common::congvan(&["db", "migrate", "--to", &url, "--db", &db]);
    common::ok(&out);
    let said = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(
        said.contains("đã chuyển 5 dòng sổ văn bản đi và đến"),
        "{said}"
    );
    // Moved twice, nothing is doubled.
    let out = common::congvan(&["db", "migrate", "--to", &url, "--db", &db]);
    common::ok(&out);
    let said = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(
        said.contains("đã chuyển 0 dòng") && said.contains("5 dòng máy chủ đã có số đó"),
        "{said}"
    );
    // The numbers go on after the highest, the cancellation kept, the answer linked to
    // its incoming line, whose deadline it closed.
    common::ok(&numbered(&url, 3));
    let lines = list(&url);
    let numbers: Vec<u64> = lines
        .iter()
        .map(|r| r["number"].as_u64().unwrap())
        .collect();
    assert_eq!(numbers, [1, 2, 3, 4, 5]);
    assert_eq!(lines[0]["cancelled"]["reason"], "in nhầm");
    let incoming = json(&url, &["register", "list", "--incoming"]);
    assert_eq!(incoming[0]["answered_by"][0], "04/LĐLĐ", "{incoming}");
    let deadlines = json(&url, &["register", "deadline", "list", "2024/01"]);
    assert_eq!(
        (&deadlines[0]["due_on"], &deadlines[0]["closed_by"]),
        (
            &serde_json::json!("2024-04-25"),
            &serde_json::json!("04/LĐLĐ")
        ),
        "{deadlines}"
    );
    let found = json(
        &url,
        &[
            "register",
            "search",
            "ke hoach thi dua",
            "--to",
            "2024-04-30",
        ],
    );
    assert_eq!(found[0]["number"], "1062/KH-UBND", "{found}");
    // A drafter of another unit sees none of these lines and cannot number.
    server.sql("CREATE ROLE tochuc LOGIN");
    common::ok(&common::congvan(&[
        "db",
        "clerk",
        "tochuc",
        "--drafter",
        "TC",
        "--db",
        &url,
    ]));
    assert!(list(&server.url_as("tochuc")).is_empty());
    let out = numbered(&server.url_as("tochuc"), 5);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("tochuc không có quyền"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
