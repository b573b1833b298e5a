//! Vietnamese text typed in the legacy 8-bit fonts still in use in offices: TCVN3 (ABC,
//! fonts ".VnTime", ".VnTimeH") and VNI (fonts "VNI-Times"). Such text arrives as Latin-1
//! letters ("C«ng v¨n", "Coâng vaên"); this module recognises it and converts it to Unicode.

use unicode_normalization::UnicodeNormalization;

/// A byte of 8-bit text: Windows-1252 for 0x80–0x9F (the quotes and dashes Windows puts
/// there; TCVN3 and VNI leave that range unused), Latin-1 otherwise.
pub(crate) fn windows_1252(b: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž',
        '\u{8f}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}',
        'ž', 'Ÿ',
    ];
    match b {
        0x80..=0x9F => HIGH[(b - 0x80) as usize],
        _ => b as char,
    }
}

/// The legacy encoding a piece of text is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Legacy {
    /// TCVN 5712:1993 VN3, the ABC fonts (".VnTime"); upper case when the font is ".VnTimeH".
    Tcvn3 {
        /// The text was set in an upper-case font (".VnTimeH", ".VnArialH").
        upper: bool,
    },
    /// VNI for Windows ("VNI-Times").
    Vni,
}

/// TCVN3 bytes 0xA1–0xFF as Unicode, generated from glibc's TCVN5712-1 table
/// (`iconv -f TCVN5712-1`); 0xB0–0xB4, combining marks there, are kept as Latin-1 signs.
const TCVN3: &str = "ĂÂÊÔƠƯĐăâêôơưđẰ°±²³´àảãáạẲằẳẵắẴẮẦẨẪẤỀặầẩẫấậèỂẻẽéẹềểễếệìỉỄẾỒĩíịòỔỏõóọồổỗốộờởỡớợùỖủũúụừửữứựỳỷỹýỵỐ";

impl Legacy {
    /// The encoding of text set in `font`, by the font's name: ".VnTime", "VNI-Times", ….
    pub(crate) fn of_font(font: &str) -> Option<Legacy> {
        let f = font.trim();
        if f.starts_with(".Vn") || f.starts_with("VN3") {
            Some(Legacy::Tcvn3 {
                upper: f.ends_with('H'),
            })
        } else if f.to_ascii_uppercase().starts_with("VNI") {
            Some(Legacy::Vni)
        } else {
            None
        }
    }

    /// Converts text in this encoding to Unicode NFC.
    pub fn decode(self, text: &str) -> String {
        match self {
            Legacy::Tcvn3 { upper } => {
                let s: String = text.chars().map(tcvn3_char).collect();
                if upper {
                    s.to_uppercase()
                } else {
                    s
                }
            }
            Legacy::Vni => vni(text),
        }
    }
}

