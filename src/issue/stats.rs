//! A year's statistics for the periodic report (báo cáo công tác văn thư): documents
//! received and issued by kind and by month, and by quarter the deadlines of documents
//! received, answered on time or late; as a table, and as a workbook with its bar chart.
//! The store gives the facts and the day they are counted on; this counts and lays out.

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use crate::error::Error;
use crate::model::DocKind;

/// A year's counts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Stats {
    /// The year counted.
    pub year: i32,
    /// The day the deadlines were counted on: one still open and past it is overdue.
    pub counted_on: NaiveDate,
    /// Documents received in each month (index 0 is January).
    pub received: [u32; 12],
    /// Letters issued (numbers not cancelled) in each month.
    pub issued: [u32; 12],
    /// Each kind's documents received and issued, by month, the kinds in the order the
    /// standard lists them.
    pub kinds: Vec<KindCount>,
    /// The four quarters.
    pub quarters: [Quarter; 4],
    /// "Thống kê văn bản năm 2024 (thời hạn tính đến ngày 04/12/2026)".
    pub title: String,
    /// The table by kind and month, as shown and written.
    pub table: Vec<Vec<String>>,
    /// The table by quarter.
    pub quarter_table: Vec<Vec<String>>,
}

/// One kind's documents by month.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct KindCount {
    /// "Kế hoạch", "Công văn", or "Khác" for what no kind could be told of.
    pub kind: String,
    /// Received in each month.
    pub received: [u32; 12],
    /// Issued in each month.
    pub issued: [u32; 12],
}

/// A quarter's counts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Quarter {
    /// Documents received.
    pub received: u32,
    /// Letters issued.
    pub issued: u32,
    /// Deadlines due in the quarter.
    pub due: u32,
    /// Of which closed on or before their day.
    pub on_time: u32,
    /// Closed after their day.
    pub late: u32,
    /// Still open, their day past.
    pub overdue: u32,
    /// Still open, their day to come.
    pub open: u32,
}

/// The heading of the month columns, and of the table's first and last columns.
const MONTHS: [&str; 12] = [
    "Tháng 1",
    "Tháng 2",
    "Tháng 3",
    "Tháng 4",
    "Tháng 5",
    "Tháng 6",
    "Tháng 7",
    "Tháng 8",
    "Tháng 9",
    "Tháng 10",
    "Tháng 11",
    "Tháng 12",
];

/// The kind given to a document whose kind cannot be told.
const OTHER: &str = "Khác";

impl Stats {
    /// Counts `year` from the documents received (day, kind), the letters issued (day,
    /// kind) and the deadlines (day due, day closed) on `counted_on`; what falls outside
    /// the year is left out.
    pub fn count(
        year: i32,
        received: &[(NaiveDate, String)],
        issued: &[(NaiveDate, String)],
        deadlines: &[(NaiveDate, Option<NaiveDate>)],
        counted_on: NaiveDate,
    ) -> Stats {
        let mut stats = Stats {
            year,
            counted_on,
            received: [0; 12],
            issued: [0; 12],
            kinds: Vec::new(),
            quarters: [Quarter::default(); 4],
            title: String::new(),
            table: Vec::new(),
            quarter_table: Vec::new(),
        };
        for (list, incoming) in [(received, true), (issued, false)] {
            for (day, kind) in list.iter().filter(|(d, _)| d.year() == year) {
                let month = day.month0() as usize;
                let kind = stats.kind_mut(kind);
                if incoming {
                    kind.received[month] += 1;
                    stats.received[month] += 1;
                    stats.quarters[month / 3].received += 1;
                } else {
                    kind.issued[month] += 1;
                    stats.issued[month] += 1;
                    stats.quarters[month / 3].issued += 1;
                }
            }
        }
        for (due, closed) in deadlines.iter().filter(|(d, _)| d.year() == year) {
            let quarter = &mut stats.quarters[due.month0() as usize / 3];
            quarter.due += 1;
            match closed {
                Some(c) if c <= due => quarter.on_time += 1,
                Some(_) => quarter.late += 1,
                None if *due < counted_on => quarter.overdue += 1,
                None => quarter.open += 1,
            }
        }
        let order = |k: &KindCount| {
            let known = DocKind::all_names().iter().position(|n| *n == k.kind);
            (known.is_none(), known, k.kind.clone())
        };
        stats.kinds.sort_by_key(order);
        stats.title = format!(
            "Thống kê văn bản năm {} (thời hạn tính đến ngày {})",
            year,
            counted_on.format("%d/%m/%Y")
        );
        stats.table = stats.by_month();
        stats.quarter_table = stats.by_quarter();
        stats
    }

    fn kind_mut(&mut self, kind: &str) -> &mut KindCount {
        let at = match self.kinds.iter().position(|k| k.kind == kind) {
            Some(at) => at,
            None => {
                self.kinds.push(KindCount {
                    kind: kind.to_string(),
                    received: [0; 12],
                    issued: [0; 12],
                });
                self.kinds.len() - 1
            }
        };
        &mut self.kinds[at]
    }

