//! The header: the number and ký hiệu, the place and date, the issuing body and the body
//! above it, the type title and the trích yếu.

use std::sync::LazyLock;

use regex::Regex;

use super::lines::{folded, starts_body, symbol_of, Line, DATE, DATE_FIGURES, NATION, NUMBER};
use super::{Directive, Reader};
use crate::model::{DocKind, LetterDate};
use crate::read::heads::{head_of, HEADS};
use crate::text::{fold, is_syllable, is_upper};

/// Heads that may begin a second body on the same line as the first, once the first has
/// ended with its place ("BAN CHẤP HÀNH TRUNG ƯƠNG VĂN PHÒNG").
const INNER_HEADS: &[&str] = &[
    "van phong",
    "so",
    "phong",
    "ban",
    "tieu ban",
    "lien doan",
    "cong doan",
    "uy ban",
    "hoi dong",
    "truong",
    "trung tam",
    "chi cuc",
    "cuc",
    "benh vien",
];

/// The longest trích yếu read: the longest of the real directives measured is under 300
/// characters; twice that leaves room, and stops a page run onto one line.
pub(super) const MAX_SUBJECT_CHARS: usize = 600;

/// The most words on a line of a trích yếu wrapped over the page's width.
const WRAPPED_WORDS: usize = 18;

