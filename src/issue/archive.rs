//! A year's records for the archive (ND30 Điều 28–30 and Phụ lục V): every issued letter
//! as .docx named by its number and ký hiệu, each copy (sao y, sao lục) with the file it
//! copies, the register as .xlsx, and the mục lục văn bản listing every line in order.
//! Pure: the lines and the received files in, the files' names and bytes out; the desk
//! writes them into a folder whole.

use crate::error::Error;
use crate::issue::certified;
use crate::issue::register::{self, Entry};
use crate::render::document::{Document, Properties};
use crate::render::images::Images;
use crate::render::pdf::Fonts;
use crate::render::{self, Sheet, SHEET_WIDTH};

/// One line of the register with the received file a copy was made from.
pub struct Line {
    /// The line.
    pub entry: Entry,
    /// The file it copies, for a copy.
    pub source: Option<Vec<u8>>,
}

/// A file of the archive: its name in the folder, its bytes, and the PDF beside it.
pub struct File {
    /// "05-LĐLĐ triển khai kế hoạch.docx".
    pub name: String,
    /// Its bytes.
    pub bytes: Vec<u8>,
    /// The PDF of a letter or of the mục lục, laid out by the app as the .docx is.
    pub pdf: Option<Vec<u8>>,
    /// A copy of a received file, which only LibreOffice can print, when it is there.
    pub printable: bool,
}

/// The name of the mục lục in the folder.
pub(crate) const INDEX: &str = "muc-luc-van-ban.docx";

/// The columns of the mục lục văn bản (ND30 Phụ lục V), with their widths in twips.
pub const COLUMNS: [(&str, u32); 7] = [
    ("STT", 700),
    ("Số và ký hiệu", 1800),
    ("Ngày tháng năm", 1500),
    ("Tên loại và trích yếu nội dung", 5000),
    ("Tác giả", 2700),
    ("Tờ số/ Trang số", 1000),
    ("Ghi chú", 1303),
];

/// The archive of `year` for the office named `office`: the letters of the lines not
/// cancelled (with their PDFs in `fonts`), each copy and the file it copies, the register,
/// and the mục lục.
pub fn files(lines: &[Line], year: i32, office: &str, fonts: &Fonts) -> Result<Vec<File>, Error> {
    let mut out = Vec::new();
    for line in lines.iter().filter(|l| l.entry.cancelled.is_none()) {
        let name = line.entry.file_name();
        if let Some(received) = &line.source {
            out.push(File {
                name: name.replace(".docx", " - văn bản được sao.docx"),
                bytes: received.clone(),
                pdf: None,
                printable: false,
            });
            // A copy of a letter the app wrote, unchanged, is laid out again; of any other
            // file, only LibreOffice can print it.
            let pdf = match render::own_letter(received) {
                Ok(Some(copied)) => Some(render::pdf::copy_pdf(
                    &Document::from_letter(&copied),
                    &Document::from_letter(&line.entry.letter),
                    fonts,
                )?),
                _ => None,
            };
            out.push(File {
                name,
                bytes: certified::certify(received, &line.entry.letter, &Images::default())?,
                printable: pdf.is_none(),
                pdf,
            });
        } else {
            let doc = Document::from_letter(&line.entry.letter);
            out.push(File {
                name,
                bytes: render::docx(&doc)?,
                pdf: Some(render::pdf::pdf(&doc, fonts)?),
                printable: false,
            });
        }
    }
    let entries: Vec<Entry> = lines.iter().map(|l| l.entry.clone()).collect();
    out.push(File {
        name: format!("so-van-ban-di-{year}.xlsx"),
        bytes: register::xlsx(&entries, Some(year))?,
        pdf: None,
        printable: false,
    });
    out.push(File {
        name: INDEX.into(),
        bytes: index(&entries, year, office)?,
        pdf: Some(index_pdf(&entries, year, office, fonts)?),
        printable: false,
    });
    Ok(out)
}

/// The mục lục văn bản of the year: a row for every line of the register, in the order
/// they were signed (and numbered, on one day); a cancelled number says so in its note, a
/// copy names the file copied with it. The sheet numbers are left for the clerk to write
/// when the records are bound.
pub fn index(entries: &[Entry], year: i32, office: &str) -> Result<Vec<u8>, Error> {
    render::sheet_docx(&index_sheet(entries, year, office))
}

/// The mục lục as PDF, laid out as the .docx is.
pub fn index_pdf(
    entries: &[Entry],
    year: i32,
    office: &str,
    fonts: &Fonts,
) -> Result<Vec<u8>, Error> {
    render::pdf::sheet_pdf(&index_sheet(entries, year, office), fonts)
}

/// The mục lục as a sheet: a row for every line.
fn index_sheet(entries: &[Entry], year: i32, office: &str) -> Sheet {
    debug_assert_eq!(COLUMNS.iter().map(|(_, w)| w).sum::<u32>(), SHEET_WIDTH);
    let mut entries: Vec<&Entry> = entries.iter().collect();
    entries.sort_by_key(|e| (e.signed_on, e.id));
    let rows = entries
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let row = (*e).clone().row();
            let note = match (&row.cancelled_words, e.letter.doc_type.copy_form()) {
                (Some(cancelled), _) => cancelled.clone(),
                (None, Some(_)) => "kèm văn bản được sao".into(),
                (None, None) => String::new(),
            };
            vec![
                (i + 1).to_string(),
                row.number_and_symbol,
                row.date,
                row.kind_and_subject,
                crate::casing::name_case(&e.letter.issuer),
                String::new(),
                note,
            ]
        })
        .collect();
    Sheet {
        cover: Vec::new(),
        title: "MỤC LỤC VĂN BẢN".into(),
        lines: vec![format!("Văn bản đi năm {year}"), office.to_string()],
        columns: COLUMNS.iter().map(|(h, w)| (h.to_string(), *w)).collect(),
        rows,
        properties: Properties {
            title: format!("Mục lục văn bản đi năm {year}"),
            author: office.to_string(),
            created: None,
        },
    }
}
