//! The register books of ND30 Phụ lục IV (nd30-spec.md §9): the columns of the sổ đăng ký
//! văn bản đi and đến, in their order, for the screen, the .xlsx export and the printed,
//! bound book (Điều 16.2.b: a register kept in software is printed with all its fields).
//! The rows come from `register` and `incoming`; this module only lays them out.

use crate::error::Error;
use crate::model::Profile;
use crate::render::document::Properties;
use crate::render::pdf::Fonts;
use crate::render::{self, Sheet, SHEET_WIDTH};

/// Which register.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Book {
    /// Sổ đăng ký văn bản đi.
    Outgoing,
    /// Sổ đăng ký văn bản đến.
    Incoming,
}

/// The columns of the sổ đăng ký văn bản đi, in the order of Phụ lục IV.
pub const OUTGOING: [&str; 10] = [
    "Số, ký hiệu văn bản",
    "Ngày tháng văn bản",
    "Tên loại và trích yếu nội dung văn bản",
    "Người ký",
    "Nơi nhận văn bản",
    "Đơn vị, người nhận bản lưu",
    "Số lượng bản",
    "Ngày chuyển",
    "Ký nhận",
    "Ghi chú",
];

/// The columns of the sổ đăng ký văn bản đến, in the order of Phụ lục IV.
pub const INCOMING: [&str; 10] = [
    "Ngày đến",
    "Số đến",
    "Tác giả",
    "Số, ký hiệu văn bản",
    "Ngày tháng văn bản",
    "Tên loại và trích yếu nội dung văn bản",
    "Đơn vị hoặc người nhận",
    "Ngày chuyển",
    "Ký nhận",
    "Ghi chú",
];

/// One line of a book: its cells in the book's column order, and whether its number was
/// cancelled (struck through in the workbook; its reason is in Ghi chú).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// The cells, one for each column.
    pub cells: [String; 10],
    /// A cancelled number.
    pub cancelled: bool,
}

/// What the cover of a printed book says besides the office: the days and numbers it
/// runs from and to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    /// The year.
    pub year: i32,
    /// "20/05/2024" and "31/12/2024", when the book has lines.
    pub days: Option<(String, String)>,
    /// "01" and "25".
    pub numbers: Option<(String, String)>,
    /// The volume (quyển số), from 1.
    pub volume: u32,
}

impl Span {
    /// The span of a book of `year` whose lines have these days and numbers.
    pub fn of(
        year: i32,
        days: impl Iterator<Item = chrono::NaiveDate> + Clone,
        numbers: impl Iterator<Item = u32> + Clone,
        volume: u32,
    ) -> Span {
        let day = |d: chrono::NaiveDate| d.format("%d/%m/%Y").to_string();
        let two = crate::wording::two_digit;
        Span {
            year,
            days: days
                .clone()
                .min()
                .zip(days.max())
                .map(|(a, b)| (day(a), day(b))),
            numbers: numbers
                .clone()
                .min()
                .zip(numbers.max())
                .map(|(a, b)| (two(a), two(b))),
            volume,
        }
    }
}

impl Book {
    /// The columns, in order.
    pub fn columns(self) -> [&'static str; 10] {
        match self {
            Book::Outgoing => OUTGOING,
            Book::Incoming => INCOMING,
        }
    }

