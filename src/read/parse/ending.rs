//! Kính gửi at the top of the body, and the ending: Nơi nhận and the signature block.

use std::sync::LazyLock;

use regex::Regex;

use super::lines::{starts_body, to_orig, Line};
use super::{Directive, Reader};
use crate::text::{distance, fold, is_mark, is_syllable, is_upper, unglue};

/// The prefixes of a signing authority: TM., KT., TL., Q., TUQ. and their Party forms.
static AUTH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:(?:TM|KT|Q|TL|TUQ)[[:space:]]*\.|T/M|K/T|T/L|T/U)[[:space:]]*([^[:space:]].*)$",
    )
    .unwrap()
});

/// A document's number and ký hiệu or a day ("01/BC-HHDN", "28/6/2025"). An addressee names
/// a body or a person, never a document or a day: a line that cites one ("… nhận được Văn
/// bản số 01/BC-HHDN ngày 28/6/2025 …") is the body.
static CITES: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[0-9][[:space:]]*/[[:space:]]*[0-9A-ZĐ]").unwrap());

/// Titles a signer may have, folded, longest first.
const TITLES: &[&str] = &[
    "pho bi thu thuong truc",
    "pho chu tich thuong truc",
    "bi thu thuong truc",
    "pho truong tieu ban",
    "truong tieu ban",
    "pho chu tich",
    "pho giam doc",
    "pho truong ban",
    "pho bi thu",
    "pho chanh van phong",
    "chanh van phong",
    "pho hieu truong",
    "hieu truong",
    "chu tich",
    "giam doc",
    "truong ban",
    "bi thu",
    "thu truong",
    "bo truong",
    "uy vien",
    "tong bien tap",
    "truong phong",
    "pho truong phong",
    "cuc truong",
    "tong giam doc",
    "vien truong",
];

