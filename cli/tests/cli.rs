//! The command-line contract: exit 0 done, 1 bad input with one clear line, 2 usage;
//! outputs are whole or absent, never half-written.

// Tests and benches read and write their own files and time themselves (clippy.toml).
#![allow(clippy::disallowed_methods)]

#[path = "../../tests/common/mod.rs"]
mod common;

use std::path::Path;
use std::process::Output;

fn check(out: &Output, code: i32, stderr_has: &str) {
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(code), "stderr: {stderr}");
    assert!(
        stderr.contains(stderr_has),
        "stderr {stderr:?} lacks {stderr_has:?}"
    );
    if code == 1 {
        assert_eq!(
            stderr.trim_end().lines().count(),
            1,
            "one line for bad input: {stderr:?}"
        );
    }
}

fn write(dir: &Path, name: &str, text: &str) -> String {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p.to_string_lossy().into_owned()
}

#[test]
fn render_writes_the_docx_and_the_preview() {
    let dir = common::fresh_dir("ok");
    let (_, fixture) = &common::fixtures()[0];
    let docx = dir.join("out.docx");
    let html = dir.join("out.html");
    let out = common::congvan(&[
        "render",
        fixture.to_str().unwrap(),
        "-o",
        docx.to_str().unwrap(),
        "--html",
        html.to_str().unwrap(),
    ]);
    check(&out, 0, "");
    // The command-line tool writes exactly what the library renders.
    assert!(std::fs::read(&docx).unwrap() == common::render_fixture(fixture));
    assert!(std::fs::read_to_string(&html)
        .unwrap()
        .contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"));
    assert_eq!(
        std::fs::read_dir(&dir).unwrap().count(),
        2,
        "no temporary files left behind"
    );
}

#[test]
fn bad_letters_get_one_line_naming_the_field() {
    let dir = common::fresh_dir("bad");
    let out_path = dir.join("out.docx");
    let out = out_path.to_str().unwrap();
    let good = std::fs::read_to_string(&common::fixtures()[0].1).unwrap();

    let missing = good.replace("\"subject\"", "\"subjekt\"");
    check(
        &common::congvan(&["render", &write(&dir, "a.json", &missing), "-o", out]),
        1,
        "trường lạ \"subjekt\"",
    );
    let mut value: serde_json::Value = serde_json::from_str(&good).unwrap();
    value.as_object_mut().unwrap().remove("issuer");
    check(
        &common::congvan(&[
            "render",
            &write(&dir, "b.json", &value.to_string()),
            "-o",
            out,
        ]),
        1,
        "thiếu trường \"issuer\"",
    );
    let cut = &good[..good.find("\"body\"").unwrap()];
    check(
        &common::congvan(&["render", &write(&dir, "c.json", cut), "-o", out]),
        1,
        "c.json: công văn (JSON): tệp JSON bị cắt cụt",
    );
    let bad_date = good.replace("\"2024-05\"", "\"2024-13\"");
    check(
        &common::congvan(&["render", &write(&dir, "d.json", &bad_date), "-o", out]),
        1,
        "ngày tháng không hợp lệ: \"2024-13\"",
    );
    check(
        &common::congvan(&[
            "render",
            &write(&dir, "e.json", "{\"doc_type\": 5}"),
            "-o",
            out,
        ]),
        1,
        "sai kiểu dữ liệu",
    );
    std::fs::write(dir.join("f.json"), [0xff, 0xfe, 0x00]).unwrap();
    check(
        &common::congvan(&["render", dir.join("f.json").to_str().unwrap(), "-o", out]),
        1,
        "không phải văn bản UTF-8",
    );
    check(
        &common::congvan(&["render", dir.join("none.json").to_str().unwrap(), "-o", out]),
        1,
        "không đọc được",
    );
    assert!(!out_path.exists(), "no output for bad input");
}

#[test]
fn an_unwritable_output_leaves_nothing_behind() {
    let dir = common::fresh_dir("unwritable");
    let (_, fixture) = &common::fixtures()[0];
    let target = dir.join("missing-folder/out.docx");
    check(
        &common::congvan(&[
            "render",
            fixture.to_str().unwrap(),
            "-o",
            target.to_str().unwrap(),
        ]),
        1,
        "không ghi được",
    );
    assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 0);
}

