//! The outgoing register (sổ văn bản đi): which series a document's number runs in, the
//! letter as issued (its number and signing day filled in), the register's lines and their
//! export to a spreadsheet. Taking the next number is the store's job (`Store::issue`),
//! since only a database transaction makes it safe between two windows or processes.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::error::Error;
use crate::issue::books::{self, Book, Line, Span};
use crate::model::{DocKind, Letter, LetterDate, Numbering, Profile};
use crate::render::document::Document;
use crate::render::images::Images;

/// The series of copies (sao y, sao lục, trích sao), which run together (nd30-spec.md §7).
pub const COPY_SERIES: &str = "SAO";

/// The series a document of `kind` takes its number from, as the profile numbers them.
pub fn series(profile: &Profile, kind: &DocKind) -> String {
    match (kind.copy_form().is_some(), profile.numbering) {
        (true, _) => COPY_SERIES.to_string(),
        (false, Numbering::Shared) => "chung".to_string(),
        (false, Numbering::PerKind) => kind.abbreviation().unwrap_or("CV").to_string(),
    }
}

/// The letter as issued: its number, and the signing day as its date.
pub fn issued(letter: &Letter, number: u32, signed_on: NaiveDate) -> Letter {
    Letter {
        number: Some(number),
        date: LetterDate::full(signed_on),
        ..letter.clone()
    }
}

/// Why a letter cannot be issued: it already has a number, or still has a gap.
pub fn refusal(letter: &Letter, signed_on: NaiveDate) -> Option<String> {
    if let Some(n) = letter.number {
        return Some(format!(
            "công văn đã có số {n}: văn bản đã cấp số không cấp lại"
        ));
    }
    if let Some(why) = letter.signature.nameless() {
        return Some(why);
    }
    let drafted = letter.date;
    if (drafted.year, drafted.month) > (signed_on.year(), signed_on.month()) {
        return Some(format!(
            "ngày ký {} trước tháng soạn {:02}/{}",
            crate::wording::short_date(signed_on),
            drafted.month,
            drafted.year
        ));
    }
    if letter.doc_type.copy_form().is_some() {
        return crate::issue::certified::refusal(letter);
    }
    let errors: Vec<String> = crate::check::check_letter(letter)
        .into_iter()
        .filter(|f| f.severity == crate::check::Severity::Error && f.field != "number")
        .map(|f| f.message)
        .collect();
    (!errors.is_empty()).then(|| format!("công văn còn lỗi: {}", errors.join("; ")))
}

/// How the signed copies are made.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct CopyOptions {
    /// One copy for each addressee and one for the file, instead of one copy.
    pub per_addressee: bool,
    /// Print the addressee's name at the top right of its copy.
    pub mark: bool,
    /// The drafter's ký hiệu: closes the Lưu line with it and the number of copies issued,
    /// "Lưu: VT, VP. NVA.(08)" (nd30-spec.md §2, ô 12; Mẫu 1.5 notes 8–9).
    pub drafter: Option<String>,
    /// Print the signer's signature and the office's seal from the images the office keeps
    /// (the caller reads them and passes them to `copies`).
    pub images: bool,
}

/// How many copies an issued letter is made in: one for each addressee and one for each
/// place "Lưu" names ("Lưu: VT, VP" keeps two). The number closing the Lưu line and the
/// register's "Số lượng bản" are this one.
pub(crate) fn copy_count(letter: &Letter) -> usize {
    letter.addressees().len() + kept_places(letter).len()
}

/// The places a letter's copies are kept: "Lưu: VT, VP." → ["VT", "VP"]; "VT" when its
/// Nơi nhận has no "Lưu".
fn kept_places(letter: &Letter) -> Vec<String> {
    let places = named_kept(letter);
    match places.is_empty() {
        true => vec!["VT".to_string()],
        false => places,
    }
}

/// The unit that drafted a letter, as its "Lưu" line names it after the văn thư's copy
/// ("Lưu: VT, VP. NVA.(08)" → "VP"); empty when it names none. On the office's server, a
/// drafter sees the lines of her own unit.
pub fn drafting_unit(letter: &Letter) -> String {
    named_kept(letter)
        .into_iter()
        .map(|p| p.split('.').next().unwrap_or_default().trim().to_string())
        .find(|p| !p.is_empty() && !p.eq_ignore_ascii_case("VT"))
        .unwrap_or_default()
}