impl Reader<'_> {
    /// Kính gửi: one addressee on its line, or one per line under it with or without a
    /// dash, several on one line apart by ";", an entry wrapped over two lines. The line
    /// after the list.
    pub(super) fn recipients(&mut self, from: usize, d: &mut Directive) -> Option<usize> {
        let cites = |t: &str| CITES.is_match(t);
        static KG: LazyLock<Regex> =
            LazyLock::new(|| Regex::new(r"^k[i?]nh[[:space:]]*g[uo?]i[[:space:]]*:?").unwrap());
        let lines = self.lines;
        // A Kính gửi after Nơi nhận is an annex's or a form's, not the letter's.
        static NN: LazyLock<Regex> =
            LazyLock::new(|| Regex::new(r"^n[o?]i[[:space:]]*nh[a?]n[[:space:]]*:").unwrap());
        let i = lines
            .iter()
            .enumerate()
            .skip(from)
            .take(150)
            .take_while(|(_, l)| !NN.is_match(&l.folded))
            .find(|(_, l)| KG.is_match(&l.folded))
            .map(|(i, _)| i)?;
        let l = &lines[i];
        let head_len = KG.find(&l.folded).map_or(0, |m| m.as_str().chars().count());
        let rest: String = l.text.chars().skip(head_len).collect();
        let mut items: Vec<String> = Vec::new();
        split_entries(rest.trim(), &mut items);
        let mut end = i + 1;
        let mut dashed_list = false;
        for (j, next) in lines.iter().enumerate().skip(i + 1) {
            if next.is_blank() {
                continue;
            }
            if starts_body(next) {
                break;
            }
            let dashed = next.text.starts_with(['-', '+', '•', '–']);
            let prev_raw = lines[..j]
                .iter()
                .rev()
                .find(|l| !l.is_blank())
                .map_or("", |l| l.text.as_str());
            // An entry closed with its "." ends the list: a line in lower case after it is
            // the body's first, its lead words hidden ("ết định số 16/2006/QĐ-UBND …").
            let body_after_last = prev_raw.ends_with('.') && cites(&next.text);
            // Otherwise a line in lower case goes on with the entry above, and so does an
            // address or a purpose in brackets under it ("(Địa chỉ: …)").
            let wraps = !dashed
                && next
                    .text
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_lowercase() || c == '(')
                && !items.is_empty()
                && !body_after_last;
            // An entry closed with ";" has another after it: one whose dash a scan lost.
            let undashed = dashed_list
                && prev_raw.ends_with(';')
                && next.words() <= 25
                && !cites(&next.text)
                && !next.text.ends_with(':')
                && !is_heading(next);
            if dashed || undashed {
                dashed_list = true;
                items.push(clean_item(&next.text));
            } else if wraps {
                // The entry goes on: the comma it broke after is part of it.
                let last = items.last_mut().unwrap();
                if prev_raw.ends_with(',') {
                    last.push(',');
                }
                last.push(' ');
                last.push_str(&clean_item(&next.text));
            } else if !dashed_list
                && next.words() <= 25
                && !cites(&next.text)
                && !starts_body(next)
                && !next.text.ends_with(':')
                && !is_heading(next)
            {
                // Entries one per line without dashes ("Lãnh đạo các bộ …" / "Công đoàn các bộ …").
                split_entries(&next.text, &mut items);
            } else {
                break;
            }
            end = j + 1;
        }
        items.retain(|s| !s.is_empty());
        if items.is_empty() {
            self.problem(
                Some(l.no),
                "recipients",
                "có dòng \"Kính gửi\" nhưng không đọc được nơi gửi".into(),
            );
        }
        d.recipients = Some(items);
        Some(end)
    }

    /// A công văn's addressees when no "Kính gửi" was read (a received stamp over it): the
    /// dashed lines under the header, past a few short marks of the stamp and before the
    /// body, each with the lines it wraps onto; listed as a problem. The line after them.
    pub(super) fn unlabelled_recipients(
        &mut self,
        from: usize,
        d: &mut Directive,
    ) -> Option<usize> {
        let lines = self.lines;
        let mut items: Vec<String> = Vec::new();
        let mut first = None;
        let mut end = from;
        let mut marks = 0;
        let mut closed = false;
        for (j, l) in lines.iter().enumerate().skip(from) {
            if l.is_blank() {
                continue;
            }
            if l.text.starts_with(['-', '+', '•', '–']) && !starts_body(l) {
                first.get_or_insert(j);
                items.push(clean_item(&l.text));
                closed = l.text.ends_with(['.', ';']);
                end = j + 1;
                continue;
            }
            // An entry goes on over a line in lower case, unless it closed with its "." or
            // ";" or the line cites a document (the body's first, its lead word hidden).
            let wraps = !closed
                && l.text.chars().next().is_some_and(char::is_lowercase)
                && !CITES.is_match(&l.text);
            if let (true, Some(last)) = (wraps && first.is_some(), items.last_mut()) {
                last.push(' ');
                last.push_str(&clean_item(&l.text));
                end = j + 1;
                continue;
            }
            // The stamp's marks ("ĐẾN Số: …", "Chuyển: …") are short lines; a longer one
            // or the body's first ends the search.
            marks += 1;
            if first.is_some() || starts_body(l) || marks > 8 || l.words() > 8 {
                break;
            }
        }
        items.retain(|s| !s.is_empty());
        let first = first?;
        self.problem(
            Some(lines[first].no),
            "recipients",
            "không thấy dòng \"Kính gửi\" (có thể dấu \"ĐẾN\" che mất): đã đọc các dòng gạch đầu dòng dưới trích yếu là nơi gửi".into(),
        );
        d.recipients = Some(items);
        Some(end)
    }

    /// Nơi nhận and the signature block: the items under the first "Nơi nhận" from line
    /// `from`, and the signature beside or under them; without Nơi nhận, the signature
    /// among the last lines.
    pub(super) fn ending(&mut self, from: usize, d: &mut Directive) {
        static NN: LazyLock<Regex> =
            LazyLock::new(|| Regex::new(r"^n[o?]i[[:space:]]*nh[a?]n[[:space:]]*(?::|$)").unwrap());
        let lines = self.lines;
        let n = lines.len();
        let mut cands: Vec<(usize, String)> = Vec::new();
        // The body ends with "./."; a Nơi nhận far below it belongs to an annex or a form
        // printed after the document, whose own ending is right after its body.
        let end_mark = lines
            .iter()
            .enumerate()
            .skip(from)
            .find(|(_, l)| l.text.ends_with("./.") || l.text.ends_with("/."))
            .map(|(i, _)| i);
        let any_nn = lines
            .iter()
            .enumerate()
            .skip(from)
            .find(|(_, l)| NN.is_match(&l.folded))
            .map(|(i, _)| i);
        let near_end = |i: usize| end_mark.is_none_or(|e| i <= e + 12);
        let nn = any_nn.filter(|&i| near_end(i));
        // Without its heading (printed pale, under a stamp, run by the engine into its
        // first item), Nơi nhận is still its dashed items down to the archive's, the line
        // above the first standing for the heading. A heading far below the body is an
        // annex's form's: then none is looked for.
        let headless = match any_nn {
            Some(_) => None,
            None => headless_items(lines, end_mark.unwrap_or(from).max(from))
                .filter(|&first| near_end(first)),
        };
        if let Some(first) = headless {
            self.problem(
                Some(lines[first].no),
                "distribution",
                "không thấy dòng \"Nơi nhận\" (in mờ hoặc bị dấu che): đã đọc các dòng gạch đầu dòng đến dòng \"Lưu\" là nơi nhận".into(),
            );
        }
        let mut used = vec![false; n];
        let sign_from = match nn.or(headless.map(|first| first - 1)) {
            Some(i) => {
                if headless.is_none() {
                    used[i] = true;
                    let l = &lines[i];
                    let head = NN.find(&l.folded).map_or(0, |m| m.as_str().chars().count());
                    let rest: String = l.text.chars().skip(head).collect();
                    if !rest.trim().is_empty() {
                        cands.push((i, rest.trim().to_string()));
                    }
                }
                let mut last_item = i;
                // The last line of the signature column found between the items.
                let mut collapsed: Option<usize> = None;
                for (j, next) in lines.iter().enumerate().skip(i + 1) {
                    if next.is_blank() {
                        continue;
                    }
                    if !next.text.starts_with(['-', '+', '•', '–']) {
                        // An item wrapped onto the next line goes on in lower case; a
                        // title after a damaged word ("in CHỦ TỊCH", its "PHÓ" under a
                        // seal) is the signature's.
                        let titled = next
                            .text
                            .split_once(' ')
                            .is_some_and(|(_, rest)| is_title(rest.trim()));
                        let lower = next.text.chars().next().is_some_and(char::is_lowercase);
                        // After an item closed with ";", a line in lower case is neither
                        // (an item begins in capitals): a piece of the signature column
                        // beside them ("rần Phước Hiện"), left to the signature.
                        let closed = last_item > i && lines[last_item].text.ends_with(';');
                        if lower && closed && !titled {
                            continue;
                        }
                        let wraps = lower && !titled;
                        if let (true, Some(last)) = (wraps, d.distribution.last_mut()) {
                            last.push(' ');
                            last.push_str(&clean_item(&next.text));
                            used[j] = true;
                            last_item = j;
                            continue;
                        }
                        // The signature column beside the items, collapsed between them.
                        if is_upper(&next.text) && j <= last_item + 2 {
                            collapsed = Some(j);
                            continue;
                        }
                        // What OCR leaves of a dash or a speck among the items ("...N").
                        let letters = next.text.chars().filter(|c| c.is_alphabetic()).count();
                        let dashed = |l: &Line| l.text.starts_with(['-', '+', '•', '–']);
                        let mut below = lines[j + 1..].iter().filter(|l| !l.is_blank());
                        let (first, second) = (below.next(), below.next());
                        let item_below = first.is_some_and(dashed);
                        // Under the title collapsed between the items, the signature's marks
                        // and the name, with more items after them ("TỔNG THANH TRA", "Si.
                        // Ló", "Trần Văn Truyền - Đã ký", "- Chủ tịch nước;").
                        let third = below.next();
                        // A name, or a short mark without an item's end; an item whose dash
                        // OCR lost ("Bộ Tài chính;") stays one.
                        let text = next.text.trim();
                        let signed = leading_name(text).is_some()
                            || is_signed_mark(text)
                            || (text.split_whitespace().count() <= 2
                                && !text.ends_with([';', ',']));
                        let signature = signed
                            && collapsed.is_some_and(|c| j <= c + 3)
                            && [first, second, third].into_iter().flatten().any(dashed);
                        // The signer's name printed beside the items, its title above
                        // them or lost ("Nguyễn Tấn Dũng" between two items): a person's
                        // name alone, without an item's end, is none of them.
                        let beside = leading_name(text).is_some_and(|name| {
                            name == text
                                && name.split_whitespace().next().is_some_and(is_family_name)
                        });
                        if signature || beside {
                            continue;
                        }
                        if letters < 3 && (item_below || second.is_some_and(dashed)) {
                            continue;
                        }
                        // A group's label ("Bản điện tử:") over the items that follow.
                        let label = next.text.trim_end().ends_with(':');
                        if label && item_below {
                            used[j] = true;
                            continue;
                        }
                        // An item whose dash OCR lost: more items follow it, or it is the
                        // archive's, always the last ("Lưu: VT").
                        let archive = fold(&next.text).starts_with("luu");
                        if (item_below || archive) && !label && !is_upper(&next.text) {
                            used[j] = true;
                            last_item = j;
                            d.distribution.push(clean_item(&next.text));
                            if archive {
                                break;
                            }
                            continue;
                        }
                        break;
                    }
                    used[j] = true;
                    last_item = j;
                    // A collapsed column puts the signature after the item: "- Như trên; PHÓ CHỦ TỊCH".
                    match split_signature_tail(&next.text) {
                        Some((item, tail)) => {
                            d.distribution.push(clean_item(item));
                            cands.push((j, tail.to_string()));
                        }
                        None => d.distribution.push(clean_item(&next.text)),
                    }
                    // An item that ends in a colon before another with the same dash is no
                    // group's label (its members would be marked apart, "+"): the colon is
                    // its semicolon as OCR read it ("- Bộ Tài chính:").
                    let dash = next.text.chars().next();
                    let sibling = lines[j + 1..]
                        .iter()
                        .find(|l| !l.is_blank())
                        .is_some_and(|l| l.text.chars().next() == dash);
                    if let (true, Some(last)) = (sibling, d.distribution.last_mut()) {
                        if let Some(item) = last.strip_suffix(':') {
                            *last = item.trim_end().to_string();
                        }
                    }
                }
                // The text ends inside the last item ("- CVP, c"): it is not whole.
                let ends_text = lines[last_item + 1..].iter().all(Line::is_blank);
                if ends_text
                    && last_item > i
                    && !lines[last_item].text.ends_with(['.', ';', ',', ':', ')'])
                    && d.distribution.len() > 1
                {
                    d.distribution.pop();
                }
                d.distribution.retain(|s| !s.is_empty());
                i + 1
            }
            None => match end_mark {
                Some(e) => e + 1,
                None => n.saturating_sub(40).max(from),
            },
        };
        // A copy may put the signature block before Nơi nhận: the lines in capitals just
        // above it.
        if let Some(i) = nn {
            cands.extend(
                lines[i.saturating_sub(6).max(from)..i]
                    .iter()
                    .enumerate()
                    // "126/2024/NĐ-CP." ending the body's last line but one is no title.
                    .filter(|(_, l)| {
                        !l.is_blank()
                            && is_upper(&l.text)
                            && !l.text.contains(|c: char| c.is_ascii_digit())
                    })
                    .map(|(k, l)| (i.saturating_sub(6).max(from) + k, l.text.trim().to_string())),
            );
        }
        // The signature: the lines after Nơi nhận that are not items, or without Nơi nhận
        // the last lines.
        // A line without a word of two letters is a mark of the seal or the signature
        // ("5", "3.749 5"), not a line of the block.
        let worded = |t: &str| {
            t.split(|c: char| !c.is_alphabetic())
                .any(|w| w.chars().count() >= 2)
        };
        let after: Vec<(usize, String)> = lines
            .iter()
            .enumerate()
            .skip(sign_from)
            .filter(|(j, l)| !l.is_blank() && !used[*j] && worded(&l.text))
            .map(|(j, l)| (j, l.text.trim_end_matches(['/', '.']).trim().to_string()))
            .collect();
        let take = match (nn, end_mark) {
            (Some(_), _) | (None, Some(_)) => after.into_iter().take(16).collect::<Vec<_>>(),
            (None, None) => {
                let skip = after.len().saturating_sub(16);
                after.into_iter().skip(skip).collect()
            }
        };
        cands.extend(take);
        cands.sort_by_key(|(j, _)| *j);
        self.signer(&cands, d);
    }

    fn signer(&mut self, cands: &[(usize, String)], d: &mut Directive) {
        let start = cands
            .iter()
            .position(|(_, t)| AUTH.is_match(t) && is_upper(upper_part(t)));
        let mut authority: Vec<String> = Vec::new();
        let mut k = match start {
            Some(s) => {
                authority.push(normalize_authority(&cands[s].1));
                let mut k = s + 1;
                while let Some((_, t)) = cands.get(k).filter(|(_, t)| is_upper(t)) {
                    if AUTH.is_match(t) {
                        authority.push(normalize_authority(t));
                    } else if ends_cut(authority.last().unwrap())
                        && !fold(t).starts_with("pho ")
                        && !AUTH
                            .captures(authority.last().unwrap())
                            .is_some_and(|c| damaged_deputy(&c[1], t))
                    {
                        // "TL. CHỦ TỊCH ỦY" / "BAN NHÂN DÂN TỈNH": one line printed on two;
                        // "PHÓ TRƯỞNG BAN" under "KT. TRƯỞNG BAN" is the deputy's title.
                        let last = authority.last_mut().unwrap();
                        last.push(' ');
                        last.push_str(t);
                    } else {
                        break;
                    }
                    k += 1;
                }
                k
            }
            None => match cands.iter().position(|(_, t)| is_title(t)).or_else(|| {
                cands
                    .iter()
                    .position(|(_, t)| whole_title(upper_part(t)).is_some())
            }) {
                Some(s) => {
                    // "Kl.GIÁM ĐỐC" over "PHÓ GIÁM ĐỐC": the head's title after a "KT."
                    // written by hand, which the engine read as marks; the line is taken
                    // for a title itself, or passed over for the deputy's.
                    let marked = [s.checked_sub(1), Some(s)]
                        .into_iter()
                        .flatten()
                        .find_map(|p| Some((p, marked_head(&cands[p].1, &cands.get(p + 1)?.1)?)));
                    match marked {
                        Some((p, head)) => {
                            let auth = format!("KT. {head}");
                            self.problem(
                                Some(self.lines[cands[p].0].no),
                                "signer",
                                format!(
                                    "dòng \"{}\" có dấu lạ (chữ \"KT.\" viết tay?) trước chức danh, đã đọc là \"{auth}\"",
                                    cands[p].1
                                ),
                            );
                            authority.push(auth);
                            p + 1
                        }
                        None => s,
                    }
                }
                // A title the list does not know ("TỔNG THANH TRA"): a short line in
                // capitals with the signer's name under it, a mark of signing between.
                None => match cands.iter().enumerate().rev().find_map(|(k, (_, t))| {
                    // The name next, or after a short line of the signature's marks.
                    let mut below = cands[k + 1..]
                        .iter()
                        .map(|(_, n)| n.trim_matches(['*', '(', ')', ' ']))
                        .filter(|n| !is_signed_mark(n));
                    let name_below = match (below.next(), below.next()) {
                        (Some(n), _) if leading_name(n).is_some() => true,
                        (Some(marks), Some(n)) => {
                            marks.split_whitespace().count() <= 3 && leading_name(n).is_some()
                        }
                        _ => false,
                    };
                    let short = is_upper(t)
                        && (1..=6).contains(&t.split_whitespace().count())
                        && !t.contains(|c: char| c.is_ascii_digit());
                    (short && name_below && !t.ends_with([':', ';', ','])).then_some(k)
                }) {
                    Some(s) => s,
                    // No title at all (a seal over it in a scan): the one line of the
                    // block that is a name, from a family name, is the signer's, without
                    // a title ("Số Số", marks OCR made of a stamp, is none), or from the
                    // middle name "Thị" of one a seal cut short, three words at least.
                    None => {
                        let mut names = cands
                            .iter()
                            .map(|(_, t)| t.trim_matches(['*', '(', ')', ' ']))
                            .filter(|t| !is_signed_mark(t))
                            .filter_map(leading_name)
                            .filter(|n| {
                                let mut words = n.split(' ');
                                let first = words.next().unwrap_or_default();
                                is_family_name(first) || (first == "Thị" && words.count() >= 2)
                            });
                        if let (Some(name), None) = (names.next(), names.next()) {
                            d.signer.name = Some(name);
                        }
                        return;
                    }
                },
            },
        };
        // A seal's letters read in both cases ("* ĐI LớI GHIHH") between the authority and
        // the title, Nơi nhận's items beside them: the title is the first line below that
        // is one, when no name comes before it.
        let mixed = |t: &str| {
            t.chars().any(char::is_lowercase)
                && !is_title(upper_part(t))
                && leading_name(t).is_none()
        };
        if cands.get(k).is_some_and(|(_, t)| mixed(t)) {
            let below = cands.iter().enumerate().skip(k + 1).take(TITLE_REACH);
            let titled = below
                .take_while(|(_, (_, t))| leading_name(t).is_none())
                .find(|(_, (_, t))| is_title(t) && !AUTH.is_match(t));
            if let Some((j, _)) = titled {
                k = j;
            }
        }
        // Two capitals ("- TT") are what OCR made of a title under a seal, not one.
        let title_line = cands.get(k).filter(|(_, t)| {
            is_upper(upper_part(t))
                && t.chars().filter(|c| c.is_alphabetic()).count() >= 3
                && t.split_whitespace().count() <= 8
                && !AUTH.is_match(t)
                && super::header::kind_at(&fold(t)).is_none()
        });
        // "TM. ĐOÀN CHỦ TỊCH CHỦ TỊCH Nguyễn Đình Khang": the title and name ran onto the
        // authority's line, when no line of its own holds the title.
        let run_on = authority.last_mut().and_then(|last| {
            let (auth, title, name) = split_run_on(last);
            let title_beside =
                title.is_some() && (title_line.is_none() || last.contains(char::is_lowercase));
            title_beside.then(|| {
                *last = auth;
                (title, name)
            })
        });
        if let Some((title, name)) = run_on {
            d.signer.title = title;
            d.signer.name = name;
        } else if let Some((j, t)) = title_line {
            // "CHỦ TỊCH" over "PHÓ CHỦ TỊCH" with no prefix: a deputy signing for the head, KT.
            // A seal's letters before it ("ZSS PHÓ GIÁM ĐỐC") are no part of it.
            let next_is_deputy = cands.get(k + 1).is_some_and(|(_, n)| {
                let n = without_marks(n).unwrap_or_else(|| n.clone());
                is_title(&n) && fold(&n).starts_with("pho ") && !fold(t).starts_with("pho ")
            });
            // A "KT." written by hand, and the deputy's "PHÓ" under a seal, read as marks:
            // ", GIÁM ĐỐC" over "ZSS Hể GIÁM ĐỐC".
            let head = t.trim_start_matches(|c: char| !c.is_alphabetic());
            // "II CHỦ TỊCH" over "in CHỦ TỊCH": the "KT." before the head's title damaged too.
            let head = match head.split_once(' ') {
                Some((first, rest))
                    if first.chars().count() <= 3
                        && !TITLES.contains(&fold(head).as_str())
                        && fold(first) != "pho"
                        && cands
                            .get(k + 1)
                            .is_some_and(|(_, n)| damaged_deputy(rest, n)) =>
                {
                    rest
                }
                _ => head,
            };
            let damaged = cands
                .get(k + 1)
                .is_some_and(|(_, n)| damaged_deputy(head, n));
            let mended = authority.is_empty() && damaged;
            if authority.is_empty() && (next_is_deputy || damaged) {
                let auth = format!("KT. {head}");
                self.problem(
                    Some(self.lines[*j].no),
                    "signer",
                    format!("dòng \"{t}\" thiếu \"KT.\" trước chức danh, đã đọc là \"{auth}\""),
                );
                authority.push(auth);
                k += 1;
            }
            let (title, _, name) = cands
                .get(k)
                .map(|(_, t)| split_name_off(t))
                .unwrap_or_default();
            // "GIÁM" or "ĐÓC" alone: the rest of the title under a seal.
            let title = match title.as_deref().and_then(whole_title) {
                Some(whole) => {
                    self.problem(
                        Some(self.lines[cands[k].0].no),
                        "signer",
                        format!(
                            "dòng \"{}\" chỉ còn một phần chức vụ, đã đọc là \"{whole}\"",
                            cands[k].1
                        ),
                    );
                    Some(whole)
                }
                None => title,
            };
            let title = match mended {
                true => {
                    let title = format!("PHÓ {head}");
                    self.problem(
                        Some(self.lines[cands[k].0].no),
                        "signer",
                        format!(
                            "dòng \"{}\" đọc không rõ, đã đọc là \"{title}\" (người ký thay là cấp phó)",
                            cands[k].1
                        ),
                    );
                    Some(title)
                }
                false => title,
            };
            // A seal's letters read as a word before the title ("DHGC1 PHÓ CHỦ TỊCH").
            let title = match title.as_deref().map(without_marks) {
                Some(Some(clean)) => {
                    self.problem(
                        Some(self.lines[cands[k].0].no),
                        "signer",
                        format!(
                            "chức vụ \"{}\" có ký tự lạ ở đầu, đã đọc là \"{clean}\"",
                            title.unwrap_or_default()
                        ),
                    );
                    Some(clean)
                }
                _ => title,
            };
            let read = title.clone();
            d.signer.title = title.map(|t| deputy_title(&authority, &t));
            if let (Some(read), Some(now)) = (read, &d.signer.title) {
                if fold(now) == format!("pho {}", fold(read.trim())) {
                    self.problem(
                        Some(self.lines[cands[k].0].no),
                        "signer",
                        format!("chức vụ \"{read}\" dưới \"{}\" thiếu \"PHÓ\", đã đọc là \"{now}\" (người ký thay là cấp phó)", authority.join(" ")),
                    );
                }
            }
            d.signer.name = name;
            k += 1;
        }
        d.signer.authority = (!authority.is_empty()).then(|| authority.join(" "));
        if d.signer.name.is_none() {
            d.signer.name = cands[k.min(cands.len())..]
                .iter()
                .take(4)
                .map(|(_, t)| t.trim_matches(['*', '(', ')', ' ']).to_string())
                .filter(|t| !is_signed_mark(t))
                .find_map(|t| leading_name(&t));
        }
        // A seal over the title under "KT. X" leaves the name alone: the one who signs for
        // X is its deputy (ND30, Điều 13), "PHÓ X"; said, for the clerk to check.
        if d.signer.title.is_none() && d.signer.name.is_some() {
            if let Some(title) = deputy_of(&authority) {
                self.problem(
                    None,
                    "signer",
                    format!(
                        "không đọc được chức vụ người ký dưới \"{}\", đã đọc là \"{title}\" (người ký thay là cấp phó)",
                        authority.join(" ")
                    ),
                );
                d.signer.title = Some(title);
            }
        }
        if d.signer.title.is_some() && d.signer.name.is_none() {
            d.signer.name = self.metadata_signer(cands);
        }
    }

    /// The signer a portal's metadata block names ("Người ký: Đặng Ngọc Tùng"), when the
    /// name under the signature is that name cut short by the end of the copy.
    fn metadata_signer(&self, cands: &[(usize, String)]) -> Option<String> {
        static SIGNER: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"(?i)người ký[[:space:]]*:[[:space:]]*([^|:]+?)[[:space:]]*(?:ngày|$)")
                .unwrap()
        });
        let cut = cands.last()?.1.trim();
        if cut.is_empty() || !cut.chars().next().is_some_and(char::is_uppercase) {
            return None;
        }
        self.lines.iter().take(40).find_map(|l| {
            let name = SIGNER
                .captures(&l.text)?
                .get(1)?
                .as_str()
                .trim()
                .to_string();
            (name.starts_with(cut) && name.len() > cut.len() && leading_name(&name).is_some())
                .then_some(name)
        })
    }
}

