//! A PDF content stream read one operator at a time, without building the whole program in
//! memory: operands are gathered until their operator, handed over, then dropped. Only
//! what reading text needs is kept (numbers, names, strings and arrays of them); the
//! property lists of marked content and the data of inline images are skipped.

/// One operand of a content-stream operator.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Operand {
    /// A number, integer or real.
    Number(f32),
    /// A name, without its "/".
    Name(Vec<u8>),
    /// A string's bytes, literal or hexadecimal.
    Str(Vec<u8>),
    /// An array.
    Array(Vec<Operand>),
    /// Something text does not need (a dictionary, a boolean, null).
    Other,
}

impl Operand {
    /// The number, if this is one.
    pub fn number(&self) -> Option<f32> {
        match self {
            Operand::Number(n) => Some(*n),
            _ => None,
        }
    }
}

/// The most operands kept before an operator: a real program has at most a few dozen.
const MAX_OPERANDS: usize = 4096;
/// The most elements kept in an array (a TJ of a long line has a few hundred).
const MAX_ARRAY: usize = 1 << 16;
/// The deepest nesting of arrays and dictionaries followed.
const MAX_DEPTH: usize = 32;

/// Reads a content stream operator by operator.
pub(crate) struct Lexer<'a> {
    data: &'a [u8],
    at: usize,
    operands: Vec<Operand>,
}