impl Reader<'_> {
    /// Where the body starts: the first "Căn cứ", "Thực hiện", "Kính gửi" … line after
    /// `from`, or the end of the first 60 lines.
    pub(super) fn body_start(&self, from: usize) -> usize {
        self.lines
            .iter()
            .enumerate()
            .skip(from)
            .take(150)
            .find(|(_, l)| starts_body(l))
            .map_or(self.lines.len().min(from + 60), |(i, _)| i)
    }

    /// "Số: 1062/KH-UBND" at the start of a header line; its index.
    pub(super) fn number_line(&mut self, zone: usize, d: &mut Directive) -> Option<usize> {
        let (i, caps) = self.lines[..zone].iter().enumerate().find_map(|(i, l)| {
            let c = super::lines::number_at(&l.text)?;
            // "Số hiệu: 171/QĐ-TLĐ" of a portal's metadata block is not a header's number.
            (!l.folded.starts_with("so hieu")).then_some((i, c))
        })?;
        d.number = caps.get(1).map(|m| m.as_str().to_string());
        let sep = caps.get(2).map_or("", |m| m.as_str().trim());
        d.dash = d.number.is_some().then(|| sep != "/");
        let mut symbol = symbol_of(&caps[3]);
        if let Some(stripped) = symbol.strip_suffix("V/v") {
            symbol = stripped.to_string();
        }
        d.symbol = Some(symbol);
        Some(i)
    }

    /// "Tây Ninh, ngày 11 tháng 4 năm 2024", possibly over several lines or with a blank day.
    pub(super) fn date_line(&mut self, zone: usize, d: &mut Directive) -> Option<usize> {
        let idx: Vec<usize> = (0..zone)
            .filter(|&i| {
                let l = &self.lines[i];
                !l.is_blank() && !l.head().starts_with("can cu") && !l.folded.starts_with("v/v")
            })
            .collect();
        // The written form ("ngày 05 tháng 3 năm 2021") first; figures ("ngày 05/3/2021")
        // only when no line has it, since a V/v may cite another document's date so.
        // A date line has its place before "ngày"; a date at the start of a line is a wrapped
        // V/v citing another document, taken only when nothing else is found.
        for (pattern, with_place) in [
            (&*DATE, true),
            (&*DATE_FIGURES, true),
            (&*DATE, false),
            (&*DATE_FIGURES, false),
        ] {
            if let Some(i) = self.date_with(pattern, with_place, &idx, d) {
                return Some(i);
            }
        }
        self.place_without_date(&idx, d)
    }

    /// The place of a date line whose date could not be read ("Kiên Giang, ngày 1 lun
    /// 12năm2017", its "tháng" and its day written by hand read as other marks): a name of
    /// up to four capitalised words before ", ngày", a year after it. The date is said
    /// missing; the line is the date line.
    fn place_without_date(&mut self, idx: &[usize], d: &mut Directive) -> Option<usize> {
        static PLACE_DAY: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"^(\p{Lu}[\p{L} .]{1,40}?),\s*ng[àa]y\b(.*\D(?:19|20)\d\d\b)").unwrap()
        });
        idx.iter().find_map(|&i| {
            let l = &self.lines[i];
            let c = PLACE_DAY.captures(&l.text)?;
            let place = place_before(&c[1]);
            let words: Vec<&str> = place.split_whitespace().collect();
            let named = (1..=4).contains(&words.len())
                && words.iter().all(|w| w.starts_with(char::is_uppercase));
            if !named {
                return None;
            }
            self.problem(
                Some(l.no),
                "date",
                format!("không đọc được ngày tháng trên dòng \"{}\"", l.text.trim()),
            );
            d.place = Some(place);
            Some(i)
        })
    }

    fn date_with(
        &mut self,
        pattern: &Regex,
        with_place: bool,
        idx: &[usize],
        d: &mut Directive,
    ) -> Option<usize> {
        for (k, &i) in idx.iter().enumerate() {
            let line = &self.lines[i];
            let window: Vec<&str> = idx[k..(k + 3).min(idx.len())]
                .iter()
                .map(|&j| self.lines[j].text.as_str())
                .collect();
            let window = window.join(" ");
            let Some(c) = pattern.captures(&window) else {
                continue;
            };
            let m = c.get(0).unwrap();
            if m.start() >= line.text.len()
                || (with_place && line.text[..m.start()].trim().is_empty())
            {
                continue;
            }
            // A document the body cites with its date ("… Quyết định số 16/2006/QĐ-UBND ngày
            // 16/3/2006", its lead words under a stamp) is no date line: a place names no
            // number.
            static CITED: LazyLock<Regex> =
                LazyLock::new(|| Regex::new(r"(?i)\bs[ốoô]\s*[0-9]|[0-9]\s*/").unwrap());
            if CITED.is_match(&place_before(&line.text[..m.start()])) {
                continue;
            }
            let year: i32 = c[3].parse().unwrap_or(0);
            let month: Option<u32> = c.get(2).and_then(|x| x.as_str().parse().ok());
            let day: Option<u32> = c.get(1).and_then(|x| x.as_str().parse().ok());
            match month {
                Some(month)
                    if chrono::NaiveDate::from_ymd_opt(year, month, day.unwrap_or(1)).is_some() =>
                {
                    d.date = Some(LetterDate { year, month, day });
                }
                Some(_) => self.problem(
                    Some(line.no),
                    "date",
                    format!("ngày tháng không có thật: \"{}\"", m.as_str()),
                ),
                None => self.problem(
                    Some(line.no),
                    "date",
                    format!("ngày và tháng để trống: \"{}\"", m.as_str()),
                ),
            }
            let mut place = place_before(&line.text[..m.start()]);
            if let Some(&prev) = k.checked_sub(1).map(|p| &idx[p]) {
                let p = &self.lines[prev];
                let is_title_case = p.text.chars().next().is_some_and(char::is_uppercase)
                    && p.text != p.text.to_uppercase();
                if p.words() <= 2
                    && prev + 1 == i
                    && is_title_case
                    && super::lines::number_at(&p.text).is_none()
                    && !p.text.ends_with(['.', ';', ':'])
                    && place.split_whitespace().count() <= 2
                {
                    place = format!("{} {place}", p.text).trim().to_string();
                }
            }
            d.place = Some(place).filter(|p| !p.is_empty());
            return Some(i);
        }
        None
    }

    /// The type title ("KẾ HOẠCH") and the trích yếu under it, or "V/v …", looked for from
    /// line `from` up to the body; the kind and the line after the trích yếu.
    pub(super) fn title_and_subject(
        &mut self,
        from: usize,
        zone: usize,
        d: &mut Directive,
    ) -> (Option<DocKind>, Option<usize>) {
        for i in from..zone {
            let l = &self.lines[i];
            if let Some((kind, rest)) = title_kind(l) {
                let (subject, end) = self.subject_from(i, rest, true, d.issuer.as_deref());
                d.subject = subject.map(|s| strip_about(&s));
                return (Some(kind), Some(end));
            }
            let unquoted = l
                .folded
                .trim_start_matches(['"', '“', '”', '\''])
                .trim_start();
            // "Về tuyển lao động …" right under the number is a trích yếu too.
            let under_number = i > from
                && self.lines[from..i].iter().filter(|l| !l.is_blank()).count() <= 1
                && super::lines::number_at(&self.lines[from].text).is_some();
            let about = ["v/v", "ve viec ", "ve viec:", "ve:", "ve: "]
                .iter()
                .any(|p| unquoted.starts_with(p))
                || (under_number && unquoted.starts_with("ve ") && l.text.starts_with(['V', 'v']));
            if about {
                let start = l
                    .text
                    .char_indices()
                    .find(|(_, c)| c.is_alphabetic())
                    .map_or(0, |(b, _)| b);
                let rest = strip_about(&l.text[start..]);
                let (subject, end) = self.subject_from(i, &rest, false, None);
                d.subject = subject.map(|s| strip_stray_quotes(&s));
                return (None, Some(end));
            }
        }
        (None, None)
    }

    /// The trích yếu of a document whose type title OCR lost, when its ký hiệu names a kind
    /// printed with one ("155/TM-SYT", a Thư mời): the lines right under the date line,
    /// up to the body, said for the clerk to check; the line after it.
    pub(super) fn subject_without_title(
        &mut self,
        date_at: usize,
        zone: usize,
        d: &mut Directive,
    ) -> Option<usize> {
        let lines = self.lines;
        let kind = d
            .symbol
            .as_deref()
            .and_then(kind_of_symbol)
            .filter(|k| !k.is_cong_van())?;
        let first = (date_at + 1..zone.min(lines.len())).find(|&j| !lines[j].is_blank())?;
        let l = &lines[first];
        let opens = l.text.starts_with(char::is_uppercase) && !l.text.ends_with([':', ';']);
        if !opens || starts_body(l) || l.is_nation() || super::lines::number_at(&l.text).is_some() {
            return None;
        }
        let (subject, end) = self.subject_from(first, &l.text, true, d.issuer.as_deref());
        let subject = strip_about(&subject?);
        self.problem(
            Some(l.no),
            "subject",
            format!(
                "không đọc được tên loại văn bản ({}, theo ký hiệu): trích yếu đọc từ các dòng dưới ngày tháng, hãy kiểm tra",
                kind.name()
            ),
        );
        d.subject = Some(subject);
        Some(end)
    }

    /// Collects a trích yếu from `first` and the lines after line `i`, until the body
    /// starts; the trích yếu and the index of the line after it. A trích yếu in capitals
    /// goes on only in capitals and stops at the authority line of a Quyết định ("CHỦ
    /// TỊCH ỦY BAN NHÂN DÂN TỈNH …"); one in normal case goes on over a blank line only
    /// with what cannot start a sentence of the body.
    fn subject_from(
        &self,
        i: usize,
        first: &str,
        under_title: bool,
        issuer: Option<&str>,
    ) -> (Option<String>, usize) {
        let mut parts: Vec<&str> = Vec::new();
        if !first.is_empty() {
            parts.push(first);
        }
        let mut end = i + 1;
        let mut j = i + 1;
        let mut blank = false;
        let mut stepped = 0;
        while j < self.lines.len() && parts.len() < 8 {
            let l = &self.lines[j];
            j += 1;
            if l.is_blank() {
                blank = true;
                continue;
            }
            // A scan's lines are laid out by height: the Quốc hiệu, the date and the marks
            // of a stamp beside a "V/v" of three lines can come between its lines.
            let dated = DATE.find(&l.text).is_some_and(|m| {
                let place = l.text[..m.start()].trim();
                place.ends_with(',') && place.split_whitespace().count() <= 5
            });
            let letters = |w: &str| w.chars().filter(|c| c.is_alphabetic()).count();
            // A small letter before a capital ("IấN TRễNG", a stamp's words): no word is
            // written so.
            let garbled = |w: &str| {
                let w: Vec<char> = w.chars().collect();
                w.windows(2)
                    .any(|p| p[0].is_lowercase() && p[1].is_uppercase())
            };
            let marks = l.text.chars().any(char::is_alphabetic)
                && l.text
                    .split_whitespace()
                    .all(|w| letters(w) < 3 || garbled(w));
            let beside = l.is_nation() || dated || marks;
            let open = parts.last().is_some_and(|p| !p.ends_with(['.', ';', ':']));
            if beside && !under_title && open && stepped < 4 {
                stepped += 1;
                continue;
            }
            let rule = l
                .text
                .chars()
                .all(|c| matches!(c, '-' | '_' | '*' | '=' | '.' | ' '));
            if rule || super::lines::number_at(&l.text).is_some() || l.is_nation() {
                break;
            }
            if DATE
                .find(&l.text)
                .is_some_and(|m| !l.text[..m.start()].trim().is_empty() && m.start() < 40)
            {
                break;
            }
            // A trích yếu says in a sentence what the document is about: a run of text
            // past `MAX_SUBJECT_CHARS` is the body (or a page run onto one line), not it.
            let length: usize = parts.iter().map(|p| p.chars().count() + 1).sum();
            if length + l.text.chars().count() > MAX_SUBJECT_CHARS {
                break;
            }
            let Some(prev) = parts.last() else {
                // The first line under a title is its trích yếu, whatever word it starts with.
                if under_title && !is_authority(l, issuer) {
                    parts.push(&l.text);
                    end = j;
                    blank = false;
                    continue;
                }
                break;
            };
            // "- Các Sở, …": an addressee whose "Kính gửi" a received stamp hid.
            let item = l
                .text
                .strip_prefix(['-', '–', '•'])
                .is_some_and(|r| r.trim_start().starts_with(char::is_uppercase));
            if starts_body(l) || item {
                break;
            }
            let caps = is_upper(parts[0]);
            let joins = ends_open(prev);
            let first_char = l.text.chars().next().unwrap_or(' ');
            // A line without letters ("2020", "2017-2021") goes on either kind.
            let no_letters = !l.text.chars().any(char::is_alphabetic);
            let goes_on = if caps {
                (is_upper(&l.text) || no_letters) && (joins || !is_authority(l, issuer))
            } else if is_upper(&l.text) {
                false
            } else if !first_char.is_uppercase() || joins {
                true
            } else {
                // A short line in normal case with the body or the trích yếu's own next
                // line after it: its second line ("Từ 17 tháng 10 đến 18 tháng 11 năm
                // 2015", "Đoàn TNCS Hồ Chí Minh thành phố Hà Nội lần thứ XIV,"). A trích
                // yếu wrapped in its narrow cell goes on line by line, names in capitals
                // at the starts of lines ("Đại hội Đoàn Luật sư tỉnh Bình", "Thuận nhiệm
                // kỳ 2024 - 2029"), up to what ends the cell.
                let short = l.words() <= 14;
                let wrapped = l.words() <= WRAPPED_WORDS && !blank && self.cell_ends(j);
                !l.text.ends_with(['.', ':', ';'])
                    && !prev.ends_with('.')
                    && (short
                        && (self.body_follows(j) && parts.len() == 1
                            || (!blank && self.wraps_on(j)))
                        || wrapped)
            };
            if !goes_on {
                break;
            }
            parts.push(&l.text);
            end = j;
            blank = false;
        }
        let s = parts.join(" ");
        let s = Some(s.trim().to_string()).filter(|s| !s.is_empty());
        (s.filter(|s| s.chars().count() <= MAX_SUBJECT_CHARS), end)
    }

    /// The next line with text from `j` goes on in lower case.
    fn wraps_on(&self, j: usize) -> bool {
        self.lines[j..]
            .iter()
            .find(|l| !l.is_blank())
            .is_some_and(|l| l.text.chars().next().is_some_and(char::is_lowercase))
    }

    /// The next line from `j` ends a header cell: nothing, a blank, the Quốc hiệu, a date
    /// line, the body, a line in capitals, or another short line that goes on so.
    fn cell_ends(&self, j: usize) -> bool {
        let mut k = j;
        while let Some(l) = self.lines.get(k) {
            if l.is_blank() || l.is_nation() || starts_body(l) || is_upper(&l.text) {
                return true;
            }
            if DATE
                .find(&l.text)
                .is_some_and(|m| !l.text[..m.start()].trim().is_empty())
            {
                return true;
            }
            if l.words() > WRAPPED_WORDS || l.text.ends_with(['.', ':', ';']) || k >= j + 6 {
                return false;
            }
            k += 1;
        }
        true
    }

    /// The next line with text from `j` starts the body or is a long paragraph.
    fn body_follows(&self, j: usize) -> bool {
        self.lines[j..]
            .iter()
            .find(|l| !l.is_blank())
            .is_some_and(|l| starts_body(l) || l.words() > 25)
    }

    /// The issuing body and the body above it: the lines in capitals just above line
    /// `before`, the Quốc hiệu column taken out.
    pub(super) fn issuer(&mut self, before: usize, d: &mut Directive) {
        let mut block: Vec<&Line> = Vec::new();
        for l in self.lines[..before.min(self.lines.len())].iter().rev() {
            let t = l.text.trim_matches(|c: char| {
                c.is_whitespace() || matches!(c, '-' | '–' | '—' | '_' | '*' | '=' | '.' | '|')
            });
            // A rule under the name, or the marks OCR made of it ("—¬"), is no line of it.
            if !t.chars().any(char::is_alphanumeric) || l.is_nation() {
                continue;
            }
            if !is_upper(t) || block.len() >= 6 {
                break;
            }
            block.push(l);
        }
        block.reverse();
        // Lines above the first that starts a body's name are the page's, not the header's.
        if let Some(first) = block
            .iter()
            .position(|l| head_of(&l.folded).is_some() || restorable(l).is_some())
        {
            block.drain(..first);
        }
        let mut orgs: Vec<(String, String)> = Vec::new();
        for l in block {
            let (text, f) = self.restored(l);
            let text = text
                .trim_matches(|c: char| c.is_whitespace() || matches!(c, '-' | '_' | '*' | '.'))
                .to_string();
            let f = f
                .trim_matches(|c: char| c.is_whitespace() || matches!(c, '-' | '_' | '*' | '.'))
                .to_string();
            let continues = orgs.last().is_some_and(|(prev, prev_f)| {
                head_of(&f).is_none() || ends_open(prev) || prev_f.ends_with(" va")
            });
            match orgs.last_mut() {
                Some((prev, prev_f)) if continues => {
                    prev.push(' ');
                    prev.push_str(&text);
                    prev_f.push(' ');
                    prev_f.push_str(&f);
                }
                _ => orgs.push((text, f)),
            }
        }
        if orgs.len() == 1 {
            if let Some(cut) = inner_split(&orgs[0].1) {
                let (text, f) = orgs.remove(0);
                let at = super::lines::to_orig(&text, &f, cut);
                orgs.push((text[..at].trim().to_string(), f[..cut].trim().to_string()));
                orgs.push((text[at..].trim().to_string(), f[cut..].trim().to_string()));
            }
        }
        // "ỦY BAN NHÂN DÂN / ỦY BAN MTTQ VIỆT NAM / TỈNH ĐẮK LẮK": a body named without
        // its place over one that ends with a place issue jointly, the place shared.
        if let [.., (upper, upper_f), (lower, lower_f)] = orgs.as_slice() {
            let bare = HEADS.iter().any(|(h, _)| h.contains(' ') && upper_f == h);
            if bare && has_place(lower_f) {
                let joint = format!("{upper} VÀ {lower}");
                let joint_f = format!("{upper_f} va {lower_f}");
                orgs.truncate(orgs.len() - 2);
                orgs.push((joint, joint_f));
            }
        }
        d.issuer = orgs.pop().map(|o| o.0);
        d.parent_body = orgs.pop().map(|o| o.0);
    }

    /// A header line with the letters a copy lost put back, when only one body's name
    /// fits ("Y BAN NHÂN DÂN" → "ỦY BAN NHÂN DÂN", "T?NG LIÊN ÐOÀN" → "TỔNG LIÊN ĐOÀN"),
    /// with the correction listed; otherwise the line as it is.
    fn restored(&mut self, l: &Line) -> (String, String) {
        let Some((head, printed)) = restorable(l) else {
            if !l.text.contains('?') {
                return (l.text.clone(), l.folded.clone());
            }
            let text = l
                .text
                .split(' ')
                .map(restore_word)
                .collect::<Vec<_>>()
                .join(" ");
            if text != l.text {
                self.problem(
                    Some(l.no),
                    "issuer",
                    format!("tên cơ quan \"{}\" thiếu chữ, đã đọc là \"{text}\"", l.text),
                );
            }
            let f = folded(&text);
            return (text, f);
        };
        let words: Vec<&str> = l.text.split(' ').collect();
        let n = head.split(' ').count();
        let mut text = printed.to_string();
        for w in words.iter().skip(n) {
            text.push(' ');
            text.push_str(&restore_word(w));
        }
        self.problem(
            Some(l.no),
            "issuer",
            format!("tên cơ quan \"{}\" thiếu chữ, đã đọc là \"{text}\"", l.text),
        );
        let f = folded(&text);
        (text, f)
    }

    /// The kind: from the title line, else from the ký hiệu, else a công văn when it has "V/v".
    pub(super) fn doc_type(
        &mut self,
        title: Option<DocKind>,
        d: &mut Directive,
    ) -> Option<DocKind> {
        let from_symbol = d.symbol.as_deref().and_then(kind_of_symbol);
        if let (Some(t), Some(sym)) = (&title, d.symbol.clone()) {
            if let Some(fixed) = restore_hyphen(&sym, t) {
                let line = self
                    .lines
                    .iter()
                    .find(|l| l.text.contains(&sym))
                    .map(|l| l.no);
                self.problem(
                    line,
                    "symbol",
                    format!("ký hiệu \"{sym}\" thiếu dấu gạch nối, đã đọc là \"{fixed}\""),
                );
                d.symbol = Some(fixed);
            }
        }
        title
            .or(from_symbol)
            .or_else(|| (d.subject.is_some() || d.symbol.is_some()).then_some(DocKind::CONG_VAN))
    }

    /// A title block in place of a header: the kind alone on the first line, then "CỦA
    /// <issuer> SỐ <number> NGÀY <day> THÁNG <month> NĂM <year>" and "VỀ <trích yếu>",
    /// over one to four lines. The kind and the block's last line.
    pub(super) fn title_block(
        &mut self,
        zone: usize,
        d: &mut Directive,
    ) -> Option<(DocKind, usize)> {
        static BLOCK: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"^cua[[:space:]]+(?P<issuer>.+?)[[:space:]]+so[[:space:]]*:?[[:space:]]*(?P<number>[0-9]{1,5}[[:space:]]*[/-].+?)[[:space:]]+ngay[[:space:]]+(?P<d>[0-9]{1,2})[[:space:]]+thang[[:space:]]+(?P<m>[0-9]{1,2})[[:space:]]+nam[[:space:]]+(?P<y>[0-9]{4})(?:[[:space:]]*,?[[:space:]]+ve[[:space:]]+(?P<about>.+))?$").unwrap()
        });
        let mut idx = (0..zone.min(self.lines.len())).filter(|&i| !self.lines[i].is_blank());
        let first = idx.next()?;
        let (kind, len) = kind_at(&self.lines[first].folded)?;
        let head_at =
            super::lines::to_orig(&self.lines[first].text, &self.lines[first].folded, len);
        if !is_upper(&self.lines[first].text[..head_at]) {
            return None;
        }
        let mut text = self.lines[first].text[head_at..].trim().to_string();
        let mut last = first;
        // The line of the trích yếu ("VỀ …") and how many lines it wrapped onto.
        let mut about: Option<usize> = None;
        for i in idx.take(3 + MAX_ABOUT_WRAPS) {
            let l = &self.lines[i];
            if !is_upper(&l.text) || i > last + 1 {
                break;
            }
            match about {
                // A trích yếu in capitals wraps ("VỀ ĐẨY MẠNH … TRONG HOẠT ĐỘNG" over "CỦA CƠ
                // QUAN, TỔ CHỨC NHÀ NƯỚC"), up to the authority that decides or the kind's
                // operative line ("QUYẾT ĐỊNH:").
                Some(wraps)
                    if wraps >= MAX_ABOUT_WRAPS
                        || is_authority(l, None)
                        || kind_at(&l.folded).is_some()
                        || l.text.trim_end().ends_with(':') =>
                {
                    break
                }
                Some(wraps) => about = Some(wraps + 1),
                None if i - first > 3 => break,
                None => {}
            }
            text.push(' ');
            text.push_str(&l.text);
            last = i;
            if about.is_none()
                && BLOCK.is_match(&folded(text.trim()))
                && fold(&l.text).starts_with("ve ")
            {
                about = Some(0);
            }
        }
        let text = text.trim();
        let f = folded(text);
        let c = BLOCK.captures(&f)?;
        let orig = |name: &str| {
            c.name(name).map(|m| {
                let (a, b) = (
                    super::lines::to_orig(text, &f, m.start()),
                    super::lines::to_orig(text, &f, m.end()),
                );
                text[a..b].trim().to_string()
            })
        };
        let number = orig("number")?;
        let (num, sym) = number.split_once(['/', '-'])?;
        d.number = Some(num.trim().to_string());
        d.symbol = Some(symbol_of(sym));
        d.dash = Some(number.contains('-') && !number.contains('/'));
        d.issuer = orig("issuer");
        let part = |n: &str| c.name(n).and_then(|m| m.as_str().parse::<u32>().ok());
        let (day, month, year) = (part("d")?, part("m")?, part("y")? as i32);
        if chrono::NaiveDate::from_ymd_opt(year, month, day).is_some() {
            d.date = Some(LetterDate::full(chrono::NaiveDate::from_ymd_opt(
                year, month, day,
            )?));
        }
        d.subject = orig("about").map(|s| s.trim_end_matches('.').to_string());
        Some((kind, last))
    }

    /// A page without a header names the document in its first line: "Công văn số
    /// 1448/SNV-CCHC ngày 27/12/2016 V/v …", "Giấy mời dự Lễ …", "Thư ngỏ". The kind,
    /// and the number, date and trích yếu the line gives; the line's index.
    pub(super) fn title_line(
        &mut self,
        zone: usize,
        d: &mut Directive,
    ) -> Option<(DocKind, usize)> {
        let (i, l) = self.lines[..zone]
            .iter()
            .enumerate()
            .filter(|(_, l)| !l.is_blank())
            .take(3)
            .find(|(_, l)| kind_at(&l.folded).is_some())?;
        let (kind, len) = kind_at(&l.folded)?;
        let rest_at = super::lines::to_orig(&l.text, &l.folded, len);
        let rest = l.text[rest_at..].trim();
        if let Some(c) = super::citations::anchor_at_start(rest) {
            d.number = Some(c.number);
            d.symbol = Some(c.symbol);
            d.date = c.date.map(LetterDate::full);
            if let Some(at) = rest.find("V/v").or_else(|| rest.find("v/v")) {
                d.subject = Some(strip_about(rest[at..].trim_end_matches('.')));
            }
        } else if !rest.is_empty() && rest.chars().next().is_some_and(char::is_lowercase) {
            d.subject = Some(rest.trim_end_matches('.').to_string());
        }
        Some((kind, i))
    }
}