/// The first of the dashed items that end with the archive's ("- Lưu: VT, TH."), from
/// line `from` on, when they are Nơi nhận without its heading: at least two items, only
/// the lines they wrap onto and a few short ones of the signature beside them among
/// them, and nothing of the body's (its "./.", a line longer than `ITEM_CHARS`) between
/// them. The first item has a line above it.
fn headless_items(lines: &[Line], from: usize) -> Option<usize> {
    static ARCHIVE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^[-+•–][[:space:]]*luu[[:space:]]*(?::|vt|van thu)").unwrap()
    });
    let dashed = |l: &Line| l.text.starts_with(['-', '+', '•', '–']);
    let archive = (from..lines.len())
        .rev()
        .find(|&j| ARCHIVE.is_match(&lines[j].folded))?;
    let (mut first, mut items, mut short_run) = (archive, 1, 0);
    for j in (from..archive).rev() {
        let l = &lines[j];
        if l.is_blank() {
            continue;
        }
        let body_end = l.text.ends_with("./.") || l.text.chars().count() > ITEM_CHARS;
        if dashed(l) && !body_end {
            (first, items, short_run) = (j, items + 1, 0);
        } else if l.text.chars().next().is_some_and(char::is_lowercase) && !body_end {
            short_run = 0;
        } else if l.words() <= 4 && short_run < 3 && !body_end {
            short_run += 1;
        } else {
            break;
        }
    }
    (items >= 2 && first > from).then_some(first)
}

