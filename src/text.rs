//! Vietnamese letters and words below everything else: folding for matching, the modern
//! tone placement ND30 writes, and what a syllable may look like. Depends on nothing else
//! of the crate.

use std::sync::LazyLock;

use unicode_normalization::UnicodeNormalization;

/// The most text any reader returns: about 300 pages.
pub(crate) const MAX_TEXT_CHARS: usize = 1_000_000;

/// The text in Unicode NFC, the only form the writer emits (TCVN 6909:2001).
pub fn nfc(text: &str) -> String {
    // Text made only of characters that are NFC whatever surrounds them (no combining marks,
    // no singletons) is NFC: Latin up to U+02FF, precomposed Vietnamese, punctuation.
    let stable = |c: char| {
        c < '\u{300}'
            || ('\u{1e00}'..='\u{1eff}').contains(&c)
            || ('\u{2010}'..='\u{20cf}').contains(&c)
    };
    if text.chars().all(stable) {
        return text.to_string();
    }
    match unicode_normalization::is_nfc_quick(text.chars()) {
        unicode_normalization::IsNormalized::Yes => text.to_string(),
        _ => text.nfc().collect(),
    }
}

/// Lower-case NFC, for comparing names whatever their case or Unicode form.
pub(crate) fn fold_case(text: &str) -> String {
    nfc(text).to_lowercase()
}

/// Lower case without diacritics, one character for each character of `s` ("Kính gửi" →
/// "kinh gui", "Ð" and "đ" → "d"), so a position in the folded text is the same character
/// position in the original. A "?" that stands for a letter lost in a broken encoding
/// ("T?NG") stays a "?".
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    if s.is_ascii() {
        out.push_str(s);
        out.make_ascii_lowercase();
        return out;
    }
    let (latin, viet) = (&*FOLD_LATIN, &*FOLD_VIET);
    for c in s.chars() {
        out.push(match c as u32 {
            0..=0x7F => c.to_ascii_lowercase(),
            code @ 0x80..=0x24F => latin[code as usize - 0x80],
            code @ 0x1E00..=0x1EFF => viet[code as usize - 0x1E00],
            _ => c.to_lowercase().next().unwrap_or(c),
        });
    }
    out
}

/// The folded form of one character (see `fold`).
pub(crate) fn fold_char(c: char) -> char {
    match c as u32 {
        0..=0x7F => c.to_ascii_lowercase(),
        code @ 0x80..=0x24F => FOLD_LATIN[code as usize - 0x80],
        code @ 0x1E00..=0x1EFF => FOLD_VIET[code as usize - 0x1E00],
        _ => c.to_lowercase().next().unwrap_or(c),
    }
}

/// The folded form of every letter of Latin-1, Latin Extended-A and -B, and of the
/// precomposed Vietnamese block, computed once.
static FOLD_LATIN: LazyLock<Vec<char>> = LazyLock::new(|| (0x80..=0x24F).map(base_lower).collect());
static FOLD_VIET: LazyLock<Vec<char>> =
    LazyLock::new(|| (0x1E00..=0x1EFF).map(base_lower).collect());

fn base_lower(code: u32) -> char {
    let c = char::from_u32(code).unwrap_or(' ');
    let base = match c {
        // "Ð" (Icelandic eth) is how some pages print "Đ".
        'đ' | 'Đ' | 'ð' | 'Ð' => 'd',
        _ => base_letter(c),
    };
    base.to_lowercase().next().unwrap_or(base)
}

/// The letter without its marks: "Ấ" → 'A', "ư" → 'u'.
pub(crate) fn base_letter(c: char) -> char {
    let mut first = None;
    unicode_normalization::char::decompose_canonical(c, |d| {
        first.get_or_insert(d);
    });
    first.unwrap_or(c)
}

