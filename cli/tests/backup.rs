//! The register survives: backups consistent while another writer issues numbers, a
//! backup killed half-way that harms nothing, restores that give back every table but keep
//! every number given since and refuse whatever is not a sound backup, a damaged database found at start and
//! brought back from the newest good backup, and a year's records for the archive.

// Tests and benches read and write their own files and time themselves (clippy.toml).
#![allow(clippy::disallowed_methods)]

#[path = "../../tests/common/mod.rs"]
mod common;

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use congvan::desk::store::Store;
use congvan::desk::{Desk, ImageSource, Kind};
use congvan::issue::certified::{self, Order};
use congvan::issue::register::Filter;
use congvan::render::images::Png;
use congvan::{DocKind, Letter, Profile};

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2024, 5, d).unwrap()
}

/// A received document: seed 000's letter as the app writes it.
fn received() -> Vec<u8> {
    let mut letter = Letter::example();
    letter.number = Some(165);
    letter.date = congvan::LetterDate::full(day(16));
    congvan::render::letter_docx(&letter).unwrap()
}

/// A database with something in every table: two letters issued, one cancelled, a copy
/// with its received file, images, a draft, a template and a profile.
fn filled(db: &Path) -> Store {
    let mut store = Store::open(db).unwrap();
    store
        .issue(&common::drafted(), day(20), "chung", 1)
        .unwrap();
    let second = store
        .issue(&common::drafted(), day(21), "chung", 2)
        .unwrap();
    store.cancel(second.id, day(22), "ký nhầm").unwrap();
    let file = received();
    let copied = congvan::read::parse::read("nhan.docx", &file).unwrap();
    let order = Order {
        kind: DocKind::from_name("Bản sao y"),
        signer: Profile::example().signers[0].clone(),
        distribution: vec!["Các công đoàn cơ sở".into(), "Lưu: VT".into()],
    };
    let copy = certified::copy_letter(&copied, &Profile::example(), &order, day(23));
    store.issue_copy(&copy, day(23), &file, 3).unwrap();
    let png = common::transparent_png(20, 10, [20, 40, 180]);
    let png = Png::read(&png, "ảnh").unwrap();
    store.save_image("seal", &png, 4).unwrap();
    store.save_draft(None, &Letter::example(), None, 5).unwrap();
    let template = congvan::draft::template::Template::builtin("ke-hoach").unwrap();
    store
        .save_template("rieng", &template.to_source().unwrap(), 6)
        .unwrap();
    store.save_profile(&Profile::example(), 7).unwrap();
    store
}

/// Every table of the database at `db`, every row, every column, as text.
fn dump(db: &Path) -> String {
    let conn =
        rusqlite::Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .unwrap();
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let mut out = String::new();
    for table in tables {
        let mut q = conn
            .prepare(&format!("SELECT * FROM {table} ORDER BY 1"))
            .unwrap();
        let n = q.column_count();
        let rows = q
            .query_map([], |r| {
                (0..n)
                    .map(|i| r.get_ref(i).map(|v| format!("{v:?}")))
                    .collect::<Result<Vec<_>, _>>()
            })
            .unwrap();
        for row in rows {
            out.push_str(&format!("{table}: {}\n", row.unwrap().join(" | ")));
        }
    }
    out
}

#[test]
fn a_backup_holds_every_number_committed_before_it_began_while_another_writer_issues() {
    let dir = common::fresh_dir("while");
    let db = dir.join("congvan.db");
    drop(Store::open(&db).unwrap());
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let writer = {
        let (db, stop) = (db.clone(), stop.clone());
        std::thread::spawn(move || {
            let mut store = Store::open(&db).unwrap();
            let mut n = 0;
            while !stop.load(std::sync::atomic::Ordering::Relaxed) && n < 400 {
                store
                    .issue(&common::drafted(), day(20), "chung", n)
                    .unwrap();
                n += 1;
            }
            n
        })
    };
    let reader = Store::open(&db).unwrap();
    for round in 0..5 {
        std::thread::sleep(std::time::Duration::from_millis(30));
        // Every number committed before the backup begins is in it, with no gap.
        let committed = reader.contents().unwrap().lines;
        let path = dir.join(format!("backup-{round}.db"));
        let contents = reader.backup_to(&path).unwrap();
        assert!(
            contents.lines >= committed,
            "{} < {committed}",
            contents.lines
        );
        let backup = Store::open(&path).unwrap();
        let numbers: Vec<u32> = backup
            .register(&Filter::default())
            .unwrap()
            .iter()
            .map(|e| e.number)
            .collect();
        assert_eq!(numbers, (1..=numbers.len() as u32).collect::<Vec<_>>());
    }
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    assert!(writer.join().unwrap() > 0);
}

