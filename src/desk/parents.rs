//! The parents the clerk opens, each kept in the database under a handle: a file chosen or
//! dropped, a text pasted, a scan read through OCR, or the file an incoming line was
//! received in. Drafting, copying and receiving name the parent they act on by its
//! handle; the desk keeps no "parent last opened".

use std::path::Path;

use serde::{Deserialize, Serialize};

use super::failure::{Failure, Kind};
use super::files::{self, named};
use super::ocr;
use super::office::Desk;
use crate::read::import::{self, MAX_FILE_BYTES};
use crate::read::parse::{self, Directive, Field};
use crate::read::pdf::scan::{self, PageImage, Word};
use crate::read::picture;
use crate::read::scanned;

/// Where a parent came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Source {
    /// A file the clerk opened or dropped, read from its text.
    File,
    /// Text the clerk pasted: there is no file to copy.
    Paste,
    /// A scan or a photo, read through OCR: every field is a machine's guess.
    Scan,
}

impl Source {
    /// The word the database keeps it under.
    pub(super) fn key(self) -> &'static str {
        match self {
            Source::File => "file",
            Source::Paste => "paste",
            Source::Scan => "scan",
        }
    }

    /// The source a word from the database names; a file when it names none known.
    fn from_key(key: &str) -> Source {
        match key {
            "paste" => Source::Paste,
            "scan" => Source::Scan,
            _ => Source::File,
        }
    }
}

/// A parent opened: its handle, where it came from, and what was read, as the card shows it.
#[derive(Debug, Clone, Serialize)]
pub struct Opened {
    /// The handle drafting, copying and receiving name it by.
    pub id: i64,
    /// Where it came from.
    pub source: Source,
    /// The file's name, without its folder; "văn bản dán" for pasted text.
    pub name: String,
    /// What was read.
    pub directive: Directive,
    /// What was read, field by field, as the card shows it.
    pub fields: Vec<Field>,
    /// How many pictures of its pages there are to check against (a scan's); none else.
    pub pages: usize,
}

/// A file the clerk received, as it was read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Received {
    /// Its path or name, for messages and the name of its copy.
    pub name: String,
    /// Its bytes.
    pub bytes: Vec<u8>,
}

/// The name pasted text is shown under.
const PASTED: &str = "văn bản dán";

impl Desk {
    /// Reads the parent directive in a file, without keeping it (the tool's `parse`).
    pub fn read_parent(&self, path: &Path) -> Result<Directive, Failure> {
        let bytes = files::read(path, MAX_FILE_BYTES as u64)?;
        let name = path.to_string_lossy();
        self.read_bytes(&name, &bytes, &mut ocr::Reading::default())
            .map_err(|f| named(path, f))
    }

    /// Reads the parent in a file the clerk chose or dropped, a scan with `reading`'s
    /// engine and progress, and keeps it under a new handle.
    pub fn open_parent(
        &mut self,
        path: &Path,
        reading: &mut ocr::Reading,
    ) -> Result<Opened, Failure> {
        let bytes = files::read(path, MAX_FILE_BYTES as u64)?;
        let name = path.to_string_lossy().into_owned();
        let directive = self
            .read_bytes(&name, &bytes, reading)
            .map_err(|f| named(path, f))?;
        self.keep_parent(None, &name, &bytes, directive)
    }

    /// Keeps a received file under a handle without reading it, only to copy it (the
    /// tool's `sao-y`): what it says is left unread, and the copy says why it cannot be
    /// made of a file that is not a .docx.
    pub fn keep_file(&mut self, path: &Path) -> Result<i64, Failure> {
        let bytes = files::read(path, MAX_FILE_BYTES as u64)?;
        let name = path.to_string_lossy();
        let kept = self.keep_parent(Some(Source::File), &name, &bytes, Directive::default())?;
        Ok(kept.id)
    }

    /// Reads a parent the clerk pasted as text, and keeps it under a new handle; there is
    /// no file to copy then.
    pub fn paste_parent(&mut self, text: &str) -> Result<Opened, Failure> {
        let directive = parse::parse(text);
        // Kept as read, up to the length the reader reads.
        let cut = text
            .char_indices()
            .nth(parse::MAX_TEXT_CHARS)
            .map_or(text.len(), |(i, _)| i);
        self.keep_parent(
            Some(Source::Paste),
            PASTED,
            &text.as_bytes()[..cut],
            directive,
        )
    }