/// The tone marks of "oa", "oe" and "uy" at the end of a syllable placed as ND30 and
/// today's spelling place them, on the first vowel: "HOÀ" → "HÒA", "thuỷ" → "thủy",
/// "Uỷ ban" → "Ủy ban", "khoẻ" → "khỏe". "Hoàng", "quý" and "thuyết" are left as they are.
pub(crate) fn modern_tone(s: &str) -> String {
    if !s.chars().any(|c| OLD_TONE.iter().any(|(m, _)| *m == c)) {
        return s.to_string();
    }
    let chars: Vec<char> = s.chars().collect();
    let mut out = chars.clone();
    for i in 1..chars.len() {
        let Some(&(_, (base, tone))) = OLD_TONE.iter().find(|(m, _)| *m == chars[i]) else {
            continue;
        };
        let prev = chars[i - 1];
        let first = match (fold_char(prev), base) {
            ('o', 'a' | 'e') | ('u', 'y') => prev,
            _ => continue,
        };
        // The mark moves only where no consonant ends the syllable and "u" is not the
        // "u" of "qu".
        let ends = chars.get(i + 1).is_none_or(|c| !c.is_alphabetic());
        let after_q = i >= 2 && fold_char(chars[i - 2]) == 'q';
        // A vowel before "o" or "u" ("ngoài" is not "oa"+"i", "khuya" has no mark) keeps it too.
        let vowel_before = i >= 2 && is_vowel(chars[i - 2]);
        if !ends || after_q || vowel_before || marked(first) {
            continue;
        }
        let Some(moved) = with_tone(first, tone) else {
            continue;
        };
        out[i - 1] = moved;
        out[i] = if chars[i].is_uppercase() {
            base.to_ascii_uppercase()
        } else {
            base
        };
    }
    out.into_iter().collect()
}

/// Old-style marked second vowels: the letter, its plain vowel and its tone (the
/// combining mark).
const OLD_TONE: &[(char, (char, char))] = &[
    ('à', ('a', '\u{300}')),
    ('á', ('a', '\u{301}')),
    ('ả', ('a', '\u{309}')),
    ('ã', ('a', '\u{303}')),
    ('ạ', ('a', '\u{323}')),
    ('À', ('a', '\u{300}')),
    ('Á', ('a', '\u{301}')),
    ('Ả', ('a', '\u{309}')),
    ('Ã', ('a', '\u{303}')),
    ('Ạ', ('a', '\u{323}')),
    ('è', ('e', '\u{300}')),
    ('é', ('e', '\u{301}')),
    ('ẻ', ('e', '\u{309}')),
    ('ẽ', ('e', '\u{303}')),
    ('ẹ', ('e', '\u{323}')),
    ('È', ('e', '\u{300}')),
    ('É', ('e', '\u{301}')),
    ('Ẻ', ('e', '\u{309}')),
    ('Ẽ', ('e', '\u{303}')),
    ('Ẹ', ('e', '\u{323}')),
    ('ỳ', ('y', '\u{300}')),
    ('ý', ('y', '\u{301}')),
    ('ỷ', ('y', '\u{309}')),
    ('ỹ', ('y', '\u{303}')),
    ('ỵ', ('y', '\u{323}')),
    ('Ỳ', ('y', '\u{300}')),
    ('Ý', ('y', '\u{301}')),
    ('Ỷ', ('y', '\u{309}')),
    ('Ỹ', ('y', '\u{303}')),
    ('Ỵ', ('y', '\u{323}')),
];

fn is_vowel(c: char) -> bool {
    matches!(fold_char(c), 'a' | 'e' | 'i' | 'o' | 'u' | 'y')
}

/// The letter already carries a tone mark (not only a vowel shape such as "ô" or "ư").
fn marked(c: char) -> bool {
    let mut tone = false;
    unicode_normalization::char::decompose_canonical(c, |d| {
        tone |= matches!(d, '\u{300}' | '\u{301}' | '\u{309}' | '\u{303}' | '\u{323}');
    });
    tone
}

/// `c` with the combining `tone` added, composed again.
fn with_tone(c: char, tone: char) -> Option<char> {
    use unicode_normalization::UnicodeNormalization;
    let s: String = [c, tone].iter().collect::<String>().nfc().collect();
    let mut cs = s.chars();
    let one = cs.next()?;
    cs.next().is_none().then_some(one)
}

/// Whether a word is a mark OCR made of ink that is no print (a stamp, a pen's stroke), no
/// word of the language: a figure in it, or letters no syllable is made of ("SG", "LQtP",
/// "J4|TAP:", "Kl.").
pub(crate) fn is_mark(word: &str) -> bool {
    let letters = word.trim_matches(|c: char| !c.is_alphanumeric());
    letters.is_empty() || letters.chars().any(|c| c.is_ascii_digit()) || !is_syllable(letters)
}

