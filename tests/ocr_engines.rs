//! The desk reads a scan with the engine the shell hands it (the window's, on a clerk's
//! Windows PC) when the machine has no Tesseract program, tells of each page, stops when
//! told to, takes a second, sparse look for a signer's name and a darker one for a date
//! line printed pale, reads again alone small type read with the column beside it, and the strip under the
//! signer's title when no look read the name. Alone in its test binary: it sets `CONGVAN_TESSERACT` for its
//! process.
// Tests read their own files (clippy.toml).
#![allow(clippy::disallowed_methods)]

mod common;

use congvan::desk::ocr::{words_from_tsv, Layout, PageImage, Reading, Recognize, Word};
use congvan::desk::Desk;

/// An engine that reads the same lines on every page, as Tesseract's library writes TSV
/// (no header line), and counts the pages it was given; `signed`, the page ends with a
/// signer's title whose name only a sparse look finds; `dated`, it has its date line;
/// `mixed`, Nơi nhận's first item is read unsure on one line with the signer's title, and
/// sure when its part of the page is read again alone as a block; `hidden`, the sparse look
/// finds no name either, and the strip under the title read alone has it under a seal;
/// `cut`, the sparse look finds the name without its family name, which the name's line
/// read alone gives as the seal's marks, and read again from just above its letters as a
/// family name with another mark.
struct Lines {
    pages: usize,
    signed: bool,
    sparse: usize,
    dated: bool,
    mixed: bool,
    hidden: bool,
    blocks: usize,
    cut: bool,
    strips: usize,
}

impl Lines {
    /// An engine that has read no page yet.
    fn new(signed: bool, dated: bool) -> Lines {
        Lines {
            pages: 0,
            signed,
            sparse: 0,
            dated,
            mixed: false,
            hidden: false,
            blocks: 0,
            cut: false,
            strips: 0,
        }
    }
}

/// TSV rows of `lines` from `top`, one word every 120 pixels from `left`.
fn rows(lines: &[&str], left: usize, top: usize, block: usize) -> String {
    let mut tsv = String::new();
    for (k, line) in lines.iter().enumerate() {
        for (w, word) in line.split(' ').enumerate() {
            let (x, y) = (left + 120 * w, top + 80 * k);
            tsv += &format!(
                "5\t1\t{block}\t1\t{}\t{}\t{x}\t{y}\t100\t40\t95\t{word}\n",
                k + 1,
                w + 1
            );
        }
    }
    tsv
}

impl Recognize for Lines {
    fn read(
        &mut self,
        page: &PageImage,
        layout: Layout,
    ) -> Result<Vec<Word>, congvan::desk::Failure> {
        if layout == Layout::Block {
            // The part is cut out with a margin of half its height: a quarter of the
            // picture's height.
            self.blocks += 1;
            let margin = (page.height / 4) as usize;
            let line = if self.hidden {
                "¬INghÿên Minh"
            } else {
                "- Như trên;"
            };
            return Ok(words_from_tsv(&rows(&[line], margin, margin, 1)));
        }
        if layout == Layout::Line {
            self.strips += 1;
            let margin = (page.height / 4) as usize;
            let line = match self.strips {
                1 => "`“ Thị Lê Vân",
                _ => "==Hã Thị Lê Vân",
            };
            return Ok(words_from_tsv(&rows(&[line], margin, margin, 1)));
        }
        if layout == Layout::Sparse {
            self.sparse += 1;
            if self.hidden {
                return Ok(Vec::new());
            }
            let name = if self.cut {
                "Thị Lê Vân"
            } else {
                "Lê Văn Phượng"
            };
            return Ok(words_from_tsv(&rows(&[name], 1500, 2200, 1)));
        }
        self.pages += 1;
        let mut lines = vec!["BAN QUẢN LÝ KCN"];
        if self.dated {
            lines.push("Bắc Giang, ngày 14 tháng 11 năm 2012");
        }
        lines.extend([
            "THÔNG BÁO",
            "Về việc đăng ký Quy chế trả lương, thưởng",
            "Kính gửi: Các doanh nghiệp trong khu công nghiệp",
            "Các doanh nghiệp thực hiện./.",
        ]);
        let mut tsv = rows(&lines, 300, 200, 1);
        if self.mixed {
            tsv += &rows(&["Nơi nhận:"], 300, 1700, 2);
            tsv += &rows(&["KT. TRƯỞNG BAN"], 1500, 1700, 3);
            // "- Như trên;" in small type read as one line with the title beside it.
            for (x, word, conf) in [(300, "-", 95), (420, "sĩ", 10), (540, "ín", 10)] {
                tsv += &format!("5\t1\t4\t1\t1\t1\t{x}\t1780\t100\t40\t{conf}\t{word}\n");
            }
            tsv += &rows(&["PHÓ TRƯỞNG BAN"], 1500, 1780, 4);
            tsv += &rows(&["- Lưu: VT."], 300, 1860, 5);
        } else if self.signed {
            tsv += &rows(&["Nơi nhận:", "- Như trên;", "- Lưu: VT."], 300, 1700, 2);
            tsv += &rows(&["KT. TRƯỞNG BAN", "PHÓ TRƯỞNG BAN"], 1500, 1700, 3);
        }
        Ok(words_from_tsv(&tsv))
    }
}