    /// "SỔ ĐĂNG KÝ VĂN BẢN ĐI".
    pub fn title(self) -> &'static str {
        match self {
            Book::Outgoing => "SỔ ĐĂNG KÝ VĂN BẢN ĐI",
            Book::Incoming => "SỔ ĐĂNG KÝ VĂN BẢN ĐẾN",
        }
    }

    /// The incoming book when `incoming`, else the outgoing one.
    pub fn of(incoming: bool) -> Book {
        match incoming {
            true => Book::Incoming,
            false => Book::Outgoing,
        }
    }

    /// The name the printed book of `year` is offered under: "so-di-2024.docx".
    pub fn file_name(self, year: i32) -> String {
        match self {
            Book::Outgoing => format!("so-di-{year}.docx"),
            Book::Incoming => format!("so-den-{year}.docx"),
        }
    }

    /// The widths of the columns in the workbook, in characters.
    fn xlsx_widths(self) -> [f64; 10] {
        match self {
            Book::Outgoing => [16.0, 12.0, 46.0, 22.0, 34.0, 14.0, 8.0, 11.0, 11.0, 24.0],
            Book::Incoming => [11.0, 7.0, 26.0, 16.0, 12.0, 46.0, 20.0, 11.0, 11.0, 24.0],
        }
    }

    /// How the width left once every column holds its longest word is shared: running
    /// text takes it, numbers and days none.
    fn shares(self) -> [u32; 10] {
        match self {
            Book::Outgoing => [0, 0, 6, 2, 6, 1, 0, 0, 0, 2],
            Book::Incoming => [0, 0, 4, 0, 0, 8, 4, 0, 0, 2],
        }
    }

    /// The columns filled by hand on paper: "Ngày chuyển" and "Ký nhận".
    fn by_hand(self) -> (usize, usize) {
        (7, 8)
    }

    /// The widths of the columns on the printed page, in twips, adding up to
    /// `SHEET_WIDTH`: each at least as wide as its longest word (the heading's in bold,
    /// the cells' as `lines` fill them), so no word or day is broken; "Ngày chuyển" room
    /// for a day by hand and "Ký nhận" for a signature; what is left goes to running text.
    fn page_widths(self, lines: &[Line]) -> [u32; 10] {
        use crate::layout::{text_width, SIZE_TABLE};
        let mut widths = [0u32; 10];
        for (i, heading) in self.columns().iter().enumerate() {
            let headings = heading
                .split_whitespace()
                .map(|w| text_width(w, SIZE_TABLE, true));
            let cells = lines
                .iter()
                .flat_map(|l| l.cells[i].split_whitespace())
                .map(|w| text_width(w, SIZE_TABLE, false));
            widths[i] = headings.chain(cells).max().unwrap_or(0).min(MAX_WORD) + CELL_PADDING;
        }
        let (day, sign) = self.by_hand();
        widths[day] = widths[day].max(text_width("00/00/0000", SIZE_TABLE, false) + CELL_PADDING);
        widths[sign] = widths[sign].max(SIGNING_WIDTH);
        let used: u32 = widths.iter().sum();
        let shares = self.shares();
        match SHEET_WIDTH.checked_sub(used) {
            Some(left) => {
                let all: u32 = shares.iter().sum();
                for (w, share) in widths.iter_mut().zip(shares) {
                    *w += left * share / all;
                }
            }
            // Words too long for the page (a web address) are broken where they must be:
            // every column gives up its part.
            None => {
                for w in widths.iter_mut() {
                    *w = (u64::from(*w) * u64::from(SHEET_WIDTH) / u64::from(used)) as u32;
                }
            }
        }
        // What rounding left over goes to the widest share.
        let widest = (0..10).max_by_key(|&i| shares[i]).unwrap_or(0);
        let sum: u32 = widths.iter().sum();
        widths[widest] = widths[widest] + SHEET_WIDTH - sum.min(SHEET_WIDTH);
        widths
    }
}

/// A cell's left and right margins in a Word table (0.075 in each) and room for the
/// rounding of measured widths.
const CELL_PADDING: u32 = 2 * 108 + 60;
/// "Ký nhận": about 3.2 cm, room for a signature by hand.
const SIGNING_WIDTH: u32 = 1800;
/// No column is widened past this for one word: a longer one (a web address) breaks.
const MAX_WORD: u32 = 2600;

