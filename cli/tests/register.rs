//! The outgoing register: numbers taken by many threads and processes at once, the yearly
//! restart, a process killed while issuing, cancellations, the filter, and the `issue` and
//! `register` commands.

// Tests and benches read and write their own files and time themselves (clippy.toml).
#![allow(clippy::disallowed_methods)]

#[path = "../../tests/common/mod.rs"]
mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use chrono::NaiveDate;
use congvan::desk::store::Store;
use congvan::issue::register::Filter;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// The numbers of the register of `year`, in order.
fn numbers(db: &Path, year: i32) -> Vec<u32> {
    let filter = Filter {
        year: Some(year),
        ..Filter::default()
    };
    let mut n: Vec<u32> = Store::open(db)
        .unwrap()
        .register(&filter)
        .unwrap()
        .iter()
        .map(|e| e.number)
        .collect();
    n.sort();
    n
}

/// Issues `each` letters from each of `threads` threads, each with its own connection.
fn issue_from_threads(db: &Path, threads: usize, each: usize) {
    Store::open(db).unwrap(); // created and migrated once, before the race
    let handles: Vec<_> = (0..threads)
        .map(|_| {
            let db = db.to_path_buf();
            std::thread::spawn(move || {
                let mut store = Store::open(&db).unwrap();
                for _ in 0..each {
                    store
                        .issue(&common::drafted(), day(2024, 5, 20), "chung", 0)
                        .unwrap();
                }
            })
        })
        .collect();
    for h in handles {
        h.join().unwrap();
    }
}

#[test]
fn threads_issuing_at_once_get_consecutive_numbers() {
    // Run with CONGVAN_ISSUE_WORKER set, this test is one of the processes of the test
    // below, issuing 100 numbers into the database it names.
    if let Some(db) = std::env::var_os("CONGVAN_ISSUE_WORKER") {
        issue_from_threads(Path::new(&db), 4, 25);
        return;
    }
    let db = common::fresh_dir("threads").join("congvan.db");
    issue_from_threads(&db, 4, 10);
    assert_eq!(numbers(&db, 2024), (1..=40).collect::<Vec<_>>());
}

#[test]
fn two_processes_of_four_threads_issue_200_distinct_consecutive_numbers() {
    let db = common::fresh_dir("processes").join("congvan.db");
    Store::open(&db).unwrap();
    let workers: Vec<_> = (0..2)
        .map(|_| {
            Command::new(std::env::current_exe().unwrap())
                .args([
                    "threads_issuing_at_once_get_consecutive_numbers",
                    "--exact",
                    "--test-threads=1",
                ])
                .env("CONGVAN_ISSUE_WORKER", &db)
                .stdout(Stdio::null())
                .spawn()
                .unwrap()
        })
        .collect();
    for mut w in workers {
        assert!(w.wait().unwrap().success(), "a worker process failed");
    }
    assert_eq!(numbers(&db, 2024), (1..=200).collect::<Vec<_>>());
}

#[test]
fn numbers_start_again_on_the_first_of_january() {
    let mut store = Store::in_memory().unwrap();
    let mut issue = |d| {
        store
            .issue(&common::drafted(), d, "chung", 0)
            .unwrap()
            .number
    };
    assert_eq!(issue(day(2024, 12, 30)), 1);
    assert_eq!(issue(day(2024, 12, 31)), 2);
    assert_eq!(issue(day(2025, 1, 1)), 1);
    assert_eq!(issue(day(2025, 1, 2)), 2);
    assert_eq!(
        issue(day(2024, 12, 31)),
        3,
        "a late entry of last year goes on last year's series"
    );
}

#[test]
fn series_are_kept_apart_and_a_number_and_symbol_never_repeat() {
    let mut store = Store::in_memory().unwrap();
    let on = day(2024, 5, 20);
    assert_eq!(
        store.issue(&common::drafted(), on, "CV", 0).unwrap().number,
        1
    );
    let mut plan = common::drafted();
    plan.doc_type = congvan::DocKind::from_name("Kế hoạch");
    plan.symbol = "KH-LĐLĐ".into();
    plan.subject = "Kế hoạch thử".into();
    assert_eq!(store.issue(&plan, on, "KH", 0).unwrap().number, 1);
    // The same ký hiệu in another series would repeat "01/LĐLĐ": refused.
    let err = store
        .issue(&common::drafted(), on, "khac", 0)
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("01/LĐLĐ") && err.contains("không được trùng"),
        "{err}"
    );
    // An issued letter is not issued again.
    let issued = store.issue(&common::drafted(), on, "CV", 0).unwrap().letter;
    let err = store.issue(&issued, on, "CV", 0).unwrap_err().to_string();
    assert!(err.contains("đã có số 2"), "{err}");
}

