//! What the clerk's Windows computer does differently, checked on every system (and under
//! wine in CI): text pasted with Windows line ends, and file and folder names in
//! Vietnamese. The data folder, LibreOffice under Program Files and a file held open by
//! Word are checked beside their code, in `desk::files` and `desk::pdf`.

// Tests and benches read and write their own files and time themselves (clippy.toml).
#![allow(clippy::disallowed_methods)]

#[path = "../../tests/common/mod.rs"]
mod common;

use congvan::desk::Desk;
use congvan::model::Letter;
use congvan::read::parse;

/// Each seed's text, with the Unix line ends it is stored with.
fn seeds() -> Vec<(String, String)> {
    let mut seeds: Vec<_> = std::fs::read_dir(common::seeds())
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (
                name,
                std::fs::read_to_string(&p).unwrap().replace("\r\n", "\n"),
            )
        })
        .collect();
    seeds.sort();
    assert_eq!(seeds.len(), 5);
    seeds
}

#[test]
fn a_parent_pasted_with_windows_line_ends_reads_the_same() {
    for (name, text) in seeds() {
        let crlf = text.replace('\n', "\r\n");
        assert_eq!(parse::parse(&crlf), parse::parse(&text), "{name}");
        // The same through the desk, as the window pastes it, and from a file.
        let mut desk = Desk::in_memory().unwrap();
        let pasted = desk.paste_parent(&crlf).unwrap();
        assert_eq!(pasted.directive, parse::parse(&text), "{name}");
        assert_eq!(
            parse::read("cap-tren.txt", crlf.as_bytes()).unwrap(),
            parse::read("cap-tren.txt", text.as_bytes()).unwrap(),
            "{name}"
        );
    }
}

#[test]
fn a_letter_typed_with_windows_line_ends_is_the_same_letter() {
    let unix = Letter::example();
    let mut windows = unix.clone();
    windows.body = unix.body.replace('\n', "\r\n");
    windows.subject = format!("{}\r\n", unix.subject);
    windows.recipients = unix.recipients.iter().map(|r| format!("{r}\r")).collect();
    let docx = |l: &Letter| congvan::render::letter_docx(l).unwrap();
    // The same text laid out; the letter the file carries is the one typed, and lays out
    // the same again.
    assert_eq!(
        common::part(&docx(&windows), "word/document.xml"),
        common::part(&docx(&unix), "word/document.xml")
    );
    let carried = congvan::render::own_letter(&docx(&windows))
        .unwrap()
        .unwrap();
    assert_eq!(
        congvan::Document::from_letter(&carried),
        congvan::Document::from_letter(&unix)
    );
    assert_eq!(
        congvan::render::letter_html(&windows),
        congvan::render::letter_html(&unix)
    );
}

#[test]
fn vietnamese_file_and_folder_names_on_the_command_line() {
    let dir = common::fresh_dir("ten-tieng-viet");
    let (name, text) = seeds().remove(4);
    let plain = dir.join("parent.txt");
    std::fs::write(&plain, &text).unwrap();
    let inbox = dir.join("Văn bản đến").join("Tháng 5");
    let outbox = dir.join("Công văn đi — năm 2024");
    std::fs::create_dir_all(&inbox).unwrap();
    std::fs::create_dir_all(&outbox).unwrap();
    let parent = inbox.join("Kế hoạch của Liên đoàn Lao động (bản gốc).txt");
    std::fs::write(&parent, &text).unwrap();

    let forward = |from: &std::path::Path, to: &std::path::Path| {
        let out = common::congvan(&[
            "forward",
            from.to_str().unwrap(),
            "--today",
            "2024-05-10",
            "-o",
            to.to_str().unwrap(),
        ]);
        common::ok(&out);
        std::fs::read(to).unwrap()
    };
    let letter = outbox.join("Công văn triển khai số 12 – Kế hoạch ‘Tháng Công nhân’.docx");
    assert!(
        forward(&parent, &letter) == forward(&plain, &dir.join("letter.docx")),
        "{name}: the names changed the letter"
    );

    // The register in a folder named in Vietnamese, the received file kept under its name.
    let db = outbox.join("Sổ văn bản.db");
    let out = common::congvan(&[
        "receive",
        parent.to_str().unwrap(),
        "--received-on",
        "2024-05-09",
        "--db",
        db.to_str().unwrap(),
    ]);
    common::ok(&out);
    let out = common::congvan(&[
        "register",
        "list",
        "--incoming",
        "--year",
        "2024",
        "--db",
        db.to_str().unwrap(),
    ]);
    common::ok(&out);
    let listed = String::from_utf8(out.stdout).unwrap();
    assert!(listed.contains("Kế hoạch"), "{listed}");
    let _ = std::fs::remove_dir_all(&dir);
}