/// The most letters and spaces on a line of Nơi nhận found without its heading: its
/// column is half the page's width in small type (up to 60), where a line of the body
/// holds 75 to 95.
const ITEM_CHARS: usize = 70;

/// Entries of a Kính gửi on one line: apart by ";", without their dash and closing mark.
fn split_entries(s: &str, items: &mut Vec<String>) {
    if s.is_empty() {
        return;
    }
    for part in s.split(';') {
        let part = clean_item(part);
        if !part.is_empty() {
            items.push(part);
        }
    }
}

/// A heading or numbered item: "1. Thành phần mời:", "I. MỤC ĐÍCH".
fn is_heading(l: &Line) -> bool {
    static HEADING: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(?:[IVXLC]+|[0-9]{1,2})[[:space:]]*[.)][[:space:]]").unwrap()
    });
    HEADING.is_match(&l.text)
}

/// "- Như trên; PHÓ CHỦ TỊCH": the item and the signature line a collapsed column put
/// after it (not a ";" inside parentheses).
fn split_signature_tail(s: &str) -> Option<(&str, &str)> {
    let (a, b) = s.split_once(';')?;
    let b = b.trim();
    let open = a.matches('(').count() > a.matches(')').count();
    let signature = AUTH.is_match(b) || is_title(b);
    (!b.is_empty() && signature && !open && !b.starts_with(['-', '–'])).then_some((a, b))
}

