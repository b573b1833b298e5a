//! A number and a date stamped on a scan, read again digit by digit where the OCR engine
//! was not sure: strips cut from real scans (tests/data/scanned g08, a JPEG; g07, g06 and g04,
//! here as PNGs in grey or 1 bit; tests/data/files f23 as a copier gives it, twice), with the words
//! Tesseract read on them; g01 scanned again at 200 dpi, its handwritten number before a
//! printed slash.

// Tests read their own files (clippy.toml).
#![allow(clippy::disallowed_methods)]

use congvan::read::digits::mend;
use congvan::read::pdf::scan::{PageImage, Word};

fn page(name: &str) -> PageImage {
    let path = format!("{}/tests/data/digits/{name}", env!("CARGO_MANIFEST_DIR"));
    let bytes = std::fs::read(path).unwrap();
    let page = congvan::read::import::scan_pages(&bytes)
        .unwrap()
        .pages
        .remove(0);
    // The strips are the top of a page: as tall as a page, the header is where it is.
    PageImage {
        height: page.height * 12,
        ..page
    }
}

fn word(text: &str, left: f32, top: f32, width: f32, height: f32, conf: f32) -> Word {
    Word {
        text: text.into(),
        left,
        top,
        width,
        height,
        conf,
        line: (1, 1, 1),
    }
}

fn texts(words: &[Word]) -> Vec<&str> {
    words.iter().map(|w| w.text.as_str()).collect()
}

/// The words mended on a strip are `expected`; the mended words.
fn check(picture: &str, words: &[Word], expected: &[&str]) -> Vec<Word> {
    let mended = mend(&page(picture), words);
    assert_eq!(texts(&mended), expected, "{picture}");
    mended
}

#[test]
fn a_stamped_number_and_day_on_a_jpeg_are_read_again() {
    // Tesseract read "Số:535" and "0#": the stamp says 575 and 04.
    let words = vec![
        word("Số:535", 46.0, 73.0, 187.0, 61.0, 44.7),
        word("/UBND-KTTH", 247.0, 86.0, 329.0, 41.0, 90.2),
        word("ngày", 1138.0, 92.0, 103.0, 49.0, 96.5),
        word("0#", 1264.0, 92.0, 44.0, 49.0, 30.0),
        word("tháng", 1324.0, 93.0, 119.0, 50.0, 70.5),
    ];
    let mended = check(
        "number-and-day.jpg",
        &words,
        &["Số:", "575", "/UBND-KTTH", "ngày", "04", "tháng"],
    );
    // How sure the classifier is becomes the word's confidence.
    assert!(mended[1].conf >= 95.0, "{}", mended[1].conf);
}

#[test]
fn a_stamped_number_and_day_on_a_bilevel_page_are_read_again() {
    let words = vec![
        word("Số:", 32.0, 43.0, 43.0, 34.0, 86.1),
        word("2á", 84.0, 45.0, 75.0, 33.0, 40.0),
        word("/QĐ-UBND", 168.0, 51.0, 177.0, 32.0, 88.6),
        word("ngày", 696.0, 51.0, 75.0, 36.0, 71.1),
        word("/ÿ", 798.0, 49.0, 38.0, 31.0, 46.1),
        word("tháng", 860.0, 51.0, 89.0, 37.0, 96.9),
    ];
    check(
        "stamped.png",
        &words,
        &["Số:", "1462", "/QĐ-UBND", "ngày", "18", "tháng"],
    );
    // The ký hiệu not read: the number ends at the slash found in the picture, and the
    // words past its box stay.
    let unread = [&words[..2], &words[3..]].concat();
    check(
        "stamped.png",
        &unread,
        &["Số:", "1462", "ngày", "18", "tháng"],
    );
}

#[test]
fn a_stamped_day_and_month_are_read_again() {
    // Scan g04: the stamp's "06" read as "đố", its "11" as two marks.
    let words = vec![
        word("ngày", 32.0, 62.0, 107.0, 54.0, 96.9),
        word("đố", 147.0, 60.0, 54.0, 44.0, 23.7),
        word("tháng", 223.0, 62.0, 129.0, 52.0, 93.2),
        word("Ï", 370.0, 62.0, 18.0, 40.0, 20.4),
        word("Ì", 405.0, 62.0, 12.0, 40.0, 44.7),
        word("năm", 435.0, 63.0, 93.0, 38.0, 97.0),
    ];
    check("date.png", &words, &["ngày", "06", "tháng", "11", "năm"]);
}

