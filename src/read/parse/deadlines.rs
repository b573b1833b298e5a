//! The deadlines a directive sets (ND30 Điều 23–24: the văn thư follows them up): a day
//! after a word that makes it one ("chậm nhất ngày 25/4/2024", "trước ngày 15/12", "hạn
//! chót"), a number of days from the signing ("trong thời hạn 10 ngày kể từ ngày ký"), and
//! what recurs ("định kỳ 6 tháng", "trước ngày 15 hằng tháng"); each with the task of its
//! sentence and the sentence itself. One that cannot be resolved to a day keeps no date.

use std::sync::LazyLock;

use chrono::{Datelike, Duration, NaiveDate};
use regex::Regex;
use serde::{Deserialize, Serialize};

use crate::model::LetterDate;

/// A deadline a directive sets.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Deadline {
    /// The day it falls on; none when the text does not let it be resolved (days counted
    /// from receiving, a day without its month).
    pub date: Option<NaiveDate>,
    /// What is to be done by then, as the sentence says it.
    pub task: String,
    /// The sentence it was read from.
    pub source: String,
    /// How it recurs ("hằng tháng", "6 tháng"), for one that does; its date is then the
    /// first after the directive's date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recurs: Option<String>,
}

impl Deadline {
    /// One line for the clerk: "25/04/2024: Gửi Kế hoạch về Sở Nội vụ (hằng năm)".
    pub fn words(&self) -> String {
        let day = self.date.map_or_else(
            || "chưa rõ ngày".to_string(),
            |d| d.format("%d/%m/%Y").to_string(),
        );
        let every = self
            .recurs
            .as_ref()
            .map(|r| format!(" ({r})"))
            .unwrap_or_default();
        format!("{day}: {}{every}", self.task)
    }
}

/// The most deadlines read from one directive.
const MAX: usize = 20;

/// A day after the words that make it a deadline.
static BY_DAY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(chậm nhất|muộn nhất|hạn chót|hạn cuối|trước|không quá|đến hết|hoàn thành trong)(?: là| vào| trong| đến)?(?: ngày)? *([0-9]{1,2}) *[/.-] *([0-9]{1,2})(?: *[/.-] *([0-9]{4}))?",
    )
    .expect("the deadline rule compiles")
});

/// "ngày 25 tháng 4 năm 2024" after the same words.
static BY_LONG_DAY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(chậm nhất|muộn nhất|hạn chót|hạn cuối|trước|không quá|đến hết)(?: là| vào)? ngày ([0-9]{1,2}) tháng ([0-9]{1,2})(?: năm ([0-9]{4}))?",
    )
    .expect("the deadline rule compiles")
});

/// "trong (thời hạn) 10 ngày (làm việc) kể từ ngày ký / nhận".
static WITHIN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)trong (?:thời hạn |vòng )?([0-9]{1,3}) ngày( làm việc)?,? (?:kể từ|tính từ) (?:ngày )?(ký|ban hành|nhận)",
    )
    .expect("the deadline rule compiles")
});

/// "trước ngày 15 hằng tháng".
static MONTHLY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:trước|chậm nhất|vào) ngày ([0-9]{1,2}) (?:hằng|hàng|của) tháng")
        .expect("the deadline rule compiles")
});

/// "báo cáo định kỳ 6 tháng", "định kỳ hằng quý".
static PERIODIC: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)báo cáo[^.;]{0,40}định kỳ (?:(6|06|3|03) tháng|(hằng|hàng) (tháng|quý|năm)|(quý|năm))",
    )
    .expect("the deadline rule compiles")
});