/// The book as an .xlsx workbook: one sheet, titled with the year, cancelled numbers
/// struck through.
pub fn xlsx(book: Book, lines: &[Line], year: Option<i32>) -> Result<Vec<u8>, Error> {
    use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook};
    let title = match year {
        Some(y) => format!("{} NĂM {y}", book.title()),
        None => book.title().to_string(),
    };
    let fail =
        |e: rust_xlsxwriter::XlsxError| Error::Docx(format!("{} (.xlsx): {e}", book.title()));
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    let name = match book {
        Book::Outgoing => "Sổ văn bản đi",
        Book::Incoming => "Sổ văn bản đến",
    };
    sheet.set_name(name).map_err(fail)?;
    let font = xlsx_font;
    let heading = xlsx_heading();
    let cell = font(Format::new())
        .set_text_wrap()
        .set_align(FormatAlign::Top)
        .set_border(FormatBorder::Thin);
    let struck = cell.clone().set_font_strikethrough();
    sheet
        .write_with_format(
            0,
            0,
            title,
            &font(Format::new()).set_bold().set_font_size(14),
        )
        .map_err(fail)?;
    for (col, (name, width)) in book.columns().iter().zip(book.xlsx_widths()).enumerate() {
        sheet
            .write_with_format(2, col as u16, *name, &heading)
            .map_err(fail)?;
        sheet.set_column_width(col as u16, width).map_err(fail)?;
    }
    for (i, line) in lines.iter().enumerate() {
        let format = if line.cancelled { &struck } else { &cell };
        for (col, value) in line.cells.iter().enumerate() {
            sheet
                .write_with_format(3 + i as u32, col as u16, value.as_str(), format)
                .map_err(fail)?;
        }
    }
    sheet.set_freeze_panes(3, 0).map_err(fail)?;
    // Printed as the bound book is: A4 landscape, all columns on the page's width, the
    // heading row on every page.
    sheet.set_paper_size(9);
    sheet.set_landscape();
    sheet.set_print_fit_to_pages(1, 0);
    sheet.set_repeat_rows(2, 2).map_err(fail)?;
    workbook.save_to_buffer().map_err(fail)
}

/// A workbook cell's font: Times New Roman 12, as the books are printed.
pub(crate) fn xlsx_font(format: rust_xlsxwriter::Format) -> rust_xlsxwriter::Format {
    format.set_font_name("Times New Roman").set_font_size(12)
}

/// A workbook's heading cell: bold, wrapped, centred, ruled.
pub(crate) fn xlsx_heading() -> rust_xlsxwriter::Format {
    use rust_xlsxwriter::{Format, FormatAlign, FormatBorder};
    xlsx_font(Format::new())
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
        .set_border(FormatBorder::Thin)
}

/// The book as it is printed and bound (Phụ lục IV): its cover (the superior body, the
/// office, the title, the year, the days and numbers it runs from and to, the volume),
/// then the lines under a heading row repeated on every page, A4 landscape, pages
/// numbered. Columns filled by hand on paper stay empty.
pub fn docx(book: Book, lines: &[Line], span: &Span, profile: &Profile) -> Result<Vec<u8>, Error> {
    render::sheet_docx(&sheet(book, lines, span, profile))
}

/// The printed book as PDF, laid out as the .docx is.
pub fn pdf(
    book: Book,
    lines: &[Line],
    span: &Span,
    profile: &Profile,
    fonts: &Fonts,
) -> Result<Vec<u8>, Error> {
    render::pdf::sheet_pdf(&sheet(book, lines, span, profile), fonts)
}

/// The book as a sheet: its cover, its title, and a row for each line.
fn sheet(book: Book, lines: &[Line], span: &Span, profile: &Profile) -> Sheet {
    let widths = book.page_widths(lines);
    debug_assert_eq!(widths.iter().sum::<u32>(), SHEET_WIDTH);
    let dots = "…………";
    let (from_day, to_day) = span
        .days
        .clone()
        .unwrap_or_else(|| (dots.to_string(), dots.to_string()));
    let (from_no, to_no) = span
        .numbers
        .clone()
        .unwrap_or_else(|| (dots.to_string(), dots.to_string()));
    let cover = vec![
        (profile.parent_body.to_uppercase(), false),
        (profile.name.to_uppercase(), true),
        (String::new(), false),
        (book.title().to_string(), true),
        (format!("Năm: {}", span.year), false),
        (format!("Từ ngày {from_day} đến ngày {to_day}"), false),
        (format!("Từ số {from_no} đến số {to_no}"), false),
        (format!("Quyển số: {:02}", span.volume), false),
    ];
    Sheet {
        cover,
        title: book.title().to_string(),
        lines: vec![format!("Năm {}", span.year)],
        columns: book
            .columns()
            .iter()
            .zip(widths)
            .map(|(h, w)| (h.to_string(), w))
            .collect(),
        rows: lines.iter().map(|l| l.cells.to_vec()).collect(),
        properties: Properties {
            title: format!("{} năm {}", book.title(), span.year),
            author: profile.name.clone(),
            created: None,
        },
    }
}
