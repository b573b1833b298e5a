//! Word 97–2003 documents (.doc): the compound file opened with `cfb`, the main document's
//! text taken through the piece table as [MS-DOC] documents it (the Clx in the table
//! stream names, for each run of characters, where its bytes are and whether they are
//! 8-bit or UTF-16). Paragraphs become lines, table cells come in reading order (the
//! header's two cells one after the other, as a .docx gives them), fields keep their
//! result and drop their code. Every size the file claims is checked against the bytes
//! there are before it is used, and what is produced stops at the text limit.

use std::io::{Cursor, Read};

use crate::error::Error;

/// The most characters taken from a document, as for every reader.
const MAX_CHARS: usize = crate::text::MAX_TEXT_CHARS;
/// The most pieces a piece table may have: a text of `MAX_CHARS` in pieces of one.
const MAX_PIECES: usize = MAX_CHARS;

/// The text of a .doc's main document, or why it cannot be read.
pub fn text(bytes: &[u8]) -> Result<String, Error> {
    // cfb checks its chains for loops and lengths; a panic in it would still be a bad file,
    // never a crash of the app.
    std::panic::catch_unwind(|| read(bytes))
        .unwrap_or_else(|_| Err(damaged("cấu trúc tệp không hợp lệ")))
}

/// Whether these bytes are a compound file (Word 97–2003, Excel 97–2003, an encrypted
/// Office file).
pub(crate) fn is_compound(bytes: &[u8]) -> bool {
    bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1])
}

fn read(bytes: &[u8]) -> Result<String, Error> {
    let mut file = cfb::CompoundFile::open(Cursor::new(bytes))
        .map_err(|e| damaged(&format!("không mở được ({e})")))?;
    if file.exists("EncryptedPackage") {
        return Err(Error::Import(
            "tệp có đặt mật khẩu, không đọc được: hãy mở bằng Word, bỏ mật khẩu rồi lưu lại".into(),
        ));
    }
    if !file.is_stream("WordDocument") {
        return Err(Error::Import(
            "tệp không phải văn bản Word (có lẽ là bảng tính hoặc tệp Office khác)".into(),
        ));
    }
    let word = stream(&mut file, "WordDocument", bytes.len())?;
    let fib = Fib::read(&word)?;
    let table = stream(&mut file, fib.table_stream(), bytes.len())?;
    let clx = slice(&table, fib.fc_clx as usize, fib.lcb_clx as usize)
        .ok_or_else(|| damaged("bảng vị trí chữ nằm ngoài tệp"))?;
    let pieces = pieces(clx)?;
    let mut out = Text::default();
    for piece in pieces {
        // Only the main document: footnotes, headers and text boxes follow it.
        if piece.start >= fib.ccp_text {
            break;
        }
        let end = piece.end.min(fib.ccp_text);
        let count = (end - piece.start) as usize;
        if piece.compressed {
            let run = slice(&word, piece.offset, count)
                .ok_or_else(|| damaged("đoạn chữ nằm ngoài tệp"))?;
            for &b in run {
                out.push(super::encoding::windows_1252(b))?;
            }
        } else {
            let run = slice(&word, piece.offset, count * 2)
                .ok_or_else(|| damaged("đoạn chữ nằm ngoài tệp"))?;
            let units = run
                .chunks_exact(2)
                .map(|p| u16::from_le_bytes([p[0], p[1]]));
            for c in char::decode_utf16(units) {
                out.push(c.unwrap_or('\u{fffd}'))?;
            }
        }
    }
    Ok(out.text)
}

/// A stream of the compound file, read whole within the size of the file it is in: a
/// stream cannot hold more than the file, whatever its directory entry claims.
fn stream(
    file: &mut cfb::CompoundFile<Cursor<&[u8]>>,
    name: &str,
    limit: usize,
) -> Result<Vec<u8>, Error> {
    let mut s = file
        .open_stream(name)
        .map_err(|e| damaged(&format!("thiếu phần {name} ({e})")))?;
    if s.len() > limit as u64 {
        return Err(damaged(&format!(
            "phần {name} khai kích thước lớn hơn cả tệp"
        )));
    }
    let mut out = Vec::with_capacity(s.len() as usize);
    (&mut s)
        .take(limit as u64)
        .read_to_end(&mut out)
        .map_err(|e| damaged(&format!("không đọc được phần {name} ({e})")))?;
    Ok(out)
}