#[test]
fn a_backup_killed_half_way_leaves_the_backups_and_the_database_intact() {
    let dir = common::fresh_dir("killed");
    let db = dir.join("congvan.db");
    let mut store = filled(&db);
    // Enough drafts that a backup takes a moment.
    let mut big = Letter::example();
    big.body = "Nội dung rất dài. ".repeat(20_000);
    for i in 0..60 {
        store.save_draft(None, &big, None, 10 + i).unwrap();
    }
    let before = dump(&db);
    let first = dir.join("first.db");
    store.backup_to(&first).unwrap();
    drop(store);
    let first_bytes = std::fs::read(&first).unwrap();
    for wait in [0, 5, 20, 60] {
        let target = dir.join(format!("killed-{wait}.db"));
        let mut child = std::process::Command::new(common::tool())
            .args(["db", "backup", "-o", &target.to_string_lossy()])
            .arg("--db")
            .arg(&db)
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(wait));
        let _ = child.kill();
        let _ = child.wait();
        // Whole or absent.
        if target.exists() {
            Store::inspect(&target).unwrap();
        }
    }
    assert_eq!(std::fs::read(&first).unwrap(), first_bytes);
    Store::inspect(&first).unwrap();
    assert_eq!(dump(&db), before);
    Store::inspect(&db).unwrap();
}

#[test]
fn a_restore_gives_back_every_table_but_keeps_every_number_given_since() {
    let dir = common::fresh_dir("roundtrip");
    let db = dir.join("congvan.db");
    let store = filled(&db);
    let saved = dump(&db);
    let backup = dir.join("sao-luu.db");
    let contents = store.backup_to(&backup).unwrap();
    assert_eq!(
        (
            contents.lines,
            contents.cancelled,
            contents.copies,
            contents.images
        ),
        (3, 1, 1, 1)
    );
    assert_eq!((contents.drafts, contents.templates), (1, 1));
    drop(store);
    // Changed after the backup, in every table: 03 given, 01 cancelled…
    let mut desk = Desk::open(&db).unwrap().with_today(day(30));
    let order = desk
        .prepare_issue(common::drafted(), day(24), &ImageSource::None, false)
        .unwrap();
    let third = desk.issue(order, None).unwrap();
    assert_eq!(third.entry.number, 3);
    let first = desk
        .register(&Filter::default())
        .unwrap()
        .iter()
        .find(|r| r.entry.series == "chung" && r.entry.number == 1)
        .unwrap()
        .entry
        .id;
    desk.cancel(first, "sai trích yếu", Some(day(25))).unwrap();
    desk.save_draft(None, &common::drafted(), None).unwrap();
    desk.delete_template("rieng").unwrap();
    desk.forget_image(None).unwrap();
    assert_ne!(dump(&db), saved);
    // …and given back as it was, but for the register, which only grows: 03 and the
    // cancellation of 01 are kept, and said so.
    let restored = desk.restore(&backup).unwrap();
    assert_eq!((restored.lines, restored.cancelled), (4, 2));
    assert_eq!(restored.kept.len(), 2, "{:?}", restored.kept);
    assert!(
        restored.summary.contains("giữ lại 2 số") && restored.summary.contains("03/"),
        "{}",
        restored.summary
    );
    // The search index (the `search` table and FTS5's own tables) follows the registers.
    let others = |dump: &str| -> String {
        dump.lines()
            .filter(|l| !l.starts_with("register:") && !l.starts_with("search"))
            .collect::<Vec<_>>()
            .join("\n")
    };
    assert_eq!(others(&dump(&db)), others(&saved));
    // The next number is 04, and the register holds 01 to 04 once each.
    let order = desk
        .prepare_issue(common::drafted(), day(26), &ImageSource::None, false)
        .unwrap();
    assert_eq!(desk.issue(order, None).unwrap().entry.number, 4);
    let mut numbers: Vec<u32> = desk
        .register(&Filter::default())
        .unwrap()
        .iter()
        .filter(|r| r.entry.series == "chung")
        .map(|r| r.entry.number)
        .collect();
    numbers.sort();
    assert_eq!(numbers, [1, 2, 3, 4]);
    // The database replaced was kept as a backup first.
    let kept = desk.backups();
    assert!(
        kept.iter().any(|b| b.path.contains("truoc-khoi-phuc")),
        "{kept:?}"
    );
}