#[test]
fn a_cancelled_number_stays_in_the_register_and_is_not_given_again() {
    let mut store = Store::in_memory().unwrap();
    let on = day(2024, 5, 20);
    let first = store.issue(&common::drafted(), on, "chung", 0).unwrap();
    store.cancel(first.id, day(2024, 5, 21), "ký nhầm").unwrap();
    let err = store
        .cancel(first.id, on, "lần nữa")
        .unwrap_err()
        .to_string();
    assert!(err.contains("chưa hủy"), "{err}");
    assert!(store.cancel(first.id, on, " ").is_err());
    assert_eq!(
        store
            .issue(&common::drafted(), on, "chung", 0)
            .unwrap()
            .number,
        2
    );
    let all = store.register(&Filter::default()).unwrap();
    assert_eq!(all.len(), 2);
    assert_eq!(all[0].cancelled.as_ref().unwrap().reason, "ký nhầm");
    assert_eq!(all[0].letter.number, Some(1));
    assert_eq!(all[0].letter.date.to_string(), "2024-05-20");
}

#[test]
fn the_register_filters_by_year_kind_and_text() {
    let mut store = Store::in_memory().unwrap();
    store
        .issue(&common::drafted(), day(2024, 5, 20), "chung", 0)
        .unwrap();
    let mut other = common::drafted();
    other.subject = "tổ chức Tháng Công nhân".into();
    store.issue(&other, day(2025, 5, 2), "chung", 0).unwrap();
    let count = |f: Filter| store.register(&f).unwrap().len();
    assert_eq!(count(Filter::default()), 2);
    let year = |y| Filter {
        year: Some(y),
        ..Filter::default()
    };
    assert_eq!(count(year(2025)), 1);
    let text = |t: &str| Filter {
        text: Some(t.into()),
        ..Filter::default()
    };
    assert_eq!(count(text("THÁNG CÔNG NHÂN")), 1);
    assert_eq!(count(text("01/LĐLĐ")), 2);
    let kind = |k: &str| Filter {
        kind: Some(k.into()),
        ..Filter::default()
    };
    assert_eq!(count(kind("công văn")), 2);
    assert_eq!(count(kind("Kế hoạch")), 0);
}