/// The most lines a title block's trích yếu in capitals wraps onto.
const MAX_ABOUT_WRAPS: usize = 2;

/// The line of authority under a Quyết định's trích yếu: the body or office that decides,
/// in capitals ("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH HÀ GIANG", "ĐOÀN CHỦ TỊCH TỔNG LIÊN ĐOÀN
/// LAO ĐỘNG VIỆT NAM"), or the issuer's name.
fn is_authority(l: &Line, issuer: Option<&str>) -> bool {
    // Compared with their marks: "BỔ SUNG" is not "BỘ", "BAN HÀNH" is not a "BAN".
    const TITLES: &[&str] = &[
        "CHỦ TỊCH",
        "ĐOÀN CHỦ TỊCH",
        "BAN THƯỜNG VỤ",
        "BAN CHẤP HÀNH",
        "BAN BÍ THƯ",
        "BỘ CHÍNH TRỊ",
        "BỘ TRƯỞNG",
        "GIÁM ĐỐC",
        "THỦ TƯỚNG",
        "THỦ TRƯỞNG",
        "TRƯỞNG BAN",
        "HIỆU TRƯỞNG",
        "TỔNG GIÁM ĐỐC",
        "CỤC TRƯỞNG",
        "VIỆN TRƯỞNG",
        "CHÁNH VĂN PHÒNG",
        "BAN THƯỜNG TRỰC",
        "TỔNG CỤC TRƯỞNG",
    ];
    if !is_upper(&l.text) {
        return false;
    }
    let text = l.text.to_uppercase();
    let names_issuer = issuer.is_some_and(|i| {
        let fi = folded(i);
        fi.split_whitespace().count() >= 2 && l.folded.contains(fi.as_str())
    });
    let starts = |t: &str| {
        text.strip_prefix(t)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', ',']))
    };
    names_issuer
        || TITLES.iter().any(|t| starts(t))
        || HEADS
            .iter()
            .any(|(_, printed)| printed.contains(' ') && starts(printed))
}