    /// Keeps a parent read from `bytes` under a new handle: a scan when it was read
    /// through OCR, else a file, unless `source` says.
    pub(super) fn keep_parent(
        &mut self,
        source: Option<Source>,
        name: &str,
        bytes: &[u8],
        directive: Directive,
    ) -> Result<Opened, Failure> {
        let source = source.unwrap_or(match directive.ocr {
            Some(_) => Source::Scan,
            None => Source::File,
        });
        let json = serde_json::to_string(&directive).expect("a directive serialises");
        let now = self.now();
        let id = self
            .store
            .keep_parent(source.key(), name, bytes, &json, now)?;
        Ok(opened(id, source, name, directive))
    }

    /// The parent kept under `id`, as it was read when opened.
    pub fn parent(&self, id: i64) -> Result<Opened, Failure> {
        let (kept, directive) = self.kept_parent(id)?;
        Ok(opened(
            id,
            Source::from_key(&kept.source),
            &kept.name,
            directive,
        ))
    }

    /// The parent kept under `id` with what was read from it; gone, it says how to get it
    /// back.
    fn kept_parent(&self, id: i64) -> Result<(super::store::KeptParent, Directive), Failure> {
        let Some(kept) = self.store.parent(id)? else {
            return Err(Failure {
                kind: Kind::NotFound,
                message:
                    "văn bản cấp trên này không còn được lưu: hãy mở lại tệp (hoặc dán lại chữ)"
                        .into(),
                field: Some("parent".into()),
            });
        };
        let directive = serde_json::from_str(&kept.directive).map_err(|e| {
            Failure::failed(format!("văn bản cấp trên đã lưu không đọc lại được: {e}"))
        })?;
        Ok((kept, directive))
    }

    /// What was read from the parent `id` (none for none): what drafting and receiving use.
    pub(super) fn directive(&self, id: Option<i64>) -> Result<Option<Directive>, Failure> {
        id.map(|id| self.kept_parent(id).map(|(_, d)| d))
            .transpose()
    }

    /// The file of the parent `id`, for a copy of it; refused when it was pasted, not
    /// opened from a file.
    pub(super) fn parent_file(&self, id: i64) -> Result<Received, Failure> {
        let (kept, _) = self.kept_parent(id)?;
        match Source::from_key(&kept.source) {
            Source::Paste => Err(Failure::refused(
                "parent",
                "văn bản cấp trên này được dán từ chữ, không có tệp để sao: hãy mở (hoặc kéo thả) tệp .docx nhận được rồi sao y",
            )),
            _ => Ok(Received {
                name: kept.name,
                bytes: kept.bytes,
            }),
        }
    }

    /// What the parent `id` came in, for the incoming register: where from, the name kept
    /// (a file's name without its folder) and the bytes.
    pub(super) fn parent_source(&self, id: i64) -> Result<(Source, String, Vec<u8>), Failure> {
        let (kept, _) = self.kept_parent(id)?;
        let source = Source::from_key(&kept.source);
        Ok((source, shown_name(source, &kept.name), kept.bytes))
    }

    /// Reads again the file an incoming line kept, and keeps it as a parent.
    pub(super) fn reopen(
        &mut self,
        kind: &str,
        name: &str,
        bytes: &[u8],
        reading: &mut ocr::Reading,
    ) -> Result<Opened, Failure> {
        match Source::from_key(kind) {
            Source::Paste => {
                let text = String::from_utf8_lossy(bytes).into_owned();
                self.paste_parent(&text)
            }
            _ => {
                let directive = self.read_bytes(name, bytes, reading)?;
                self.keep_parent(None, name, bytes, directive)
            }
        }
    }

    /// The picture of page `number` (from 1) of the parent `id` when it is a scan or a
    /// photo and the page is one read, for the clerk to check what was read against; none
    /// otherwise.
    pub fn parent_picture(&self, id: i64, number: u32) -> Result<Option<PageImage>, Failure> {
        let (kept, _) = self.kept_parent(id)?;
        if Source::from_key(&kept.source) != Source::Scan {
            return Ok(None);
        }
        let scan = import::scan_pages(&kept.bytes)?;
        let at = scan.numbers.iter().position(|&n| n == number);
        Ok(at.and_then(|at| scan.pages.into_iter().nth(at)))
    }