/// The deadlines of `text`, a directive dated `dated`, in the order the text gives them.
pub(crate) fn find(text: &str, dated: Option<LetterDate>) -> Vec<Deadline> {
    let issued = dated.and_then(|d| NaiveDate::from_ymd_opt(d.year, d.month, d.day.unwrap_or(1)));
    let mut out: Vec<Deadline> = Vec::new();
    for sentence in sentences(text) {
        // Markdown's bold, as a text or a .docx read gives it, is not the sentence's.
        let clean = sentence.replace("**", "");
        let sentence = clean.as_str();
        let mut found: Vec<(usize, Option<NaiveDate>, Option<String>)> = Vec::new();
        for rule in [&*BY_DAY, &*BY_LONG_DAY] {
            for c in rule.captures_iter(sentence) {
                let at = c.get(0).map_or(0, |m| m.start());
                let day = c.get(2).and_then(|m| m.as_str().parse().ok());
                let month = c.get(3).and_then(|m| m.as_str().parse().ok());
                let year = c.get(4).and_then(|m| m.as_str().parse().ok());
                // "trước ngày bầu cử", "trước 20 giờ": no day and month, no deadline.
                if let (Some(day), Some(month)) = (day, month) {
                    found.push((at, resolve(day, month, year, issued), None));
                }
            }
        }
        for c in WITHIN.captures_iter(sentence) {
            let at = c.get(0).map_or(0, |m| m.start());
            let end = c.get(0).map_or(0, |m| m.end());
            // "kể từ ngày ký kết luận thanh tra" counts from another signing than this one's.
            if c.get(3).is_some_and(|m| m.as_str() != "nhận") && !signing_itself(&sentence[end..])
            {
                continue;
            }
            let days: i64 = c.get(1).and_then(|m| m.as_str().parse().ok()).unwrap_or(0);
            let working = c.get(2).is_some();
            let from_signing = c.get(3).is_some_and(|m| m.as_str() != "nhận");
            let date = match (from_signing, issued) {
                (true, Some(day)) if dated.is_some_and(|d| d.day.is_some()) => {
                    Some(add_days(day, days, working))
                }
                _ => None,
            };
            found.push((at, date, None));
        }
        for c in MONTHLY.captures_iter(sentence) {
            let at = c.get(0).map_or(0, |m| m.start());
            let day: u32 = c.get(1).and_then(|m| m.as_str().parse().ok()).unwrap_or(0);
            let next = issued.and_then(|from| next_monthly(from, day));
            found.push((at, next, Some("hằng tháng".to_string())));
        }
        for c in PERIODIC.captures_iter(sentence) {
            let at = c.get(0).map_or(0, |m| m.start());
            let every = c
                .get(0)
                .map(|m| m.as_str())
                .and_then(|s| {
                    s.find("định kỳ")
                        .map(|i| s[i + "định kỳ".len()..].trim().to_string())
                })
                .unwrap_or_default();
            // A report due at the end of each period: the day is the clerk's to set.
            if !found.iter().any(|f| f.2.is_some()) {
                found.push((at, None, Some(every)));
            }
        }
        // A day in a sentence that says it comes back every year, quarter or month.
        let every = recurrence(sentence);
        for f in found.iter_mut().filter(|f| f.2.is_none()) {
            f.2 = every.clone();
        }
        found.sort_by_key(|f| f.0);
        for (at, date, recurs) in found {
            let deadline = Deadline {
                date,
                task: task(sentence, at),
                source: sentence.to_string(),
                recurs,
            };
            if !out.contains(&deadline) {
                out.push(deadline);
            }
            if out.len() == MAX {
                return out;
            }
        }
    }
    out
}

/// Whether what follows "kể từ ngày ký" leaves it the directive's own signing: nothing,
/// a stop, or "văn bản này", "ban hành", "Quyết định này" and the like.
fn signing_itself(after: &str) -> bool {
    static OWN: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^\s*(?:$|[,.;:)]|ban hành|(?:văn bản|quyết định|kế hoạch|công văn|thông báo|chỉ thị|hướng dẫn) này)")
            .expect("the rule compiles")
    });
    OWN.is_match(after)
}

/// How a sentence says its day comes back: "hằng năm", "hằng quý", "hằng tháng".
fn recurrence(sentence: &str) -> Option<String> {
    let folded = crate::text::fold(sentence);
    [
        ("nam", "hằng năm"),
        ("quy", "hằng quý"),
        ("thang", "hằng tháng"),
    ]
    .into_iter()
    .find(|(unit, _)| {
        folded.contains(&format!("hang {unit}")) && !folded.contains(&format!("hang {unit} moi"))
    })
    .map(|(_, words)| words.to_string())
}