/// An authority line cut in the middle of a name: it ends on a word that needs the next.
fn ends_cut(s: &str) -> bool {
    let f = fold(s);
    [" uy", " ban", " hoi", " lien", " cong", " cua", " va"]
        .iter()
        .any(|w| f.ends_with(w))
}

/// The words of `t` before the first one in normal case ("TM. ĐOÀN CHỦ TỊCH" of "TM.
/// ĐOÀN CHỦ TỊCH Nguyễn Đình Khang").
fn upper_part(t: &str) -> &str {
    let mut end = 0;
    for (i, w) in t.split(' ').scan(0, |at, w| {
        let start = *at;
        *at += w.len() + 1;
        Some((start, w))
    }) {
        if w.chars().any(char::is_lowercase) {
            break;
        }
        end = i + w.len();
    }
    &t[..end]
}

/// A title line and a name printed after it: "CHỦ TỊCH Trịnh Thị Minh Thanh".
fn split_name_off(t: &str) -> (Option<String>, (), Option<String>) {
    let upper = upper_part(t);
    let rest = t[upper.len()..].trim();
    (
        Some(upper.trim().to_string()).filter(|u| !u.is_empty()),
        (),
        leading_name(rest),
    )
}

/// "TM. ĐOÀN CHỦ TỊCH CHỦ TỊCH Nguyễn Đình Khang" → the authority, the title and the name.
fn split_run_on(s: &str) -> (String, Option<String>, Option<String>) {
    let owned: Vec<String> = s
        .split_whitespace()
        .flat_map(|w| {
            if is_upper(w) {
                unglue(w)
            } else {
                vec![w.to_string()]
            }
        })
        .collect();
    let words: Vec<&str> = owned.iter().map(String::as_str).collect();
    let upper_end = words
        .iter()
        .position(|w| w.chars().any(char::is_lowercase))
        .unwrap_or(words.len());
    let name = leading_name(&words[upper_end..].join(" "));
    let upper = &words[..upper_end];
    // A prefix printed against its word ("KT.TRƯỞNG") counts as a word of its own.
    let glued = upper
        .first()
        .and_then(|w| w.split_once('.'))
        .is_some_and(|(prefix, rest)| prefix.len() <= 3 && !rest.is_empty())
        as usize;
    for t in TITLES {
        let n = t.split(' ').count();
        // The authority keeps its prefix and at least two words ("TM. ĐOÀN CHỦ TỊCH" is
        // whole; "TM. ĐOÀN" would not be).
        if upper.len() + glued >= n + 3 {
            let tail = upper[upper.len() - n..].join(" ");
            if fold(&tail) == *t {
                let auth = upper[..upper.len() - n].join(" ");
                return (auth, Some(tail), name);
            }
        }
    }
    (s.to_string(), None, name)
}