    /// Reads a received file: its text, or for a scan or a photo what the OCR engine reads
    /// on its pages (this machine's program, else `reading`'s engine), telling `reading`
    /// of each page.
    pub fn read_bytes(
        &self,
        name: &str,
        bytes: &[u8],
        reading: &mut ocr::Reading,
    ) -> Result<Directive, Failure> {
        // The reader's own checks of the file's structure (its size, its streams inflated)
        // come first: a file they refuse is not verified either.
        let mut directive = self.read_words(name, bytes, reading)?;
        if bytes.starts_with(b"%PDF") {
            directive.signatures = crate::pades::verify(bytes, &self.trusted_roots()?);
        }
        Ok(directive)
    }

    /// What a received file says, from its text layer or through OCR.
    fn read_words(
        &self,
        name: &str,
        bytes: &[u8],
        reading: &mut ocr::Reading,
    ) -> Result<Directive, Failure> {
        let why = match parse::read(name, bytes) {
            Err(crate::error::Error::Scan(why)) => why,
            read => return Ok(read?),
        };
        // A broken picture says so before a missing OCR engine is mentioned.
        let mut scan = import::scan_pages(bytes)?;
        let mut program = ocr::Engine::find();
        let shared = program.clone();
        let engine: &mut dyn ocr::Recognize = match (&mut program, &mut reading.fallback) {
            (Some(program), _) => program,
            (None, Some(fallback)) => &mut **fallback,
            (None, None) => return Err(Failure::refused("parent", why)),
        };
        let total = scan.pages.len();
        let mut go_on = |done: usize| match &mut reading.progress {
            Some(progress) => progress(done, total),
            None => true,
        };
        let plan = Plan::new(total, reading.budget);
        // The program reads pages side by side, each on a core; the window's engine, one
        // after another.
        let words = match &shared {
            Some(program) => {
                // Written before the readers share it: two would each write it at first.
                program.model()?;
                read_together(program, &mut scan.pages, &plan, readers(), &mut go_on)?
            }
            None => read_in_turn(engine, &mut scan.pages, &plan, &mut go_on)?,
        };
        // The pages read, in their order in the file, and which picture each is.
        let (read, mut pages): (Vec<usize>, Vec<_>) = words
            .into_iter()
            .enumerate()
            .filter_map(|(i, words)| Some((i, (scan.pages[i].scale, words?))))
            .unzip();
        // Small type the engine read as one line with the column beside it (Nơi nhận's
        // items beside the signer's title) is read again on its own.
        for (k, &i) in read.iter().enumerate() {
            for area in scan::mixed_lines(&pages[k].1) {
                if let Some((block, area, origin)) = picture::block(&scan.pages[i], area) {
                    let again = engine.read(&block, ocr::Layout::Block)?;
                    pages[k].1 = scan::with_reread(&pages[k].1, area, origin, &again);
                }
            }
        }
        let mut directive = parse::read_imported(&import::read_scan(&pages, scan.total)?);
        // The signature is on the last page read as text: a blank back scanned with its
        // sheet comes after it.
        let k = scan::signed_page(&pages);
        let last = read.get(k).and_then(|&i| scan.pages.get(i));
        // The signer's name beside a seal, or the title above it, is often taken for part of
        // the picture: a second, sparse look at the last page finds it.
        let lacking = directive.lacks_signer_name() || directive.lacks_signer_title();
        if let (true, Some(last)) = (lacking, last) {
            // A page nearly blank in black and white: a sparse look would threshold the
            // paper's grain as ink and read specks for half a minute.
            let plain = picture::without_grain(last);
            let sparse = engine.read(plain.as_ref().unwrap_or(last), ocr::Layout::Sparse)?;
            pages[k].1 = scan::with_sparse(&pages[k].1, &sparse);
            let again = parse::read_imported(&import::read_scan(&pages, scan.total)?);
            directive.take_distribution(&again);
            directive.take_signer_name(again);
        }
        // A red seal over the signer's lines can hide them, or the name's start, from the
        // looks before: the page without its red, read sparsely on its own, gives the
        // signature it can.
        let unsure = directive.lacks_signer_name() || directive.name_cut_short();
        if let (true, Some(last)) = (unsure, last) {
            if let Some(clean) = picture::without_seal(last) {
                let clean = picture::without_grain(&clean).unwrap_or(clean);
                let words = engine.read(&clean, ocr::Layout::Sparse)?;
                if let Ok(alone) = import::read_scan(&[(clean.scale, words)], 1) {
                    directive.take_signer_name(parse::read_imported(&alone));
                }
            }
        }
        // Last, a family name whose start a seal hid from every look ("guyễn Thị Bông").
        if directive.lacks_signer_name() {
            let mut again = import::read_scan(&pages, scan.total)?;
            if let Some(text) = scanned::cut_names(&again.text) {
                again.text = text;
                directive.take_signer_name(parse::read_imported(&again));
                directive.family_put_back();
            }
        }
        // A seal in black and white over the family name, which no red can be taken from,
        // leaves the name cut short: its line, read again on its own, has the family name.
        if let (true, Some(name), Some(last)) = (
            directive.name_cut_short(),
            directive.signer.name.clone(),
            last,
        ) {
            // Read from above its marks first; again from just above them when the seal's
            // ring over the family name made it marks (g08 at 150 dpi: "`“", then "Hã").
            for reach in scan::NAME_STRIPS {
                let area = scan::name_strip(&pages[k].1, &name, reach);
                let Some(strip) = area.and_then(|area| picture::strip(last, area)) else {
                    break;
                };
                let words = engine.read(&strip, ocr::Layout::Line)?;
                let line: Vec<&str> = words.iter().map(|w| w.text.as_str()).collect();
                if let Some(family) = scanned::family_before(&name, &line) {
                    directive.put_family_name(&family);
                    directive.family_put_back();
                    break;
                }
            }
        }
        // A seal printed grey over the name's start can take the whole name with it for a
        // picture in every look: the strip under the title, read on its own, has it. The
        // title is looked for from the last page up: an appendix may follow the signature.
        if let (true, Some(title)) = (
            directive.lacks_signer_name(),
            directive.signer.title.clone(),
        ) {
            let found = (0..pages.len()).rev().find_map(|p| {
                let area = scan::under_title(&pages[p].1, &title)?;
                Some((scan.pages.get(read[p])?, area))
            });
            if let Some(strip) = found.and_then(|(page, area)| picture::strip(page, area)) {
                let words = engine.read(&strip, ocr::Layout::Block)?;
                let lines: Vec<Vec<&str>> = words
                    .chunk_by(|a, b| a.line == b.line)
                    .map(|line| line.iter().map(|w| w.text.as_str()).collect())
                    .collect();
                if let Some(name) = scanned::name_below(&lines) {
                    directive.signer.name = Some(name);
                    directive.family_put_back();
                }
            }
        }
        // A date line printed pale (grey type, a toner running low) is taken for paper:
        // when neither the date nor its place was read, the first page read again with its
        // pale ink made dark gives them.
        let first = read.first().filter(|&&i| i == 0).and(scan.pages.first());
        if let (true, Some(first)) = (directive.date.is_none() && directive.place.is_none(), first)
        {
            if let Some(dark) = picture::darker(first) {
                let words = engine.read(&dark, ocr::Layout::Page)?;
                let mut again = pages.clone();
                again[0].1 = crate::read::digits::mend(&dark, &words);
                directive.take_date(&parse::read_imported(&import::read_scan(
                    &again, scan.total,
                )?));
            }
        }
        let words: Vec<_> = pages.into_iter().flat_map(|(_, w)| w).collect();
        let sure = parse::ocr_confidence(&directive, &words);
        if let Some(ocr) = directive.ocr.as_mut() {
            ocr.fields = sure;
            ocr.read = read.iter().map(|&i| scan.numbers[i]).collect();
        }
        Ok(directive)
    }
}