/// The places the "Lưu" line of a letter's Nơi nhận names, none when it has no such line.
fn named_kept(letter: &Letter) -> Vec<String> {
    letter
        .distribution
        .iter()
        .find(|d| crate::text::fold_case(d).starts_with("lưu"))
        .map(|d| {
            let rest = d.split_once(':').map_or("", |(_, r)| r);
            rest.split(',')
                .map(|p| p.trim().trim_end_matches('.').trim().to_string())
                .filter(|p| !p.is_empty())
                .collect()
        })
        .unwrap_or_default()
}

/// The copies of an issued letter to print or send, each laid out as a `Document`, with
/// the signature and seal `images` when given: one for each addressee and one for each
/// place it is kept, `copy_count` in all.
pub fn copies(letter: &Letter, options: &CopyOptions, images: &Images) -> Vec<Document> {
    let to = letter.addressees();
    let kept = kept_places(letter);
    let mut letter = letter.clone();
    if let Some(code) = options
        .drafter
        .as_deref()
        .map(str::trim)
        .filter(|c| !c.is_empty())
    {
        let count = to.len() + kept.len();
        match letter
            .distribution
            .iter_mut()
            .find(|d| crate::text::fold_case(d).starts_with("lưu"))
        {
            Some(line) => {
                *line = format!(
                    "{}. {}.({})",
                    line.trim_end_matches('.'),
                    code.to_uppercase(),
                    crate::wording::two_digit(count as u32)
                )
            }
            None => letter
                .distribution
                .push(format!("{}.({})", code.to_uppercase(), count)),
        }
    }
    let doc = Document::from_letter(&letter).with_images(images);
    if !options.per_addressee {
        return vec![doc];
    }
    let marked = |mark: String| Document {
        copy_mark: options.mark.then_some(mark),
        ..doc.clone()
    };
    to.iter()
        .map(|a| marked(format!("Bản gửi: {a}")))
        .chain(kept.iter().map(|k| marked(format!("Bản lưu: {k}"))))
        .collect()
}

/// A line of the register.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// The line's id in the database.
    pub id: i64,
    /// The year the number belongs to.
    pub year: i32,
    /// The series the number was taken from ("chung", "KH", "SAO", …).
    pub series: String,
    /// The number.
    pub number: u32,
    /// The kind of document.
    pub doc_type: String,
    /// The ký hiệu after the number.
    pub symbol: String,
    /// The signing day, the document's date.
    pub signed_on: NaiveDate,
    /// The trích yếu.
    pub subject: String,
    /// Who signed: title and name.
    pub signer: String,
    /// Kính gửi and Nơi nhận, as the copies go out.
    pub recipients: Vec<String>,
    /// The letter as issued.
    pub letter: Letter,
    /// When and why the number was cancelled; the line stays in the register.
    pub cancelled: Option<Cancellation>,
    /// How many copies were written when it was issued, when it is known.
    #[serde(default)]
    pub copies: Option<u32>,
    /// The incoming document it answers, when it was drafted from one.
    #[serde(default)]
    pub answers: Option<Answered>,
}

/// The line of the incoming register a letter answers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Answered {
    /// The incoming line's id.
    pub id: i64,
    /// Its số đến.
    pub number: u32,
    /// The day it arrived.
    pub received_on: NaiveDate,
}

/// A line of the register with the words the window and the tool show for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Row {
    /// The line.
    #[serde(flatten)]
    pub entry: Entry,
    /// "01/LĐLĐ".
    pub number_and_symbol: String,
    /// The signing day as the register writes it: "20/05/2024".
    pub date: String,
    /// "Công văn V/v …", "Kế hoạch …".
    pub kind_and_subject: String,
    /// "ĐÃ HỦY 22/05/2024: ký nhầm", when the number was cancelled.
    pub cancelled_words: Option<String>,
    /// The cells of the book (Phụ lục IV), in its column order.
    pub cells: [String; 10],
}

/// A cancelled number: recorded, never deleted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cancellation {
    /// The day it was cancelled.
    pub on: NaiveDate,
    /// Why.
    pub reason: String,
}

/// Which lines of the register to show.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Filter {
    /// Only this year.
    pub year: Option<i32>,
    /// Only this kind, by its name.
    pub kind: Option<String>,
    /// Only lines whose ký hiệu, trích yếu, signer or recipients contain this text
    /// (case and accents as typed are ignored for case only).
    pub text: Option<String>,
}