/// The line before ends on a word that needs more ("… CỦA", "… VÀ", "… các cấp,").
fn ends_open(prev: &str) -> bool {
    let f = prev.trim_end().to_lowercase();
    f.ends_with(',')
        || f.ends_with('-')
        || f.ends_with('–')
        || [
            " của", " và", " về", " cho", " tại", " trên", " trong", " với", " các", " những",
            " đối",
        ]
        .iter()
        .any(|w| f.ends_with(w))
}

/// A body line whose first word lost a letter or a letter's marks, and the head it is
/// ("Y BAN NHÂN DÂN" is "ỦY BAN NHÂN DÂN"): the head folded and as printed.
fn restorable(l: &Line) -> Option<(&'static str, &'static str)> {
    if l.text.contains('?') || l.text.contains('Ð') {
        // A line with letters lost to "?" reads as a head when its restored fold does.
        let head = head_of(&l.folded)?;
        let known = HEADS.iter().find(|(h, _)| *h == head)?;
        return (known.0.len() > 4).then_some(*known);
    }
    if head_of(&l.folded).is_some() {
        return None;
    }
    // "Ở NỘI VỤ": a head of one word that lost its first letter, told apart by the marks
    // of what is left ("Ở" is of "SỞ", "Ộ" of "BỘ"), with a name after it; not a line that
    // is a place's name ("AN GIANG", the end of a header split mid-name).
    let mut words = l.text.split(' ');
    if let (Some(first), Some(_)) = (words.next(), words.next()) {
        let first = untoned(first);
        let mut heads = HEADS.iter().filter(|(h, printed)| {
            !h.contains(' ')
                && printed.chars().count() >= 2
                && untoned(&printed.chars().skip(1).collect::<String>()) == first
        });
        if let (Some(head), None) = (heads.next(), heads.next()) {
            let folded: Vec<&str> = l.folded.split(' ').collect();
            if crate::gazetteer::place_len(&folded) != Some(folded.len()) {
                return Some(*head);
            }
        }
    }
    // "Y BAN NHÂN DÂN": the first letter lost; one head only may end so.
    let mut found = None;
    for (h, printed) in HEADS {
        let Some(first_space) = h.find(' ') else {
            continue;
        };
        let (first, rest) = h.split_at(first_space);
        if first.len() < 2 {
            continue;
        }
        let cut = format!("{}{rest}", &first[1..]);
        if l.folded.starts_with(&cut)
            && l.folded[cut.len()..]
                .chars()
                .next()
                .is_none_or(|c| c == ' ')
            && rest.len() > 4
        {
            if found.is_some() {
                return None;
            }
            found = Some((*h, *printed));
        }
    }
    found
}