/// `len` bytes of `data` from `at`, when they are all there.
fn slice(data: &[u8], at: usize, len: usize) -> Option<&[u8]> {
    data.get(at..at.checked_add(len)?)
}

fn damaged(what: &str) -> Error {
    Error::Import(format!("tệp .doc bị hỏng, không đọc được: {what}"))
}

/// What the File Information Block says of the text: where the piece table is and how
/// long the main document is.
struct Fib {
    /// The table stream is "1Table" (else "0Table").
    one_table: bool,
    ccp_text: u32,
    fc_clx: u32,
    lcb_clx: u32,
}

impl Fib {
    fn read(word: &[u8]) -> Result<Fib, Error> {
        let u16_at = |at: usize| slice(word, at, 2).map(|b| u16::from_le_bytes([b[0], b[1]]));
        let u32_at =
            |at: usize| slice(word, at, 4).map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]));
        if u16_at(0) != Some(0xA5EC) {
            return Err(damaged("không có phần đầu của văn bản Word"));
        }
        let n_fib = u16_at(2).unwrap_or(0);
        let flags = u16_at(0x0A).unwrap_or(0);
        // nFib 0x00C1 is Word 97; Word 6 and Word 95 wrote smaller ones, in another layout.
        if n_fib < 0x00C1 {
            return Err(Error::Import(
                "tệp Word 6.0/95 (đời cũ hơn Word 97) chưa đọc được: hãy mở bằng Word và lưu thành .docx"
                    .into(),
            ));
        }
        if flags & 0x0100 != 0 {
            return Err(Error::Import(
                "tệp .doc có đặt mật khẩu, không đọc được: hãy mở bằng Word, bỏ mật khẩu rồi lưu lại"
                    .into(),
            ));
        }
        // FibRgLw97 starts at 64: ccpText is its fourth value. FibRgFcLcb97 starts at 154:
        // the Clx is its 34th pair.
        let (Some(ccp_text), Some(fc_clx), Some(lcb_clx)) = (
            u32_at(64 + 12),
            u32_at(154 + 33 * 8),
            u32_at(154 + 33 * 8 + 4),
        ) else {
            return Err(damaged("phần đầu của văn bản bị cắt cụt"));
        };
        Ok(Fib {
            one_table: flags & 0x0200 != 0,
            ccp_text,
            fc_clx,
            lcb_clx,
        })
    }

    fn table_stream(&self) -> &'static str {
        if self.one_table {
            "1Table"
        } else {
            "0Table"
        }
    }
}

/// A run of characters: character positions `start..end` of the document, at byte
/// `offset` of the WordDocument stream, 8-bit when `compressed`.
#[derive(Debug, PartialEq)]
struct Piece {
    start: u32,
    end: u32,
    offset: usize,
    compressed: bool,
}

