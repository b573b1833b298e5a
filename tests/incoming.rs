//! The desk's other half: documents received entered in the incoming register with the
//! next số đến of the year, the same one received twice flagged, the letter that answers
//! one linked both ways, drafted again from the file kept; the registers' books; and the
//! envelopes of a letter.

// Tests and benches read and write their own files and time themselves (clippy.toml).
#![allow(clippy::disallowed_methods)]

mod common;

use chrono::NaiveDate;
use congvan::desk::{Desk, ImageSource};
use congvan::issue::books::{Book, INCOMING, OUTGOING};
use congvan::issue::envelope::Size;
use congvan::issue::register::Filter;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// A received plan as a .docx, numbered `number`.
fn plan(dir: &std::path::Path, number: u32) -> std::path::PathBuf {
    let mut letter = congvan::Letter::example();
    letter.doc_type = congvan::DocKind::from_name("Kế hoạch");
    letter.issuer = "ỦY BAN NHÂN DÂN TỈNH TÂY NINH".into();
    letter.parent_body = String::new();
    letter.symbol = "KH-UBND".into();
    letter.number = Some(number);
    letter.date = congvan::LetterDate::full(day(2024, 4, 11));
    letter.subject = "Phát động phong trào thi đua năm 2024".into();
    letter.signature.name = Some("Lê Văn C".into());
    let path = dir.join(format!("ke-hoach-{number}.docx"));
    std::fs::write(&path, congvan::render::letter_docx(&letter).unwrap()).unwrap();
    path
}

#[test]
fn documents_received_take_the_years_numbers_and_the_same_one_is_flagged() {
    let dir = common::fresh_dir("numbers");
    let mut desk = Desk::open(&dir.join("congvan.db")).unwrap();
    let first = desk
        .receive_file(&plan(&dir, 1062), Some(day(2024, 5, 20)), "Văn phòng")
        .unwrap();
    let second = desk
        .receive_file(&plan(&dir, 1063), Some(day(2024, 5, 21)), "")
        .unwrap();
    let next_year = desk
        .receive_file(&plan(&dir, 7), Some(day(2025, 1, 2)), "")
        .unwrap();
    let numbers = [&first, &second, &next_year].map(|r| r.entry.number_text());
    assert_eq!(numbers, ["01", "02", "01"]);
    assert_eq!(first.entry.incoming.author, "ỦY BAN NHÂN DÂN TỈNH TÂY NINH");
    assert_eq!(first.entry.incoming.number_symbol, "1062/KH-UBND");
    assert_eq!(first.entry.incoming.doc_date, Some(day(2024, 4, 11)));
    assert!(first.entry.has_file);
    assert_eq!(first.done, "Đã vào sổ văn bản đến số 01 ngày 20/05/2024");
    assert!(first.already.is_none() && second.already.is_none());
    // The same document again: entered, and said to be entered before.
    let again = desk
        .receive_file(&plan(&dir, 1062), Some(day(2024, 5, 22)), "")
        .unwrap();
    assert_eq!(again.entry.number_text(), "03");
    assert_eq!(
        again.already.as_deref(),
        Some("văn bản này đã vào sổ đến số 01 ngày 20/05/2024")
    );
    // The book's cells, in Phụ lục IV's order.
    let rows = desk.incoming_register(Some(2024)).unwrap();
    assert_eq!(rows.len(), 3);
    assert_eq!(
        rows[0].cells[..7],
        [
            "20/05/2024",
            "01",
            "ỦY BAN NHÂN DÂN TỈNH TÂY NINH",
            "1062/KH-UBND",
            "11/04/2024",
            "Kế hoạch Phát động phong trào thi đua năm 2024",
            "Văn phòng"
        ]
    );
}