/// The text of document.xml, a paragraph a line (copies follow one another).
fn paragraphs(xml: &str) -> String {
    xml.split("</w:p>")
        .map(|p| {
            p.split("<w:t")
                .skip(1)
                .filter_map(|t| {
                    t.split_once('>')
                        .and_then(|(_, rest)| rest.split_once("</w:t>"))
                })
                .map(|(text, _)| text)
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn letter_file(dir: &Path) -> PathBuf {
    let path = dir.join("letter.json");
    std::fs::write(&path, common::drafted().to_json()).unwrap();
    path
}

#[test]
fn a_process_killed_while_issuing_leaves_no_gap_and_no_duplicate() {
    let dir = common::fresh_dir("killed");
    let db = dir.join("congvan.db");
    let letter = letter_file(&dir);
    Store::open(&db).unwrap();
    let mut killed = 0;
    for i in 0..24u64 {
        let mut child = Command::new(common::tool())
            .args([
                "issue",
                "--profile",
                &common::office(),
                &letter.to_string_lossy(),
                "--signed-on",
                "2024-05-20",
                "--db",
            ])
            .arg(&db)
            .arg("-o")
            .arg(dir.join(format!("out-{i}.docx")))
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        // Killed at a different moment each time: before, during or after its transaction.
        std::thread::sleep(std::time::Duration::from_millis(i * 3 % 40));
        if child.try_wait().unwrap().is_none() {
            child.kill().unwrap();
            killed += 1;
        }
        child.wait().unwrap();
    }
    assert!(
        killed > 0,
        "no process was killed mid-way; the test proves nothing"
    );
    let after = numbers(&db, 2024);
    assert_eq!(after, (1..=after.len() as u32).collect::<Vec<_>>());
    // The database is still sound and takes the next number.
    let next = Store::open(&db)
        .unwrap()
        .issue(&common::drafted(), day(2024, 5, 20), "chung", 0)
        .unwrap();
    assert_eq!(next.number as usize, after.len() + 1);
}

#[test]
fn issue_and_register_commands() {
    let dir = common::fresh_dir("cli");
    let db = dir.join("congvan.db");
    let db = db.to_string_lossy();
    let letter = letter_file(&dir);
    let letter = letter.to_string_lossy();
    let out = dir.join("ban-ky.docx");
    let out_s = out.to_string_lossy();
    let run = |args: &[&str]| common::congvan(args);
    // A command that must succeed; its message is shown when it does not.
    let ok = |args: &[&str]| {
        let out = common::congvan(args);
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        assert!(out.status.success(), "{args:?}: {stderr}");
        out
    };
    let done = ok(&[
        "issue",
        "--profile",
        &common::office(),
        &letter,
        "--signed-on",
        "2024-05-20",
        "-o",
        &out_s,
        "--db",
        &db,
        "--copies",
        "--mark",
        "--drafter",
        "nva",
        "--json",
    ]);
    let entry: serde_json::Value = serde_json::from_slice(&done.stdout).unwrap();
    assert_eq!(entry["number"], 1);
    let xml = common::part(&std::fs::read(&out).unwrap(), "word/document.xml");
    let text = paragraphs(&xml);
    assert!(text.contains("Số: 01/LĐLĐ"), "{text}");
    assert!(text.contains("ngày 20 tháng 5 năm 2024"), "{text}");
    let addressees = common::drafted().addressees().len();
    assert_eq!(text.matches("Bản gửi: ").count(), addressees);
    assert_eq!(text.matches("Bản lưu").count(), 1);
    assert_eq!(
        text.matches("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM").count(),
        addressees + 1
    );
    assert!(text.contains("NVA.("), "{text}");
    assert_eq!(
        xml.matches("<w:sectPr").count(),
        addressees + 1,
        "a section per copy"
    );
    assert_eq!(
        xml.matches(r#"w:start="1""#).count(),
        addressees + 1,
        "page numbers restart"
    );

    // The same letter again takes the next number; a letter with a gap is refused, exit 1.
    ok(&[
        "issue",
        "--profile",
        &common::office(),
        &letter,
        "--signed-on",
        "2024-05-21",
        "-o",
        &out_s,
        "--db",
        &db,
    ]);
    let mut gap = common::drafted();
    gap.subject = "…".into();
    let gap_file = dir.join("gap.json");
    std::fs::write(&gap_file, gap.to_json()).unwrap();
    let refused = run(&[
        "issue",
        "--profile",
        &common::office(),
        &gap_file.to_string_lossy(),
        "--signed-on",
        "2024-05-21",
        "-o",
        &out_s,
        "--db",
        &db,
    ]);
    assert_eq!(refused.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("chưa cấp số được"));
    let usage = run(&[
        "issue",
        &letter,
        "-o",
        &out_s,
        "--db",
        &db,
        "--profile",
        &common::office(),
    ]);
    assert_eq!(usage.status.code(), Some(2));

    ok(&[
        "register",
        "cancel",
        "1",
        "--reason",
        "ký nhầm",
        "--on",
        "2024-05-22",
        "--db",
        &db,
    ]);
    let list = run(&["register", "list", "--year", "2024", "--db", &db]);
    let list = String::from_utf8_lossy(&list.stdout).into_owned();
    assert_eq!(list.lines().count(), 2, "{list}");
    assert!(
        list.lines()
            .next()
            .unwrap()
            .contains("ĐÃ HỦY 22/05/2024: ký nhầm"),
        "{list}"
    );
    assert!(list.contains("02/LĐLĐ\t21/05/2024"), "{list}");

    let xlsx = dir.join("so.xlsx");
    ok(&[
        "register",
        "export",
        "-o",
        &xlsx.to_string_lossy(),
        "--db",
        &db,
    ]);
    let sheet = common::part(&std::fs::read(&xlsx).unwrap(), "xl/sharedStrings.xml");
    for column in congvan::issue::register::COLUMNS {
        assert!(sheet.contains(column), "{column}");
    }
    assert!(sheet.contains("02/LĐLĐ"));
}

/// Seed 004 (Kế hoạch 1062/KH-UBND) received on 15 April 2024 into the database `db`: the
/// incoming line, as `receive --json` prints it.
fn receive_seed_004(db: &str) -> serde_json::Value {
    let seed = common::seeds().join("004_f97b9327d3f16c43.txt");
    let out = common::congvan(&[
        "receive",
        &seed.to_string_lossy(),
        "--received-on",
        "2024-04-15",
        "--db",
        db,
        "--json",
    ]);
    common::ok(&out);
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn a_plan_received_is_found_by_its_words_without_marks_and_by_its_number() {
    let dir = common::fresh_dir("search");
    let db = dir.join("congvan.db");
    let db = db.to_string_lossy();
    receive_seed_004(&db);
    let search = |query: &str| -> Vec<serde_json::Value> {
        let out = common::congvan(&["register", "search", query, "--db", &db, "--json"]);
        common::ok(&out);
        serde_json::from_slice(&out.stdout).unwrap()
    };
    for query in ["ke hoach thi dua", "KẾ HOẠCH Thi Đua", "1062/KH-UBND"] {
        let found = search(query);
        assert_eq!(found.len(), 1, "{query}: {found:?}");
        assert_eq!(
            (&found[0]["register"], &found[0]["number"]),
            (
                &serde_json::json!("den"),
                &serde_json::json!("1062/KH-UBND")
            ),
            "{query}"
        );
    }
    assert!(search("ke hoach xyz").is_empty());
}

#[test]
fn receiving_seed_004_says_its_deadline() {
    let dir = common::fresh_dir("deadline");
    let db = dir.join("congvan.db");
    let line = receive_seed_004(&db.to_string_lossy());
    let deadlines = line["deadlines"].as_array().unwrap();
    assert_eq!(deadlines.len(), 1, "{deadlines:?}");
    assert_eq!(deadlines[0]["date"], "2024-04-25");
    assert_eq!(deadlines[0]["task"], "Gửi Kế hoạch về Sở Nội vụ");
    assert!(deadlines[0]["source"]
        .as_str()
        .unwrap()
        .contains("chậm nhất ngày 25/4/2024"));
}

#[test]
fn a_deadline_received_is_due_until_a_letter_answers_its_line() {
    let dir = common::fresh_dir("due");
    let db = dir.join("congvan.db");
    let db_s = db.to_string_lossy().into_owned();
    receive_seed_004(&db_s);
    let due = |on: &str, within: &str| -> Vec<serde_json::Value> {
        let out = common::congvan(&[
            "register", "due", "--on", on, "--within", within, "--db", &db_s, "--json",
        ]);
        common::ok(&out);
        serde_json::from_slice(&out.stdout).unwrap()
    };
    // Seed 004 asks for the plan by 25 April: not due within a week of the 10th, due within
    // one of the 20th, and still listed, overdue, on 1 May.
    assert!(due("2024-04-10", "7").is_empty());
    let listed = due("2024-04-20", "7");
    assert_eq!(listed.len(), 1, "{listed:?}");
    assert_eq!(
        (
            &listed[0]["due_on"],
            &listed[0]["task"],
            &listed[0]["incoming_number"]
        ),
        (
            &serde_json::json!("2024-04-25"),
            &serde_json::json!("Gửi Kế hoạch về Sở Nội vụ"),
            &serde_json::json!("01/2024")
        )
    );
    assert_eq!(due("2024-05-01", "0").len(), 1);
    // The reply answering incoming 01/2024 closes it.
    let mut letter = common::drafted();
    letter.date.month = 4;
    letter.date.year = 2024;
    let json = dir.join("tra-loi.json");
    std::fs::write(&json, letter.to_json()).unwrap();
    common::ok(&common::congvan(&[
        "issue",
        "--profile",
        &common::office(),
        &json.to_string_lossy(),
        "--signed-on",
        "2024-04-22",
        "--answers",
        "2024/01",
        "-o",
        &dir.join("tra-loi.docx").to_string_lossy(),
        "--db",
        &db_s,
    ]));
    assert!(due("2024-05-01", "0").is_empty());
    // An incoming line that is not there is named.
    let out = common::congvan(&[
        "issue",
        "--profile",
        &common::office(),
        &json.to_string_lossy(),
        "--signed-on",
        "2024-04-22",
        "--answers",
        "2024/09",
        "-o",
        &dir.join("x.docx").to_string_lossy(),
        "--db",
        &db_s,
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("không có số đến 09"));
}

#[test]
fn a_document_received_is_passed_on_its_deadlines_kept_by_hand_and_the_year_counted() {
    let dir = common::fresh_dir("follow-up");
    let db = dir.join("congvan.db");
    let db = db.to_string_lossy().into_owned();
    receive_seed_004(&db);
    let run = |args: &[&str]| -> String {
        let mut all = args.to_vec();
        all.extend(["--db", &db]);
        let out = common::congvan(&all);
        common::ok(&out);
        String::from_utf8(out.stdout).unwrap()
    };
    let json = |args: &[&str]| -> serde_json::Value { serde_json::from_str(&run(args)).unwrap() };
    run(&[
        "register",
        "pass",
        "2024/01",
        "--to",
        "Ban Tổ chức",
        "--on",
        "2024-04-16",
    ]);
    // A deadline added by hand, then corrected.
    let added = run(&[
        "register",
        "deadline",
        "add",
        "2024/01",
        "--on",
        "2024-04-30",
        "--task",
        "Báo cáo",
    ]);
    let added = added.trim();
    run(&[
        "register",
        "deadline",
        "edit",
        added,
        "--on",
        "2024-05-02",
        "--task",
        "Báo cáo kết quả phát động",
    ]);
    let listed = json(&["register", "deadline", "list", "2024/01", "--json"]);
    let tasks: Vec<&str> = listed
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["task"].as_str().unwrap())
        .collect();
    assert_eq!(
        tasks,
        ["Gửi Kế hoạch về Sở Nội vụ", "Báo cáo kết quả phát động"]
    );
    let due = |on: &str| {
        json(&["register", "due", "--on", on, "--within", "3", "--json"])
            .as_array()
            .unwrap()
            .len()
    };
    assert_eq!(due("2024-04-30"), 2);
    // Closed by hand before its day: on time; the plan's, closed by filing after its day:
    // late.
    run(&["register", "deadline", "close", added, "--on", "2024-04-29"]);
    assert_eq!(due("2024-04-30"), 1);
    run(&["register", "file", "2024/01", "--on", "2024-04-28"]);
    assert_eq!(due("2024-04-30"), 0);
    let rows = json(&["register", "list", "--incoming", "--json"]);
    let row = &rows[0];
    assert_eq!(
        row["status"],
        "Đã chuyển Ban Tổ chức ngày 16/04/2024; đã lưu hồ sơ ngày 28/04/2024"
    );
    assert_eq!(row["cells"][6], "Ban Tổ chức");
    assert_eq!(row["cells"][7], "16/04/2024");
    assert_eq!(row["cells"][9], "Lưu hồ sơ ngày 28/04/2024");
    let stats = json(&["register", "stats", "--year", "2024", "--json"]);
    let q2 = &stats["quarters"][1];
    assert_eq!(
        (&q2["received"], &q2["due"], &q2["on_time"], &q2["late"]),
        (
            &serde_json::json!(1),
            &serde_json::json!(2),
            &serde_json::json!(1),
            &serde_json::json!(1)
        )
    );
    assert!(run(&["register", "stats", "--year", "2024"]).contains("Kế hoạch\t0\t0\t0\t1"));
    let xlsx = dir.join("thong-ke.xlsx");
    run(&[
        "register",
        "stats",
        "--year",
        "2024",
        "-o",
        &xlsx.to_string_lossy(),
    ]);
    let zip = zip::ZipArchive::new(std::fs::File::open(&xlsx).unwrap()).unwrap();
    assert!(zip.file_names().any(|n| n.starts_with("xl/charts/")));
    // What is not there is named.
    let out = common::congvan(&["register", "deadline", "close", "999", "--db", &db]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("không có thời hạn số 999"));
    let out = common::congvan(&["register", "pass", "2024/01", "--to", " ", "--db", &db]);
    assert_eq!(out.status.code(), Some(1));
}
