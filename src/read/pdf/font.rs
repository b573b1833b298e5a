//! A PDF font as text needs it: how its string bytes split into codes, what each code
//! says (its ToUnicode map first, then its encoding and glyph names), how wide each is,
//! and the code itself as an 8-bit letter, so that text in a legacy Vietnamese font
//! (TCVN3, VNI) without a usable map can still be read through the legacy tables.

use std::collections::HashMap;

use lopdf::{Dictionary, Document, Object};

use super::lexer::{Lexer, Operand};
use super::tables;

/// The most bytes of a ToUnicode or encoding CMap read.
const MAX_CMAP_BYTES: usize = 4 * 1024 * 1024;
/// The most single mappings and ranges a CMap may define.
const MAX_MAPPINGS: usize = 1 << 17;

/// One code of a string shown in a font.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Code {
    /// What the code says, by the font's maps; empty when they say nothing.
    pub text: String,
    /// The code as the 8-bit letter a legacy font shows, for one-byte fonts.
    pub raw: Option<char>,
    /// Its advance, in text space units (thousandths of the font size, divided out).
    pub width: f32,
    /// The one-byte code 32, to which word spacing applies.
    pub word_space: bool,
}

/// A font of the page, ready to decode strings.
#[derive(Debug, Clone, Default)]
pub struct Font {
    /// The font's name, without a subset prefix ("TimesNewRomanPSMT", ".VnTime").
    pub name: String,
    /// One byte per code (a simple font) or per the code space ranges (a composite one).
    simple: bool,
    /// Code space ranges: (bytes, low, high).
    spaces: Vec<(usize, u32, u32)>,
    to_unicode: CMap,
    /// A simple font's encoding: the character of each code.
    encoding: Option<Box<[char; 256]>>,
    widths: Widths,
    /// Width units per text space unit: 1/1000, or a Type 3 font's matrix.
    scale: f32,
    /// A Type 3 font's glyph size against the font size.
    pub size_scale: f32,
}

#[derive(Debug, Clone, Default)]
enum Widths {
    Simple {
        first: u32,
        widths: Vec<f32>,
        missing: f32,
    },
    Composite {
        map: HashMap<u32, f32>,
        default: f32,
    },
    #[default]
    Unknown,
}

impl Font {
    /// The font a dictionary describes, as far as it can be read; what is missing or
    /// broken leaves that part empty. CMaps are inflated within `limit` bytes.
    pub fn load(doc: &Document, dict: &Dictionary) -> Font {
        let subtype = name_of(doc, dict, b"Subtype").unwrap_or_default();
        let base = name_of(doc, dict, b"BaseFont").unwrap_or_default();
        let name = match base.split_once('+') {
            Some((prefix, rest)) if prefix.len() == 6 => rest.to_string(),
            _ => base.clone(),
        };
        let to_unicode = get(doc, dict, b"ToUnicode")
            .and_then(|o| o.as_stream().ok())
            .and_then(|s| s.decompressed_content_with_limit(MAX_CMAP_BYTES).ok())
            .map(|b| CMap::parse(&b))
            .unwrap_or_default();
        let mut font = Font {
            name,
            to_unicode,
            scale: 0.001,
            size_scale: 1.0,
            ..Font::default()
        };
        if subtype == "Type0" {
            font.load_composite(doc, dict);
        } else {
            font.simple = true;
            font.encoding = Some(Box::new(simple_encoding(doc, dict, &subtype, &font.name)));
            font.widths = simple_widths(doc, dict);
            if subtype == "Type3" {
                let matrix: Vec<f32> = get(doc, dict, b"FontMatrix")
                    .and_then(|o| o.as_array().ok())
                    .map(|a| a.iter().filter_map(number).collect())
                    .unwrap_or_default();
                if let [a, _, _, d, ..] = matrix[..] {
                    if a.abs() > 1e-6 {
                        font.scale = a.abs();
                    }
                    if d.abs() > 1e-6 {
                        font.size_scale = d.abs() / 0.001;
                    }
                }
            }
        }
        font
    }