impl<'a> Lexer<'a> {
    /// A lexer over a stream's decoded bytes.
    pub fn new(data: &'a [u8]) -> Lexer<'a> {
        Lexer {
            data,
            at: 0,
            operands: Vec::new(),
        }
    }

    /// The next operator and its operands, or none at the end of the stream.
    pub(crate) fn next_op(&mut self) -> Option<(Vec<u8>, Vec<Operand>)> {
        self.operands.clear();
        loop {
            self.skip_space();
            let &b = self.data.get(self.at)?;
            match b {
                b'/' | b'(' | b'<' | b'[' | b'+' | b'-' | b'.' | b'0'..=b'9' => {
                    let operand = self.operand(0);
                    if self.operands.len() < MAX_OPERANDS {
                        self.operands.push(operand);
                    }
                }
                b')' | b'>' | b']' | b'}' | b'{' => self.at += 1,
                _ => {
                    let word = self.word();
                    match word.as_slice() {
                        b"true" | b"false" | b"null" => self.operands.push(Operand::Other),
                        // An inline image: its dictionary and data are not text.
                        b"ID" => {
                            self.skip_image_data();
                            self.operands.clear();
                            continue;
                        }
                        b"BI" | b"EI" => {
                            self.operands.clear();
                            continue;
                        }
                        _ => return Some((word, std::mem::take(&mut self.operands))),
                    }
                }
            }
        }
    }

    fn skip_space(&mut self) {
        while let Some(&b) = self.data.get(self.at) {
            if b == b'%' {
                while let Some(&c) = self.data.get(self.at) {
                    if c == b'\n' || c == b'\r' {
                        break;
                    }
                    self.at += 1;
                }
            } else if is_space(b) {
                self.at += 1;
            } else {
                break;
            }
        }
    }

    /// A run of regular characters (an operator or a bare keyword).
    fn word(&mut self) -> Vec<u8> {
        let start = self.at;
        while let Some(&b) = self.data.get(self.at) {
            if is_space(b) || is_delimiter(b) {
                break;
            }
            self.at += 1;
        }
        if self.at == start {
            // A stray delimiter: step over it so that the reading always moves on.
            self.at += 1;
        }
        self.data[start..self.at].to_vec()
    }

    fn operand(&mut self, depth: usize) -> Operand {
        self.skip_space();
        let Some(&b) = self.data.get(self.at) else {
            return Operand::Other;
        };
        match b {
            b'/' => {
                self.at += 1;
                Operand::Name(self.word_or_empty())
            }
            b'(' => Operand::Str(self.literal()),
            b'<' if self.data.get(self.at + 1) == Some(&b'<') => {
                self.at += 2;
                self.skip_until_dict_end(depth);
                Operand::Other
            }
            b'<' => Operand::Str(self.hex()),
            b'[' => {
                self.at += 1;
                let mut items = Vec::new();
                loop {
                    self.skip_space();
                    match self.data.get(self.at) {
                        None => break,
                        Some(b']') => {
                            self.at += 1;
                            break;
                        }
                        Some(_) if depth >= MAX_DEPTH => {
                            self.at += 1;
                        }
                        Some(c) if is_regular_start(*c) => {
                            let item = self.operand(depth + 1);
                            if items.len() < MAX_ARRAY {
                                items.push(item);
                            }
                        }
                        Some(_) => {
                            // A keyword inside an array is not valid content; skip it.
                            self.word();
                        }
                    }
                }
                Operand::Array(items)
            }
            b'+' | b'-' | b'.' | b'0'..=b'9' => self.number(),
            _ => {
                self.word();
                Operand::Other
            }
        }
    }

    fn word_or_empty(&mut self) -> Vec<u8> {
        let start = self.at;
        while let Some(&b) = self.data.get(self.at) {
            if is_space(b) || is_delimiter(b) {
                break;
            }
            self.at += 1;
        }
        let raw = &self.data[start..self.at];
        // "#xx" in a name is the byte xx.
        let mut out = Vec::with_capacity(raw.len());
        let mut i = 0;
        while i < raw.len() {
            if raw[i] == b'#' {
                if let Some(v) = raw
                    .get(i + 1..i + 3)
                    .and_then(|h| std::str::from_utf8(h).ok())
                    .and_then(|h| u8::from_str_radix(h, 16).ok())
                {
                    out.push(v);
                    i += 3;
                    continue;
                }
            }
            out.push(raw[i]);
            i += 1;
        }
        out
    }

    fn number(&mut self) -> Operand {
        let start = self.at;
        while let Some(&b) = self.data.get(self.at) {
            if matches!(b, b'+' | b'-' | b'.' | b'0'..=b'9') {
                self.at += 1;
            } else {
                break;
            }
        }
        let text = std::str::from_utf8(&self.data[start..self.at]).unwrap_or("0");
        // Producers write "--5" or "5-" now and then; what a viewer makes of it will do.
        let clean: String = {
            let mut s = String::new();
            let mut seen_digit = false;
            for (i, c) in text.chars().enumerate() {
                if (c == '-' || c == '+') && (i > 0 || seen_digit) {
                    continue;
                }
                seen_digit |= c.is_ascii_digit();
                s.push(c);
            }
            s
        };
        Operand::Number(clean.parse::<f32>().unwrap_or(0.0))
    }

    /// A literal string: balanced parentheses, backslash escapes.
    fn literal(&mut self) -> Vec<u8> {
        self.at += 1;
        let mut out = Vec::new();
        let mut depth = 1usize;
        while let Some(&b) = self.data.get(self.at) {
            self.at += 1;
            match b {
                b'(' => {
                    depth += 1;
                    out.push(b);
                }
                b')' => {
                    depth -= 1;
                    if depth == 0 {
                        break;
                    }
                    out.push(b);
                }
                b'\\' => {
                    let Some(&e) = self.data.get(self.at) else {
                        break;
                    };
                    self.at += 1;
                    match e {
                        b'n' => out.push(b'\n'),
                        b'r' => out.push(b'\r'),
                        b't' => out.push(b'\t'),
                        b'b' => out.push(8),
                        b'f' => out.push(12),
                        b'\r' => {
                            if self.data.get(self.at) == Some(&b'\n') {
                                self.at += 1;
                            }
                        }
                        b'\n' => {}
                        b'0'..=b'7' => {
                            let mut v = (e - b'0') as u32;
                            for _ in 0..2 {
                                match self.data.get(self.at) {
                                    Some(&d @ b'0'..=b'7') => {
                                        v = v * 8 + (d - b'0') as u32;
                                        self.at += 1;
                                    }
                                    _ => break,
                                }
                            }
                            out.push(v as u8);
                        }
                        other => out.push(other),
                    }
                }
                _ => out.push(b),
            }
        }
        out
    }

    /// A hexadecimal string; an odd last digit counts as followed by 0.
    fn hex(&mut self) -> Vec<u8> {
        self.at += 1;
        let mut out = Vec::new();
        let mut high: Option<u8> = None;
        while let Some(&b) = self.data.get(self.at) {
            self.at += 1;
            let v = match b {
                b'>' => break,
                b'0'..=b'9' => b - b'0',
                b'a'..=b'f' => b - b'a' + 10,
                b'A'..=b'F' => b - b'A' + 10,
                _ => continue,
            };
            match high.take() {
                Some(h) => out.push(h << 4 | v),
                None => high = Some(v),
            }
        }
        if let Some(h) = high {
            out.push(h << 4);
        }
        out
    }

    /// Steps over a dictionary's content up to its closing ">>", nested ones included.
    fn skip_until_dict_end(&mut self, depth: usize) {
        while self.at < self.data.len() {
            self.skip_space();
            match self.data.get(self.at) {
                None => return,
                Some(b'>') if self.data.get(self.at + 1) == Some(&b'>') => {
                    self.at += 2;
                    return;
                }
                Some(b'<') if self.data.get(self.at + 1) == Some(&b'<') => {
                    self.at += 2;
                    if depth < MAX_DEPTH {
                        self.skip_until_dict_end(depth + 1);
                    }
                }
                Some(c) if is_regular_start(*c) => {
                    self.operand(depth + 1);
                }
                Some(_) => {
                    self.word();
                }
            }
        }
    }

    /// The data of an inline image, up to the "EI" that ends it (after white space, and
    /// followed by white space or the end).
    fn skip_image_data(&mut self) {
        // One white-space byte follows "ID".
        self.at += 1;
        while self.at + 1 < self.data.len() {
            if self.data[self.at] == b'E'
                && self.data[self.at + 1] == b'I'
                && self.at > 0
                && is_space(self.data[self.at - 1])
                && self
                    .data
                    .get(self.at + 2)
                    .is_none_or(|&b| is_space(b) || is_delimiter(b))
            {
                self.at += 2;
                return;
            }
            self.at += 1;
        }
        self.at = self.data.len();
    }
}

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r' | b'\n' | b'\x0c' | b'\0')
}