/// Scan g05 read at `desk` with `engine`, `progress` told of its pages.
fn read<'a>(
    desk: &Desk,
    engine: &'a mut Lines,
    progress: Option<&'a mut dyn FnMut(usize, usize) -> bool>,
) -> Result<congvan::read::parse::Directive, congvan::desk::Failure> {
    let scan = std::fs::read(common::root().join("tests/data/scanned/g05.pdf")).unwrap();
    let fallback: &mut dyn Recognize = engine;
    desk.read_bytes(
        "g05.pdf",
        &scan,
        &mut Reading {
            fallback: Some(fallback),
            progress,
            budget: None,
        },
    )
}

#[test]
fn without_the_program_the_shells_engine_reads_each_page_and_a_stop_stops() {
    std::env::set_var("CONGVAN_TESSERACT", "none");
    let scan = std::fs::read(common::root().join("tests/data/scanned/g05.pdf")).unwrap();
    let desk = Desk::in_memory().unwrap();
    // No engine at all: refused, saying what to do.
    let refused = desk
        .read_bytes("g05.pdf", &scan, &mut Reading::default())
        .unwrap_err();
    assert!(
        refused.message.contains("nhận dạng chữ"),
        "{}",
        refused.message
    );
    // The shell's engine, told of before the first page and after the last.
    let mut engine = Lines::new(false, true);
    let mut told = Vec::new();
    let mut progress = |done: usize, pages: usize| {
        told.push((done, pages));
        true
    };
    let first = read(&desk, &mut engine, Some(&mut progress)).unwrap();
    assert_eq!(first.doc_type.as_ref().map(|k| k.name()), Some("Thông báo"));
    assert!(first.ocr.is_some());
    assert_eq!(told, [(0, 1), (1, 1)]);
    // No signer read at all: the last page gets a sparse look for the signature too.
    assert_eq!((engine.pages, engine.sparse), (1, 1));
    // Stopped before its page: nothing read, and it says so.
    let stopped = read(&desk, &mut engine, Some(&mut |_, _| false)).unwrap_err();
    assert_eq!(stopped.message, congvan::desk::ocr::STOPPED);
    assert_eq!(engine.pages, 1, "a page was read after the stop");
    // A signer without a name: a second, sparse look finds it.
    let mut engine = Lines::new(true, true);
    let signed = read(&desk, &mut engine, None).unwrap();
    assert_eq!(signed.signer.title.as_deref(), Some("PHÓ TRƯỞNG BAN"));
    assert_eq!(signed.signer.name.as_deref(), Some("Lê Văn Phượng"));
    assert_eq!((engine.pages, engine.sparse), (1, 1));
    // Neither a date nor its place read: the first page is read once more, made darker
    // (a date line printed pale); this engine reads the same lines, so none is found.
    let mut engine = Lines::new(true, false);
    let undated = read(&desk, &mut engine, None).unwrap();
    assert_eq!((undated.date, undated.place), (None, None));
    assert_eq!((engine.pages, engine.sparse), (2, 1));
    // Nơi nhận's first item read unsure on one line with the title beside it: its part of
    // the page is read again alone, and the item is read.
    let mut engine = Lines::new(true, true);
    engine.mixed = true;
    let mixed = read(&desk, &mut engine, None).unwrap();
    assert_eq!(mixed.distribution, ["Như trên", "Lưu: VT"]);
    assert_eq!(mixed.signer.title.as_deref(), Some("PHÓ TRƯỞNG BAN"));
    assert_eq!(engine.blocks, 1);
    // No look finds the name (a seal printed grey over it): the strip under the title is
    // read alone, and its family name, a letter off under the seal, is put back and said.
    let mut engine = Lines::new(true, true);
    engine.hidden = true;
    let hidden = read(&desk, &mut engine, None).unwrap();
    assert_eq!(hidden.signer.name.as_deref(), Some("Nguyễn Minh"));
    assert_eq!(engine.blocks, 1);
    assert!(hidden
        .problems
        .iter()
        .any(|p| p.message.contains("bị dấu che")));
    // The name read without its family name, whose line read alone gives the seal's marks
    // before it: read again from just above its letters, "Hã" is Hà, put back and said.
    let mut engine = Lines::new(true, true);
    engine.cut = true;
    let cut = read(&desk, &mut engine, None).unwrap();
    assert_eq!(cut.signer.name.as_deref(), Some("Hà Thị Lê Vân"));
    assert_eq!(engine.strips, 2);
    assert!(cut
        .problems
        .iter()
        .any(|p| p.message.contains("bị dấu che")));
}