    fn load_composite(&mut self, doc: &Document, dict: &Dictionary) {
        let encoding = get(doc, dict, b"Encoding");
        // An embedded CMap names its own code space; a named one (Identity-H, the UCS-2
        // ones) uses two bytes.
        if let Some(stream) = encoding.and_then(|o| o.as_stream().ok()) {
            if let Ok(bytes) = stream.decompressed_content_with_limit(MAX_CMAP_BYTES) {
                self.spaces = CMap::parse(&bytes).spaces;
            }
        }
        if self.spaces.is_empty() {
            self.spaces = match self.to_unicode.spaces.is_empty() {
                true => vec![(2, 0, 0xFFFF)],
                false => self.to_unicode.spaces.clone(),
            };
        }
        let descendant = get(doc, dict, b"DescendantFonts")
            .and_then(|o| o.as_array().ok())
            .and_then(|a| a.first())
            .and_then(|o| deref(doc, o))
            .and_then(|o| o.as_dict().ok());
        let Some(cid) = descendant else {
            return;
        };
        let default = get(doc, cid, b"DW").and_then(number).unwrap_or(1000.0);
        let mut map = HashMap::new();
        if let Some(w) = get(doc, cid, b"W").and_then(|o| o.as_array().ok()) {
            let items: Vec<&Object> = w.iter().filter_map(|o| deref(doc, o)).collect();
            let mut i = 0;
            while i < items.len() && map.len() < MAX_MAPPINGS {
                let Some(first) = number(items[i]) else {
                    i += 1;
                    continue;
                };
                match items.get(i + 1) {
                    Some(Object::Array(list)) => {
                        for (k, w) in list.iter().enumerate().take(MAX_MAPPINGS) {
                            if let Some(w) = deref(doc, w).and_then(number) {
                                map.insert(first as u32 + k as u32, w);
                            }
                        }
                        i += 2;
                    }
                    Some(last) => {
                        let (Some(last), Some(w)) =
                            (number(last), items.get(i + 2).and_then(|o| number(o)))
                        else {
                            break;
                        };
                        let (first, last) = (first as u32, last as u32);
                        if last >= first && last - first < MAX_MAPPINGS as u32 {
                            for c in first..=last {
                                map.insert(c, w);
                            }
                        }
                        i += 3;
                    }
                    None => break,
                }
            }
        }
        self.widths = Widths::Composite { map, default };
    }

    /// The codes of a string shown in this font.
    pub fn decode(&self, bytes: &[u8]) -> Vec<Code> {
        let mut out = Vec::with_capacity(bytes.len());
        let mut at = 0;
        while at < bytes.len() {
            let (code, len) = match self.simple {
                true => (bytes[at] as u32, 1),
                false => self.next_code(&bytes[at..]),
            };
            at += len;
            let mapped = self.to_unicode.get(code, len);
            let text = match mapped {
                Some(t) if !t.chars().all(|c| c.is_control() || c == '\u{fffd}') => t,
                _ => match &self.encoding {
                    Some(table) if table[code as usize & 0xFF] != '\0' => {
                        table[code as usize & 0xFF].to_string()
                    }
                    _ => String::new(),
                },
            };
            let raw = self
                .simple
                .then(|| crate::read::encoding::windows_1252(code as u8));
            out.push(Code {
                text,
                raw,
                width: self.width(code) * self.scale,
                word_space: self.simple && code == 32,
            });
        }
        out
    }

    /// A composite font's next code: the shortest prefix that falls in a code space range.
    fn next_code(&self, bytes: &[u8]) -> (u32, usize) {
        for n in 1..=4.min(bytes.len()) {
            let code = bytes[..n].iter().fold(0u32, |a, &b| a << 8 | b as u32);
            if self
                .spaces
                .iter()
                .any(|&(len, lo, hi)| len == n && (lo..=hi).contains(&code))
            {
                return (code, n);
            }
        }
        // Outside every range: two bytes, or what is left.
        let n = 2.min(bytes.len());
        (bytes[..n].iter().fold(0u32, |a, &b| a << 8 | b as u32), n)
    }