/// At most this many pages read at once: each is a Tesseract of one thread and up to some
/// hundred megabytes of a large page's picture.
const MAX_READERS: usize = 4;

/// The pages read at once on this machine: one a core, up to `MAX_READERS`.
fn readers() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get().min(MAX_READERS))
}

/// What the clerk is told when she stopped the reading.
fn stopped() -> Failure {
    Failure::refused("parent", ocr::STOPPED)
}

/// The engine's words on page `k`, which `image` becomes (`read_upright`); the first
/// page's number and date, often written by hand or stamped, read again digit by digit
/// where the engine was unsure.
fn read_page(
    engine: &mut dyn ocr::Recognize,
    k: usize,
    image: &mut PageImage,
) -> Result<Vec<Word>, Failure> {
    let words = read_upright(engine, image)?;
    Ok(match k {
        0 => crate::read::digits::mend(image, &words),
        _ => words,
    })
}

/// Which pages are read, and in what order: the first, then back to front from the last,
/// as the signature and Nơi nhận are on the last pages or before an appendix; past the
/// budget, no page is begun but the first and the last.
struct Plan {
    /// The pages by their index, in the order they are begun.
    order: Vec<usize>,
    /// The time past which only the first `ALWAYS_READ` of the order are begun.
    deadline: Option<std::time::Instant>,
}