/// A word in capitals without its tone marks, its other marks kept ("Ở" → "Ơ", "ỘI" →
/// "ÔI"): what a lost letter's word is compared by.
fn untoned(word: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    word.to_uppercase()
        .nfd()
        .filter(|c| !matches!(c, '\u{300}' | '\u{301}' | '\u{303}' | '\u{309}' | '\u{323}'))
        .nfc()
        .collect()
}

/// A body's name (folded) ends with a place: "… TỈNH ĐẮK LẮK", "… QUẬN 11", "… TRUNG
/// ƯƠNG", "… VIỆT NAM".
fn has_place(f: &str) -> bool {
    let words: Vec<&str> = f.split_whitespace().collect();
    let n = words.len();
    if words.ends_with(&["trung", "uong"]) || words.ends_with(&["viet", "nam"]) {
        return true;
    }
    (0..n).any(|start| {
        crate::gazetteer::unit_at(&words[start..]).is_some_and(|u| {
            start + u < n && crate::gazetteer::place_len(&words[start + u..]) == Some(n - start - u)
        })
    })
}

/// Words of bodies' names, for a word of a header that lost a letter to "?" ("VI?T").
const HEADER_WORDS: &[&str] = &[
    "VIỆT",
    "NAM",
    "TỈNH",
    "HUYỆN",
    "THÀNH",
    "PHỐ",
    "QUẬN",
    "PHƯỜNG",
    "TRUNG",
    "ƯƠNG",
    "NHÂN",
    "DÂN",
    "HỘI",
    "ĐỒNG",
    "CÔNG",
    "ĐOÀN",
    "LAO",
    "ĐỘNG",
    "TỔNG",
    "LIÊN",
    "ỦY",
    "BAN",
    "NỘI",
    "VỤ",
    "GIÁO",
    "DỤC",
    "ĐÀO",
    "TẠO",
    "TẾ",
    "TÀI",
    "CHÍNH",
    "THƯỜNG",
    "TRỰC",
    "CHẤP",
    "HÀNH",
    "ĐIỆN",
    "LỰC",
    "VIÊN",
    "CHỨC",
    "NGÀNH",
    "TỔ",
    "QUỐC",
    "MẶT",
    "TRẬN",
    "ĐẢNG",
    "CỘNG",
    "SẢN",
];