    /// A code's width in glyph units (thousandths of an em for most fonts).
    fn width(&self, code: u32) -> f32 {
        match &self.widths {
            Widths::Simple {
                first,
                widths,
                missing,
            } => code
                .checked_sub(*first)
                .and_then(|i| widths.get(i as usize))
                .copied()
                .filter(|&w| w > 0.0)
                .unwrap_or(*missing),
            Widths::Composite { map, default } => map.get(&code).copied().unwrap_or(*default),
            Widths::Unknown => 0.0,
        }
    }
}

/// A simple font's widths: /Widths from /FirstChar, else what its descriptor says is
/// missing, else an average letter's.
fn simple_widths(doc: &Document, dict: &Dictionary) -> Widths {
    let first = get(doc, dict, b"FirstChar").and_then(number).unwrap_or(0.0) as u32;
    let widths: Vec<f32> = get(doc, dict, b"Widths")
        .and_then(|o| o.as_array().ok())
        .map(|a| {
            a.iter()
                .take(256)
                .map(|o| deref(doc, o).and_then(number).unwrap_or(0.0))
                .collect()
        })
        .unwrap_or_default();
    let missing = get(doc, dict, b"FontDescriptor")
        .and_then(|o| o.as_dict().ok())
        .and_then(|d| get(doc, d, b"MissingWidth"))
        .and_then(number)
        .filter(|&w| w > 0.0)
        // The fourteen standard fonts come without widths: half an em is an average
        // letter of Times and Helvetica.
        .unwrap_or(500.0);
    Widths::Simple {
        first,
        widths,
        missing,
    }
}

/// A simple font's encoding: its base encoding (named, or the font's own: standard for
/// Type 1, Windows' for TrueType) with its /Differences by glyph name. A name that is not a
/// known glyph keeps the code's 8-bit letter, which is what a legacy font's names hide.
fn simple_encoding(doc: &Document, dict: &Dictionary, subtype: &str, name: &str) -> [char; 256] {
    let symbolic = get(doc, dict, b"FontDescriptor")
        .and_then(|o| o.as_dict().ok())
        .and_then(|d| get(doc, d, b"Flags"))
        .and_then(number)
        .is_some_and(|f| (f as u32) & 4 != 0);
    let named = |n: &[u8]| match n {
        b"WinAnsiEncoding" => Some(tables::WIN_ANSI_ENCODING),
        b"MacRomanEncoding" => Some(tables::MAC_ROMAN_ENCODING),
        b"StandardEncoding" => Some(tables::STANDARD_ENCODING),
        _ => None,
    };
    let default = || {
        if subtype == "Type1" && !symbolic && !name.starts_with("Symbol") {
            tables::STANDARD_ENCODING
        } else {
            // A TrueType font without an encoding, symbolic or not, is read by its codes
            // as Windows writes them: this is how legacy fonts' bytes arrive.
            let mut t = ['\0'; 256];
            for (b, c) in t.iter_mut().enumerate() {
                *c = crate::read::encoding::windows_1252(b as u8);
            }
            t
        }
    };
    match get(doc, dict, b"Encoding") {
        Some(Object::Name(n)) => named(n).unwrap_or_else(default),
        Some(Object::Dictionary(d)) => {
            let mut table = get(doc, d, b"BaseEncoding")
                .and_then(|o| o.as_name().ok())
                .and_then(named)
                .unwrap_or_else(default);
            if let Some(diffs) = get(doc, d, b"Differences").and_then(|o| o.as_array().ok()) {
                let mut code = 0usize;
                for o in diffs.iter().take(1024) {
                    match deref(doc, o) {
                        Some(Object::Integer(c)) => code = (*c).clamp(0, 255) as usize,
                        Some(Object::Name(n)) => {
                            if code < 256 {
                                table[code] = glyph(n).unwrap_or_else(|| {
                                    crate::read::encoding::windows_1252(code as u8)
                                });
                            }
                            code += 1;
                        }
                        _ => {}
                    }
                }
            }
            table
        }
        _ => default(),
    }
}