/// See `Plan`: the first page and the last.
const ALWAYS_READ: usize = 2;

impl Plan {
    /// The plan for `pages` pages, begun from now for `budget` (none: every page).
    fn new(pages: usize, budget: Option<std::time::Duration>) -> Plan {
        let order = (0..pages.min(1)).chain((1..pages).rev()).collect();
        let deadline = budget.map(|budget| std::time::Instant::now() + budget);
        Plan { order, deadline }
    }

    /// Whether the page `at` in the order is begun now.
    fn begins(&self, at: usize) -> bool {
        at < ALWAYS_READ
            || self
                .deadline
                .is_none_or(|deadline| std::time::Instant::now() < deadline)
    }
}

/// The words of the pages `plan` begins, one page after another (none for a page not
/// begun); `go_on` told the pages done before each and after the last, the reading
/// stopped when it says no.
fn read_in_turn(
    engine: &mut dyn ocr::Recognize,
    images: &mut [PageImage],
    plan: &Plan,
    go_on: &mut dyn FnMut(usize) -> bool,
) -> Result<Vec<Option<Vec<Word>>>, Failure> {
    let mut pages = vec![None; images.len()];
    for (at, &k) in plan.order.iter().enumerate() {
        if !go_on(at) {
            return Err(stopped());
        }
        if !plan.begins(at) {
            return Ok(pages);
        }
        pages[k] = Some(read_page(engine, k, &mut images[k])?);
    }
    match go_on(plan.order.len()) {
        true => Ok(pages),
        false => Err(stopped()),
    }
}

/// The words of the pages `plan` begins (none for a page not begun), up to `readers` pages
/// at once, each reader with its own copy of `engine`; `go_on` told the pages done before
/// the first and as each ends, no page begun once it says no or a page failed.
fn read_together<R: ocr::Recognize + Clone + Send + Sync>(
    engine: &R,
    images: &mut [PageImage],
    plan: &Plan,
    readers: usize,
    go_on: &mut dyn FnMut(usize) -> bool,
) -> Result<Vec<Option<Vec<Word>>>, Failure> {
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::sync::{mpsc, Mutex};
    if !go_on(0) {
        return Err(stopped());
    }
    let total = images.len();
    let mut pictures: Vec<Option<&mut PageImage>> = images.iter_mut().map(Some).collect();
    let queued: Vec<(usize, &mut PageImage)> = plan
        .order
        .iter()
        .filter_map(|&k| Some((k, pictures.get_mut(k)?.take()?)))
        .collect();
    let queue = Mutex::new(queued.into_iter().enumerate());
    let halt = AtomicBool::new(false);
    let mut pages: Vec<Option<Vec<Word>>> = vec![None; total];
    let mut failure = None;
    let mut done = 0;
    std::thread::scope(|s| {
        let (sent, received) = mpsc::channel();
        for _ in 0..readers.clamp(1, total.max(1)) {
            let sent = sent.clone();
            let (queue, halt) = (&queue, &halt);
            s.spawn(move || {
                let mut engine = engine.clone();
                while !halt.load(Ordering::Relaxed) {
                    // A poisoned queue is a reader that panicked, which the scope passes on.
                    let Some((at, (k, image))) = queue.lock().ok().and_then(|mut q| q.next())
                    else {
                        break;
                    };
                    if !plan.begins(at) {
                        break;
                    }
                    let words = read_page(&mut engine, k, image);
                    // A failed page ends the reading: no reader begins another.
                    if words.is_err() {
                        halt.store(true, Ordering::Relaxed);
                    }
                    if sent.send((k, words)).is_err() {
                        break;
                    }
                }
            });
        }
        drop(sent);
        for (k, words) in received {
            // A failed page's reader has stopped the others already.
            match words {
                Ok(words) => pages[k] = Some(words),
                Err(e) => _ = failure.get_or_insert(e),
            }
            done += 1;
            if failure.is_none() && !go_on(done) {
                halt.store(true, Ordering::Relaxed);
                failure = Some(stopped());
            }
        }
    });
    match failure {
        Some(failure) => Err(failure),
        None => Ok(pages),
    }
}