    /// The table by kind and month, as shown and written: a heading row ("Loại văn
    /// bản", "Tháng 1" … "Tháng 12", "Cả năm"), then "VĂN BẢN ĐẾN" with a row for each kind
    /// received and its "Cộng", then the same for "VĂN BẢN ĐI". A section's heading row
    /// has only its first cell.
    fn by_month(&self) -> Vec<Vec<String>> {
        let mut rows = vec![std::iter::once("Loại văn bản")
            .chain(MONTHS)
            .chain(["Cả năm"])
            .map(String::from)
            .collect()];
        let row = |name: &str, months: &[u32; 12]| -> Vec<String> {
            std::iter::once(name.to_string())
                .chain(months.iter().map(u32::to_string))
                .chain([months.iter().sum::<u32>().to_string()])
                .collect()
        };
        for (title, incoming) in [("VĂN BẢN ĐẾN", true), ("VĂN BẢN ĐI", false)] {
            rows.push(vec![title.to_string()]);
            for k in &self.kinds {
                let months = if incoming { &k.received } else { &k.issued };
                if months.iter().any(|&n| n > 0) {
                    rows.push(row(&k.kind, months));
                }
            }
            rows.push(row(
                "Cộng",
                if incoming {
                    &self.received
                } else {
                    &self.issued
                },
            ));
        }
        rows
    }

    /// The table by quarter: a heading row, then a row for each quarter and the year's.
    fn by_quarter(&self) -> Vec<Vec<String>> {
        let mut rows = vec![[
            "Quý",
            "Văn bản đến",
            "Văn bản đi",
            "Thời hạn",
            "Đúng hạn",
            "Trễ hạn",
            "Quá hạn, chưa xong",
            "Chưa đến hạn",
        ]
        .map(String::from)
        .to_vec()];
        let row = |name: String, q: &Quarter| {
            std::iter::once(name)
                .chain(
                    [
                        q.received, q.issued, q.due, q.on_time, q.late, q.overdue, q.open,
                    ]
                    .map(|n| n.to_string()),
                )
                .collect::<Vec<_>>()
        };
        let mut year = Quarter::default();
        for (i, q) in self.quarters.iter().enumerate() {
            rows.push(row(format!("Quý {}", ["I", "II", "III", "IV"][i]), q));
            year.received += q.received;
            year.issued += q.issued;
            year.due += q.due;
            year.on_time += q.on_time;
            year.late += q.late;
            year.overdue += q.overdue;
            year.open += q.open;
        }
        rows.push(row("Cả năm".into(), &year));
        rows
    }

    /// The workbook: the table by kind and month, the table by quarter, and a bar chart of
    /// the documents received and issued in each month; A4 landscape, fit to width.
    pub fn xlsx(&self) -> Result<Vec<u8>, Error> {
        use rust_xlsxwriter::{Chart, ChartType, Format, FormatBorder, Workbook};
        let fail = |e: rust_xlsxwriter::XlsxError| Error::Docx(format!("thống kê (.xlsx): {e}"));
        let mut workbook = Workbook::new();
        let sheet = workbook.add_worksheet();
        let name = format!("Thống kê {}", self.year);
        sheet.set_name(&name).map_err(fail)?;
        let font = crate::issue::books::xlsx_font;
        let heading = crate::issue::books::xlsx_heading();
        let cell = font(Format::new()).set_border(FormatBorder::Thin);
        let bold = cell.clone().set_bold();
        sheet
            .write_with_format(0, 0, &self.title, &font(Format::new()).set_bold())
            .map_err(fail)?;
        sheet.set_column_width(0, 22).map_err(fail)?;
        for col in 1..=13 {
            sheet.set_column_width(col, 9).map_err(fail)?;
        }
        let mut at = 2u32;
        let mut totals = Vec::new();
        for table in [&self.table, &self.quarter_table] {
            for (i, row) in table.iter().enumerate() {
                let section = row.len() == 1 || row[0] == "Cộng" || row[0] == "Cả năm";
                if row[0] == "Cộng" {
                    totals.push(at);
                }
                for (col, value) in row.iter().enumerate() {
                    let format = match (i, section) {
                        (0, _) => &heading,
                        (_, true) => &bold,
                        _ => &cell,
                    };
                    match value.parse::<u32>() {
                        Ok(n) if col > 0 => sheet.write_with_format(at, col as u16, n, format),
                        _ => sheet.write_with_format(at, col as u16, value.as_str(), format),
                    }
                    .map_err(fail)?;
                }
                at += 1;
            }
            at += 1;
        }
        let mut chart = Chart::new(ChartType::Column);
        chart
            .title()
            .set_name(&format!("Văn bản đến và đi theo tháng, năm {}", self.year));
        for (series, row) in ["Văn bản đến", "Văn bản đi"].iter().zip(&totals) {
            chart
                .add_series()
                .set_name(*series)
                .set_categories((name.as_str(), 2, 1, 2, 12))
                .set_values((name.as_str(), *row, 1, *row, 12));
        }
        chart.y_axis().set_name("Số văn bản");
        sheet.insert_chart(at + 1, 0, &chart).map_err(fail)?;
        sheet.set_paper_size(9);
        sheet.set_landscape();
        sheet.set_print_fit_to_pages(1, 0);
        workbook.save_to_buffer().map_err(fail)
    }
}