/// "(Đã ký)", "Đã ký", "(ký tên, đóng dấu)": the mark of a signature, not a name.
fn is_signed_mark(t: &str) -> bool {
    let f = fold(t);
    f.starts_with("da ky")
        || f.starts_with("ky ten")
        || f == "ky"
        || f.starts_with("a ky")
        || f.starts_with("(d")
}

/// The name a line starts with: two to six capitalised words that are each a syllable
/// ("Nguyễn Văn An"); "Đồng Vă", cut by the end of a copy, is none.
fn leading_name(s: &str) -> Option<String> {
    // "Trần Văn Truyền – Đã ký", "Nguyễn Văn A (đã ký)": the copy's mark of the signature.
    let f = fold(s);
    let s = match f.find("da ky").or_else(|| f.find("(ky)")) {
        Some(at) => s[..to_orig(s, &f, at)].trim_end_matches(['-', '–', '(', ',', ' ']),
        None => s,
    };
    // A degree or rank before the name stays with it: "ThS. Lê Hà Như Thảo", "Thiếu tướng
    // Nguyễn Văn B".
    let rank = RANKS
        .iter()
        .filter(|r| {
            s.strip_prefix(**r)
                .is_some_and(|rest| rest.starts_with(' '))
        })
        .max_by_key(|r| r.len());
    if let Some(r) = rank {
        return leading_name(s[r.len()..].trim()).map(|name| format!("{r} {name}"));
    }
    let words: Vec<&str> = s.split_whitespace().collect();
    let n = words
        .iter()
        .take_while(|w| {
            let mut cs = w.chars();
            cs.next().is_some_and(char::is_uppercase)
                && cs.all(|c| c.is_lowercase() || c == '.')
                && is_syllable(w)
        })
        .count();
    // A dot ends a name's line, never a word before its last ("Si. Ló", the signature's
    // strokes read as letters).
    if words[..n.saturating_sub(1)].iter().any(|w| w.contains('.')) {
        return None;
    }
    // A province's name ("Lâm Đồng.", a paragraph's last line) is a place, though its
    // first word is a family name.
    let name = words[..n].join(" ");
    if crate::gazetteer::is_province(&fold(name.trim_end_matches('.'))) {
        return None;
    }
    // A name runs to the end of its line, or to words in capitals printed after it.
    let rest_upper = words[n..]
        .iter()
        .all(|w| is_upper(w) || !w.chars().any(char::is_alphabetic));
    ((2..=6).contains(&n) && rest_upper).then_some(name)
}