#[test]
fn what_the_engine_read_surely_is_kept_and_a_picture_that_does_not_decode_changes_nothing() {
    let words = vec![
        word("Số:", 32.0, 43.0, 43.0, 34.0, 86.1),
        word("99", 84.0, 45.0, 75.0, 33.0, 96.0),
        word("/QĐ-UBND", 168.0, 51.0, 177.0, 32.0, 88.6),
    ];
    assert_eq!(mend(&page("stamped.png"), &words), words);
    // The same, glued to its label.
    let glued = vec![
        word("Số:99", 32.0, 43.0, 120.0, 34.0, 95.0),
        words[2].clone(),
    ];
    assert_eq!(mend(&page("stamped.png"), &glued), glued);
    let broken = PageImage {
        bytes: b"\x89PNG\r\n\x1a\nbroken".to_vec(),
        ..page("stamped.png")
    };
    let unsure = vec![words[0].clone(), word("2á", 84.0, 45.0, 75.0, 33.0, 40.0)];
    assert_eq!(mend(&broken, &unsure), unsure);
}

#[test]
fn a_hand_s_one_with_its_lead_in_and_a_day_glued_to_its_month_are_read_again() {
    // Scan g07 (a colour JPEG, here in grey): "155" and "10" written in blue; the day's 0 read as the
    // "(" of "(tháng", wider than the engine's share of the word gives it.
    let words = vec![
        word("Số:A52", 52.0, 49.0, 137.0, 40.0, 21.5),
        word("/TM-SVT", 234.0, 59.0, 144.0, 26.0, 58.2),
        word("ngày", 760.0, 59.0, 68.0, 33.0, 93.3),
        word("Í", 837.0, 53.0, 14.0, 34.0, 64.0),
        word("(tháng", 858.0, 52.0, 106.0, 40.0, 64.1),
        word("11", 975.0, 59.0, 31.0, 26.0, 91.2),
        word("năm", 1018.0, 61.0, 60.0, 24.0, 97.0),
    ];
    check(
        "hand.png",
        &words,
        &["Số:", "155", "/TM-SVT", "ngày", "10", "tháng", "11", "năm"],
    );
    // Another scanner's: the 0 in the box of "tháng" read as nothing, the box half as wide
    // again as "tháng" is printed beside "ngày".
    let mut unread = words.clone();
    unread[4].text = "tháng".into();
    check(
        "hand.png",
        &unread,
        &["Số:", "155", "/TM-SVT", "ngày", "10", "tháng", "11", "năm"],
    );
}

#[test]
fn a_number_whose_last_stroke_crosses_the_slash_ends_at_the_mark() {
    // Scan g01 (a JPEG, here in grey): "147" written by hand, the 7's stroke across the
    // printed slash; the engine read "J4" and "‡3?GM-TB". The ký hiệu it glued to marks
    // says the slash is there: the crossed mark ends the number, the ký hiệu is kept.
    let words = vec![
        word("Số:", 45.0, 64.0, 47.0, 36.0, 88.4),
        word("J4", 107.0, 63.0, 39.0, 47.0, 65.2),
        word("‡3?GM-TB", 166.0, 55.0, 151.0, 59.0, 0.0),
        word("Kiên", 547.0, 70.0, 72.0, 26.0, 89.4),
        word("Giang,", 632.0, 69.0, 100.0, 35.0, 94.5),
        word("ngày", 747.0, 68.0, 75.0, 35.0, 96.8),
    ];
    check(
        "crossed.png",
        &words,
        &["Số:", "147", "/GM-TB", "Kiên", "Giang,", "ngày"],
    );
    // Another scanner's: the engine's box of the slash read "3" and its ký hiệu begins a
    // hair right of where the number ends.
    let mut after = words.clone();
    after[2] = word("3GM-TB", 171.0, 55.0, 146.0, 59.0, 6.7);
    check(
        "crossed.png",
        &after,
        &["Số:", "147", "/GM-TB", "Kiên", "Giang,", "ngày"],
    );
    // Without a ký hiệu after it, a mark is no slash: the number stays as it was read.
    let unsure = [&words[..2], &[word("‡3?", 166.0, 55.0, 40.0, 59.0, 0.0)]].concat();
    assert_eq!(mend(&page("crossed.png"), &unsure), unsure);
}

#[test]
fn a_day_in_a_hand_s_lead_in_one_and_open_four_is_read_again() {
    // Scan g05 (bilevel): "14" written by hand, its 1 with a lead-in from the foot, its 4
    // open at the top; the engine read "đt", and the month's "11" as "]" and "1".
    let words = vec![
        word("ngày", 45.0, 68.0, 104.0, 50.0, 96.3),
        word("đt", 157.0, 53.0, 67.0, 81.0, 92.5),
        word("tháng", 233.0, 66.0, 123.0, 50.0, 93.3),
        word("]", 379.0, 66.0, 12.0, 38.0, 71.5),
        word("1", 409.0, 66.0, 9.0, 38.0, 58.5),
        word("năm", 436.0, 68.0, 90.0, 36.0, 96.9),
    ];
    check("lead-in.png", &words, &["ngày", "14", "tháng", "11", "năm"]);
}