/// A header word with a letter lost to "?" put back, when one word of a body's name fits.
fn restore_word(w: &str) -> String {
    if !w.contains('?') {
        return w.to_string();
    }
    let f = fold(w);
    let fits: Vec<&&str> = HEADER_WORDS
        .iter()
        .filter(|h| {
            let hf = fold(h);
            hf.len() == f.len() && hf.chars().zip(f.chars()).all(|(a, b)| b == '?' || a == b)
        })
        .collect();
    match fits.as_slice() {
        [one] => one.to_string(),
        _ => w.to_string(),
    }
}

/// Where a one-line header holds two bodies: after the first's place or "TRUNG ƯƠNG",
/// at the head of the second ("BAN CHẤP HÀNH TRUNG ƯƠNG VĂN PHÒNG").
fn inner_split(f: &str) -> Option<usize> {
    let words: Vec<(usize, &str)> = f
        .split(' ')
        .scan(0, |at, w| {
            let start = *at;
            *at += w.len() + 1;
            Some((start, w))
        })
        .collect();
    for k in 2..words.len() {
        let rest = &f[words[k].0..];
        let head = INNER_HEADS.iter().find(|h| {
            rest.starts_with(**h) && rest[h.len()..].chars().next().is_none_or(|c| c == ' ')
        });
        if head.is_none() {
            continue;
        }
        let before: Vec<&str> = words[..k].iter().map(|(_, w)| *w).collect();
        let n = before.len();
        let ends_with_place = (1..=n.min(6)).any(|len| {
            let start = n - len;
            start > 0
                && crate::gazetteer::unit_at(&before[start - 1..]).is_some_and(|u| {
                    let at = start - 1 + u;
                    at < n && crate::gazetteer::place_len(&before[at..]) == Some(n - at)
                })
        });
        let terminal = before.ends_with(&["trung", "uong"]) || before.ends_with(&["viet", "nam"]);
        if terminal || ends_with_place {
            return Some(words[k].0);
        }
    }
    None
}