/// The encoding a line of text appears to be in, judged by characters that real
/// Vietnamese text does not use; none when it reads as Unicode already.
pub(crate) fn detect(line: &str) -> Option<Legacy> {
    if line.is_ascii() {
        return None;
    }
    let (mut real, mut tcvn, mut vni) = (0usize, 0usize, 0usize);
    let mut prev = ' ';
    for c in line.chars() {
        if is_vietnamese(c) {
            real += 1;
        }
        // Letters of the TCVN3 lower-case range that Unicode Vietnamese never uses.
        if matches!(
            c,
            '¸' | 'µ'
                | '¶'
                | '·'
                | '¹'
                | '¨'
                | '©'
                | '®'
                | 'ª'
                | '«'
                | '¬'
                | '»'
                | '¾'
                | '¼'
                | '½'
                | 'Æ'
                | 'Ç'
                | 'Ê'
                | 'È'
                | 'É'
                | 'Ë'
                | '×'
                | 'Ø'
                | 'Ü'
                | 'Ý'
                | 'Þ'
                | 'ß'
                | 'Ð'
                | 'Ñ'
                | 'Ò'
                | 'Ó'
                | 'Ô'
                | 'Õ'
                | 'Ö'
                | '\u{ad}'
        ) {
            tcvn += 1;
        }
        // VNI: a vowel followed by a mark letter, or its đ.
        let vowel = matches!(
            prev,
            'a' | 'e'
                | 'i'
                | 'o'
                | 'u'
                | 'y'
                | 'A'
                | 'E'
                | 'I'
                | 'O'
                | 'U'
                | 'Y'
                | 'ô'
                | 'ö'
                | 'Ô'
                | 'Ö'
        );
        let mark = matches!(
            c,
            'ù' | 'ø'
                | 'û'
                | 'õ'
                | 'ï'
                | 'â'
                | 'á'
                | 'à'
                | 'å'
                | 'ã'
                | 'ä'
                | 'ê'
                | 'é'
                | 'è'
                | 'ú'
                | 'ü'
                | 'ë'
                | 'Ù'
                | 'Ø'
                | 'Û'
                | 'Õ'
                | 'Ï'
                | 'Â'
                | 'Á'
                | 'À'
                | 'Å'
                | 'Ã'
                | 'Ä'
                | 'Ê'
                | 'É'
                | 'È'
                | 'Ú'
                | 'Ü'
                | 'Ë'
        );
        if (vowel && mark) || matches!(c, 'ñ' | 'Ñ') {
            vni += 1;
        }
        prev = c;
    }
    // Letters lost to "?" ("T?NG LIÊN ÐOÀN") mark Unicode text pushed through a Western
    // code page: what is left of it is Latin-1, not a legacy font's bytes.
    let chars: Vec<char> = line.chars().collect();
    let lost = chars
        .windows(3)
        .filter(|w| w[1] == '?' && w[0].is_alphabetic() && w[2].is_alphabetic())
        .count();
    if lost >= 2 {
        return None;
    }
    if tcvn >= 2 && tcvn > real && tcvn >= vni {
        Some(Legacy::Tcvn3 { upper: false })
    } else if vni >= 2 && vni > real {
        Some(Legacy::Vni)
    } else {
        None
    }
}

/// A letter only Vietnamese uses (ă, ơ, ư, đ and the U+1EA0 block).
fn is_vietnamese(c: char) -> bool {
    matches!(
        c,
        'ă' | 'Ă' | 'ơ' | 'Ơ' | 'ư' | 'Ư' | 'đ' | 'Đ' | 'ĩ' | 'Ĩ' | 'ũ' | 'Ũ'
    ) || ('\u{1ea0}'..='\u{1ef9}').contains(&c)
}

fn tcvn3_char(c: char) -> char {
    match c as u32 {
        code @ 0xA1..=0xFF => TCVN3.chars().nth((code - 0xA1) as usize).unwrap_or(c),
        _ => c,
    }
}