#[test]
fn a_month_the_engine_read_as_letters_is_read_again() {
    // Scan f23 printed and scanned again at 200 dpi in grey: the month's "4" written by
    // hand, open at the top, read "Lý"; the classifiers give it 0.6, short of sure, but
    // nothing else reads there and 4 is a month.
    let words = vec![
        word("ngày", 27.0, 59.0, 68.0, 31.0, 96.9),
        word("Ù", 105.0, 56.0, 27.0, 30.0, 33.5),
        word("tháng", 140.0, 58.0, 79.0, 31.0, 97.0),
        word("Lý", 233.0, 54.0, 22.0, 37.0, 60.5),
        word("năm", 262.0, 58.0, 57.0, 23.0, 96.9),
    ];
    check(
        "unread-month.png",
        &words,
        &["ngày", "12", "tháng", "4", "năm"],
    );
}

#[test]
fn a_stamp_s_flat_topped_three_the_engine_read_as_two_is_read_again() {
    // Scan g04 (bilevel): "390" from a numbering stamp, its 3 flat-topped; the engine read
    // "290/VP-TH". The classifiers give the 3 less than they take alone, but all but rule
    // out the engine's 2; and the printed slash, its slant taken off, is a 1's stroke:
    // after as many digits as the engine read before its slash, it is that slash.
    let words = vec![
        word("Số:", 38.0, 49.0, 63.0, 51.0, 93.3),
        word("290/VP-TH", 116.0, 58.0, 242.0, 46.0, 18.4),
    ];
    check("flat-three.png", &words, &["Số:", "390", "/VP-TH"]);
    // The engine read two digits: the classifiers' 3 is not taken over its 2 in a figure
    // of another length, and the number stays as it was read.
    let two = vec![
        words[0].clone(),
        word("29/VP-TH", 116.0, 58.0, 242.0, 46.0, 18.4),
    ];
    assert_eq!(mend(&page("flat-three.png"), &two), two);
}

#[test]
fn a_day_the_engine_read_as_one_digit_the_classifiers_rule_out_is_read_again() {
    // File f21 printed to a grey picture: the e-office's day "24" read "9". The
    // classifiers give its 2 0.78 and its 4 1.0, and the engine's 9 almost nothing at
    // either: the figure of two digits is taken, though the engine read one.
    let words = vec![
        word("ngày", 28.0, 67.0, 74.0, 36.0, 97.0),
        word("9", 110.0, 70.0, 52.0, 35.0, 58.6),
        word("tháng", 169.0, 69.0, 87.0, 39.0, 95.1),
        word("01", 266.0, 73.0, 34.0, 28.0, 72.5),
        word("năm", 313.0, 75.0, 64.0, 28.0, 97.0),
    ];
    check(
        "day-over-nine.png",
        &words,
        &["ngày", "24", "tháng", "01", "năm"],
    );
}

#[test]
fn a_day_the_engine_was_sure_of_but_no_day_is_read_again() {
    // File f20 printed to a grey picture: the day "15" read "45", 92 % sure.
    let words = vec![
        word("ngày", 30.0, 55.0, 76.0, 36.0, 95.9),
        word("45", 120.0, 53.0, 35.0, 34.0, 92.5),
        word("tháng", 165.0, 56.0, 90.0, 37.0, 96.8),
        word("3", 265.0, 58.0, 18.0, 27.0, 96.8),
        word("năm", 295.0, 60.0, 65.0, 26.0, 96.9),
    ];
    check(
        "day-of-45.png",
        &words,
        &["ngày", "15", "tháng", "3", "năm"],
    );
}

#[test]
fn a_figure_the_classifiers_cannot_read_leaves_the_number_unread_not_short() {
    // Scan f23 printed and scanned again at 200 dpi in grey: "568" written by hand, its
    // "8" small and narrow; the engine read nothing there. The classifiers read 5 and 6
    // and call the 8 "not one digit": the number is not "56", it is left for the clerk.
    let words = vec![
        word("Số:", 33.0, 44.0, 42.0, 31.0, 79.7),
        word("/TB-ĐHVH", 157.0, 50.0, 167.0, 24.0, 89.5),
    ];
    check("narrow-eight.png", &words, &["Số:", "/TB-ĐHVH"]);
}

#[test]
fn the_printed_slash_read_as_an_unsure_one_before_the_symbol_ends_the_number() {
    // Scan g01 printed and scanned again at 200 dpi in grey: "147" written by hand before
    // the printed "/GM-TB", whose slash the classifiers call a "1" at 66 %; the engine read
    // "J4" and "‡3?GM-TB". The capital right after the slash, shorter than the hand's
    // digits, says the number ends there.
    let words = vec![
        word("Số:", 50.0, 30.0, 47.0, 36.0, 94.0),
        word("J4", 112.0, 30.0, 38.0, 47.0, 43.7),
        word("‡3?GM-TB", 171.0, 22.0, 151.0, 59.0, 0.0),
        word("Kiên", 551.0, 39.0, 73.0, 27.0, 51.8),
    ];
    check(
        "printed-slash.png",
        &words,
        &["Số:", "147", "/GM-TB", "Kiên"],
    );
}