/// The sentences of the text: lines cut after a full stop or a semicolon that a space
/// follows (not the dots of "13.12.2007") outside brackets, and at a line's end.
fn sentences(text: &str) -> impl Iterator<Item = &str> {
    text.lines()
        .flat_map(|line| {
            let mut cuts = Vec::new();
            let mut start = 0;
            let mut depth = 0i32;
            let bytes = line.as_bytes();
            for (i, &b) in bytes.iter().enumerate() {
                match b {
                    b'(' => depth += 1,
                    b')' => depth -= 1,
                    _ => {}
                }
                // Not inside brackets: "(ĐT 022.3751890; Email: …)" is one sentence's.
                let ends = depth <= 0
                    && (b == b'.' || b == b';')
                    && bytes.get(i + 1).is_none_or(|n| n.is_ascii_whitespace());
                if ends {
                    cuts.push(&line[start..=i]);
                    start = i + 1;
                }
            }
            cuts.push(&line[start..]);
            cuts
        })
        .map(|s| s.trim().trim_matches('*').trim())
        .filter(|s| s.chars().count() > 8)
}

/// What the sentence asks before the deadline's words: from its beginning (past a label
/// like "a)" or "-") to them, without a trailing comma.
fn task(sentence: &str, at: usize) -> String {
    let before = sentence[..at].trim();
    let before =
        before.trim_start_matches(|c: char| c == '-' || c == '+' || c == '*' || c.is_whitespace());
    let before = match before.split_once(") ") {
        Some((label, rest)) if label.chars().count() <= 3 => rest,
        _ => before,
    };
    let task = before.trim_end_matches([',', ':', ' ']).to_string();
    // Nothing before the words but a label ("d)"): the whole sentence says the task.
    match task.chars().filter(|c| c.is_alphabetic()).count() < 3 {
        true => sentence.trim_end_matches(['.', ';']).to_string(),
        false => task,
    }
}

/// A day and month, with its year or the directive's (the next one when the day would fall
/// before the directive).
fn resolve(
    day: u32,
    month: u32,
    year: Option<i32>,
    issued: Option<NaiveDate>,
) -> Option<NaiveDate> {
    match year {
        Some(y) => NaiveDate::from_ymd_opt(y, month, day),
        None => {
            let issued = issued?;
            let same = NaiveDate::from_ymd_opt(issued.year(), month, day)?;
            match same < issued {
                true => NaiveDate::from_ymd_opt(issued.year() + 1, month, day),
                false => Some(same),
            }
        }
    }
}

/// `from` and `days` days, or working days (Monday to Friday) when `working`.
fn add_days(from: NaiveDate, days: i64, working: bool) -> NaiveDate {
    if !working {
        return from + Duration::days(days);
    }
    let mut day = from;
    let mut left = days;
    while left > 0 {
        day += Duration::days(1);
        if day.weekday().number_from_monday() <= 5 {
            left -= 1;
        }
    }
    day
}

