//! The incoming register (sổ đăng ký văn bản đến, ND30 Điều 22 and Phụ lục IV): a
//! document received takes the next số đến of the year (from 01 on 1 January), with the
//! facts read from it, which the clerk may correct; the same document received twice is
//! flagged (Phụ lục VI). The store keeps the lines and the files; this is their pure side.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::issue::books::Line;
use crate::read::parse::Directive;
use crate::wording;

/// What the clerk enters for a document received: the columns of the register that are
/// not the number.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Incoming {
    /// Ngày đến: the day it arrived.
    pub received_on: NaiveDate,
    /// Tác giả: the body that issued it.
    pub author: String,
    /// Số, ký hiệu văn bản: "1062/KH-UBND".
    pub number_symbol: String,
    /// Ngày tháng văn bản, when it is known.
    pub doc_date: Option<NaiveDate>,
    /// Tên loại và trích yếu nội dung: "Kế hoạch phát động phong trào thi đua …".
    pub kind_and_subject: String,
    /// Đơn vị hoặc người nhận: who it goes to inside the office.
    #[serde(default)]
    pub recipient: String,
    /// Ghi chú.
    #[serde(default)]
    pub note: String,
}

/// A line of the incoming register.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IncomingEntry {
    /// The line's id in the database.
    pub id: i64,
    /// The year of its số đến.
    pub year: i32,
    /// Số đến.
    pub number: u32,
    /// What was entered.
    #[serde(flatten)]
    pub incoming: Incoming,
    /// The received file is kept, to draft from again.
    pub has_file: bool,
    /// The outgoing letters that answered it: "05/LĐLĐ".
    pub answered_by: Vec<String>,
    /// The day it was passed to the unit or person in `recipient` (Ngày chuyển).
    #[serde(default)]
    pub passed_on: Option<NaiveDate>,
    /// The day it was filed (lưu hồ sơ) with nothing more to do.
    #[serde(default)]
    pub filed_on: Option<NaiveDate>,
}

/// A line of the incoming register with the words shown for it: the book's cells.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct IncomingRow {
    /// The line.
    #[serde(flatten)]
    pub entry: IncomingEntry,
    /// "01": the số đến as the register writes it.
    pub number_text: String,
    /// The cells of the book, in its column order.
    pub cells: [String; 10],
    /// "Đã vào sổ văn bản đến số 01 ngày 20/05/2024", as the parent's card says it.
    pub entered: String,
    /// Where it stands: "Đã chuyển Văn phòng ngày 21/05/2024; đã trả lời bằng 05/LĐLĐ".
    pub status: String,
}

impl Incoming {
    /// What a directive read says for its line, received on `received_on` for
    /// `recipient`; every field can still be corrected by the clerk.
    pub(crate) fn from_directive(
        d: &Directive,
        received_on: NaiveDate,
        recipient: &str,
    ) -> Incoming {
        let number_symbol = match (&d.number, &d.symbol) {
            (None, None) => String::new(),
            _ => wording::ref_id(&d.as_citation()),
        };
        let kind = d.doc_type.as_ref().map(|k| k.name().to_string());
        let subject = d.subject.clone().unwrap_or_default();
        let kind_and_subject = match (kind, d.doc_type.as_ref().is_some_and(|k| k.is_cong_van())) {
            (Some(k), true) if !subject.is_empty() => {
                format!("{k} {}", wording::subject_line(&subject))
            }
            (Some(k), _) => format!("{k} {subject}").trim().to_string(),
            (None, _) => subject,
        };
        Incoming {
            received_on,
            author: d.issuer.clone().unwrap_or_default(),
            number_symbol,
            doc_date: d.date.and_then(|d| d.to_naive()),
            kind_and_subject,
            recipient: recipient.trim().to_string(),
            note: String::new(),
        }
    }

    /// The year of its số đến: the year it arrived.
    pub fn year(&self) -> i32 {
        self.received_on.year()
    }

    /// Whether `other` is the same document: the same author, số and ký hiệu, and date,
    /// as written, whatever the case and spacing.
    pub(crate) fn same_document(&self, other: &Incoming) -> bool {
        let key = |i: &Incoming| {
            (
                crate::text::fold_case(
                    i.author
                        .split_whitespace()
                        .collect::<Vec<_>>()
                        .join(" ")
                        .as_str(),
                ),
                i.number_symbol.replace(' ', "").to_uppercase(),
                i.doc_date,
            )
        };
        !self.number_symbol.trim().is_empty() && key(self) == key(other)
    }

    /// Why it cannot be entered: a field the register needs is empty.
    pub fn refusal(&self) -> Option<(&'static str, String)> {
        if self.author.trim().is_empty() {
            return Some((
                "author",
                "chưa có tác giả (cơ quan ban hành văn bản)".into(),
            ));
        }
        if self.kind_and_subject.trim().is_empty() {
            return Some(("kind_and_subject", "chưa có tên loại và trích yếu".into()));
        }
        None
    }
}

impl IncomingEntry {
    /// "01".
    pub fn number_text(&self) -> String {
        wording::two_digit(self.number)
    }

    /// Where it stands, received → passed to → answered or filed: "Đã nhận, chưa chuyển",
    /// "Đã chuyển Văn phòng ngày 21/05/2024; đã trả lời bằng 05/LĐLĐ".
    pub fn status(&self) -> String {
        let mut steps = Vec::new();
        match (self.passed_on, self.incoming.recipient.trim()) {
            (Some(on), to) if !to.is_empty() => {
                steps.push(format!("Đã chuyển {to} ngày {}", day(on)))
            }
            (Some(on), _) => steps.push(format!("Đã chuyển ngày {}", day(on))),
            (None, _) => steps.push("Đã nhận, chưa chuyển".to_string()),
        }
        if !self.answered_by.is_empty() {
            steps.push(format!("đã trả lời bằng {}", self.answered_by.join(", ")));
        }
        if let Some(on) = self.filed_on {
            steps.push(format!("đã lưu hồ sơ ngày {}", day(on)));
        }
        steps.join("; ")
    }