/// The character a glyph name stands for: the Adobe Glyph List, "uniXXXX", "uXXXX[XX]",
/// with a suffix after "." dropped.
pub(crate) fn glyph(name: &[u8]) -> Option<char> {
    let name = std::str::from_utf8(name).ok()?;
    let name = name.split('.').next().unwrap_or(name);
    if let Ok(i) = tables::GLYPH_NAMES.binary_search_by(|(n, _)| (*n).cmp(name)) {
        return Some(tables::GLYPH_NAMES[i].1);
    }
    let hex = |h: &str| u32::from_str_radix(h, 16).ok().and_then(char::from_u32);
    if let Some(h) = name.strip_prefix("uni") {
        if h.len() >= 4 {
            return hex(&h[..4]);
        }
    }
    if let Some(h) = name.strip_prefix('u') {
        if (4..=6).contains(&h.len()) && h.chars().all(|c| c.is_ascii_hexdigit()) {
            return hex(h);
        }
    }
    None
}

/// A CMap: its code space ranges and what its codes map to.
#[derive(Debug, Clone, Default)]
pub(crate) struct CMap {
    /// (bytes, low, high).
    pub spaces: Vec<(usize, u32, u32)>,
    single: HashMap<(u32, usize), String>,
    /// (bytes, low, high, the first code's text), sorted by low.
    ranges: Vec<(usize, u32, u32, Vec<u16>)>,
}

impl CMap {
    /// Reads a CMap's ranges and mappings; what does not parse is skipped.
    pub fn parse(bytes: &[u8]) -> CMap {
        let mut cmap = CMap::default();
        let mut lexer = Lexer::new(bytes);
        while let Some((op, operands)) = lexer.next_op() {
            match op.as_slice() {
                b"endcodespacerange" => {
                    for pair in operands.chunks_exact(2) {
                        if let [Operand::Str(lo), Operand::Str(hi)] = pair {
                            if cmap.spaces.len() < 256 && (1..=4).contains(&lo.len()) {
                                cmap.spaces.push((lo.len(), int(lo), int(hi)));
                            }
                        }
                    }
                }
                b"endbfchar" => {
                    for pair in operands.chunks_exact(2) {
                        if cmap.single.len() >= MAX_MAPPINGS {
                            break;
                        }
                        let (Operand::Str(src), dst) = (&pair[0], &pair[1]) else {
                            continue;
                        };
                        let text = match dst {
                            Operand::Str(d) => utf16(&units(d)),
                            Operand::Name(n) => glyph(n).map(String::from).unwrap_or_default(),
                            _ => continue,
                        };
                        if (1..=4).contains(&src.len()) {
                            cmap.single.insert((int(src), src.len()), text);
                        }
                    }
                }
                b"endbfrange" => {
                    for triple in operands.chunks_exact(3) {
                        if cmap.ranges.len() + cmap.single.len() >= MAX_MAPPINGS {
                            break;
                        }
                        let (Operand::Str(lo), Operand::Str(hi)) = (&triple[0], &triple[1]) else {
                            continue;
                        };
                        if !(1..=4).contains(&lo.len()) {
                            continue;
                        }
                        let (lo_v, hi_v) = (int(lo), int(hi));
                        if hi_v < lo_v {
                            continue;
                        }
                        match &triple[2] {
                            Operand::Str(d) => {
                                cmap.ranges.push((lo.len(), lo_v, hi_v, units(d)));
                            }
                            Operand::Array(list) => {
                                for (k, item) in list.iter().enumerate() {
                                    let code = lo_v + k as u32;
                                    if code > hi_v || cmap.single.len() >= MAX_MAPPINGS {
                                        break;
                                    }
                                    if let Operand::Str(d) = item {
                                        cmap.single.insert((code, lo.len()), utf16(&units(d)));
                                    }
                                }
                            }
                            _ => {}
                        }
                    }
                }
                _ => {}
            }
        }
        cmap.ranges.sort_by_key(|r| r.1);
        cmap
    }