#[test]
fn what_is_not_a_sound_backup_is_refused_with_the_database_unchanged() {
    let dir = common::fresh_dir("refused");
    let db = dir.join("congvan.db");
    let store = filled(&db);
    let good = dir.join("good.db");
    store.backup_to(&good).unwrap();
    drop(store);
    let bytes = std::fs::read(&good).unwrap();
    let write = |name: &str, bytes: &[u8]| {
        let path = dir.join(name);
        std::fs::write(&path, bytes).unwrap();
        path
    };
    // Damaged: pages in the middle overwritten.
    let mut damaged = bytes.clone();
    let mid = damaged.len() / 2;
    damaged[mid..mid + 4096].fill(0xA5);
    let damaged = write("damaged.db", &damaged);
    // Another program's database, and a newer schema.
    let foreign = dir.join("foreign.db");
    rusqlite::Connection::open(&foreign)
        .unwrap()
        .execute_batch("CREATE TABLE khach (ten TEXT); INSERT INTO khach VALUES ('a');")
        .unwrap();
    let newer = write("newer.db", &bytes);
    rusqlite::Connection::open(&newer)
        .unwrap()
        .execute_batch("PRAGMA user_version = 99;")
        .unwrap();
    let truncated = write("truncated.db", &bytes[..bytes.len() / 3]);
    let text = write("text.db", "đây không phải cơ sở dữ liệu".as_bytes());
    let before = dump(&db);
    let mut desk = Desk::open(&db).unwrap();
    for (file, words) in [
        (&damaged, "hỏng"),
        (&foreign, "không phải cơ sở dữ liệu của ứng dụng"),
        (&newer, "phiên bản mới hơn"),
        (&truncated, ""),
        (&text, "không phải cơ sở dữ liệu của ứng dụng"),
        (&dir.join("none.db"), "không có tệp này"),
    ] {
        let failure = desk.restore(file).unwrap_err();
        assert!(
            failure.message.contains(words),
            "{}: {}",
            file.display(),
            failure.message
        );
        assert_ne!(failure.kind, Kind::Failed, "{}", failure.message);
        assert_eq!(dump(&db), before, "{} changed the database", file.display());
    }
    // The command-line tool says the same, exit 1.
    let out = common::congvan(&["db", "check", "--db", &damaged.to_string_lossy()]);
    assert_eq!(out.status.code(), Some(1));
    let out = common::congvan(&["db", "check", "--db", &db.to_string_lossy()]);
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).contains("3 số (1 đã hủy, 1 bản sao)"));
}

#[test]
fn a_damaged_database_at_start_is_found_and_brought_back_from_the_newest_good_backup() {
    let dir = common::fresh_dir("start");
    let db = dir.join("congvan.db");
    drop(filled(&db));
    // The app's own backups: taken after each number, kept in sao-luu/.
    let mut desk = Desk::open(&db).unwrap().with_today(day(24));
    let order = desk
        .prepare_issue(common::drafted(), day(24), &ImageSource::None, false)
        .unwrap();
    let issued = desk.issue(order, None).unwrap();
    assert!(issued.backup_failure.is_none());
    assert!(!desk.backups().is_empty());
    let saved = dump(&db);
    drop(desk);
    // The disk goes bad under the database.
    let mut bytes = std::fs::read(&db).unwrap();
    let mid = bytes.len() / 2;
    bytes[mid..mid + 8192].fill(0x5A);
    std::fs::write(&db, &bytes).unwrap();
    let trouble = Desk::open_or_trouble(&db)
        .err()
        .expect("the damage is found");
    assert!(trouble.problem.contains("hỏng"), "{}", trouble.problem);
    let backup = trouble.backup.clone().expect("a good backup offered");
    assert!(trouble.lost.contains(&backup.taken), "{}", trouble.lost);
    assert_eq!(
        std::fs::read(&db).unwrap(),
        bytes,
        "nothing written to the damaged file"
    );
    let desk = Desk::recover(&db, Some(Path::new(&backup.path))).unwrap();
    assert_eq!(desk.contents().unwrap().lines, 4);
    drop(desk);
    assert_eq!(dump(&db), saved);
    // The damaged file is kept aside, as it was.
    let aside: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.to_string_lossy().contains(".hong-"))
        .collect();
    assert!(
        aside.iter().any(|p| std::fs::read(p).unwrap() == bytes),
        "{aside:?}"
    );
    // A database gone while its backups remain is not silently started anew.
    std::fs::remove_file(&db).unwrap();
    let trouble = Desk::open_or_trouble(&db).err().expect("the loss is found");
    assert!(
        trouble.problem.contains("Không thấy"),
        "{}",
        trouble.problem
    );
    assert!(!db.exists());
}

#[test]
fn a_recovery_keeps_the_numbers_the_file_put_aside_still_shows() {
    let dir = common::fresh_dir("recover-keeps");
    let db = dir.join("congvan.db");
    drop(filled(&db));
    let mut desk = Desk::open(&db).unwrap().with_today(day(24));
    let issue = |desk: &mut Desk| {
        let order = desk
            .prepare_issue(common::drafted(), day(24), &ImageSource::None, false)
            .unwrap();
        desk.issue(order, None).unwrap().entry.number
    };
    assert_eq!(issue(&mut desk), 3);
    let backup = desk.backups()[0].path.clone();
    assert_eq!(issue(&mut desk), 4);
    drop(desk);
    // A later version of the app wrote the file: refused, yet its register reads.
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.pragma_update(None, "user_version", 99).unwrap();
    drop(conn);
    assert!(Desk::open_or_trouble(&db).is_err());
    let mut desk = Desk::recover(&db, Some(Path::new(&backup))).unwrap();
    assert_eq!(desk.contents().unwrap().lines, 5);
    assert_eq!(issue(&mut desk), 5);
}

