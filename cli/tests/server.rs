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
    let json = |args: &[&str]| -> serde_json::Value {
        let mut all = args.to_vec();
        all.extend(["--db", &url, "--json"]);
        let out = common::congvan(&all);
        common::ok(&out);
        serde_json::from_slice(&out.stdout).unwrap()
    };
    let due = json(&["register", "due", "--on", "2024-04-20", "--within", "7"]);
    assert_eq!(due[0]["due_on"], "2024-04-25", "{due}");
    // The letters issued in May forward the same plan: searched up to April, the plan.
    let found = json(&[
        "register",
        "search",
        "ke hoach thi dua",
        "--to",
        "2024-04-30",
    ]);
    assert_eq!(found.as_array().unwrap().len(), 1, "{found}");
    assert_eq!(
        (&found[0]["register"], &found[0]["number"]),
        (
            &serde_json::json!("den"),
            &serde_json::json!("1062/KH-UBND")
        )
    );
    let found = json(&["register", "search", "1062/KH-UBND"]);
    assert_eq!(found[0]["register"], "den", "{found}");
    let mut answer = common::drafted();
    answer.date.month = 4;
    answer.date.year = 2024;
    let answer_file = dir.join("tra-loi.json");
    std::fs::write(&answer_file, answer.to_json()).unwrap();
    common::ok(&common::congvan(&[
        "issue",
        "--profile",
        &common::office(),
        &answer_file.to_string_lossy(),
        "--signed-on",
        "2024-04-22",
        "--answers",
        "2024/01",
        "-o",
        &dir.join("tra-loi.docx").to_string_lossy(),
        "--db",
        &url,
    ]));
    assert_eq!(
        json(&["register", "due", "--on", "2024-05-01", "--within", "0"]),
        serde_json::json!([])
    );
    let incoming = json(&["register", "list", "--incoming"]);
    assert!(
        incoming[0]["status"]
            .as_str()
            .unwrap()
            .contains("đã trả lời bằng 201/"),
        "{incoming}"
    );
    let stats = json(&["register", "stats", "--year", "2024"]);
    assert_eq!(stats["quarters"][1]["on_time"], 1, "{stats}");
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
    assert!(String::from_utf8_lossy(&out.stderr).contains("201 số (1 đã hủy)"));
    // Since the backup: one more number, and the second cancelled. The restore gives the
    // backup back but keeps both, and the numbers go on after them.
    let last = dir.join("sau-sao-luu.docx");
    common::ok(&common::congvan(&[
        "issue",
        "--profile",
        &common::office(),
        &letter.to_string_lossy(),
        "--signed-on",
        "2024-05-20",
        "-o",
        &last.to_string_lossy(),
        "--db",
        &url,
    ]));
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
    common::ok(&common::congvan(&[
        "issue",
        "--profile",
        &common::office(),
        &letter.to_string_lossy(),
        "--signed-on",
        "2024-05-21",
        "--answers",
        "2024/01",
        "-o",
        &dir.join("tra-loi.docx").to_string_lossy(),
        "--db",
        &db,
    ]));
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
    common::ok(&issue(&url, 3));
    let lines = list(&url);
    let numbers: Vec<u64> = lines
        .iter()
        .map(|r| r["number"].as_u64().unwrap())
        .collect();
    assert_eq!(numbers, [1, 2, 3, 4, 5]);
    assert_eq!(lines[0]["cancelled"]["reason"], "in nhầm");
    let json = |args: &[&str]| -> serde_json::Value {
        let mut all = args.to_vec();
        all.extend(["--db", &url, "--json"]);
        let out = common::congvan(&all);
        common::ok(&out);
        serde_json::from_slice(&out.stdout).unwrap()
    };
    let incoming = json(&["register", "list", "--incoming"]);
    assert_eq!(incoming[0]["answered_by"][0], "04/LĐLĐ", "{incoming}");
    let deadlines = json(&["register", "deadline", "list", "2024/01"]);
    assert_eq!(
        (&deadlines[0]["due_on"], &deadlines[0]["closed_by"]),
        (
            &serde_json::json!("2024-04-25"),
            &serde_json::json!("04/LĐLĐ")
        ),
        "{deadlines}"
    );
    let found = json(&[
        "register",
        "search",
        "ke hoach thi dua",
        "--to",
        "2024-04-30",
    ]);
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
    let out = issue(&server.url_as("tochuc"), 5);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("tochuc không có quyền"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