/// The place in the text before "ngày": after any number line or header names on that line.
fn place_before(prefix: &str) -> String {
    let mut p = prefix.trim().trim_end_matches(',').trim().to_string();
    if let Some(m) = NUMBER.find(&p) {
        p = p[m.end()..].to_string();
    }
    let f = fold(&p);
    if let Some(m) = NATION.find_iter(&f).last() {
        let cut: String = p.chars().skip(f[..m.end()].chars().count()).collect();
        p = cut;
    }
    p.trim()
        .trim_matches(|c: char| c == ',' || c == '-' || c.is_whitespace())
        .to_string()
}

/// Quotes around a whole trích yếu are an artefact of copying, not part of it.
fn strip_stray_quotes(s: &str) -> String {
    let opens = s.matches(['“', '"']).count();
    let closes = s.matches(['”', '"']).count();
    let mut t = s.trim();
    if (t.ends_with('”') && closes > opens) || (t.ends_with('"') && s.matches('"').count() % 2 == 1)
    {
        t = &t[..t.len() - t.chars().last().map_or(0, char::len_utf8)];
    }
    t.trim().to_string()
}

/// The trích yếu without the "V/v", "Về việc" (or "Vềviệc"), "VỀ VIỆC", "Về:" or "Về" it
/// opens with, and without the full stop it may end with.
pub(super) fn strip_about(s: &str) -> String {
    let s = s.trim();
    let f = fold(s);
    let mut cut = 0;
    // "Vềviệc": the space a scan's OCR lost.
    for p in [
        "v/v:", "v/v", "ve viec:", "ve viec", "veviec:", "veviec", "ve:", "ve",
    ] {
        if let Some(after) = f.strip_prefix(p) {
            let after = after.chars().next();
            let glued = after.is_some_and(|c| c.is_alphabetic());
            // "VỀTHỂ THỨC": "VỀ" glued to the next word in capitals.
            let glued_ok = glued && p == "ve" && {
                let rest: String = s
                    .chars()
                    .skip(2)
                    .take_while(|c| c.is_alphabetic())
                    .collect();
                is_upper(&s.chars().take(2).collect::<String>())
                    && is_syllable(&rest)
                    && !is_syllable(s.split(' ').next().unwrap_or(""))
            };
            if !glued || glued_ok {
                cut = p.chars().count();
                break;
            }
        }
    }
    let rest: String = s.chars().skip(cut).collect();
    let rest = rest.trim_start_matches([':', ' ']).trim();
    rest.strip_suffix('.')
        .filter(|r| !r.ends_with('.'))
        .unwrap_or(rest)
        .trim()
        .to_string()
}