/// Whether a word can be one Vietnamese syllable: consonants only as a valid initial
/// ("NGH", "TR") and a valid final ("NG", "CH"), and "ă" or "â" never at the end ("Vă"
/// is a name cut short). "UBND", "LĐLĐ", "HĐND" cannot.
pub(crate) fn is_syllable(word: &str) -> bool {
    const INITIALS: &[&str] = &[
        "", "B", "C", "D", "Đ", "G", "H", "K", "L", "M", "N", "P", "Q", "R", "S", "T", "V", "X",
        "CH", "GH", "GI", "KH", "NG", "NGH", "NH", "PH", "QU", "TH", "TR",
    ];
    // "K" ends the names of the Central Highlands ("Đắk Lắk", "Krông Búk").
    const FINALS: &[&str] = &["", "C", "CH", "K", "M", "N", "NG", "NH", "P", "T"];
    let letters: Vec<char> = word
        .chars()
        .filter(|c| c.is_alphabetic())
        .flat_map(char::to_uppercase)
        .collect();
    let vowel = |c: char| matches!(base_letter(c), 'A' | 'E' | 'I' | 'O' | 'U' | 'Y');
    let Some(first) = letters.iter().position(|&c| vowel(c)) else {
        return false;
    };
    let last = letters.iter().rposition(|&c| vowel(c)).unwrap_or(first) + 1;
    let initial: String = letters[..first].iter().collect();
    let fin: String = letters[last..].iter().collect();
    // "GI" and "QU" end in a vowel letter; "GIA", "QUA" are read with it as the initial.
    let (initial, first) = match (initial.as_str(), letters.get(first)) {
        ("G", Some('I')) if last - first > 1 => ("GI".to_string(), first + 1),
        ("Q", Some('U')) if last - first > 1 => ("QU".to_string(), first + 1),
        _ => (initial, first),
    };
    let middle = &letters[first..last];
    let open_short = fin.is_empty()
        && middle
            .last()
            .is_some_and(|&c| matches!(base_after_shape(c), 'Ă' | 'Â'));
    INITIALS.contains(&initial.as_str())
        && FINALS.contains(&fin.as_str())
        && middle.iter().all(|&c| vowel(c))
        && middle.len() <= 3
        && !open_short
}

/// How many words of a text read as Vietnamese: words are what lies between spaces and
/// punctuation; one with a digit is not counted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Words {
    /// Words counted.
    pub total: usize,
    /// Words that are syllables Vietnamese spells: letters only, in lower case, capitals or
    /// with a capital first ("trường", "TRƯỜNG", "Trường"; not "tr°Ăng", "triẴn").
    pub syllables: usize,
    /// Words with a letter outside ASCII (the marks a text without them has lost).
    pub marked: usize,
}

impl Words {
    /// Counts the words of `text`.
    pub fn count(text: &str) -> Words {
        let mut w = Words::default();
        let parts = text.split(|c: char| {
            c.is_whitespace()
                || matches!(
                    c,
                    ',' | '.'
                        | ';'
                        | ':'
                        | '('
                        | ')'
                        | '"'
                        | '“'
                        | '”'
                        | '!'
                        | '?'
                        | '/'
                        | '-'
                        | '–'
                        | '\''
                        | '’'
                )
        });
        for word in parts.filter(|p| !p.is_empty()) {
            if word.chars().any(|c| c.is_ascii_digit()) {
                continue;
            }
            w.total += 1;
            let letters = word.chars().all(char::is_alphabetic);
            let mut cs = word.chars();
            let rest_lower = cs.next().is_some() && cs.all(|c| !c.is_uppercase());
            let cased = rest_lower || word.chars().all(|c| !c.is_lowercase());
            if letters && cased && is_syllable(word) {
                w.syllables += 1;
            }
            if word.chars().any(|c| c.is_alphabetic() && !c.is_ascii()) {
                w.marked += 1;
            }
        }
        w
    }

    /// The share of syllables among the words; none counted reads as none.
    pub(crate) fn share_syllables(&self) -> f32 {
        self.syllables as f32 / self.total.max(1) as f32
    }

    /// The share of words with a letter outside ASCII.
    pub(crate) fn share_marked(&self) -> f32 {
        self.marked as f32 / self.total.max(1) as f32
    }
}

/// The vowel with its shape but without its tone: "Ắ" → 'Ă', "Ậ" → 'Â'.
fn base_after_shape(c: char) -> char {
    use unicode_normalization::UnicodeNormalization;
    let stripped: String = std::iter::once(c)
        .nfd()
        .filter(|d| !matches!(d, '\u{300}' | '\u{301}' | '\u{309}' | '\u{303}' | '\u{323}'))
        .nfc()
        .collect();
    stripped.chars().next().unwrap_or(c)
}

