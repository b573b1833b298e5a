//! Every layout number of the letter, each named after the rule it implements
//! (`docs/nd30-spec.md`), and the text measure used to size rules to their text.
//! Lengths are twips (1/1440 inch, 1 mm ≈ 56.7), font sizes half-points, borders 1/8 pt.

use unicode_normalization::UnicodeNormalization;

use crate::metrics_table::ADVANCE;

/// A4 portrait, 210 × 297 mm (PL-I Phần I Mục I; spec §1).
pub(crate) const PAGE_WIDTH: u32 = 11906;
/// A4 portrait height (spec §1).
pub(crate) const PAGE_HEIGHT: u32 = 16838;
/// Top margin 20 mm, within 20–25 mm (spec §1).
pub(crate) const MARGIN_TOP: u32 = 1134;
/// Bottom margin 20 mm, within 20–25 mm (spec §1).
pub(crate) const MARGIN_BOTTOM: u32 = 1134;
/// Left margin 30 mm, within 30–35 mm (spec §1).
pub(crate) const MARGIN_LEFT: u32 = 1701;
/// Right margin 20 mm, within 15–20 mm (spec §1).
pub(crate) const MARGIN_RIGHT: u32 = 1134;
/// Header distance 10 mm, as in the government's PL-III file (spec §1), for the page number.
pub(crate) const HEADER_DISTANCE: u32 = 567;
/// The width between the margins: 160 mm.
pub(crate) const TEXT_WIDTH: u32 = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT;

/// Left column of the header table, ≈42 % as in PL-III Mẫu 1.5 (3852 of 9254; spec §2).
pub(crate) const HEADER_LEFT: u32 = TEXT_WIDTH * 3852 / 9254;
/// Right column of the header table, the rest of the text width (spec §2).
pub(crate) const HEADER_RIGHT: u32 = TEXT_WIDTH - HEADER_LEFT;
/// Left column of the signature table (Nơi nhận), ≈38 % as in Mẫu 1.5 (3510 of 9322; spec §2).
pub(crate) const SIGN_LEFT: u32 = TEXT_WIDTH * 3510 / 9322;
/// Right column of the signature table (quyền hạn, chức vụ, tên), the rest (spec §2).
pub(crate) const SIGN_RIGHT: u32 = TEXT_WIDTH - SIGN_LEFT;

/// Quốc hiệu, upper case, bold (spec §3).
pub const QUOC_HIEU: &str = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
/// Tiêu ngữ, with spaced hyphens, bold (spec §3).
pub const TIEU_NGU: &str = "Độc lập - Tự do - Hạnh phúc";

/// Quốc hiệu 12 pt, as in Mẫu 1.5 (rule 12–13; spec §3, §6).
pub(crate) const SIZE_QUOC_HIEU: usize = 24;
/// Tiêu ngữ 14 pt, as in Mẫu 1.5 (rule 13–14; spec §6).
pub(crate) const SIZE_TIEU_NGU: usize = 28;
/// Cơ quan chủ quản and ban hành 13 pt (rule 12–13; spec §3, §6).
pub(crate) const SIZE_BODY_NAME: usize = 26;
/// "Số:" line 13 pt (spec §3).
pub(crate) const SIZE_NUMBER: usize = 26;
/// Place and date 14 pt italic (rule 13–14; spec §6).
pub(crate) const SIZE_DATE: usize = 28;
/// Place and date 13 pt, the rule's lower bound, when a long place name would wrap 14 pt.
pub(crate) const SIZE_DATE_SMALL: usize = 26;
/// Trích yếu of a công văn ("V/v …") 12 pt, not bold (rule 12–13; spec §3, §6).
pub(crate) const SIZE_VV: usize = 24;
/// Tên loại and trích yếu of a named type 14 pt bold (rule 13–14; spec §3).
pub(crate) const SIZE_TITLE: usize = 28;
/// Kính gửi and body text 14 pt (rule 13–14; spec §3, §6).
pub(crate) const SIZE_TEXT: usize = 28;
/// "Nơi nhận:" 12 pt bold italic (spec §3).
pub(crate) const SIZE_NOI_NHAN: usize = 24;
/// The mark on a signed copy naming its addressee: 11 pt italic, the size of the small
/// components (ô 11 and ô 12, nd30-spec.md §2) \[U: ND30 has no rule for such a mark\].
pub(crate) const SIZE_COPY_MARK: usize = 22;
/// Nơi nhận items 11 pt (spec §3).
pub(crate) const SIZE_NOI_NHAN_ITEM: usize = 22;
/// Quyền hạn, chức vụ and name of the signer 14 pt bold (rule 13–14; spec §3).
pub(crate) const SIZE_SIGNATURE: usize = 28;
/// Page number 14 pt (rule 13–14; spec §1).
pub(crate) const SIZE_PAGE_NUMBER: usize = 28;
/// Footnote text 12 pt; ND30 sets no size for footnotes (spec §8 \[U\]).
pub(crate) const SIZE_FOOTNOTE: usize = 24;
/// The text of a table of records, the mục lục văn bản (ND30 Phụ lục V): 12 pt, as the
/// Nơi nhận, so that seven columns fit the page.
pub(crate) const SIZE_TABLE: usize = 24;
/// The margin of an envelope's page: 1 cm, inside the printable area of office printers.
pub(crate) const ENVELOPE_MARGIN: u32 = 567;

