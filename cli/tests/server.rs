//! The tool against the office's PostgreSQL server (a server of the test's own): two
//! processes issuing at once give consecutive numbers, the register lists and cancels
//! there, and what is not kept on the server yet is refused by name rather than done on
//! this PC's copy.

// Tests and benches read and write their own files and time themselves (clippy.toml).
#![allow(clippy::disallowed_methods)]
// The server of the test's own is made with Unix tools (initdb, pg_ctl, runuser).
#![cfg(unix)]

#[path = "../../tests/common/mod.rs"]
mod common;

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
                    common::ok(&common::congvan(&[
                        "issue",
                        "--profile",
                        &common::office(),
                        &letter.to_string_lossy(),
                        "--signed-on",
                        "2024-05-20",
                        "-o",
                        &out.to_string_lossy(),
                        "--db",
                        &url,
                    ]));
                }
            })
        })
        .collect();
    for w in workers {
        w.join().unwrap();
    }
    let list = |url: &str| -> Vec<serde_json::Value> {
        let out = common::congvan(&["register", "list", "--db", url, "--json"]);
        common::ok(&out);
        serde_json::from_slice(&out.stdout).unwrap()
    };
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
    // What the server does not keep yet is refused, naming it.
    let seed = common::seeds().join("004_f97b9327d3f16c43.txt");
    let out = common::congvan(&["receive", &seed.to_string_lossy(), "--db", &url]);
    assert_eq!(out.status.code(), Some(1));
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(
        said.contains("Sổ văn bản đến chưa làm được khi sổ ở máy chủ congvan@127.0.0.1"),
        "{said}"
    );
    // A backup of the server through its own pg_dump; a restore there is refused.
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
    assert!(String::from_utf8_lossy(&out.stderr).contains("200 số (1 đã hủy)"));
    let out = common::congvan(&["db", "restore", &backup.to_string_lossy(), "--db", &url]);
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
    let issue = |db: &str, i: usize| {
        common::congvan(&[
            "issue",
            "--profile",
            &common::office(),
            &letter.to_string_lossy(),
            "--signed-on",
            "2024-05-20",
            "-o",
            &dir.join(format!("{i}.docx")).to_string_lossy(),
            "--db",
            db,
        ])
    };
    for i in 0..3 {
        common::ok(&issue(&db, i));
    }
    let list = |db: &str| -> Vec<serde_json::Value> {
        let out = common::congvan(&["register", "list", "--db", db, "--json"]);
        common::ok(&out);
        serde_json::from_slice(&out.stdout).unwrap()
    };
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
    let out = common::congvan(&["db", "migrate", "--to", &url, "--db", &db]);
    common::ok(&out);
    assert!(String::from_utf8_lossy(&out.stderr).contains("đã chuyển 3 dòng sổ văn bản đi"));
    // Moved twice, nothing is doubled.
    let out = common::congvan(&["db", "migrate", "--to", &url, "--db", &db]);
    common::ok(&out);
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("đã chuyển 0 dòng")
            && String::from_utf8_lossy(&out.stderr).contains("3 dòng máy chủ đã có số đó")
    );
    // The numbers go on after the highest, the cancellation kept.
    common::ok(&issue(&url, 3));
    let lines = list(&url);
    let numbers: Vec<u64> = lines
        .iter()
        .map(|r| r["number"].as_u64().unwrap())
        .collect();
    assert_eq!(numbers, [1, 2, 3, 4]);
    assert_eq!(lines[0]["cancelled"]["reason"], "in nhầm");
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
    let out = issue(&server.url_as("tochuc"), 5);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("tochuc không có quyền"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