#[test]
fn a_letter_answering_a_document_received_is_linked_both_ways() {
    let dir = common::fresh_dir("linked");
    let mut desk = Desk::open(&dir.join("congvan.db"))
        .unwrap()
        .with_today(day(2024, 5, 20))
        .with_profile(congvan::Profile::example());
    let receipt = desk
        .receive_file(&plan(&dir, 1062), Some(day(2024, 5, 20)), "")
        .unwrap();
    // Later, the answer is drafted from the file kept with the line.
    desk.paste_parent("something else").unwrap();
    let parent = desk
        .open_incoming(receipt.entry.id, &mut Default::default())
        .unwrap();
    assert_eq!(parent.directive.number.as_deref(), Some("1062"));
    assert_eq!(
        parent.source,
        congvan::desk::Source::File,
        "a file to copy too"
    );
    let template = desk.template("cong-van-trien-khai").unwrap();
    let mut draft = desk
        .draft(Some(parent.id), &template, &Default::default())
        .unwrap();
    draft.letter.answers = Some(receipt.entry.id);
    draft.letter.issuer = "Liên đoàn Lao động huyện Dương Minh Châu".into();
    let order = desk
        .prepare_issue(draft.letter, day(2024, 5, 21), &ImageSource::None, false)
        .unwrap();
    let issued = desk.issue(order, None).unwrap();
    let answered = issued
        .entry
        .answers
        .clone()
        .expect("the outgoing line names it");
    assert_eq!((answered.id, answered.number), (receipt.entry.id, 1));
    let rows = desk.register(&Filter::default()).unwrap();
    assert!(
        rows[0].cells[9].contains("Trả lời văn bản đến số 01 ngày 20/05/2024"),
        "{:?}",
        rows[0].cells
    );
    let incoming = desk.incoming_register(None).unwrap();
    assert_eq!(incoming[0].entry.answered_by, ["01/LĐLĐ"]);
    assert!(incoming[0].cells[9].contains("Đã trả lời bằng văn bản số 01/LĐLĐ"));
    // A cancelled answer answers nothing.
    desk.cancel(issued.entry.id, "ký nhầm", None).unwrap();
    assert!(desk.incoming_register(None).unwrap()[0]
        .entry
        .answered_by
        .is_empty());
}

#[test]
fn the_books_have_the_columns_of_phu_luc_iv_and_the_envelopes_a_page_each() {
    let dir = common::fresh_dir("books");
    let mut desk = Desk::open(&dir.join("congvan.db"))
        .unwrap()
        .with_soffice(None)
        .with_profile(congvan::Profile::example());
    desk.receive_file(&plan(&dir, 1062), Some(day(2024, 5, 20)), "")
        .unwrap();
    let letter = common::drafted();
    for d in [20, 21] {
        let order = desk
            .prepare_issue(letter.clone(), day(2024, 5, d), &ImageSource::None, false)
            .unwrap();
        desk.issue(order, None).unwrap();
    }
    desk.cancel(2, "ký nhầm", Some(day(2024, 5, 22))).unwrap();
    for (book, columns) in [(Book::Outgoing, OUTGOING), (Book::Incoming, INCOMING)] {
        let path = dir.join(book.file_name(2024));
        desk.book(book, 2024, &path, false).unwrap();
        let xml = common::part(&std::fs::read(&path).unwrap(), "word/document.xml");
        let mut at = 0;
        for column in columns {
            let found = xml[at..]
                .find(column)
                .unwrap_or_else(|| panic!("{column} after {at}"));
            at += found + column.len();
        }
        assert!(xml.contains("<w:tblHeader />"), "the heading row repeats");
        assert!(xml.contains(book.title()) && xml.contains("Quyển số: 01"));
    }
    let outgoing = common::part(
        &std::fs::read(dir.join(Book::Outgoing.file_name(2024))).unwrap(),
        "word/document.xml",
    );
    assert!(outgoing.contains("Đã hủy ngày 22/05/2024: ký nhầm"));
    assert!(outgoing.contains("Từ số 01 đến số 02"));
    // Envelopes: one page for each addressee, on the envelope's own page.
    let issued = desk.issued_letter(1).unwrap();
    let path = dir.join("bi.docx");
    desk.envelopes(&issued, Size::C5, &path, false).unwrap();
    let xml = common::part(&std::fs::read(&path).unwrap(), "word/document.xml");
    let pages = xml.matches("<w:pageBreakBefore />").count() + 1;
    assert_eq!(pages, issued.addressees().len());
    let (w, h) = Size::C5.twips();
    assert!(
        xml.contains(&format!(r#"<w:pgSz w:w="{w}" w:h="{h}""#)),
        "{xml}"
    );
    assert!(xml.contains("Số/ký hiệu văn bản: 01/LĐLĐ"));
    // Not to "Như trên", which stands for Kính gửi, nor to the file copy.
    assert!(
        !xml.contains(">Như trên<") && !xml.contains(">Lưu"),
        "{xml}"
    );
}