    /// The cells of the book: Ngày đến, Số đến, Tác giả, Số ký hiệu, Ngày tháng, Tên loại
    /// và trích yếu, Đơn vị hoặc người nhận, Ngày chuyển, Ký nhận, Ghi chú (the letters
    /// that answered it, the day it was filed, then the clerk's note).
    pub fn line(&self) -> Line {
        let i = &self.incoming;
        let answered = match self.answered_by.as_slice() {
            [] => String::new(),
            all => format!("Đã trả lời bằng văn bản số {}", all.join(", ")),
        };
        let filed = self
            .filed_on
            .map(|on| format!("Lưu hồ sơ ngày {}", day(on)))
            .unwrap_or_default();
        let note = [answered, filed, i.note.clone()]
            .into_iter()
            .filter(|s| !s.trim().is_empty())
            .collect::<Vec<_>>()
            .join("; ");
        Line {
            cells: [
                day(i.received_on),
                self.number_text(),
                i.author.clone(),
                i.number_symbol.clone(),
                i.doc_date.map(day).unwrap_or_default(),
                i.kind_and_subject.clone(),
                i.recipient.clone(),
                self.passed_on.map(day).unwrap_or_default(),
                String::new(),
                note,
            ],
            cancelled: false,
        }
    }

    /// The line with its words, as shown.
    pub fn row(self) -> IncomingRow {
        IncomingRow {
            entered: self.entered_words(),
            status: self.status(),
            number_text: self.number_text(),
            cells: self.line().cells,
            entry: self,
        }
    }

    /// "Đã vào sổ văn bản đến số 01 ngày 20/05/2024": what is said when it is entered.
    pub(crate) fn entered_words(&self) -> String {
        format!(
            "Đã vào sổ văn bản đến số {} ngày {}",
            self.number_text(),
            self.incoming.received_on.format("%d/%m/%Y")
        )
    }

    /// "Văn bản này đã vào sổ đến số 03 ngày 20/05/2024": what is said when it comes again.
    pub(crate) fn already_words(&self) -> String {
        format!(
            "văn bản này đã vào sổ đến số {} ngày {}",
            self.number_text(),
            self.incoming.received_on.format("%d/%m/%Y")
        )
    }
}

/// A day as the register writes it: "20/05/2024".
fn day(d: NaiveDate) -> String {
    d.format("%d/%m/%Y").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2024, 5, d).unwrap()
    }

    #[test]
    fn a_directive_read_fills_its_line() {
        let d = crate::read::parse::parse(
            "ỦY BAN NHÂN DÂN TỈNH TÂY NINH\nSố: 1062/KH-UBND\nTây Ninh, ngày 11 tháng 4 năm 2024\nKẾ HOẠCH\nPhát động thi đua\nNội dung.",
        );
        let i = Incoming::from_directive(&d, day(20), " Văn phòng ");
        assert_eq!(i.author, "ỦY BAN NHÂN DÂN TỈNH TÂY NINH");
        assert_eq!(i.number_symbol, "1062/KH-UBND");
        assert_eq!(i.doc_date, NaiveDate::from_ymd_opt(2024, 4, 11));
        assert_eq!(i.kind_and_subject, "Kế hoạch Phát động thi đua");
        assert_eq!(i.recipient, "Văn phòng");
        assert_eq!(i.refusal(), None);
        let mut other = i.clone();
        other.author = "Ủy ban nhân dân  tỉnh Tây Ninh".into();
        other.number_symbol = "1062 / KH-UBND".into();
        other.received_on = day(21);
        assert!(i.same_document(&other));
        other.doc_date = None;
        assert!(!i.same_document(&other));
    }

    #[test]
    fn the_books_line_names_the_answers() {
        let entry = IncomingEntry {
            id: 1,
            year: 2024,
            number: 3,
            incoming: Incoming {
                received_on: day(20),
                author: "UBND tỉnh".into(),
                number_symbol: "12/KH-UBND".into(),
                doc_date: Some(day(16)),
                kind_and_subject: "Kế hoạch thi đua".into(),
                recipient: "Văn phòng".into(),
                note: "bản chính".into(),
            },
            has_file: true,
            answered_by: vec!["05/LĐLĐ".into()],
            passed_on: Some(day(21)),
            filed_on: Some(day(28)),
        };
        let line = entry.line();
        assert_eq!(line.cells[0], "20/05/2024");
        assert_eq!(line.cells[1], "03");
        assert_eq!(line.cells[4], "16/05/2024");
        assert_eq!(line.cells[7], "21/05/2024");
        assert_eq!(
            line.cells[9],
            "Đã trả lời bằng văn bản số 05/LĐLĐ; Lưu hồ sơ ngày 28/05/2024; bản chính"
        );
        assert_eq!(
            entry.status(),
            "Đã chuyển Văn phòng ngày 21/05/2024; đã trả lời bằng 05/LĐLĐ; đã lưu hồ sơ ngày 28/05/2024"
        );
        let received = IncomingEntry {
            answered_by: Vec::new(),
            passed_on: None,
            filed_on: None,
            ..entry.clone()
        };
        assert_eq!(received.status(), "Đã nhận, chưa chuyển");
        assert_eq!(
            entry.already_words(),
            "văn bản này đã vào sổ đến số 03 ngày 20/05/2024"
        );
    }
}