/// "KẾ HOẠCH" or "KẾ HOẠCH phối hợp …" at the start of a line in capitals: the kind and
/// what follows. Letters lost to "?" are read back ("HU?NG D?N" is "HƯỚNG DẪN").
fn title_kind(l: &Line) -> Option<(DocKind, &str)> {
    let (kind, len) = kind_at(&l.folded)?;
    let at = super::lines::to_orig(&l.text, &l.folded, len);
    let title = &l.text[..at];
    if !is_upper(title) {
        return None;
    }
    let rest = l.text[at..].trim();
    // "QUYẾT ĐỊNH:" is the operative line of a decision, not its title.
    if rest.starts_with(':') {
        return None;
    }
    Some((kind, rest))
}

/// The kind whose name starts the folded text `f` (the longest), and the name's length.
pub(super) fn kind_at(f: &str) -> Option<(DocKind, usize)> {
    static KINDS: LazyLock<Vec<(String, &'static str)>> = LazyLock::new(|| {
        let mut v: Vec<(String, &'static str)> = DocKind::all_names()
            .into_iter()
            .map(|n| (fold(n), n))
            .collect();
        v.sort_by_key(|(f, _)| std::cmp::Reverse(f.len()));
        v
    });
    KINDS.iter().find_map(|(k, name)| {
        let after = f.strip_prefix(k.as_str())?;
        after
            .chars()
            .next()
            .is_none_or(|c| !c.is_alphanumeric())
            .then(|| (DocKind::from_name(name), k.len()))
    })
}

/// The kind a ký hiệu names: "KH-UBND" → Kế hoạch, "2018/NĐ-CP" → Nghị định, "KH/BCĐ" → Kế hoạch.
fn kind_of_symbol(symbol: &str) -> Option<DocKind> {
    symbol
        .split(['-', '/'])
        .find(|part| !part.chars().all(|c| c.is_ascii_digit()))
        .and_then(DocKind::from_abbreviation)
}

/// "QĐUBND" under a "QUYẾT ĐỊNH" title lost its hyphen: "QĐ-UBND".
fn restore_hyphen(symbol: &str, kind: &DocKind) -> Option<String> {
    let abbr = kind.abbreviation()?;
    let last = symbol.rsplit('/').next()?;
    let rest = last.strip_prefix(abbr)?;
    if symbol.contains('-')
        || rest.chars().count() < 2
        || !rest.chars().all(|c| c.is_uppercase() || c.is_ascii_digit())
    {
        return None;
    }
    let head = &symbol[..symbol.len() - last.len()];
    Some(format!("{head}{abbr}-{rest}"))
}