#[test]
fn usage_mistakes_exit_2() {
    check(&common::congvan(&[]), 2, "thiếu lệnh");
    check(&common::congvan(&["fly"]), 2, "lệnh không có: fly");
    check(&common::congvan(&["render", "x.json"]), 2, "thiếu -o");
    check(&common::congvan(&["render", "-o"]), 2, "-o cần một tên tệp");
    check(
        &common::congvan(&["render", "x.json", "--fast", "-o", "y"]),
        2,
        "tùy chọn không có: --fast",
    );
    let help = common::congvan(&["--help"]);
    assert_eq!(help.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&help.stdout).contains("congvan render"));
}

#[test]
fn parse_prints_a_summary_or_json() {
    let seed = common::seeds().join("004_f97b9327d3f16c43.txt");
    let out = common::congvan(&["parse", seed.to_str().unwrap()]);
    check(&out, 0, "");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("Số, ký hiệu:    1062/KH-UBND"), "{text}");
    assert!(text.contains("Cần kiểm tra:"), "{text}");
    // The day as a clerk reads it, whatever the locale; JSON keeps ISO.
    assert!(text.contains("Ngày:           11/04/2024"), "{text}");
    let out = common::congvan(&["parse", seed.to_str().unwrap(), "--json"]);
    check(&out, 0, "");
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    for key in [
        "doc_type",
        "number",
        "symbol",
        "issuer",
        "parent_body",
        "place",
        "date",
        "subject",
        "recipients",
        "references",
        "distribution",
        "signer",
        "problems",
    ] {
        assert!(json.get(key).is_some(), "no key {key}");
    }
    assert_eq!(json["date"], "2024-04-11");
}