/// The engine's words on a page, which `image` becomes: the page with its paper made
/// evenly white (a photo's light), without the streaks a scanner draws down it (they split
/// every line of the body in two), and turned upright when it reads as text only so (a
/// sheet fed upside down, a photo taken sideways).
fn read_upright(
    engine: &mut dyn ocr::Recognize,
    image: &mut PageImage,
) -> Result<Vec<Word>, Failure> {
    let cleaned = |page: &PageImage| {
        // A page scanned coarser than the engine reads well is enlarged first.
        let larger = picture::enlarged(page);
        let page = larger.as_ref().unwrap_or(page);
        let even = picture::flattened(page).unwrap_or_else(|| page.clone());
        // Streaks run down the scanner's glass, upright before the page is straightened.
        let clear = picture::without_streaks(&even).unwrap_or(even);
        picture::straightened(&clear).unwrap_or(clear)
    };
    let first = cleaned(image);
    let words = engine.read(&first, ocr::Layout::Page)?;
    if scan::reads_upright(&words) || picture::nearly_blank(&first) {
        *image = first;
        return Ok(words);
    }
    let mut best = (scan::sure_letters(&words).0, first, words);
    for quarters in scan::turns_to_try(&best.2) {
        let Some(turned) = picture::turned(image, quarters) else {
            break;
        };
        let turned = cleaned(&turned);
        let words = engine.read(&turned, ocr::Layout::Page)?;
        let upright = scan::reads_upright(&words);
        let sure = scan::sure_letters(&words).0;
        if sure > best.0 {
            best = (sure, turned, words);
        }
        if upright {
            break;
        }
    }
    *image = best.1;
    Ok(best.2)
}

/// A parent as the window is given it.
fn opened(id: i64, source: Source, name: &str, directive: Directive) -> Opened {
    Opened {
        id,
        source,
        name: shown_name(source, name),
        fields: parse::fields(&directive),
        pages: directive.ocr.as_ref().map_or(0, |o| o.pages),
        directive,
    }
}

