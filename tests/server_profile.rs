//! The office's server named in the profile, as the window sets it: the registers kept
//! there, the password asked for, kept in the OS keyring (here a keyring of the test's own,
//! put in the keyring crate's place) once the server takes it and never in the profile,
//! found again after a restart; a server out of reach refuses numbers and gives none from
//! this PC's copy.

// Tests read and write their own files (clippy.toml).
#![allow(clippy::disallowed_methods)]
// The server of the test's own is made with Unix tools (initdb, pg_ctl, runuser).
#![cfg(unix)]

mod common;

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use chrono::NaiveDate;
use congvan::desk::{Clerk, Desk, ImageSource, Server};
use congvan::issue::register::Filter;
use congvan::model::ServerAddress;
use congvan::Profile;
use keyring::credential::{Credential, CredentialApi, CredentialBuilderApi};

/// The passwords kept, by service and user: the OS keyring of these tests.
type Kept = Arc<Mutex<HashMap<(String, String), Vec<u8>>>>;

struct Keyring(Kept);
struct Item(Kept, (String, String));

impl CredentialApi for Item {
    fn set_secret(&self, secret: &[u8]) -> keyring::Result<()> {
        self.0
            .lock()
            .unwrap()
            .insert(self.1.clone(), secret.to_vec());
        Ok(())
    }
    fn get_secret(&self) -> keyring::Result<Vec<u8>> {
        self.0
            .lock()
            .unwrap()
            .get(&self.1)
            .cloned()
            .ok_or(keyring::Error::NoEntry)
    }
    fn delete_credential(&self) -> keyring::Result<()> {
        self.0.lock().unwrap().remove(&self.1);
        Ok(())
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

impl CredentialBuilderApi for Keyring {
    fn build(
        &self,
        _target: Option<&str>,
        service: &str,
        user: &str,
    ) -> keyring::Result<Box<Credential>> {
        Ok(Box::new(Item(
            self.0.clone(),
            (service.into(), user.into()),
        )))
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

fn day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2024, 5, 20).unwrap()
}

fn office(server: ServerAddress) -> Profile {
    let mut profile = Profile::example();
    profile.name = "Liên đoàn Lao động huyện Thử".into();
    profile.server = Some(server);
    profile
}

fn issue(desk: &mut Desk) -> Result<u32, congvan::desk::Failure> {
    let order = desk.prepare_issue(common::drafted(), day(), &ImageSource::None, false)?;
    Ok(desk.issue(order, None)?.entry.number)
}

#[test]
fn the_profiles_server_keeps_the_registers_and_its_password_stays_in_the_keyring() {
    let kept: Kept = Arc::default();
    keyring::set_default_credential_builder(Box::new(Keyring(kept.clone())));
    let postgres = common::postgres::Postgres::start("profile");
    let mut owner = Server::connect(&postgres.url()).unwrap();
    let password = "mật khẩu 'văn thư'";
    postgres.role_with_password("vanthu", password);
    owner.set_clerk("vanthu", &Clerk::VanThu).unwrap();
    let port = postgres.port();
    let address = ServerAddress {
        host: "127.0.0.1".into(),
        port,
        database: "postgres".into(),
        user: "vanthu".into(),
    };
    let db = common::fresh_dir("profile-server").join("congvan.db");
    let mut desk = Desk::open(&db).unwrap().with_today(day());
    desk.save_profile(&office(address.clone())).unwrap();
    assert_eq!(
        desk.server_name().as_deref(),
        Some(&*format!("vanthu@127.0.0.1:{port}/postgres"))
    );

    // No password yet: asked for, and nothing issued anywhere.
    let asked = desk.connect_server(None).unwrap_err();
    assert!(asked.message.contains("hỏi mật khẩu"), "{}", asked.message);
    let refused = issue(&mut desk).unwrap_err();
    assert!(
        refused.message.contains("hỏi mật khẩu"),
        "{}",
        refused.message
    );
    // A wrong one is refused by the server and kept nowhere.
    let wrong = desk.connect_server(Some("sai")).unwrap_err();
    assert!(
        wrong.message.contains("không kết nối được máy chủ sổ"),
        "{}",
        wrong.message
    );
    assert!(kept.lock().unwrap().is_empty());
    // The right one connects and is kept in the keyring, under the server's URL.
    let said = desk.connect_server(Some(password)).unwrap();
    assert!(said.contains("giữ trong kho khóa"), "{said}");
    let url = address.url().unwrap();
    assert_eq!(
        kept.lock().unwrap().get(&("congvan".into(), url.clone())),
        Some(&password.as_bytes().to_vec())
    );
    assert_eq!(issue(&mut desk).unwrap(), 1);
    // What the window asks at its start and in the register dialog, all answered there.
    desk.reminder(day()).unwrap();
    desk.due(day(), 3).unwrap();
    desk.register_view(true, &Filter::default()).unwrap();
    desk.stats(2024).unwrap();
    desk.search("thi đua", None, None).unwrap();
    let view = desk.register_view(false, &Filter::default()).unwrap();
    assert!(
        view.kept_on.starts_with("máy chủ vanthu@"),
        "{}",
        view.kept_on
    );
    drop(desk);

    // Never in the profile, nor anywhere in this PC's database.
    let bytes = std::fs::read(&db).unwrap();
    let needle = "văn thư".as_bytes();
    assert!(!bytes.windows(needle.len()).any(|w| w == needle));
    // After a restart the keyring's password is used: the next number, on the server.
    let mut desk = Desk::open(&db).unwrap().with_today(day());
    assert!(desk.profile().unwrap().server.is_some());
    assert_eq!(issue(&mut desk).unwrap(), 2);
    let numbers: Vec<u32> = owner
        .register(&Filter::default())
        .unwrap()
        .iter()
        .map(|e| e.number)
        .collect();
    assert_eq!(numbers, [1, 2]);
    // A schema older than the app is brought up to date by its owner only: the văn thư is
    // told whom to ask, not just that she lacks a right.
    postgres.sql("UPDATE congvan_schema SET version = version - 1");
    let mut desk = Desk::open(&db).unwrap().with_today(day());
    let refused = issue(&mut desk).unwrap_err();
    assert!(
        refused.message.contains("cần cập nhật lược đồ")
            && refused.message.contains("người quản trị"),
        "{}",
        refused.message
    );
    postgres.sql("UPDATE congvan_schema SET version = version + 1");
    desk.connect_server(None).unwrap();
    assert_eq!(issue(&mut desk).unwrap(), 3);
    // The PC's own register holds none of them.
    let mut here = Desk::open(&db).unwrap();
    here.save_profile(&Profile {
        server: None,
        ..office(address)
    })
    .unwrap();
    assert!(here.register(&Filter::default()).unwrap().is_empty());
}

#[test]
fn a_server_switched_off_is_refused_until_it_is_back_and_the_clerk_connects() {
    let postgres = common::postgres::Postgres::start("profile-off");
    Server::connect(&postgres.url()).unwrap();
    let address = ServerAddress {
        host: "127.0.0.1".into(),
        port: postgres.port(),
        database: "postgres".into(),
        user: "congvan".into(),
    };
    let db = common::fresh_dir("profile-off").join("congvan.db");
    let mut desk = Desk::open(&db).unwrap().with_today(day());
    desk.save_profile(&office(address)).unwrap();
    postgres.stop();
    let refused = issue(&mut desk).unwrap_err();
    assert!(
        refused.message.contains("không kết nối được máy chủ sổ"),
        "{}",
        refused.message
    );
    // Back on: a failed try is said again for a while without trying (a server out of
    // reach takes seconds a try); the clerk's "connect" tries at once.
    postgres.start_again();
    assert_eq!(issue(&mut desk).unwrap_err().message, refused.message);
    desk.connect_server(None).unwrap();
    assert_eq!(issue(&mut desk).unwrap(), 1);
    // Once connected, a server restarting is waited for: the connection is made again.
    postgres.restart();
    assert_eq!(issue(&mut desk).unwrap(), 2);
}

#[test]
fn a_server_out_of_reach_leaves_the_drafts_and_gives_no_number_from_this_pc() {
    let free = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = free.local_addr().unwrap().port();
    drop(free);
    let db = common::fresh_dir("profile-unreachable").join("congvan.db");
    let mut desk = Desk::open(&db).unwrap().with_today(day());
    let address = ServerAddress {
        host: "127.0.0.1".into(),
        port,
        database: "congvan".into(),
        user: "vanthu".into(),
    };
    desk.save_profile(&office(address.clone())).unwrap();
    // The desk opens again and drafts with its office.
    let mut desk = Desk::open(&db).unwrap().with_today(day());
    assert_eq!(desk.profile().unwrap().name, "Liên đoàn Lao động huyện Thử");
    let refused = issue(&mut desk).unwrap_err();
    assert!(
        refused
            .message
            .contains("không kết nối được máy chủ sổ vanthu@127.0.0.1"),
        "{}",
        refused.message
    );
    // An address a URL cannot carry is refused beside its field, and not kept.
    let bad = ServerAddress {
        host: "may chu".into(),
        ..address
    };
    let refused = desk.save_profile(&office(bad)).unwrap_err();
    assert_eq!(refused.field.as_deref(), Some("server.host"));
    assert!(
        refused.message.contains("\"may chu\""),
        "{}",
        refused.message
    );
    assert_eq!(
        desk.profile().unwrap().server.unwrap().host,
        "127.0.0.1",
        "the refused address was kept"
    );
}