/// The first day `day` of a month on or after `from`.
fn next_monthly(from: NaiveDate, day: u32) -> Option<NaiveDate> {
    let this = NaiveDate::from_ymd_opt(from.year(), from.month(), day);
    match this {
        Some(d) if d >= from => Some(d),
        _ => {
            let (y, m) = match from.month() {
                12 => (from.year() + 1, 1),
                m => (from.year(), m + 1),
            };
            NaiveDate::from_ymd_opt(y, m, day)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dated(y: i32, m: u32, d: u32) -> Option<LetterDate> {
        Some(LetterDate {
            year: y,
            month: m,
            day: Some(d),
        })
    }

    fn check(text: &str, on: Option<LetterDate>, expected: &[(Option<&str>, &str)]) {
        let got: Vec<(Option<String>, String)> = find(text, on)
            .into_iter()
            .map(|d| (d.date.map(|d| d.to_string()), d.task))
            .collect();
        let expected: Vec<(Option<String>, String)> = expected
            .iter()
            .map(|(d, t)| (d.map(str::to_string), t.to_string()))
            .collect();
        assert_eq!(got, expected, "{text}");
    }

    #[test]
    fn days_after_the_words_that_make_them_deadlines() {
        let on = dated(2024, 4, 11);
        check(
            "Gửi Kế hoạch về Sở Nội vụ **chậm nhất ngày 25/4/2024** để tổng hợp.",
            on,
            &[(Some("2024-04-25"), "Gửi Kế hoạch về Sở Nội vụ")],
        );
        check(
            "- Báo cáo kết quả về Liên đoàn Lao động tỉnh trước ngày 15/12.",
            on,
            &[(
                Some("2024-12-15"),
                "Báo cáo kết quả về Liên đoàn Lao động tỉnh",
            )],
        );
        // A day already past in the directive's year is next year's.
        check(
            "Nộp hồ sơ trước 10/01.",
            on,
            &[(Some("2025-01-10"), "Nộp hồ sơ")],
        );
        check(
            "Hạn chót nhận hồ sơ: trước ngày 13.12.2007.",
            on,
            &[(Some("2007-12-13"), "Hạn chót nhận hồ sơ")],
        );
        check(
            "Các đơn vị gửi danh sách chậm nhất vào ngày 05 tháng 5 năm 2024.",
            on,
            &[(Some("2024-05-05"), "Các đơn vị gửi danh sách")],
        );
    }

    #[test]
    fn days_counted_from_the_signing_resolve_and_from_receiving_do_not() {
        let on = dated(2024, 4, 11);
        check(
            "Trong thời hạn 10 ngày kể từ ngày ký, các đơn vị báo cáo.",
            on,
            &[(
                Some("2024-04-21"),
                "Trong thời hạn 10 ngày kể từ ngày ký, các đơn vị báo cáo",
            )],
        );
        // 11/4/2024 is a Thursday: five working days later is Thursday 18.
        check(
            "Gửi ý kiến trong 5 ngày làm việc kể từ ngày ký.",
            on,
            &[(Some("2024-04-18"), "Gửi ý kiến")],
        );
        check(
            "Gửi ý kiến trong 5 ngày kể từ ngày nhận được văn bản.",
            on,
            &[(None, "Gửi ý kiến")],
        );
    }

    #[test]
    fn what_recurs_and_what_is_not_a_deadline() {
        let on = dated(2024, 4, 20);
        let got = find(
            "Hàng năm, Quỹ báo cáo với Sở Tài chính trước ngày 31 tháng 12.",
            on,
        );
        assert_eq!(
            got[0].date.map(|d| d.to_string()).as_deref(),
            Some("2024-12-31")
        );
        assert_eq!(got[0].recurs.as_deref(), Some("hằng năm"));
        let got = find("Báo cáo tình hình trước ngày 15 hằng tháng.", on);
        assert_eq!(got.len(), 1);
        assert_eq!(
            got[0].date.map(|d| d.to_string()).as_deref(),
            Some("2024-05-15")
        );
        assert_eq!(got[0].recurs.as_deref(), Some("hằng tháng"));
        let got = find(
            "Các đơn vị thực hiện chế độ báo cáo định kỳ 6 tháng, năm.",
            on,
        );
        assert_eq!(
            (got.len(), got[0].date, got[0].recurs.as_deref()),
            (1, None, Some("6 tháng"))
        );
        for none in [
            "Quyết định này có hiệu lực kể từ ngày ký.",
            "Thực hiện Kế hoạch số 1062/KH-UBND ngày 11/4/2024 của UBND tỉnh.",
            "trong 02 ngày bầu cử (trước ngày bầu cử và ngày bầu cử)",
            "Trong thời hạn 10 ngày, kể từ ngày ký kết luận thanh tra, người ra kết luận công khai.",
        ] {
            assert!(find(none, on).is_empty(), "{none}");
        }
    }
}