/// Body first-line indent 1 cm, as in Mẫu 1.5 (rule 1 cm or 1.27 cm; spec §3, §6).
pub(crate) const BODY_FIRST_LINE: i32 = 567;
/// Space before each body paragraph 6 pt, as in Mẫu 1.5 (rule ≥ 6 pt; spec §3, §6).
pub(crate) const BODY_BEFORE: u32 = 120;
/// Body line spacing single (rule single to 1.5 lines; spec §3), in 240ths of a line.
pub(crate) const BODY_LINE: i32 = 240;
/// "V/v" sits 6 pt below the number line (spec §3).
pub(crate) const VV_BEFORE: u32 = 120;
/// Space between the names' rule and the "Số:" and date line (spec §6 leaves it to practice).
pub(crate) const NUMBER_BEFORE: u32 = 120;
/// "Kính gửi:" first-line indent, as in Mẫu 1.5 (spec §6).
pub(crate) const KINH_GUI_INDENT: u32 = 1982;
/// Space above the Kính gửi block and above the signature block.
pub(crate) const BLOCK_BEFORE: u32 = 240;
/// The room left for the handwritten signature and seal between title and name.
pub(crate) const SIGNATURE_GAP: u32 = 1560;
/// The form of a copy ("SAO Y", "SAO LỤC", "TRÍCH SAO"): 14 pt bold, within 13–14 (spec §7).
pub(crate) const SIZE_COPY_FORM: usize = 28;
/// Printed width of a signature image, 4 cm: no rule sets it, so it is the width of a
/// handwritten signature in the samples \[U\].
pub(crate) const SIGNATURE_WIDTH: u32 = 2268;
/// Printed width of a seal image, 36 mm: the diameter of an office's round seal; no rule
/// reached sets it for a union office \[U\].
pub(crate) const SEAL_WIDTH: u32 = 2041;
/// Rules under names and titles are solid, 0.75 pt (spec §3 "solid rule").
pub(crate) const RULE_SIZE: usize = 6;
/// The rule under the issuing body is 2/5 of its text line, within 1/3–1/2 (spec §3).
pub(crate) const ISSUER_RULE_PERCENT: u32 = 40;
/// The rule under a named type's trích yếu is 2/5 of its line, within 1/3–1/2 (spec §3).
pub(crate) const TITLE_RULE_PERCENT: u32 = 40;

/// The width in twips of one line of `text` in Times New Roman at `size` half-points.
pub(crate) fn text_width(text: &str, size: usize, bold: bool) -> u32 {
    let units: u64 = crate::text::nfc(text)
        .chars()
        .map(|c| u64::from(advance(c, bold)))
        .sum();
    // 2048 units per em; an em is `size` half-points = size * 10 twips.
    (units * size as u64 * 10 / 2048) as u32
}