/// Whether a word is a Vietnamese family name (the common ones, tone marks either way).
fn is_family_name(word: &str) -> bool {
    FAMILY_NAMES.contains(&fold(word).as_str())
}

/// Vietnamese family names, folded: those most people bear, and rarer ones.
const FAMILY_NAMES: &[&str] = &[
    "nguyen", "tran", "le", "pham", "hoang", "huynh", "phan", "vu", "vo", "dang", "bui", "do",
    "ho", "ngo", "duong", "ly", "lai", "dao", "doan", "vuong", "trinh", "truong", "lam", "phung",
    "mai", "to", "ha", "ta", "cao", "chau", "chu", "dinh", "dong", "giang", "hua", "kieu", "khong",
    "khuc", "la", "lac", "lo", "luc", "luu", "luong", "mac", "mach", "nghiem", "nong", "ong",
    "pho", "phi", "quach", "quan", "tang", "thai", "than", "thach", "tieu", "ton", "trieu", "tu",
    "van", "vien", "vi", "au", "bach", "be", "cu", "diep", "dam", "dau", "dieu", "giap", "han",
    "hau", "kim", "kha", "khuong", "lu", "ma", "man", "ninh", "nhu", "phuong", "quang", "sam",
    "son", "tong", "trang", "tra", "xa", "thieu", "khuat", "ung", "hong", "loc", "danh", "che",
    "chung", "cung", "cong", "doi", "nguy", "ksor",
];

/// Degrees and ranks printed before a signer's name, as printed.
const RANKS: &[&str] = &[
    "ThS.",
    "TS.",
    "PGS.TS.",
    "PGS. TS.",
    "GS.TS.",
    "GS. TS.",
    "PGS.",
    "GS.",
    "TSKH.",
    "BS.",
    "BSCKII.",
    "BSCKI.",
    "KS.",
    "CN.",
    "LS.",
    "Ths.",
    "Ts.",
    "NGƯT.",
    "NGND.",
    "Đại tướng",
    "Thượng tướng",
    "Trung tướng",
    "Thiếu tướng",
    "Đại tá",
    "Thượng tá",
    "Trung tá",
    "Thiếu tá",
    "Đại úy",
    "Đại uý",
];

/// A title with the words before it that are no words (a seal's letters and a digit,
/// "DHGC1 PHÓ CHỦ TỊCH") taken off, when what is left is a title; None when it has none.
fn without_marks(title: &str) -> Option<String> {
    let mut rest = title.trim();
    while let Some((first, after)) = rest.split_once(' ') {
        let no_word = first.chars().any(|c| c.is_ascii_digit()) || !is_syllable(first);
        if !no_word || !is_title(after) {
            break;
        }
        rest = after.trim();
    }
    (rest != title.trim()).then(|| rest.to_string())
}

/// The head's title at the end of `line` ("Kl.GIÁM ĐỐC", "„z=28= V1D , GIÁM ĐỐC"), when
/// `title` under it is its deputy's ("PHÓ GIÁM ĐỐC") and what comes before it is marks,
/// not words: the only line printed so over a deputy's title is "KT." and the head's.
fn marked_head(line: &str, title: &str) -> Option<String> {
    let head = title.trim().strip_prefix("PHÓ ")?.trim();
    let folded = fold(line);
    let before = folded.strip_suffix(&fold(head))?;
    let marks = before.trim();
    (TITLES.contains(&fold(head).as_str())
        && !marks.is_empty()
        && marks.chars().count() <= 12
        && marks.split_whitespace().all(is_mark))
    .then(|| head.to_string())
}

/// How many lines below a seal's letters the signer's title is looked for.
const TITLE_REACH: usize = 6;

/// An upper-case signer's title: "CHỦ TỊCH", "PHÓ GIÁM ĐỐC", "TRƯỞNG BAN".
fn is_title(s: &str) -> bool {
    let f = fold(s);
    is_upper(s) && s.split_whitespace().count() <= 6 && TITLES.iter().any(|t| f.contains(t))
}