/// The pieces of a Clx, in the document's order: formatting blocks (Prc, 0x01) are
/// skipped, then the piece table (Pcdt, 0x02): n+1 character positions, then n piece
/// descriptors of 8 bytes.
fn pieces(clx: &[u8]) -> Result<Vec<Piece>, Error> {
    let mut at = 0usize;
    while clx.get(at) == Some(&0x01) {
        let size = slice(clx, at + 1, 2)
            .map(|b| i16::from_le_bytes([b[0], b[1]]))
            .filter(|&n| n >= 0)
            .ok_or_else(|| damaged("bảng vị trí chữ hỏng"))?;
        at += 3 + size as usize;
    }
    if clx.get(at) != Some(&0x02) {
        return Err(damaged("không có bảng vị trí chữ"));
    }
    let lcb = slice(clx, at + 1, 4)
        .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize)
        .ok_or_else(|| damaged("bảng vị trí chữ bị cắt cụt"))?;
    let plc = slice(clx, at + 5, lcb).ok_or_else(|| damaged("bảng vị trí chữ bị cắt cụt"))?;
    if lcb < 4 || (lcb - 4) % 12 != 0 {
        return Err(damaged("bảng vị trí chữ có kích thước sai"));
    }
    let n = (lcb - 4) / 12;
    if n > MAX_PIECES {
        return Err(damaged("bảng vị trí chữ quá lớn"));
    }
    let cp = |i: usize| {
        let b = &plc[4 * i..4 * i + 4];
        u32::from_le_bytes([b[0], b[1], b[2], b[3]])
    };
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        let (start, end) = (cp(i), cp(i + 1));
        if end < start || (i > 0 && start < cp(i - 1)) {
            return Err(damaged("bảng vị trí chữ không theo thứ tự"));
        }
        let d = &plc[4 * (n + 1) + 8 * i..4 * (n + 1) + 8 * i + 8];
        let fc = u32::from_le_bytes([d[2], d[3], d[4], d[5]]);
        let compressed = fc & 0x4000_0000 != 0;
        let fc = fc & 0x3FFF_FFFF;
        out.push(Piece {
            start,
            end,
            offset: if compressed {
                fc as usize / 2
            } else {
                fc as usize
            },
            compressed,
        });
    }
    Ok(out)
}

/// The text as it is put together: Word's special characters turned into lines and
/// spaces, fields' codes left out, within `MAX_CHARS`.
#[derive(Default)]
struct Text {
    text: String,
    chars: usize,
    /// For each field being read (they nest): whether its result has begun.
    fields: Vec<bool>,
}