#[test]
fn a_years_records_hold_every_line_in_order() {
    let dir = common::fresh_dir("archive");
    let db = dir.join("congvan.db");
    drop(filled(&db));
    let desk = Desk::open(&db).unwrap().with_soffice(None);
    let folder = dir.join("luu-tru-2024");
    let archived = desk.archive(2024, &folder).unwrap();
    assert_eq!(
        (
            archived.letters,
            archived.copies,
            archived.cancelled,
            archived.pdfs
        ),
        (2, 1, 1, 3)
    );
    // The letter, the copy (of a letter the app wrote) and the mục lục have their PDFs,
    // laid out by the app without LibreOffice.
    assert_eq!(archived.pdf_failure, None);
    let mut names: Vec<String> = std::fs::read_dir(&folder)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert!(names.iter().any(|n| n.starts_with("01-LĐLĐ")), "{names:?}");
    assert!(
        !names.iter().any(|n| n.starts_with("02-LĐLĐ")),
        "cancelled: {names:?}"
    );
    assert!(
        names
            .iter()
            .any(|n| n.starts_with("01-SY-LĐLĐ") && n.contains("được sao")),
        "{names:?}"
    );
    assert!(names.contains(&"so-van-ban-di-2024.xlsx".to_string()));
    assert!(
        names.contains(&"muc-luc-van-ban.pdf".to_string()),
        "{names:?}"
    );
    assert!(
        names
            .iter()
            .any(|n| n.starts_with("01-LĐLĐ") && n.ends_with(".pdf")),
        "{names:?}"
    );
    let index = common::read_docx(&std::fs::read(folder.join("muc-luc-van-ban.docx")).unwrap());
    let text = common::part(
        &std::fs::read(folder.join("muc-luc-van-ban.docx")).unwrap(),
        "word/document.xml",
    );
    let at = |s: &str| {
        text.find(s)
            .unwrap_or_else(|| panic!("{s} not in the index: {index:?}"))
    };
    assert!(at("01/LĐLĐ") < at("02/LĐLĐ") && at("02/LĐLĐ") < at("01/SY-LĐLĐ"));
    assert!(text.contains("ĐÃ HỦY 22/05/2024: ký nhầm"));
    // Written whole: a second archive to the same folder is refused, nothing left behind.
    let again = desk.archive(2024, &folder).unwrap_err();
    assert!(again.message.contains("đã có"), "{}", again.message);
    let refused = desk.archive(2019, &dir.join("2019")).unwrap_err();
    assert!(
        refused.message.contains("chưa có văn bản"),
        "{}",
        refused.message
    );
    let left: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

#[test]
fn a_restore_keeps_the_deadlines_and_the_state_of_documents_received_since() {
    let dir = common::fresh_dir("restore-deadlines");
    let db = dir.join("congvan.db");
    let april = |d: u32| NaiveDate::from_ymd_opt(2024, 4, d).unwrap();
    let seed = common::seeds().join("004_f97b9327d3f16c43.txt");
    let mut desk = Desk::open(&db).unwrap().with_today(april(15));
    desk.receive_file(&seed, None, "").unwrap();
    let backup = dir.join("sao-luu.db");
    desk.backup(&backup).unwrap();
    // Since the backup: the first line passed on and given a deadline by hand, closed;
    // the plan received again (a second line, flagged, with its own deadline).
    let first = desk.incoming_line(2024, 1).unwrap();
    desk.pass(first, "Văn phòng", Some(april(16))).unwrap();
    let added = desk.add_deadline(first, april(30), "Báo cáo").unwrap();
    desk.close_deadline(added, true, Some(april(29))).unwrap();
    desk.receive_file(&seed, None, "").unwrap();
    desk.restore(&backup).unwrap();
    let rows = desk.incoming_register(Some(2024)).unwrap();
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0].status, "Đã chuyển Văn phòng ngày 16/04/2024");
    let kept = desk.deadlines_of(first).unwrap();
    assert_eq!(kept.len(), 2, "{kept:?}");
    assert_eq!(kept[1].closed_on.as_deref(), Some("2024-04-29"));
    let second = desk.incoming_line(2024, 2).unwrap();
    assert_eq!(desk.deadlines_of(second).unwrap().len(), 1);
    assert_eq!(desk.due(april(20), 7).unwrap().len(), 2);
}