/// The kind of a document received, from its "Tên loại và trích yếu" ("Kế hoạch phát
/// động …") or, when that does not begin with one, its ký hiệu ("1062/KH-UBND"); a
/// document with a ký hiệu naming no kind is a công văn, one without is "Khác".
pub fn kind_of(kind_and_subject: &str, number_symbol: &str) -> String {
    let text = crate::text::fold_case(&crate::text::nfc(kind_and_subject.trim()));
    let named = DocKind::all_names()
        .into_iter()
        .filter(|n| {
            let n = crate::text::fold_case(n);
            text.strip_prefix(n.as_str())
                .is_some_and(|rest| rest.is_empty() || rest.starts_with(char::is_whitespace))
        })
        .max_by_key(|n| n.len());
    if let Some(name) = named {
        return name.to_string();
    }
    let Some((_, symbol)) = number_symbol.split_once('/') else {
        return OTHER.to_string();
    };
    let first = symbol.split('-').next().unwrap_or_default().trim();
    match DocKind::from_abbreviation(first) {
        Some(kind) => kind.name().to_string(),
        None => DocKind::CONG_VAN.name().to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2024, m, d).unwrap()
    }

    fn check(kind_and_subject: &str, number_symbol: &str, expected: &str) {
        assert_eq!(
            kind_of(kind_and_subject, number_symbol),
            expected,
            "{kind_and_subject} / {number_symbol}"
        );
    }

    #[test]
    fn a_documents_kind_is_told_from_its_name_then_its_symbol() {
        check("Kế hoạch phát động thi đua", "1062/KH-UBND", "Kế hoạch");
        check("KẾ HOẠCH phát động", "", "Kế hoạch");
        check("Thông tư liên tịch hướng dẫn", "", "Thông tư liên tịch");
        check("Thông tin về …", "12/TB-LĐLĐ", "Thông báo");
        check("V/v triển khai", "123/UBND-VX", "Công văn");
        check("Về việc triển khai", "", "Khác");
    }

    #[test]
    fn a_year_is_counted_by_kind_month_and_quarter() {
        let received = [
            (day(1, 5), "Kế hoạch".to_string()),
            (day(2, 9), "Công văn".to_string()),
            (day(2, 10), "Kế hoạch".to_string()),
            (
                NaiveDate::from_ymd_opt(2023, 12, 30).unwrap(),
                "Kế hoạch".into(),
            ),
        ];
        let issued = [(day(4, 1), "Công văn".to_string())];
        let deadlines = [
            (day(1, 20), Some(day(1, 18))),
            (day(2, 20), Some(day(2, 25))),
            (day(3, 20), None),
            (day(12, 20), None),
        ];
        let stats = Stats::count(2024, &received, &issued, &deadlines, day(6, 1));
        assert_eq!(stats.received[..3], [1, 2, 0]);
        assert_eq!(stats.issued[3], 1);
        assert_eq!(
            stats
                .kinds
                .iter()
                .map(|k| k.kind.as_str())
                .collect::<Vec<_>>(),
            ["Công văn", "Kế hoạch"]
        );
        let q1 = stats.quarters[0];
        assert_eq!(
            (
                q1.received,
                q1.due,
                q1.on_time,
                q1.late,
                q1.overdue,
                q1.open
            ),
            (3, 3, 1, 1, 1, 0)
        );
        assert_eq!(stats.quarters[1].issued, 1);
        assert_eq!(stats.quarters[3].open, 1);
        let table = &stats.table;
        assert_eq!(table[0].len(), 14);
        assert_eq!(table[1], ["VĂN BẢN ĐẾN"]);
        assert_eq!(table[3][0], "Kế hoạch");
        assert_eq!(table[3][13], "2");
        assert_eq!(table[4][0], "Cộng");
        assert_eq!(table[4][13], "3");
        assert_eq!(table[6], {
            let mut r = vec!["Công văn".to_string()];
            r.extend((1..=12).map(|m| if m == 4 { "1" } else { "0" }.to_string()));
            r.push("1".into());
            r
        });
        let quarters = &stats.quarter_table;
        assert_eq!(quarters[1][..5], ["Quý I", "3", "0", "3", "1"]);
        assert_eq!(quarters[5][0], "Cả năm");
        assert_eq!(quarters[5][3], "4");
    }

    #[test]
    fn the_workbook_holds_the_tables_and_a_chart() {
        let stats = Stats::count(2024, &[(day(1, 5), "Kế hoạch".into())], &[], &[], day(6, 1));
        let bytes = stats.xlsx().unwrap();
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        let names: Vec<String> = zip.file_names().map(String::from).collect();
        assert!(
            names.iter().any(|n| n.starts_with("xl/charts/chart")),
            "{names:?}"
        );
        let mut strings = String::new();
        std::io::Read::read_to_string(
            &mut zip.by_name("xl/sharedStrings.xml").unwrap(),
            &mut strings,
        )
        .unwrap();
        assert!(strings.contains("VĂN BẢN ĐẾN") && strings.contains("Quý IV"));
    }
}