impl Text {
    fn push(&mut self, c: char) -> Result<(), Error> {
        match c {
            // A field: its code (between begin and separator) is not text; its result is.
            '\u{13}' => {
                if self.fields.len() < 64 {
                    self.fields.push(false);
                }
                return Ok(());
            }
            '\u{14}' => {
                if let Some(last) = self.fields.last_mut() {
                    *last = true;
                }
                return Ok(());
            }
            '\u{15}' => {
                self.fields.pop();
                return Ok(());
            }
            _ => {}
        }
        if self.fields.iter().any(|&result| !result) {
            return Ok(());
        }
        let c = match c {
            // Paragraph, cell and row ends, line, page and column breaks.
            '\r' | '\u{7}' | '\u{b}' | '\u{c}' | '\u{e}' => '\n',
            '\t' => ' ',
            // A non-breaking hyphen.
            '\u{1e}' => '-',
            // An optional hyphen, pictures, drawn objects, note and comment marks.
            '\u{1f}' | '\u{1}' | '\u{8}' | '\u{2}' | '\u{5}' => return Ok(()),
            c if c.is_control() && c != '\n' => return Ok(()),
            c => c,
        };
        self.chars += 1;
        if self.chars > MAX_CHARS {
            return Err(Error::Import(format!(
                "văn bản quá dài (hơn {MAX_CHARS} ký tự)"
            )));
        }
        self.text.push(c);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A .doc whose main document is `text`, in one piece, 8-bit when `compressed` (each
    /// character then its byte).
    pub(crate) fn doc(text: &str, compressed: bool) -> Vec<u8> {
        let units: Vec<u16> = text.encode_utf16().collect();
        let mut word = vec![0u8; 1024];
        word[0..2].copy_from_slice(&0xA5ECu16.to_le_bytes());
        word[2..4].copy_from_slice(&0x00C1u16.to_le_bytes());
        word[0x0A..0x0C].copy_from_slice(&0x0200u16.to_le_bytes());
        word[76..80].copy_from_slice(&(units.len() as u32).to_le_bytes());
        let at = word.len() as u32;
        if compressed {
            word.extend(units.iter().map(|&u| u as u8));
        } else {
            word.extend(units.iter().flat_map(|u| u.to_le_bytes()));
        }
        let fc = if compressed {
            (at * 2) | 0x4000_0000
        } else {
            at
        };
        let mut clx = vec![0x02];
        clx.extend(16u32.to_le_bytes());
        clx.extend(0u32.to_le_bytes());
        clx.extend((units.len() as u32).to_le_bytes());
        clx.extend([0, 0]);
        clx.extend(fc.to_le_bytes());
        clx.extend([0, 0]);
        let table_at = 16u32;
        let mut table = vec![0u8; table_at as usize];
        table.extend(&clx);
        word[154 + 33 * 8..154 + 33 * 8 + 4].copy_from_slice(&table_at.to_le_bytes());
        word[154 + 33 * 8 + 4..154 + 33 * 8 + 8].copy_from_slice(&(clx.len() as u32).to_le_bytes());
        compound(&[("WordDocument", &word), ("1Table", &table)])
    }

    /// A compound file holding these streams.
    pub(crate) fn compound(streams: &[(&str, &[u8])]) -> Vec<u8> {
        let mut file = cfb::CompoundFile::create(Cursor::new(Vec::new())).unwrap();
        for (name, data) in streams {
            let mut s = file.create_stream(name).unwrap();
            std::io::Write::write_all(&mut s, data).unwrap();
        }
        file.flush().unwrap();
        file.into_inner().into_inner()
    }

    fn check(text_in: &str, expected: &str) {
        assert_eq!(text(&doc(text_in, false)).unwrap(), expected);
    }

    #[test]
    fn paragraphs_cells_and_fields() {
        check("Số: 12/UBND\rV/v họp\r", "Số: 12/UBND\nV/v họp\n");
        // A header table: the left cell, then the right one, then the row's end.
        check(
            "UBND TỈNH\u{7}CỘNG HÒA\u{7}\u{7}Kính gửi",
            "UBND TỈNH\nCỘNG HÒA\n\nKính gửi",
        );
        // A field keeps its result, not its code, nested or not.
        check(
            "Trang \u{13} PAGE \u{14}2\u{15} và \u{13}HYPERLINK \u{13}X\u{14}y\u{15}\u{14}nối\u{15}.",
            "Trang 2 và nối.",
        );
        check("a\u{1e}b\u{1f}c\u{1}\u{8}\td", "a-bc d");
    }

    #[test]
    fn eight_bit_pieces_read_as_windows_1252() {
        assert_eq!(
            text(&doc("C\u{ab}ng v\u{a8}n \u{93}x\u{94}", true)).unwrap(),
            "C«ng v¨n “x”"
        );
    }

    #[test]
    fn what_is_not_a_word_document_says_so() {
        let err = |b: &[u8]| text(b).unwrap_err().to_string();
        assert!(err(&compound(&[("Workbook", b"x")])).contains("không phải văn bản Word"));
        assert!(err(&compound(&[("EncryptedPackage", b"x")])).contains("mật khẩu"));
        assert!(err(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1 cut").contains("bị hỏng"));
        let mut old = doc("x", false);
        // The FIB's nFib as Word 95 wrote it: in place in the file's WordDocument stream.
        let at = old
            .windows(4)
            .position(|w| w == [0xEC, 0xA5, 0xC1, 0x00])
            .unwrap();
        old[at + 2] = 0x65;
        assert!(err(&old).contains("Word 6.0/95"));
    }

    #[test]
    fn sizes_that_lie_are_refused() {
        let mut bad = doc("Kính gửi", false);
        // The Clx's piece points far past the stream.
        let at = bad.windows(4).position(|w| w == [0x02, 16, 0, 0]).unwrap();
        bad[at + 1 + 4 + 8 + 2..at + 1 + 4 + 8 + 6].copy_from_slice(&0x3000_0000u32.to_le_bytes());
        assert!(text(&bad).unwrap_err().to_string().contains("ngoài tệp"));
    }
}