    /// What a code of `len` bytes maps to, if the CMap says.
    pub fn get(&self, code: u32, len: usize) -> Option<String> {
        if let Some(t) = self.single.get(&(code, len)) {
            return Some(t.clone());
        }
        let i = self.ranges.partition_point(|r| r.1 <= code);
        // Ranges may overlap: the nearest few below the code are tried.
        for r in self.ranges[..i].iter().rev().take(8) {
            let (n, lo, hi, first) = r;
            if *n == len && code <= *hi {
                let mut units = first.clone();
                if let Some(last) = units.last_mut() {
                    *last = last.wrapping_add((code - lo) as u16);
                }
                return Some(utf16(&units));
            }
        }
        None
    }
}

fn int(bytes: &[u8]) -> u32 {
    bytes.iter().take(4).fold(0u32, |a, &b| a << 8 | b as u32)
}

fn units(bytes: &[u8]) -> Vec<u16> {
    bytes
        .chunks(2)
        .map(|p| match p {
            [a, b] => u16::from_be_bytes([*a, *b]),
            [a] => *a as u16,
            _ => 0,
        })
        .collect()
}

fn utf16(units: &[u16]) -> String {
    char::decode_utf16(units.iter().copied())
        .map(|c| c.unwrap_or('\u{fffd}'))
        .collect()
}

/// An entry of a dictionary, references followed.
pub fn get<'a>(doc: &'a Document, dict: &'a Dictionary, key: &[u8]) -> Option<&'a Object> {
    dict.get(key).ok().and_then(|o| deref(doc, o))
}

/// An object, or what a reference points to.
pub(crate) fn deref<'a>(doc: &'a Document, object: &'a Object) -> Option<&'a Object> {
    doc.dereference(object).ok().map(|(_, o)| o)
}

/// A number object's value.
pub fn number(object: &Object) -> Option<f32> {
    match object {
        Object::Integer(i) => Some(*i as f32),
        Object::Real(r) => Some(*r),
        _ => None,
    }
}

fn name_of(doc: &Document, dict: &Dictionary, key: &[u8]) -> Option<String> {
    get(doc, dict, key)
        .and_then(|o| o.as_name().ok())
        .map(|n| String::from_utf8_lossy(n).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(cmap: &str, code: u32, len: usize, expected: Option<&str>) {
        assert_eq!(
            CMap::parse(cmap.as_bytes()).get(code, len).as_deref(),
            expected
        );
    }

    const CMAP: &str = "/CIDInit /ProcSet findresource begin 12 dict begin begincmap
        /CMapName /Adobe-Identity-UCS def
        1 begincodespacerange <0000> <FFFF> endcodespacerange
        2 beginbfchar <0003> <0020> <0014> <0031> endbfchar
        2 beginbfrange <0024> <0026> <0041> <0100> <0102> [<1EA0> <1EA1> <00660069>] endbfrange
        endcmap CMapName currentdict /CMap defineresource pop end end";

    #[test]
    fn tounicode_maps_single_codes_ranges_and_arrays() {
        check(CMAP, 0x14, 2, Some("1"));
        check(CMAP, 0x25, 2, Some("B"));
        check(CMAP, 0x101, 2, Some("ạ"));
        check(CMAP, 0x102, 2, Some("fi"));
        check(CMAP, 0x27, 2, None);
        check(CMAP, 0x14, 1, None);
        assert_eq!(CMap::parse(CMAP.as_bytes()).spaces, vec![(2, 0, 0xFFFF)]);
    }

    #[test]
    fn glyph_names() {
        assert_eq!(glyph(b"Ohornhookabove"), Some('Ở'));
        assert_eq!(glyph(b"dcroat"), Some('đ'));
        assert_eq!(glyph(b"uni1EA1"), Some('ạ'));
        assert_eq!(glyph(b"u1EA1"), Some('ạ'));
        assert_eq!(glyph(b"a.sc"), Some('a'));
        assert_eq!(glyph(b"g123"), None);
    }

    #[test]
    fn a_range_never_expands_past_its_bound() {
        // A range over every four-byte code is kept as one range, not four billion entries.
        let huge = "1 beginbfrange <00000000> <FFFFFFFF> <0041> endbfrange";
        let cmap = CMap::parse(huge.as_bytes());
        assert_eq!(cmap.get(2, 4).as_deref(), Some("C"));
    }
}
