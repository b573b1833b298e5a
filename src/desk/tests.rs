//! The desk's workflows on a database in memory and files in a folder of their own: above
//! all, that nothing that can be checked is checked after a number is taken.

use super::*;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use super::parents::Source;
use crate::draft::template::Template;
use crate::model::DocKind;
use crate::read::parse::Directive;
use crate::render;

/// A folder of this test's own, empty.
fn folder(name: &str) -> PathBuf {
    files::test_folder(&format!("desk-{name}"))
}

/// A sao y for the grassroots unions, signed by the example's first signer.
fn sao_y() -> Order {
    Order {
        kind: DocKind::from_name("Bản sao y"),
        signer: Profile::example().signers[0].clone(),
        distribution: vec!["Các CĐCS".into()],
    }
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// The example letter, signed but not yet numbered nor dated.
fn unsigned() -> Letter {
    let mut letter = Letter::example();
    letter.signature.name = Some("Nguyễn Văn A".into());
    letter.number = None;
    letter.date.day = None;
    letter
}

fn desk() -> Desk {
    Desk::in_memory()
        .unwrap()
        .with_today(day(2024, 5, 20))
        .with_profile(Profile::example())
}

/// How many lines the register holds.
fn lines(desk: &Desk) -> usize {
    desk.register(&Filter::default()).unwrap().len()
}

/// The failure `result` ends in, with `kind`, on `field`, its message holding `has`.
fn check<T>(result: Result<T, Failure>, kind: Kind, field: Option<&str>, has: &str) {
    let Err(f) = result else {
        panic!("went through; expected {kind:?} with {has:?}")
    };
    assert_eq!((f.kind, f.field.as_deref()), (kind, field), "{}", f.message);
    assert!(f.message.contains(has), "{:?} lacks {has:?}", f.message);
}

#[test]
fn a_letter_that_cannot_be_issued_takes_no_number() {
    let mut desk = desk();
    let mut gap = unsigned();
    gap.subject = "…".into();
    let order = desk.prepare_issue(gap, day(2024, 5, 20), &ImageSource::None, false);
    check(order, Kind::Refused, Some("letter"), "chưa cấp số được");
    let numbered = Letter::example();
    let order = desk.prepare_issue(numbered, day(2024, 5, 20), &ImageSource::None, false);
    check(order, Kind::Refused, Some("letter"), "đã có số 165");
    let copy = Letter {
        doc_type: DocKind::from_name("Bản sao y"),
        ..unsigned()
    };
    let order = desk.prepare_issue(copy, day(2024, 5, 20), &ImageSource::None, false);
    check(order, Kind::Refused, Some("letter"), "kèm tệp được sao");
    let mut nameless = unsigned();
    nameless.signature.name = Some(" ".into());
    let order = desk.prepare_issue(nameless, day(2024, 5, 20), &ImageSource::None, false);
    check(
        order,
        Kind::Refused,
        Some("signature"),
        "chưa có họ tên người ký",
    );
    assert_eq!(lines(&desk), 0);
    // What was checked is issued, with the next number.
    let order = desk
        .prepare_issue(unsigned(), day(2024, 5, 20), &ImageSource::None, false)
        .unwrap();
    let issued = desk.issue(order, None).unwrap();
    assert_eq!((issued.entry.number, issued.paths.len()), (1, 0));
    assert_eq!(lines(&desk), 1);
}

#[test]
fn images_asked_for_and_not_there_spend_no_number() {
    let desk = desk();
    let signer = Profile::example().signers[0].clone();
    let letter = Letter {
        signature: signer,
        ..unsigned()
    };
    let order = desk.prepare_issue(letter.clone(), day(2024, 5, 20), &ImageSource::Kept, false);
    check(
        order,
        Kind::Refused,
        Some("images"),
        "chưa có ảnh chữ ký của Nguyễn Văn A",
    );
    let dir = folder("images");
    let not_png = dir.join("ck.png");
    std::fs::write(&not_png, b"GIF89a").unwrap();
    let files = ImageSource::Files {
        signature: Some(not_png),
        seal: None,
    };
    let order = desk.prepare_issue(letter.clone(), day(2024, 5, 20), &files, false);
    check(order, Kind::Refused, Some("images"), "ảnh chữ ký");
    let missing = ImageSource::Files {
        signature: None,
        seal: Some(dir.join("none.png")),
    };
    let order = desk.prepare_issue(letter, day(2024, 5, 20), &missing, false);
    check(order, Kind::NotFound, None, "không đọc được");
    assert_eq!(lines(&desk), 0);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_letter_has_its_pdf_without_libreoffice_and_a_received_file_copied_does_not() {
    let mut desk = desk().with_soffice(None);
    let dir = folder("pdf-without-libreoffice");
    let order = desk
        .prepare_issue(unsigned(), day(2024, 5, 20), &ImageSource::None, true)
        .unwrap();
    let output = Output {
        path: dir.join("ban-ky.docx"),
        ..Output::default()
    };
    let issued = desk.issue(order, Some(output)).unwrap();
    assert_eq!(issued.unwritten.as_ref().map(|f| &f.message), None);
    let pdf = dir.join("ban-ky.pdf");
    assert_eq!(issued.paths[1], pdf.display().to_string());
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF-"));
    assert_eq!(lines(&desk), 1);
    // The copy of a received file needs LibreOffice: refused before its number.
    let order = sao_y();
    let other = render::docx(&crate::render::document::Document::from_letter(
        &Letter::example(),
    ))
    .unwrap();
    let foreign = desk
        .keep_parent(
            Some(Source::File),
            "ke-hoach.docx",
            &other,
            Directive::default(),
        )
        .unwrap();
    let copy = desk.prepare_copy(
        Some(foreign.id),
        &order,
        day(2024, 5, 20),
        &ImageSource::None,
        true,
    );
    check(
        copy,
        Kind::Refused,
        Some("pdf"),
        "không tìm thấy LibreOffice",
    );
    assert_eq!(lines(&desk), 1);
    // A letter the app wrote is laid out again, with the copy's parts after it.
    let own = crate::render::letter_docx(&Letter::example()).unwrap();
    let parent = desk
        .keep_parent(
            Some(Source::File),
            "cong-van.docx",
            &own,
            Directive::default(),
        )
        .unwrap();
    let order = desk
        .prepare_copy(
            Some(parent.id),
            &order,
            day(2024, 5, 20),
            &ImageSource::None,
            true,
        )
        .unwrap();
    let issued = desk.copy(order, &dir.join("sao-y.docx")).unwrap();
    assert_eq!(issued.unwritten.as_ref().map(|f| &f.message), None);
    let pdf = std::fs::read(dir.join("sao-y.pdf")).unwrap();
    let read = lopdf::Document::load_mem(&pdf).unwrap();
    let pages: Vec<u32> = read.get_pages().keys().copied().collect();
    let text = read.extract_text(&pages).unwrap_or_default();
    assert!(text.contains("SAO Y"), "{text}");
    assert_eq!(lines(&desk), 2);
    // Copied without a PDF, the other file is in the year's archive without one, and the
    // archive says LibreOffice would print it; everything the app wrote has its PDF.
    let order = sao_y();
    let copy = desk
        .prepare_copy(
            Some(foreign.id),
            &order,
            day(2024, 5, 21),
            &ImageSource::None,
            false,
        )
        .unwrap();
    desk.copy(copy, &dir.join("sao-y-khac.docx")).unwrap();
    let archived = desk.archive(2024, &dir.join("luu-tru")).unwrap();
    assert_eq!(
        (archived.letters, archived.copies, archived.pdfs),
        (3, 2, 3)
    );
    assert!(
        archived
            .pdf_failure
            .as_deref()
            .is_some_and(|m| m.contains("LibreOffice")),
        "{archived:?}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_failure_after_the_number_names_it() {
    let mut desk = desk();
    let dir = folder("after");
    let output = Output {
        path: dir.join("no-folder/ban-ky.docx"),
        ..Output::default()
    };
    let order = desk
        .prepare_issue(unsigned(), day(2024, 5, 20), &ImageSource::None, false)
        .unwrap();
    let issued = desk.issue(order, Some(output)).unwrap();
    assert!(issued.paths.is_empty());
    check(
        issued.unwritten.map_or(Ok(()), Err),
        Kind::Failed,
        None,
        "Đã cấp số 01/LĐLĐ ngày 20/05/2024, nhưng không ghi được",
    );
    // The number stays taken, and the signed copies can be written again from the line.
    let entry = desk.register(&Filter::default()).unwrap().remove(0).entry;
    let again = dir.join("ban-ky.docx");
    let copies = desk
        .prepare_reissue(entry.id, &CopyOptions::default(), false)
        .unwrap();
    assert_eq!(copies.file_name(), entry.file_name());
    let paths = desk.reissue(copies, &again).unwrap();
    assert_eq!(paths, vec![again.display().to_string()]);
    assert!(std::fs::read(&again).unwrap().starts_with(b"PK"));
    check(
        desk.prepare_reissue(99, &CopyOptions::default(), false),
        Kind::NotFound,
        None,
        "không có dòng 99",
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_received_file_that_cannot_be_copied_takes_no_number() {
    let mut desk = desk();
    let order = sao_y();
    let text = "KẾ HOẠCH\nSố: 12/KH-UBND".as_bytes();
    let file = desk.keep_parent(None, "ke-hoach.txt", text, Directive::default());
    let copy = desk.prepare_copy(
        Some(file.unwrap().id),
        &order,
        day(2024, 5, 20),
        &ImageSource::None,
        false,
    );
    check(copy, Kind::Refused, Some("parent"), ".docx");
    let pasted = desk.paste_parent("KẾ HOẠCH\nSố: 13/KH-UBND").unwrap();
    let copy = desk.prepare_copy(
        Some(pasted.id),
        &order,
        day(2024, 5, 20),
        &ImageSource::None,
        false,
    );
    check(copy, Kind::Refused, Some("parent"), "được dán từ chữ");
    let copy = desk.prepare_copy(
        Some(999),
        &order,
        day(2024, 5, 20),
        &ImageSource::None,
        false,
    );
    check(copy, Kind::NotFound, Some("parent"), "không còn được lưu");
    let copy = desk.prepare_copy(None, &order, day(2024, 5, 20), &ImageSource::None, false);
    check(
        copy,
        Kind::Refused,
        Some("parent"),
        "chưa mở văn bản cấp trên",
    );
    assert_eq!(lines(&desk), 0);
}

#[test]
fn parents_are_kept_under_a_handle() {
    let mut desk = desk();
    check(
        desk.open_parent(Path::new("/khong/co/tep.docx"), &mut Default::default()),
        Kind::NotFound,
        None,
        "không đọc được tep.docx (trong /khong/co): không có tệp này",
    );
    let dir = folder("parent");
    let file = dir.join("kh.txt");
    std::fs::write(&file, "KẾ HOẠCH\nSố: 12/KH-UBND").unwrap();
    let opened = desk.open_parent(&file, &mut Default::default()).unwrap();
    assert_eq!(opened.directive.number.as_deref(), Some("12"));
    assert_eq!(
        (opened.source, opened.name.as_str()),
        (Source::File, "kh.txt")
    );
    let pasted = desk.paste_parent("KẾ HOẠCH\nSố: 13/KH-UBND").unwrap();
    assert_eq!(pasted.source, Source::Paste);
    assert_ne!(pasted.id, opened.id);
    // Each handle gives its own parent back, whichever was opened last.
    let again = desk.parent(opened.id).unwrap();
    assert_eq!(again.directive, opened.directive);
    assert_eq!(desk.parent(pasted.id).unwrap().name, "văn bản dán");
    // Parents opened and never drafted from are kept only among the last ones; the one a
    // draft was made from stays.
    desk.save_draft(None, &unsigned(), Some(opened.id)).unwrap();
    for k in 0..25 {
        desk.paste_parent(&format!("KẾ HOẠCH\nSố: {k}/KH-UBND"))
            .unwrap();
    }
    assert!(desk.parent(opened.id).is_ok());
    check(
        desk.parent(pasted.id),
        Kind::NotFound,
        Some("parent"),
        "mở lại tệp",
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_copy_is_of_the_parent_named_never_of_the_one_opened_last() {
    let mut desk = desk();
    let dir = folder("which-parent");
    let (a, b) = (dir.join("a.docx"), dir.join("b.docx"));
    let mut letter_b = Letter::example();
    letter_b.subject = "Triển khai văn bản B".into();
    std::fs::write(&a, render::letter_docx(&Letter::example()).unwrap()).unwrap();
    std::fs::write(&b, render::letter_docx(&letter_b).unwrap()).unwrap();
    // B is opened and drafted from; then A is opened; then the draft is opened again.
    let opened_b = desk.open_parent(&b, &mut Default::default()).unwrap();
    let template = desk.template("cong-van-trien-khai").unwrap();
    let drafted = desk.draft(Some(opened_b.id), &template, &Default::default());
    let draft = desk
        .save_draft(None, &drafted.unwrap().letter, Some(opened_b.id))
        .unwrap();
    let opened_a = desk.open_parent(&a, &mut Default::default()).unwrap();
    assert_ne!(opened_a.id, opened_b.id);
    let saved = desk.open_draft(draft).unwrap().unwrap();
    let parent = saved.parent.expect("the draft names its parent");
    assert_eq!(parent.id, opened_b.id);
    // The copy asked for from the draft is of B.
    let order = sao_y();
    let copy = desk
        .prepare_copy(
            Some(parent.id),
            &order,
            day(2024, 5, 20),
            &ImageSource::None,
            false,
        )
        .unwrap();
    assert_eq!(copy.file_name(), "sao-y-b.docx");
    let out = dir.join("sao-y.docx");
    let issued = desk.copy(copy, &out).unwrap();
    assert!(issued.unwritten.is_none());
    let copied = desk.read_parent(&out).unwrap();
    assert_eq!(copied.subject.as_deref(), Some("Triển khai văn bản B"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn new_templates_get_free_ids() {
    let mut desk = desk();
    let dir = folder("templates");
    let file = dir.join("rieng.hbs");
    std::fs::write(
        &file,
        Template::builtin("ke-hoach").unwrap().to_source().unwrap(),
    )
    .unwrap();
    let first = desk.import_template(&file).unwrap();
    let second = desk.import_template(&file).unwrap();
    assert_ne!(first.id, second.id);
    assert!(second.id.starts_with(&first.id), "{}", second.id);
    assert!(!first.builtin);
    desk.rename_template(&second.id, "Kế hoạch riêng").unwrap();
    let names: Vec<String> = desk
        .templates()
        .unwrap()
        .into_iter()
        .map(|t| t.name)
        .collect();
    assert!(names.contains(&"Kế hoạch riêng".to_string()), "{names:?}");
    desk.delete_template(&second.id).unwrap();
    check(
        desk.template("khong-co"),
        Kind::NotFound,
        Some("template"),
        "không có mẫu",
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_profile_is_the_tools_the_kept_or_the_example() {
    let mut desk = Desk::in_memory().unwrap().with_today(day(2024, 5, 20));
    assert_eq!(desk.profile().unwrap(), Profile::example());
    // The example office drafts, never numbers.
    let refused = desk.prepare_issue(unsigned(), day(2024, 5, 20), &ImageSource::None, false);
    check(refused, Kind::Refused, Some("profile"), "hồ sơ mẫu");
    let mut mine = Profile::example();
    mine.name = "CÔNG ĐOÀN NGÀNH Y TẾ".into();
    desk.save_profile(&mine).unwrap();
    assert_eq!(desk.profile().unwrap(), mine);
    assert!(desk
        .prepare_issue(unsigned(), day(2024, 5, 20), &ImageSource::None, false)
        .is_ok());
    let mut given = Profile::example();
    given.name = "CÔNG ĐOÀN NGÀNH GIÁO DỤC".into();
    let desk = desk.with_profile(given.clone());
    assert_eq!(desk.profile().unwrap(), given);
}

#[test]
fn an_output_is_whole_or_absent() {
    let desk = desk();
    let dir = folder("export");
    let path = dir.join("cv.docx");
    assert_eq!(
        desk.export(&Letter::example(), &path).unwrap(),
        path.display().to_string()
    );
    check(
        desk.export(&Letter::example(), &dir.join("no/cv.docx")),
        Kind::Failed,
        None,
        "không ghi được",
    );
    assert_eq!(
        std::fs::read_dir(&dir).unwrap().count(),
        1,
        "no temporary file"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// The signer's key and chain of tests/data/signing, as a signer.
fn test_signer(who: &str) -> KeyFile {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/signing");
    let read = |name: &str| std::fs::read_to_string(dir.join(name)).unwrap();
    KeyFile::new(
        &read(&format!("{who}.key")),
        &[&read(&format!("{who}.pem")), &read("root.pem")],
    )
    .unwrap()
}

#[test]
fn an_issued_letter_is_signed_then_trusted_once_its_root_is() {
    let dir = folder("sign");
    let desk = desk();
    let out = dir.join("ky.pdf");
    // Not numbered yet: refused, nothing written.
    check(
        desk.sign_letter(&unsigned(), &out, Role::Signer, &mut test_signer("signer")),
        Kind::Refused,
        Some("number"),
        "đã cấp số",
    );
    assert!(!out.exists());
    let mut letter = unsigned();
    letter.number = Some(5);
    // No image kept: signed all the same, and the clerk is told it shows none.
    let signed = desk
        .sign_letter(&letter, &out, Role::Signer, &mut test_signer("signer"))
        .unwrap();
    assert!(
        signed.notices[0].contains("chưa có ảnh chữ ký"),
        "{:?}",
        signed.notices
    );
    let v = &signed.signatures[0];
    assert!(v.intact && v.covers_whole_file && !v.trusted, "{v:?}");
    assert_eq!(v.time.as_deref(), Some("2024-05-20T09:00:00+07:00"));
    // The root added by the clerk: the same file is now trusted.
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/signing/root.pem");
    assert_eq!(desk.trust_root(&root).unwrap(), ["Congvan Test Root CA"]);
    assert!(desk.verify_file(&out, &[]).unwrap()[0].trusted);
    // An expired certificate: refused before anything is written, the file kept as it was.
    let before = std::fs::read(&out).unwrap();
    check(
        desk.sign_file(
            &out,
            &out,
            &SignOrder::default(),
            &mut test_signer("expired"),
        ),
        Kind::Refused,
        None,
        "đã hết hạn",
    );
    assert_eq!(std::fs::read(&out).unwrap(), before);
}

#[test]
fn a_signed_file_received_keeps_what_was_verified() {
    let mut desk = desk();
    // The Sở Nội vụ's file, read from its text layer (no OCR needed, as under wine).
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/files/docs/f06.pdf");
    let receipt = desk.receive_file(&path, None, "Chủ tịch").unwrap();
    let kept = desk.store.signatures_of(receipt.entry.id).unwrap();
    assert_eq!(kept.len(), 4);
    assert!(kept.iter().all(|v| v.intact), "{kept:?}");
    assert_eq!(
        (kept[0].signer.as_str(), kept[3].signer.as_str()),
        ("Nguyễn Đức Vũ", "SỞ NỘI VỤ")
    );
    assert!(kept[3].covers_whole_file);
}

#[test]
fn the_tokens_module_is_kept_only_once_the_office_is_its_own_and_it_loads() {
    let dir = folder("module");
    let not_a_module = dir.join("khong-phai.so");
    std::fs::write(&not_a_module, b"not a library").unwrap();
    // The example office: nothing saved, not even the module.
    let mut example = Desk::in_memory().unwrap();
    check(
        example.set_pkcs11_module(&not_a_module),
        Kind::Refused,
        Some("pkcs11"),
        "hồ sơ đơn vị",
    );
    assert!(example.profile_is_example().unwrap());
    // The office's own profile: a file that is not a PKCS#11 module is refused, unkept.
    let mut desk = Desk::in_memory().unwrap();
    desk.save_profile(&Profile::example()).unwrap();
    check(
        desk.set_pkcs11_module(&not_a_module),
        Kind::Refused,
        None,
        "không phải thư viện PKCS#11",
    );
    assert_eq!(desk.signing_setup().module, None);
}