impl Filter {
    /// The name its workbook is offered under: "so-van-ban-di-2024.xlsx".
    pub fn file_name(&self) -> String {
        let year = self.year.map_or("tat-ca".into(), |y| y.to_string());
        format!("so-van-ban-di-{year}.xlsx")
    }

    /// True when `entry` is one of the lines asked for.
    pub fn keeps(&self, entry: &Entry) -> bool {
        let fold = crate::text::fold_case;
        self.year.is_none_or(|y| y == entry.year)
            && self
                .kind
                .as_deref()
                .filter(|k| !k.trim().is_empty())
                .is_none_or(|k| fold(k.trim()) == fold(&entry.doc_type))
            && self
                .text
                .as_deref()
                .filter(|t| !t.trim().is_empty())
                .is_none_or(|t| {
                    let haystack = fold(&format!(
                        "{} {} {} {}",
                        entry.number_and_symbol(),
                        entry.subject,
                        entry.signer,
                        entry.recipients.join(" ")
                    ));
                    haystack.contains(&fold(t.trim()))
                })
    }
}

impl Entry {
    /// "Công văn V/v …", "Kế hoạch …", "Bản sao y Kế hoạch số …": the register's column of
    /// kind and trích yếu, "V/v" only where the document itself prints it.
    pub fn kind_and_subject(&self) -> String {
        if DocKind::from_name(&self.doc_type).is_cong_van() {
            format!(
                "{} {}",
                self.doc_type,
                crate::wording::subject_line(&self.subject)
            )
        } else {
            format!("{} {}", self.doc_type, self.subject)
        }
    }

    /// "165/LĐLĐ": the number as the register writes it, with its zero below 10.
    pub fn number_and_symbol(&self) -> String {
        format!("{}/{}", crate::wording::two_digit(self.number), self.symbol)
    }

    /// The cells of the book (Phụ lục IV): Số ký hiệu, Ngày tháng, Tên loại và trích yếu,
    /// Người ký, Nơi nhận, Đơn vị người nhận bản lưu ("VT, VP"), Số lượng bản, Ngày
    /// chuyển and Ký nhận (left for the paper), Ghi chú (a cancellation, the incoming
    /// document answered).
    pub fn line(&self) -> Line {
        let kept = named_kept(&self.letter).join(", ");
        let copies = self
            .copies
            .map_or_else(|| copy_count(&self.letter), |n| n as usize);
        let note = [
            self.cancelled
                .as_ref()
                .map(|c| format!("Đã hủy ngày {}: {}", c.on.format("%d/%m/%Y"), c.reason)),
            self.answers.as_ref().map(|a| {
                format!(
                    "Trả lời văn bản đến số {} ngày {}",
                    crate::wording::two_digit(a.number),
                    a.received_on.format("%d/%m/%Y")
                )
            }),
        ]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join("; ");
        Line {
            cells: [
                self.number_and_symbol(),
                self.signed_on.format("%d/%m/%Y").to_string(),
                self.kind_and_subject(),
                self.signer.clone(),
                self.recipients.join("; "),
                kept,
                copies.to_string(),
                String::new(),
                String::new(),
                note,
            ],
            cancelled: self.cancelled.is_some(),
        }
    }

    /// The line with its words, as shown.
    pub fn row(self) -> Row {
        Row {
            cells: self.line().cells,
            number_and_symbol: self.number_and_symbol(),
            date: self.signed_on.format("%d/%m/%Y").to_string(),
            kind_and_subject: self.kind_and_subject(),
            cancelled_words: self
                .cancelled
                .as_ref()
                .map(|c| format!("ĐÃ HỦY {}: {}", c.on.format("%d/%m/%Y"), c.reason)),
            entry: self,
        }
    }

    /// The name its signed copies are offered under: "01-LĐLĐ triển khai kế hoạch.docx".
    pub fn file_name(&self) -> String {
        crate::wording::file_name(Some(self.number), &self.symbol, &self.subject)
    }
}

/// The columns of the sổ đăng ký văn bản đi, in order (Phụ lục IV).
pub const COLUMNS: [&str; 10] = books::OUTGOING;

/// The register as an .xlsx workbook: one sheet "Sổ văn bản đi" with the columns of
/// Phụ lục IV, titled with the year when the lines are one year's.
pub fn xlsx(entries: &[Entry], year: Option<i32>) -> Result<Vec<u8>, Error> {
    let lines: Vec<Line> = entries.iter().map(Entry::line).collect();
    books::xlsx(Book::Outgoing, &lines, year)
}