/// The width of the longest line when `text` wraps at `width` twips, breaking at spaces
/// as Word does; used to size a rule to a name that runs onto two lines.
pub(crate) fn longest_line(text: &str, size: usize, bold: bool, width: u32) -> u32 {
    let space = text_width(" ", size, bold);
    let mut longest = 0;
    let mut line = 0;
    for word in text.split_whitespace() {
        let w = text_width(word, size, bold);
        if line > 0 && line + space + w > width {
            longest = longest.max(line);
            line = w;
        } else if line > 0 {
            line += space + w;
        } else {
            line = w;
        }
    }
    longest.max(line).min(width)
}

/// How many lines `text` takes when it wraps at `width` twips, breaking at spaces as Word
/// does.
pub(crate) fn line_count(text: &str, size: usize, bold: bool, width: u32) -> usize {
    let space = text_width(" ", size, bold);
    let mut lines = 0;
    let mut line = 0;
    for word in text.split_whitespace() {
        let w = text_width(word, size, bold);
        if line > 0 && line + space + w > width {
            lines += 1;
            line = w;
        } else if line > 0 {
            line += space + w;
        } else {
            line = w;
        }
    }
    lines + usize::from(line > 0)
}

/// The V/v under the number takes at most four lines of the header column; a parent's
/// long title goes into the citation instead (practice; issue 11, not a rule of ND30).
pub(crate) const VV_MAX_LINES: usize = 4;

/// The advance of one character; letters the table lacks take its base letter's, then an "n".
fn advance(c: char, bold: bool) -> u16 {
    let find = |c: char| {
        ADVANCE
            .binary_search_by(|(k, _, _)| k.cmp(&c))
            .ok()
            .map(|i| if bold { ADVANCE[i].2 } else { ADVANCE[i].1 })
    };
    find(c)
        .or_else(|| std::iter::once(c).nfd().next().and_then(find))
        .or_else(|| find('n'))
        .unwrap_or(1024)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(actual: u32, low: u32, high: u32) {
        assert!(
            (low..=high).contains(&actual),
            "{actual} not in {low}..={high}"
        );
    }

    #[test]
    fn margins_are_within_the_rule() {
        check(MARGIN_TOP, 1134, 1417);
        check(MARGIN_BOTTOM, 1134, 1417);
        check(MARGIN_LEFT, 1701, 1984);
        check(MARGIN_RIGHT, 850, 1134);
    }

    #[test]
    fn measures_like_times_new_roman() {
        // "Độc lập - Tự do - Hạnh phúc" in 14 pt bold is about 6.4 cm in Word.
        check(text_width(TIEU_NGU, SIZE_TIEU_NGU, true), 3400, 3800);
        // Precomposed and decomposed Vietnamese measure the same.
        let nfd: String = TIEU_NGU.nfd().collect();
        assert_eq!(
            text_width(&nfd, SIZE_TIEU_NGU, true),
            text_width(TIEU_NGU, SIZE_TIEU_NGU, true)
        );
        // Quốc hiệu in 12 pt bold fits its column.
        check(
            text_width(QUOC_HIEU, SIZE_QUOC_HIEU, true),
            4000,
            HEADER_RIGHT,
        );
    }

    #[test]
    fn lines_are_counted_as_word_wraps_them() {
        assert_eq!(line_count("", SIZE_VV, false, HEADER_LEFT), 0);
        assert_eq!(line_count("V/v triển khai", SIZE_VV, false, HEADER_LEFT), 1);
        let long = "V/v triển khai kế hoạch tổ chức các hoạt động chăm lo cho đoàn viên, người lao động dịp Tết Nguyên đán Bính Ngọ 2026 và các hoạt động khác trong năm";
        // About 35 characters of 12 pt Times New Roman to a line of the 6.7 cm column.
        assert_eq!(line_count(long, SIZE_VV, false, HEADER_LEFT), 5);
    }

    #[test]
    fn long_names_wrap_to_their_longest_line() {
        let name = "LIÊN ĐOÀN LAO ĐỘNG HUYỆN DƯƠNG MINH CHÂU";
        let one_line = text_width(name, SIZE_BODY_NAME, true);
        assert!(one_line > HEADER_LEFT);
        let wrapped = longest_line(name, SIZE_BODY_NAME, true, HEADER_LEFT);
        check(wrapped, one_line / 3, HEADER_LEFT);
        assert_eq!(
            longest_line("VP", SIZE_BODY_NAME, true, HEADER_LEFT),
            text_width("VP", SIZE_BODY_NAME, true)
        );
    }
}