/// VNI writes a vowel followed by a mark letter: "aù" = á, "aâ" = â, "aá" = ấ, "aê" = ă, …
fn vni(text: &str) -> String {
    const TONES: [(char, char); 5] = [
        ('ù', '\u{301}'),
        ('ø', '\u{300}'),
        ('û', '\u{309}'),
        ('õ', '\u{303}'),
        ('ï', '\u{323}'),
    ];
    const HAT: [(char, Option<char>); 6] = [
        ('â', None),
        ('á', Some('\u{301}')),
        ('à', Some('\u{300}')),
        ('å', Some('\u{309}')),
        ('ã', Some('\u{303}')),
        ('ä', Some('\u{323}')),
    ];
    const BREVE: [(char, Option<char>); 6] = [
        ('ê', None),
        ('é', Some('\u{301}')),
        ('è', Some('\u{300}')),
        ('ú', Some('\u{309}')),
        ('ü', Some('\u{303}')),
        ('ë', Some('\u{323}')),
    ];
    let lower = |c: char| c.to_lowercase().next().unwrap_or(c);
    let mut out = String::with_capacity(text.len());
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        // The horned and stroked letters stand alone: ô = ơ, ö = ư, ñ = đ; i and y have their own.
        let base = match c {
            'ô' => 'ơ',
            'Ô' => 'Ơ',
            'ö' => 'ư',
            'Ö' => 'Ư',
            'ñ' => 'đ',
            'Ñ' => 'Đ',
            'æ' => 'ỉ',
            'Æ' => 'Ỉ',
            'ó' => 'ĩ',
            'Ó' => 'Ĩ',
            'ò' => 'ị',
            'Ò' => 'Ị',
            'î' => 'ỵ',
            'Î' => 'Ỵ',
            _ => c,
        };
        let next = chars.get(i + 1).map(|n| lower(*n));
        let mut s = String::from(base);
        let mut used = 1;
        if let Some(n) = next {
            let b = lower(base);
            if let Some((_, tone)) = TONES
                .iter()
                .find(|(m, _)| *m == n)
                .filter(|_| "aeiouyơư".contains(b))
            {
                s.push(*tone);
                used = 2;
            } else if let Some((_, tone)) = HAT
                .iter()
                .find(|(m, _)| *m == n)
                .filter(|_| "aeo".contains(b))
            {
                s.push('\u{302}');
                s.extend(*tone);
                used = 2;
            } else if let Some((_, tone)) = BREVE.iter().find(|(m, _)| *m == n).filter(|_| b == 'a')
            {
                s.push('\u{306}');
                s.extend(*tone);
                used = 2;
            }
        }
        out.extend(s.nfc());
        i += used;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(legacy: Legacy, input: &str, expected: &str) {
        assert_eq!(legacy.decode(input), expected);
    }

    #[test]
    fn tcvn3_abc_fonts() {
        let t = Legacy::Tcvn3 { upper: false };
        check(t, "C«ng v¨n sè 464/L§L§", "Công văn số 464/LĐLĐ");
        check(t, "Liªn ®oµn Lao ®éng huyÖn", "Liên đoàn Lao động huyện");
        check(
            t,
            "Kh«ng ®Ó ai bÞ bá l¹i phÝa sau",
            "Không để ai bị bỏ lại phía sau",
        );
        check(
            Legacy::Tcvn3 { upper: true },
            "céng hoµ x· héi chñ nghÜa viÖt nam",
            "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        );
    }

    #[test]
    fn vni_fonts() {
        check(
            Legacy::Vni,
            "Coâng vaên soá 464/LÑLÑ",
            "Công văn số 464/LĐLĐ",
        );
        check(
            Legacy::Vni,
            "Lieân ñoaøn Lao ñoäng huyeän",
            "Liên đoàn Lao động huyện",
        );
        check(
            Legacy::Vni,
            "Kính göûi: Ban Thöôøng vuï",
            "Kính gửi: Ban Thường vụ",
        );
        check(
            Legacy::Vni,
            "COÄNG HOØA XAÕ HOÄI CHUÛ NGHÓA VIEÄT NAM",
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        );
        check(
            Legacy::Vni,
            "Ñoäc laäp - Töï do - Haïnh phuùc",
            "Độc lập - Tự do - Hạnh phúc",
        );
    }

    #[test]
    fn detection() {
        assert_eq!(
            detect("C«ng v¨n sè 464/L§L§ ngµy 06/5/2024"),
            Some(Legacy::Tcvn3 { upper: false })
        );
        assert_eq!(
            detect("Coâng vaên soá 464 ngaøy 06/5/2024"),
            Some(Legacy::Vni)
        );
        assert_eq!(detect("Công văn số 464/LĐLĐ ngày 06/5/2024"), None);
        assert_eq!(detect("Café à la carte, naïve résumé"), None);
        assert_eq!(detect("T?NG LIÊN ÐOÀN LAO Ð?NG C?NG HOÀ"), None);
        assert_eq!(
            Legacy::of_font(".VnTimeH"),
            Some(Legacy::Tcvn3 { upper: true })
        );
        assert_eq!(Legacy::of_font("VNI-Times"), Some(Legacy::Vni));
        assert_eq!(Legacy::of_font("Times New Roman"), None);
    }
}