/// What the cover of the printed book of `entries` (one year's) says it runs from and to.
pub(crate) fn span(entries: &[Entry], year: i32, volume: u32) -> Span {
    Span::of(
        year,
        entries.iter().map(|e| e.signed_on),
        entries.iter().map(|e| e.number),
        volume,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(numbering: Numbering, kind: &str, expected: &str) {
        let profile = Profile {
            numbering,
            ..Profile::example()
        };
        assert_eq!(
            series(&profile, &DocKind::from_name(kind)),
            expected,
            "{kind}"
        );
    }

    #[test]
    fn series_follow_the_profile_and_copies_run_apart() {
        check(Numbering::Shared, "Công văn", "chung");
        check(Numbering::Shared, "Kế hoạch", "chung");
        check(Numbering::PerKind, "Công văn", "CV");
        check(Numbering::PerKind, "Kế hoạch", "KH");
        check(Numbering::Shared, "Bản sao y", COPY_SERIES);
        check(Numbering::PerKind, "Bản trích sao", COPY_SERIES);
    }

    #[test]
    fn copies_go_to_each_addressee_and_the_file() {
        let letter = Letter::example();
        let to = letter.addressees();
        assert!(!to.is_empty());
        assert!(to.iter().all(|a| !a.starts_with("Lưu") && a != "Như trên"));
        assert_eq!(
            copies(&letter, &CopyOptions::default(), &Images::default()).len(),
            1
        );
        let options = CopyOptions {
            per_addressee: true,
            mark: true,
            drafter: Some("nva".into()),
            images: false,
        };
        let all = copies(&letter, &options, &Images::default());
        assert_eq!(all.len(), to.len() + 1);
        assert_eq!(all.len(), copy_count(&letter));
        assert_eq!(
            all[0].copy_mark.as_deref(),
            Some(format!("Bản gửi: {}", to[0]).as_str())
        );
        assert_eq!(
            all.last().unwrap().copy_mark.as_deref(),
            Some("Bản lưu: VP")
        );
        let lưu = all[0].distribution.last().unwrap();
        assert!(lưu.contains(&format!("NVA.({:02})", all.len())), "{lưu}");
        // Kept at the văn thư and the drafting unit: a copy for each, and the count
        // printed is the count written.
        let mut letter = letter;
        *letter.distribution.last_mut().unwrap() = "Lưu: VT, VP.".into();
        let all = copies(&letter, &options, &Images::default());
        assert_eq!(all.len(), to.len() + 2);
        let lưu = all[0].distribution.last().unwrap();
        assert!(lưu.contains(&format!("NVA.({:02})", all.len())), "{lưu}");
        assert_eq!(all[all.len() - 2].copy_mark.as_deref(), Some("Bản lưu: VT"));
    }

    #[test]
    fn the_drafting_unit_is_the_place_kept_after_the_clerks() {
        let mut letter = Letter::example();
        for (line, unit) in [
            ("Lưu: VT, VP.", "VP"),
            ("Lưu: VT, Ban TC. NVA.(08)", "Ban TC"),
            ("Lưu: VT.", ""),
            ("Như trên", ""),
        ] {
            *letter.distribution.last_mut().unwrap() = line.into();
            assert_eq!(drafting_unit(&letter), unit, "{line}");
        }
    }

    #[test]
    fn an_issued_letter_has_its_number_and_day() {
        let mut letter = Letter::example();
        letter.number = None;
        let day = NaiveDate::from_ymd_opt(2024, 5, 20).unwrap();
        // Seed 000 prints no signer's name; an issued letter must.
        assert!(refusal(&letter, day)
            .unwrap()
            .contains("chưa có họ tên người ký (PHÓ CHỦ TỊCH)"));
        letter.signature.name = Some("Nguyễn Văn A".into());
        assert_eq!(refusal(&letter, day), None);
        let issued = issued(&letter, 7, day);
        assert_eq!(issued.number, Some(7));
        assert_eq!(issued.date.to_string(), "2024-05-20");
        assert!(refusal(&issued, day).unwrap().contains("đã có số 7"));
        let early = NaiveDate::from_ymd_opt(2024, 4, 30).unwrap();
        assert!(refusal(&letter, early)
            .unwrap()
            .contains("trước tháng soạn"));
        letter.subject.clear();
        assert!(refusal(&letter, day)
            .unwrap()
            .starts_with("công văn còn lỗi"));
    }
}