/// The name a parent is shown and kept under: the file name in its path, or the words
/// for pasted text.
fn shown_name(source: Source, path: &str) -> String {
    match source {
        Source::Paste => PASTED.to_string(),
        _ => Path::new(path)
            .file_name()
            .map_or_else(|| path.to_string(), |n| n.to_string_lossy().into_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An engine that reads each page as one word naming it (its picture's width, the
    /// picture itself not one), and fails on the page `broken`.
    #[derive(Clone, Default)]
    struct Named {
        broken: Option<u32>,
        /// The pages given, by every copy.
        given: std::sync::Arc<std::sync::atomic::AtomicUsize>,
    }

    impl ocr::Recognize for Named {
        fn read(&mut self, page: &PageImage, _: ocr::Layout) -> Result<Vec<Word>, Failure> {
            self.given.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            if Some(page.width) == self.broken {
                return Err(Failure::failed(format!("trang {} hỏng", page.width)));
            }
            let tsv = format!(
                "5\t1\t1\t1\t1\t1\t300\t300\t400\t40\t95\ttrang{}\n",
                page.width
            );
            Ok(scan::words_from_tsv(&tsv))
        }
    }

    /// `count` pages' pictures, each named by its width (no picture the engine could read).
    fn pictures(count: u32) -> Vec<PageImage> {
        (1..=count)
            .map(|width| PageImage {
                bytes: vec![0; 4],
                width,
                height: 1000,
                scale: 0.5,
            })
            .collect()
    }

    /// `count` pages read by `readers` at once (and one after another, which must agree),
    /// the reading stopped when told `stop_at` pages are done: each page's words ("-" for
    /// a page not read), or the failure's message, and what the progress was told when that
    /// is certain.
    fn check(
        count: u32,
        readers: usize,
        broken: Option<u32>,
        stop_at: Option<usize>,
        expected: Result<Vec<&str>, &str>,
        told_expected: Option<&[usize]>,
    ) {
        check_budget(
            count,
            readers,
            broken,
            stop_at,
            None,
            expected,
            told_expected,
        );
    }

    /// As `check`, the pages begun for `budget`.
    fn check_budget(
        count: u32,
        readers: usize,
        broken: Option<u32>,
        stop_at: Option<usize>,
        budget: Option<std::time::Duration>,
        expected: Result<Vec<&str>, &str>,
        told_expected: Option<&[usize]>,
    ) {
        let engine = Named {
            broken,
            ..Named::default()
        };
        let images = pictures(count);
        let texts = |read: Result<Vec<Option<Vec<Word>>>, Failure>| match read {
            Ok(pages) => Ok(pages
                .iter()
                .map(|w| match w {
                    Some(w) => w
                        .iter()
                        .map(|w| w.text.clone())
                        .collect::<Vec<_>>()
                        .join(" "),
                    None => "-".to_string(),
                })
                .collect::<Vec<_>>()),
            Err(f) => Err(f.message),
        };
        let expected = expected
            .map(|p| p.iter().map(|s| s.to_string()).collect::<Vec<_>>())
            .map_err(str::to_string);
        for together in [true, false] {
            let mut told = Vec::new();
            let mut go_on = |done: usize| {
                told.push(done);
                stop_at != Some(done)
            };
            let mut pages = images.clone();
            let plan = Plan::new(images.len(), budget);
            let read = match together {
                true => read_together(&engine, &mut pages, &plan, readers, &mut go_on),
                false => read_in_turn(&mut engine.clone(), &mut pages, &plan, &mut go_on),
            };
            assert_eq!(texts(read), expected, "together: {together}");
            if let Some(told_expected) = told_expected {
                assert_eq!(told, told_expected, "together: {together}");
            }
        }
    }

    #[test]
    fn pages_read_side_by_side_come_back_in_their_order() {
        let five = ["trang1", "trang2", "trang3", "trang4", "trang5"];
        check(
            5,
            2,
            None,
            None,
            Ok(five.to_vec()),
            Some(&[0, 1, 2, 3, 4, 5]),
        );
        check(
            5,
            1,
            None,
            None,
            Ok(five.to_vec()),
            Some(&[0, 1, 2, 3, 4, 5]),
        );
        check(
            5,
            9,
            None,
            None,
            Ok(five.to_vec()),
            Some(&[0, 1, 2, 3, 4, 5]),
        );
        check(1, 2, None, None, Ok(vec!["trang1"]), Some(&[0, 1]));
        check(0, 2, None, None, Ok(vec![]), Some(&[0]));
    }

    #[test]
    fn a_stop_or_a_failed_page_ends_the_reading() {
        check(5, 2, None, Some(0), Err(ocr::STOPPED), Some(&[0]));
        check(5, 2, None, Some(2), Err(ocr::STOPPED), Some(&[0, 1, 2]));
        check(
            5,
            2,
            None,
            Some(5),
            Err(ocr::STOPPED),
            Some(&[0, 1, 2, 3, 4, 5]),
        );
        // The pages are begun 1, 5, 4, 3, 2.
        check(
            5,
            1,
            Some(3),
            None,
            Err("trang 3 hỏng"),
            Some(&[0, 1, 2, 3]),
        );
        check(5, 2, Some(3), None, Err("trang 3 hỏng"), None);
    }

    #[test]
    fn past_the_budget_only_the_first_and_last_pages_are_begun() {
        let none = Some(std::time::Duration::ZERO);
        let ends = Ok(vec!["trang1", "-", "-", "-", "trang5"]);
        check_budget(5, 1, None, None, none, ends.clone(), Some(&[0, 1, 2]));
        check_budget(5, 2, None, None, none, ends, Some(&[0, 1, 2]));
        check_budget(1, 2, None, None, none, Ok(vec!["trang1"]), Some(&[0, 1]));
        let all = Some(std::time::Duration::from_secs(3600));
        let five = vec!["trang1", "trang2", "trang3", "trang4", "trang5"];
        check_budget(5, 2, None, None, all, Ok(five), Some(&[0, 1, 2, 3, 4, 5]));
    }

    #[test]
    fn the_first_page_is_read_then_the_others_back_to_front() {
        assert_eq!(Plan::new(5, None).order, [0, 4, 3, 2, 1]);
        assert_eq!(Plan::new(1, None).order, [0]);
        assert!(Plan::new(0, None).order.is_empty());
    }

    #[test]
    fn no_page_is_begun_after_one_failed() {
        let engine = Named {
            broken: Some(5),
            ..Named::default()
        };
        let mut pages = pictures(5);
        let plan = Plan::new(5, None);
        let read = read_together(&engine, &mut pages, &plan, 1, &mut |_| true);
        assert!(read.is_err());
        assert_eq!(engine.given.load(std::sync::atomic::Ordering::SeqCst), 2);
    }
}