/// Two words a copy ran together in capitals ("ĐOÀNBÍ" → "ĐOÀN BÍ"), when each half is a
/// syllable with a mark only Vietnamese has; other words as they are.
pub(crate) fn unglue(word: &str) -> Vec<String> {
    if is_syllable(word) || !word.chars().any(|c| c.is_alphabetic() && !c.is_ascii()) {
        return vec![word.to_string()];
    }
    let cuts: Vec<usize> = word.char_indices().map(|(i, _)| i).skip(1).collect();
    for at in cuts {
        let (a, b) = word.split_at(at);
        if is_syllable(a) && is_syllable(b) && a.chars().count() > 1 && b.chars().count() > 1 {
            return vec![a.to_string(), b.to_string()];
        }
    }
    vec![word.to_string()]
}

/// The word with its first letter in capitals and the rest as it is.
pub(crate) fn capitalize(word: &str) -> String {
    let mut cs = word.chars();
    match cs.next() {
        Some(f) => f.to_uppercase().chain(cs).collect(),
        None => String::new(),
    }
}

/// Mostly upper-case letters (four in five): a header name, a title, a signature line.
pub(crate) fn is_upper(s: &str) -> bool {
    let (mut letters, mut upper) = (0usize, 0usize);
    for c in s.chars().filter(|c| c.is_alphabetic()) {
        letters += 1;
        upper += usize::from(c.is_uppercase());
    }
    letters >= 2 && upper * 10 >= letters * 8
}

/// The edit distance of two short words.
pub(crate) fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let here = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != *cb))
                .min(row[j] + 1)
                .min(here + 1);
            prev = here;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(input: &str, expected: &str) {
        assert_eq!(modern_tone(input), expected, "{input}");
    }

    #[test]
    fn old_tone_placement_becomes_the_modern_one() {
        check("UỶ BAN NHÂN DÂN", "ỦY BAN NHÂN DÂN");
        check("Uỷ ban", "Ủy ban");
        check("CỘNG HOÀ", "CỘNG HÒA");
        check("hoá", "hóa");
        check("thuỷ lợi", "thủy lợi");
        check("khoẻ mạnh", "khỏe mạnh");
        check("Hoà Khánh", "Hòa Khánh");
        // A final consonant, "qu", a vowel before, or a mark already in place: unchanged.
        check("Hoàng Sa, đoàn, toàn, hoạch", "Hoàng Sa, đoàn, toàn, hoạch");
        check("quý, quá, thuyết, ngoài", "quý, quá, thuyết, ngoài");
        check("Ủy ban, hòa", "Ủy ban, hòa");
    }

    #[test]
    fn nfc_recomposes_decomposed_vietnamese() {
        assert_eq!(nfc("Vie\u{302}\u{323}t Nam"), "Việt Nam");
        assert_eq!(nfc("Việt Nam"), "Việt Nam");
        assert_eq!(fold_case("CÔNG VĂN"), "công văn");
    }

    #[test]
    fn folding_keeps_one_character_for_each() {
        for s in ["Kính gửi", "T?NG LIÊN ÐOÀN", "Số: 649/HD-TLР", "ĐẢNG"] {
            assert_eq!(fold(s).chars().count(), s.chars().count(), "{s}");
        }
        assert_eq!(fold("Kính gửi Ð"), "kinh gui d");
        assert_eq!(fold("T?NG"), "t?ng");
    }

    #[test]
    fn syllables_and_abbreviations() {
        for w in [
            "NGHĨA",
            "Trường",
            "quyết",
            "GIA",
            "khuya",
            "Việt",
            "ăn",
            "Tùng",
        ] {
            assert!(is_syllable(w), "{w}");
        }
        for w in ["UBND", "LĐLĐ", "HĐND", "Vă", "T", "TWĐTN", "ĐOÀNBÍ"] {
            assert!(!is_syllable(w), "{w}");
        }
        assert_eq!(unglue("ĐOÀNBÍ"), ["ĐOÀN", "BÍ"]);
        assert_eq!(unglue("CHÍNHPHỦ"), ["CHÍNH", "PHỦ"]);
        assert_eq!(unglue("UBND"), ["UBND"]);
    }
    #[test]
    fn words_count_syllables_and_marks_not_a_broken_layer() {
        let count = |t: &str| {
            let w = Words::count(t);
            (w.total, w.syllables, w.marked)
        };
        assert_eq!(count("Trường học TRƯỜNG, số 12/KH"), (5, 4, 4));
        // A legacy font read as Unicode: words, but neither syllables nor clean marks.
        assert_eq!(count("xin chỗ tr°Ăng triẴn khai"), (5, 3, 3));
        // Letters a failed OCR left: words with no mark at all.
        assert_eq!(count("Cang hoa xa hoi chu nghia"), (6, 6, 0));
        assert_eq!(Words::default().share_syllables(), 0.0);
    }
}