fn is_delimiter(b: u8) -> bool {
    matches!(
        b,
        b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%'
    )
}

/// A byte that starts an operand inside an array or a dictionary.
fn is_regular_start(b: u8) -> bool {
    matches!(
        b,
        b'/' | b'(' | b'<' | b'[' | b'+' | b'-' | b'.' | b'0'..=b'9'
    ) || b.is_ascii_alphabetic()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ops(data: &[u8]) -> Vec<(String, Vec<Operand>)> {
        let mut lexer = Lexer::new(data);
        let mut out = Vec::new();
        while let Some((op, operands)) = lexer.next_op() {
            out.push((String::from_utf8_lossy(&op).into_owned(), operands));
        }
        out
    }

    fn check(data: &str, expected: &[(&str, Vec<Operand>)]) {
        let got = ops(data.as_bytes());
        let want: Vec<(String, Vec<Operand>)> = expected
            .iter()
            .map(|(o, v)| (o.to_string(), v.clone()))
            .collect();
        assert_eq!(got, want);
    }

    use Operand::*;

    #[test]
    fn operators_and_their_operands() {
        check(
            "BT /F1 12 Tf 1 0 0 1 72.5 -7 Tm (Số \\(1\\)\\101) Tj ET",
            &[
                ("BT", vec![]),
                ("Tf", vec![Name(b"F1".to_vec()), Number(12.0)]),
                (
                    "Tm",
                    vec![
                        Number(1.0),
                        Number(0.0),
                        Number(0.0),
                        Number(1.0),
                        Number(72.5),
                        Number(-7.0),
                    ],
                ),
                ("Tj", vec![Str("Số (1)A".as_bytes().to_vec())]),
                ("ET", vec![]),
            ],
        );
        check(
            "[<0014 00 1>-250(a)]TJ % comment\n/P <</MCID 0 /A <</B [1 2]>> >>BDC EMC",
            &[
                (
                    "TJ",
                    vec![Array(vec![
                        Str(vec![0x00, 0x14, 0x00, 0x10]),
                        Number(-250.0),
                        Str(b"a".to_vec()),
                    ])],
                ),
                ("BDC", vec![Name(b"P".to_vec()), Other]),
                ("EMC", vec![]),
            ],
        );
    }

    #[test]
    fn inline_images_and_broken_content_are_stepped_over() {
        let image = b"BI /W 2 /H 2 ID \x00EI\xff\x01 EI Q";
        assert_eq!(ops(image), vec![("Q".to_string(), vec![])]);
        // Unbalanced delimiters and a string never closed end without a loop.
        check(") ] } 5 (open", &[]);
        check("/A#20B Do", &[("Do", vec![Name(b"A B".to_vec())])]);
    }
}
