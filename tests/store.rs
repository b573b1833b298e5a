//! The local database: drafts, profile and templates kept and restored; a file that is not
//! a sound database of this app, or that a newer version wrote, refused and left unchanged.

// Tests and benches read and write their own files and time themselves (clippy.toml).
#![allow(clippy::disallowed_methods)]

mod common;

use std::path::PathBuf;

use congvan::desk::store::{Store, SCHEMA_VERSION};
use congvan::{Letter, Profile};

fn temp(name: &str) -> PathBuf {
    common::fresh_dir(name).join("congvan.db")
}

#[test]
fn a_new_database_is_created_at_the_current_schema_and_reopens() {
    let path = temp("new");
    assert_eq!(
        Store::open(&path).unwrap().schema_version().unwrap(),
        SCHEMA_VERSION
    );
    assert_eq!(
        Store::open(&path).unwrap().schema_version().unwrap(),
        SCHEMA_VERSION
    );
}

#[test]
fn drafts_are_kept_updated_listed_and_deleted() {
    let path = temp("drafts");
    let mut store = Store::open(&path).unwrap();
    let mut letter = Letter::example();
    let first = store.save_draft(None, &letter, None, 100).unwrap();
    letter.subject = "triển khai kế hoạch khác".into();
    let second = store.save_draft(None, &letter, None, 200).unwrap();
    letter.subject = "đã sửa".into();
    assert_eq!(
        store.save_draft(Some(first), &letter, None, 300).unwrap(),
        first
    );
    // Saved is saved: a new connection, as after a restart, sees every change.
    drop(store);
    let mut store = Store::open(&path).unwrap();
    assert_eq!(store.draft(first).unwrap().unwrap(), (letter.clone(), None));
    let recent: Vec<(i64, String)> = store
        .recent_drafts(10)
        .unwrap()
        .into_iter()
        .map(|d| (d.id, d.subject))
        .collect();
    assert_eq!(
        recent,
        [
            (first, "đã sửa".to_string()),
            (second, "triển khai kế hoạch khác".to_string())
        ]
    );
    assert_eq!(store.recent_drafts(1).unwrap().len(), 1);
    assert_eq!(store.last_draft().unwrap(), Some((first, letter.clone())));
    store.delete_draft(second).unwrap();
    assert_eq!(store.draft(second).unwrap(), None);
    assert!(store
        .save_draft(Some(999), &letter, None, 1)
        .unwrap_err()
        .to_string()
        .contains("không có bản nháp số 999"));
}

#[test]
fn the_profile_and_the_clerks_templates_are_kept() {
    let mut store = Store::in_memory().unwrap();
    assert_eq!(store.profile().unwrap(), None);
    let mut profile = Profile::example();
    store.save_profile(&profile, 1).unwrap();
    profile.place = "Tân Châu".into();
    store.save_profile(&profile, 2).unwrap();
    assert_eq!(store.profile().unwrap(), Some(profile));

    let source = "+++\nname = \"Của tôi\"\ndoc_type = \"Công văn\"\n+++\nNội dung {{x}}.";
    store.save_template("cua-toi", source, 1).unwrap();
    store.save_template("khac", source, 1).unwrap();
    let err = store
        .save_template("hong", "không có khai báo", 1)
        .unwrap_err()
        .to_string();
    assert!(err.contains("mẫu \"hong\""), "{err}");
    assert!(store
        .rename_template("cua-toi", "khac")
        .unwrap_err()
        .to_string()
        .contains("đã có mẫu"));
    store.rename_template("cua-toi", "moi").unwrap();
    store.delete_template("khac").unwrap();
    assert_eq!(
        store.templates().unwrap(),
        [("moi".to_string(), source.to_string())]
    );
}

#[test]
fn a_newer_database_is_refused_and_left_unchanged() {
    let path = temp("newer");
    drop(Store::open(&path).unwrap());
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.pragma_update(None, "user_version", SCHEMA_VERSION + 1)
            .unwrap();
        conn.pragma_update(None, "journal_mode", "DELETE").unwrap();
    }
    let before = std::fs::read(&path).unwrap();
    let err = Store::open(&path).err().unwrap().to_string();
    assert!(
        err.contains("phiên bản mới hơn") && err.contains("giữ nguyên"),
        "{err}"
    );
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[test]
fn a_file_that_is_not_a_database_is_refused_and_left_unchanged() {
    let path = temp("garbage");
    let garbage = b"Day khong phai co so du lieu, chi la van ban.".repeat(200);
    std::fs::write(&path, &garbage).unwrap();
    let err = Store::open(&path).err().unwrap().to_string();
    assert!(
        err.contains("không phải cơ sở dữ liệu") && err.contains("giữ nguyên"),
        "{err}"
    );
    assert_eq!(std::fs::read(&path).unwrap(), garbage);
    assert!(!path.with_extension("db-wal").exists());
}

#[test]
fn two_connections_saving_at_once_both_keep_their_drafts() {
    let path = temp("two");
    drop(Store::open(&path).unwrap());
    let threads: Vec<_> = (0..2)
        .map(|t| {
            let path = path.clone();
            std::thread::spawn(move || {
                let mut store = Store::open(&path).unwrap();
                (0..25)
                    .map(|i| {
                        store
                            .save_draft(None, &Letter::example(), None, t * 100 + i)
                            .unwrap()
                    })
                    .collect::<Vec<_>>()
            })
        })
        .collect();
    let mut ids: Vec<i64> = threads
        .into_iter()
        .flat_map(|h| h.join().unwrap())
        .collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 50);
    assert_eq!(
        Store::open(&path)
            .unwrap()
            .recent_drafts(100)
            .unwrap()
            .len(),
        50
    );
}