/// A head's title of two words of which one alone was read, in capitals, the other under
/// a seal ("GIÁM" or "ĐÓC" for "GIÁM ĐỐC", "TỊCH" for "CHỦ TỊCH"): the title as printed,
/// when the word (three letters or more) is a word of one of `WHOLE_TITLES` and of no
/// title of the list but those that hold it ("PHÓ GIÁM ĐỐC").
fn whole_title(line: &str) -> Option<String> {
    let word = line.trim_matches(|c: char| !c.is_alphabetic());
    let f = fold(word);
    if !is_upper(word) || f.contains(' ') || f.chars().count() < 3 {
        return None;
    }
    let has = |t: &str| t.split(' ').any(|w| w == f);
    let mut found = WHOLE_TITLES.iter().filter(|t| has(&fold(t)));
    let (Some(title), None) = (found.next(), found.next()) else {
        return None;
    };
    // "TRƯỞNG" is a word of "HIỆU TRƯỞNG" and of "TRƯỞNG BAN": no title is read from it.
    let whole = fold(title);
    TITLES
        .iter()
        .all(|t| !has(t) || t.contains(whole.as_str()))
        .then(|| title.to_string())
}

/// The heads' titles `whole_title` completes: of a People's Committee, a department, a
/// school and a Party committee, the ones a seal most often covers.
const WHOLE_TITLES: &[&str] = &["CHỦ TỊCH", "GIÁM ĐỐC", "HIỆU TRƯỞNG", "BÍ THƯ"];

/// The title under "KT. X" read with its first word damaged (": KHO CHỦ TỊCH" under "KT.
/// CHỦ TỊCH"), or as X itself or its last words, its "PHÓ" under a seal: the one who signs
/// for X is its deputy, "PHÓ CHỦ TỊCH". Any other title is kept as read, without the marks
/// before its first letter.
fn deputy_title(authority: &[String], title: &str) -> String {
    let title = title.trim_start_matches(|c: char| !c.is_alphabetic());
    let printed = authority
        .last()
        .and_then(|a| AUTH.captures(a))
        .filter(|c| fold(&c[0]).starts_with("kt"))
        .map(|c| c[1].trim().to_string());
    let Some(printed) = printed else {
        return title.to_string();
    };
    let head = fold(&printed);
    let folded = fold(title);
    // "KT. GIÁM ĐỐC" over "GIÁM ĐỐC": the "PHÓ" under a seal was lost; so over "VĂN
    // PHÒNG" under "KT. CHÁNH VĂN PHÒNG", its deputy's "PHÓ VĂN PHÒNG" as printed.
    let tail = folded.split_whitespace().count() >= 2 && head.ends_with(&format!(" {folded}"));
    if folded == head || tail {
        return format!("PHÓ {title}");
    }
    // "NG BAN" under "KT.TRƯỞNG BAN": the end of "PHÓ TRƯỞNG BAN", its start under a seal.
    if damaged_deputy(&printed, title) && folded.split_whitespace().count() < 3 {
        return format!("PHÓ {printed}");
    }
    match folded.split_once(' ') {
        Some((first, rest)) if rest == head && first != "pho" && first.chars().count() <= 3 => {
            let kept: String = title.chars().skip(first.chars().count() + 1).collect();
            format!("PHÓ {kept}")
        }
        _ => title.to_string(),
    }
}

/// Whether `line` is the head's title `head` with a damaged word before it ("ZSS Hể GIÁM
/// ĐỐC", "HÓ GIÁM ĐỐC" under "GIÁM ĐỐC", "PHQ TRƯỞNG BAN": a letter off "PHÓ"), or the end
/// of its deputy's title ("UTỊCH"): the only title printed under the head's own is its
/// deputy's. Words in capitals before it are a title of their own ("KIÊM PHÓ BAN").
fn damaged_deputy(head: &str, line: &str) -> bool {
    let h = fold(head);
    let known = TITLES.contains(&h.as_str()) && !h.starts_with("pho ");
    // "UTỊCH" under "CHỦ TỊCH": the end of "PHÓ CHỦ TỊCH", its start under the seal.
    let upper = upper_part(line);
    let squeezed: String = fold(upper).chars().filter(|c| c.is_alphabetic()).collect();
    let head_squeezed = h.replace(' ', "");
    if known
        && is_upper(upper)
        && squeezed.chars().count() >= 4
        && format!("pho{head_squeezed}").ends_with(&squeezed)
        && squeezed != head_squeezed
    {
        return true;
    }
    let Some(before) = fold(line)
        .strip_suffix(&h)
        .map(|b| line[..to_orig(line, &fold(line), b.len())].to_string())
    else {
        return false;
    };
    let words: Vec<&str> = before.split_whitespace().collect();
    let last = words.last().map(|w| fold(w)).unwrap_or_default();
    let marks = before.contains(|c: char| c.is_lowercase() || !c.is_alphabetic() && c != ' ');
    known
        && before.ends_with(' ')
        && (1..=3).contains(&words.len())
        && (1..=3).contains(&last.chars().count())
        && last != "pho"
        && (marks || (words.len() == 1 && distance(&last, "pho") <= 1))
}

/// "PHÓ X" for an authority "KT. X"; None for any other.
fn deputy_of(authority: &[String]) -> Option<String> {
    let c = AUTH.captures(authority.last()?)?;
    (fold(&c[0]).starts_with("kt") && !fold(&c[1]).starts_with("pho "))
        .then(|| format!("PHÓ {}", c[1].trim()))
}

/// "KT .  GIÁM ĐỐC" → "KT. GIÁM ĐỐC": the prefix closed up to its dot and the runs of
/// spaces made one; "KT.GIÁM ĐỐC" is kept as printed, without a space.
fn normalize_authority(s: &str) -> String {
    let words = s.split_whitespace().collect::<Vec<_>>().join(" ");
    match words.split_once('.') {
        Some((prefix, rest)) if prefix.trim().len() <= 3 => {
            let gap = if rest.starts_with(' ') { " " } else { "" };
            format!("{}.{gap}{}", prefix.trim(), rest.trim())
        }
        _ => words,
    }
}

/// A Nơi nhận or Kính gửi item without its dash and closing punctuation.
pub(super) fn clean_item(s: &str) -> String {
    let s = s.trim().trim_start_matches(['-', '+', '•', '–']).trim();
    s.trim_end_matches([';', '.', ',', ' ']).trim().to_string()
}