#[test]
fn parse_refuses_what_it_cannot_read_in_one_line() {
    let dir = common::fresh_dir("parse-bad");
    check(
        &common::congvan(&["parse", &write(&dir, "scan.pdf", "%PDF-1.4\n%%EOF\n")]),
        1,
        "scan.pdf",
    );
    // A Word 97–2003 file cut short after its signature.
    std::fs::write(dir.join("old.doc"), [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1]).unwrap();
    check(
        &common::congvan(&["parse", dir.join("old.doc").to_str().unwrap()]),
        1,
        ".doc bị hỏng",
    );
    check(
        &common::congvan(&["parse", dir.join("none.txt").to_str().unwrap()]),
        1,
        "không đọc được",
    );
    check(&common::congvan(&["parse"]), 2, "thiếu tệp đầu vào");
    // What is not a document says what it is.
    std::fs::write(dir.join("anh.png"), b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap();
    check(
        &common::congvan(&["parse", dir.join("anh.png").to_str().unwrap()]),
        1,
        "tệp ảnh bị hỏng",
    );
    let mut sheet = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    sheet
        .start_file("xl/workbook.xml", zip::write::SimpleFileOptions::default())
        .unwrap();
    std::io::Write::write_all(&mut sheet, b"<workbook/>").unwrap();
    std::fs::write(dir.join("so.xlsx"), sheet.finish().unwrap().into_inner()).unwrap();
    check(
        &common::congvan(&["parse", dir.join("so.xlsx").to_str().unwrap()]),
        1,
        "bảng tính Excel",
    );
}

#[test]
fn check_names_the_field_of_a_hollow_citation() {
    let dir = common::fresh_dir("hollow");
    let good = std::fs::read_to_string(&common::fixtures()[0].1).unwrap();
    let mut letter: serde_json::Value = serde_json::from_str(&good).unwrap();
    let body = letter["body"].as_str().unwrap().to_string();
    let first = body.split("\n\n").next().unwrap().to_string();
    for (changed, field) in [
        (
            body.replacen(&first, "Thực hiện Thông báo số /TB-ĐT của Đảng ủy.", 1),
            "lỗi (đoạn căn cứ): \"Thông báo số /TB-ĐT\"",
        ),
        (
            format!("{body}\n\n*(Gửi kèm Văn bản số).*"),
            "lỗi (nội dung): \"Văn bản số)\"",
        ),
    ] {
        letter["body"] = serde_json::Value::String(changed);
        let path = write(&dir, "hollow.json", &letter.to_string());
        let out = common::congvan(&["check", &path]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{stderr}");
        assert!(stderr.contains(field), "{stderr}");
    }
}

#[test]
fn every_subcommand_has_its_help_in_vietnamese() {
    for sub in [
        "parse",
        "forward",
        "render",
        "check",
        "issue",
        "sao-y",
        "register",
        "register list",
        "register export",
        "register cancel",
        "register search",
        "register due",
        "register stats",
        "register pass",
        "register file",
        "register deadline",
        "register deadline add",
        "db migrate",
        "db clerk",
        "sign",
        "verify",
        "trust",
    ] {
        let mut args: Vec<&str> = sub.split(' ').collect();
        args.push("--help");
        let out = common::congvan(&args);
        let help = String::from_utf8_lossy(&out.stdout);
        assert_eq!(out.status.code(), Some(0), "{sub}: {help}");
        assert!(
            help.contains(&format!("Cách dùng: congvan {sub}")),
            "{sub}: {help}"
        );
        assert!(help.contains("In hướng dẫn này"), "{sub}: {help}");
        for english in ["Usage:", "Options:", "Arguments:", "Commands:", "[default"] {
            assert!(!help.contains(english), "{sub}: {english} in {help}");
        }
    }
    // "congvan help LỆNH" is the same help.
    let out = common::congvan(&["help", "issue"]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("Cách dùng: congvan issue"));
    check(
        &common::congvan(&["register"]),
        2,
        "register cần một trong: list",
    );
    check(
        &common::congvan(&["forward", "a.txt", "-o", "b.docx", "--today", "2024-13-01"]),
        2,
        "--today cần dạng YYYY-MM-DD: 2024-13-01",
    );
    check(&common::congvan(&["parse", "a", "b"]), 2, "thừa đối số: b");
}

#[test]
fn receive_envelope_and_book_on_the_command_line() {
    let dir = common::fresh_dir("receive");
    let db = dir.join("congvan.db").to_string_lossy().into_owned();
    let seed = common::seeds().join("004_f97b9327d3f16c43.txt");
    let seed = seed.to_string_lossy();
    let receive = |day: &str| {
        common::congvan(&[
            "receive",
            &seed,
            "--received-on",
            day,
            "--to",
            "Văn phòng",
            "--db",
            &db,
        ])
    };
    check(
        &receive("2024-05-20"),
        0,
        "Đã vào sổ văn bản đến số 01 ngày 20/05/2024",
    );
    check(
        &receive("2024-05-21"),
        0,
        "lưu ý: văn bản này đã vào sổ đến số 01 ngày 20/05/2024",
    );
    let list = common::congvan(&["register", "list", "--incoming", "--db", &db]);
    let listed = String::from_utf8_lossy(&list.stdout);
    assert!(listed.contains("21/05/2024\t02\t"), "{listed}");
    let book = dir.join("so-den.docx").to_string_lossy().into_owned();
    check(
        &common::congvan(&[
            "register",
            "book",
            "--incoming",
            "--year",
            "2024",
            "-o",
            &book,
            "--db",
            &db,
        ]),
        0,
        "đã ghi",
    );
    check(
        &common::congvan(&[
            "register", "book", "--year", "2024", "-o", &book, "--db", &db,
        ]),
        2,
        "thiếu --outgoing",
    );
    let (_, fixture) = &common::fixtures()[0];
    check(
        &common::congvan(&[
            "envelope",
            &fixture.to_string_lossy(),
            "-o",
            &dir.join("bi.docx").to_string_lossy(),
            "--size",
            "A4",
        ]),
        2,
        "--size cần DL, C5 hoặc C4: A4",
    );
}
