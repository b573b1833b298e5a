//! The values the app works with: the kinds of document, dates whose day may still be
//! blank, citations, the signature block, the letter form and the office profile.
//! Serialised as JSON with the keys of DESIGN.md.

use std::fmt;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::error::Error;

/// A kind of document (loại văn bản), with its Vietnamese name and Phụ lục III abbreviation.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum DocKind {
    /// One of the kinds in `KINDS`, by index.
    Known(usize),
    /// A kind the tables do not list, kept as written (e.g. "Thông tư liên tịch").
    Other(String),
}

/// Vietnamese name and ký hiệu abbreviation of every kind the app knows.
/// ND30 Phụ lục III Mục I, plus the union's own kinds of QĐ 933 Điều 8 (nd30-spec.md §4);
/// legal documents that directives cite (Luật, Nghị định, Thông tư …) and the Party's and
/// Mặt trận's Thông tri, the Thư ngỏ and the Thư mời are included for reading.
/// An abbreviation of `None` means the kind has none (Công văn) or none is known ([U]).
const KINDS: &[(&str, Option<&str>)] = &[
    ("Công văn", None),
    ("Nghị quyết", Some("NQ")),
    ("Quyết định", Some("QĐ")),
    ("Chỉ thị", Some("CT")),
    ("Quy chế", Some("QC")),
    ("Quy định", Some("QyĐ")),
    ("Thông cáo", Some("TC")),
    ("Thông báo", Some("TB")),
    ("Hướng dẫn", Some("HD")),
    ("Chương trình", Some("CTr")),
    ("Kế hoạch", Some("KH")),
    ("Phương án", Some("PA")),
    ("Đề án", Some("ĐA")),
    ("Dự án", Some("DA")),
    ("Báo cáo", Some("BC")),
    ("Biên bản", Some("BB")),
    ("Tờ trình", Some("TTr")),
    ("Hợp đồng", Some("HĐ")),
    ("Công điện", Some("CĐ")),
    ("Bản ghi nhớ", Some("BGN")),
    ("Bản thỏa thuận", Some("BTT")),
    ("Giấy ủy quyền", Some("GUQ")),
    ("Giấy mời", Some("GM")),
    ("Giấy giới thiệu", Some("GGT")),
    ("Giấy nghỉ phép", Some("GNP")),
    ("Phiếu gửi", Some("PG")),
    ("Phiếu chuyển", Some("PC")),
    ("Phiếu báo", Some("PB")),
    ("Bản sao y", Some("SY")),
    ("Bản trích sao", Some("TrS")),
    ("Bản sao lục", Some("SL")),
    ("Điều lệ", None),
    ("Chiến lược", None),
    ("Kết luận", Some("KL")),
    ("Tuyên bố", None),
    ("Lời kêu gọi", None),
    ("Quy hoạch", None),
    ("Luật", None),
    ("Nghị định", Some("NĐ")),
    ("Thông tư", Some("TT")),
    ("Thông tư liên tịch", Some("TTLT")),
    ("Nghị quyết liên tịch", Some("NQLT")),
    ("Thông tri", None),
    ("Thư ngỏ", None),
    // An invitation some offices still title so, rather than Giấy mời.
    ("Thư mời", Some("TM")),
    ("Bộ luật", None),
    ("Pháp lệnh", None),
    ("Hiến pháp", None),
];

impl DocKind {
    /// The công văn, the letter this app mostly writes.
    pub(crate) const CONG_VAN: DocKind = DocKind::Known(0);

    /// The kind with this Vietnamese name; case and Unicode form are ignored.
    pub fn from_name(name: &str) -> DocKind {
        let wanted = crate::text::fold_case(name.trim());
        KINDS
            .iter()
            .position(|(n, _)| crate::text::fold_case(n) == wanted)
            .map(DocKind::Known)
            .unwrap_or_else(|| DocKind::Other(crate::text::nfc(name.trim())))
    }

    /// The kind whose ký hiệu abbreviation is `abbr` ("KH" → Kế hoạch), exact case.
    pub(crate) fn from_abbreviation(abbr: &str) -> Option<DocKind> {
        KINDS
            .iter()
            .position(|(_, a)| *a == Some(abbr))
            .map(DocKind::Known)
    }

    /// The names of every kind the app knows, as the standard writes them.
    pub(crate) fn all_names() -> Vec<&'static str> {
        KINDS.iter().map(|(n, _)| *n).collect()
    }

    /// The names of every kind as a regex alternation ("Công văn|Nghị quyết|…"), for the
    /// patterns that find citations.
    pub(crate) fn names_pattern() -> String {
        KINDS
            .iter()
            .map(|(n, _)| regex::escape(n))
            .collect::<Vec<_>>()
            .join("|")
    }

    /// The name as written in the standard, e.g. "Kế hoạch".
    pub fn name(&self) -> &str {
        match self {
            DocKind::Known(i) => KINDS[*i].0,
            DocKind::Other(name) => name,
        }
    }

    /// The Phụ lục III abbreviation used in ký hiệu, e.g. "KH"; `None` for a công văn.
    pub(crate) fn abbreviation(&self) -> Option<&'static str> {
        match self {
            DocKind::Known(i) => KINDS[*i].1,
            DocKind::Other(_) => None,
        }
    }

    /// The hình thức sao printed on a copy of this kind ("SAO Y" for a Bản sao y, "SAO LỤC",
    /// "TRÍCH SAO"); `None` for a kind that is not a copy (nd30-spec.md §7).
    pub(crate) fn copy_form(&self) -> Option<&'static str> {
        match self.abbreviation()? {
            "SY" => Some("SAO Y"),
            "SL" => Some("SAO LỤC"),
            "TrS" => Some("TRÍCH SAO"),
            _ => None,
        }
    }

    /// True for a công văn, which has "V/v" under its number instead of a title line.
    pub(crate) fn is_cong_van(&self) -> bool {
        *self == DocKind::CONG_VAN
    }

    /// A law or a decree a document rests on (Hiến pháp, Luật, Bộ luật, Pháp lệnh, Nghị
    /// định, Thông tư): cited as a basis, never forwarded or sent along.
    pub(crate) fn is_law(&self) -> bool {
        const LAWS: &[&str] = &[
            "hiến pháp",
            "luật",
            "bộ luật",
            "pháp lệnh",
            "nghị định",
            "thông tư",
            "thông tư liên tịch",
        ];
        LAWS.contains(&crate::text::fold_case(self.name()).as_str())
    }
}

impl fmt::Display for DocKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl Serialize for DocKind {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.name())
    }
}

impl<'de> Deserialize<'de> for DocKind {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let name = String::deserialize(d)?;
        if name.trim().is_empty() {
            return Err(serde::de::Error::custom("loại văn bản đang để trống"));
        }
        Ok(DocKind::from_name(&name))
    }
}

/// How an office numbers its documents (ND30 Điều 15: per office, per calendar year).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Numbering {
    /// One series for every kind: "165/LĐLĐ", then "166/KH-LĐLĐ".
    #[default]
    #[serde(rename = "chung")]
    Shared,
    /// A series for each kind: công văn 1, 2, …; kế hoạch 1, 2, … .
    #[serde(rename = "theo-loai")]
    PerKind,
}

/// A date whose day may stay blank until the leader signs ("ngày    tháng 5 năm 2024").
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct LetterDate {
    /// The year, e.g. 2024.
    pub year: i32,
    /// The month, 1–12.
    pub month: u32,
    /// The day, or `None` while it is left blank for the signing date.
    pub day: Option<u32>,
}

impl LetterDate {
    /// A full date.
    pub fn full(date: NaiveDate) -> LetterDate {
        LetterDate {
            year: date.year(),
            month: date.month(),
            day: Some(date.day()),
        }
    }

    /// Reads "YYYY-MM-DD" or "YYYY-MM"; rejects dates that are not on the calendar.
    pub fn parse(text: &str) -> Result<LetterDate, Error> {
        let bad = || Error::Date(text.to_string());
        let parts: Vec<&str> = text.trim().split('-').collect();
        let num = |s: &str, len: usize| {
            (s.len() == len && s.bytes().all(|b| b.is_ascii_digit()))
                .then(|| s.parse::<u32>().ok())
                .flatten()
        };
        let (year, month, day) = match parts.as_slice() {
            [y, m] => (num(y, 4).ok_or_else(bad)?, num(m, 2).ok_or_else(bad)?, None),
            [y, m, d] => (
                num(y, 4).ok_or_else(bad)?,
                num(m, 2).ok_or_else(bad)?,
                Some(num(d, 2).ok_or_else(bad)?),
            ),
            _ => return Err(bad()),
        };
        let date = LetterDate {
            year: year as i32,
            month,
            day,
        };
        // Checking the first (or the given) day against the calendar catches month 13 and 30/2.
        NaiveDate::from_ymd_opt(date.year, month, day.unwrap_or(1)).ok_or_else(bad)?;
        Ok(date)
    }

    /// The calendar date, when the day is filled in.
    pub fn to_naive(self) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(self.year, self.month, self.day?)
    }

    /// As a clerk reads it, whatever the system's locale: "03/12/2026", or "12/2026"
    /// while the day is blank.
    pub fn shown(self) -> String {
        match self.day {
            Some(d) => format!("{d:02}/{:02}/{:04}", self.month, self.year),
            None => format!("{:02}/{:04}", self.month, self.year),
        }
    }
}

impl fmt::Display for LetterDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.day {
            Some(d) => write!(f, "{:04}-{:02}-{:02}", self.year, self.month, d),
            None => write!(f, "{:04}-{:02}", self.year, self.month),
        }
    }
}

impl Serialize for LetterDate {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for LetterDate {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        LetterDate::parse(&text).map_err(serde::de::Error::custom)
    }
}

/// A document cited in "Căn cứ …" or "Thực hiện …", or a directive's own identity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocRef {
    /// Its kind, e.g. "Kế hoạch".
    pub doc_type: DocKind,
    /// Its number as written, e.g. "1062" or "01"; empty for a law cited by its name
    /// (null in JSON).
    #[serde(with = "empty_as_null", default)]
    pub number: String,
    /// Its ký hiệu, e.g. "KH-UBND" or "2018/NĐ-CP"; empty when it has none (null in JSON).
    #[serde(with = "empty_as_null", default)]
    pub symbol: String,
    /// Its date, when known.
    #[serde(default)]
    pub date: Option<NaiveDate>,
    /// Who issued it, as the citation names it ("Ủy ban nhân dân tỉnh Tây Ninh").
    #[serde(default)]
    pub issuer: Option<String>,
    /// Its trích yếu, for a full first citation ("về …").
    #[serde(default)]
    pub subject: Option<String>,
    /// The name a law or a document without a number is cited by ("Luật Công đoàn năm 2012").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// How the number joins the ký hiệu as the document prints it: `Some(true)` for "-"
    /// (Party and Đoàn documents, "97-QĐ/TW"), `Some(false)` for "/"; when unknown, the
    /// ký hiệu's shape decides (`wording::doc_id`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dash: Option<bool>,
    /// The citing document carries it out or sends it along ("Thực hiện …", "triển khai
    /// …", "kèm theo …"), rather than resting on it ("Căn cứ …").
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub carried: bool,
}

impl DocRef {
    /// Cited by number and ký hiệu, as a forwarding letter can cite it again.
    pub(crate) fn has_number(&self) -> bool {
        !self.number.trim().is_empty() && !self.symbol.trim().is_empty()
    }
}

/// An empty string written as null, and null read as an empty string.
mod empty_as_null {
    use serde::{Deserialize, Deserializer, Serializer};

    pub(crate) fn serialize<S: Serializer>(v: &str, s: S) -> Result<S::Ok, S::Error> {
        if v.is_empty() {
            s.serialize_none()
        } else {
            s.serialize_str(v)
        }
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
        Ok(Option::<String>::deserialize(d)?.unwrap_or_default())
    }
}

/// The signature block: authority lines, title and name (ND30 Điều 13; PL-I II.7).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Signature {
    /// "TM. BAN THƯỜNG VỤ", or another TM./KT./Q./TL./TUQ. line; none when the head signs.
    #[serde(default)]
    pub authority: Option<String>,
    /// The second authority line of a deputy signing for a collective: "KT. CHỦ TỊCH".
    #[serde(default)]
    pub on_behalf: Option<String>,
    /// The signer's title, e.g. "PHÓ CHỦ TỊCH".
    pub title: String,
    /// The signer's name, e.g. "Trương Văn Cường"; may be left for the signed copy.
    #[serde(default)]
    pub name: Option<String>,
}

impl Signature {
    /// Why it cannot go out: it has no name. ND30 prints the signer's full name under the
    /// signature (Phụ lục I, Phần I, Mục II, ô 7c), on letters and copies alike.
    pub(crate) fn nameless(&self) -> Option<String> {
        self.name
            .as_deref()
            .is_none_or(|n| n.trim().is_empty())
            .then(|| {
                let who = [self.on_behalf.as_deref(), Some(self.title.as_str())]
                    .into_iter()
                    .flatten()
                    .find(|t| !t.trim().is_empty())
                    .unwrap_or("người ký");
                format!("chưa có họ tên người ký ({who}): Nghị định 30 ghi họ tên dưới chữ ký")
            })
    }
}

/// The forwarding letter (or plan) as the clerk edits it: every part of the form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Letter {
    /// The kind of document: "Công văn", "Kế hoạch", …
    pub doc_type: DocKind,
    /// The directly superior body (cơ quan chủ quản), e.g. "LĐLĐ TỈNH TÂY NINH"; may be empty.
    #[serde(default)]
    pub parent_body: String,
    /// The issuing body (cơ quan ban hành), e.g. "LIÊN ĐOÀN LAO ĐỘNG HUYỆN DƯƠNG MINH CHÂU".
    pub issuer: String,
    /// The number, given from the register when the leader signs; blank until then.
    #[serde(default)]
    pub number: Option<u32>,
    /// The ký hiệu after the number: "LĐLĐ" for a công văn, "KH-LĐLĐ" for a kế hoạch.
    pub symbol: String,
    /// The place name of the date line, e.g. "Dương Minh Châu".
    pub place: String,
    /// The date, with the day blank until signing.
    pub date: LetterDate,
    /// The trích yếu, without "V/v".
    pub subject: String,
    /// Kính gửi: one or several addressees, without their "- " and closing ";" or ".".
    #[serde(default)]
    pub recipients: Vec<String>,
    /// The body, in the Markdown subset described in ARCHITECTURE.md.
    pub body: String,
    /// Nơi nhận, each without its leading "- " and closing ";" or ".".
    #[serde(default)]
    pub distribution: Vec<String>,
    /// The signature block.
    pub signature: Signature,
    /// The line of the incoming register (sổ văn bản đến) this letter answers, when it was
    /// drafted from a document received and entered there.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub answers: Option<i64>,
}

impl Letter {
    /// Who gets a copy of an issued letter: Kính gửi, then Nơi nhận without "Như trên"
    /// (which stands for Kính gửi) and the file copies ("Lưu").
    pub fn addressees(&self) -> Vec<String> {
        let mut all = self.recipients.clone();
        for d in &self.distribution {
            let folded = crate::text::fold_case(d);
            if folded != "như trên" && !folded.starts_with("lưu") && !all.contains(d) {
                all.push(d.clone());
            }
        }
        all
    }

    /// The field of the form the reference paragraph is: the body's first paragraph
    /// ("Thực hiện Kế hoạch số …"), named apart so a problem can point at it.
    pub(crate) const REFERENCES: &'static str = "body.references";

    /// Reads a letter from JSON, with a Vietnamese message naming the field on error.
    pub fn from_json(text: &str) -> Result<Letter, Error> {
        serde_json::from_str(text).map_err(|e| Error::from_json("công văn (JSON)", &e))
    }

    /// An example: the công văn of seed 000, as the test fixture of that name holds it.
    pub fn example() -> Letter {
        Letter::from_json(include_str!("../tests/fixtures/seed-000-cong-van-165.json"))
            .expect("the example letter is checked by the seed tests")
    }

    /// The letter as pretty JSON, the form the app and the CLI save.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("a Letter always serialises")
    }
}

/// A named group of addressees in the profile's address book.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AddressGroup {
    /// The group's label, e.g. "Cấp trên".
    pub group: String,
    /// The addressees, as they are written in Kính gửi or Nơi nhận.
    pub entries: Vec<String>,
}

/// The office (hồ sơ đơn vị): names, abbreviations, place, signers and address book.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    /// The directly superior body as the header prints it, e.g. "LĐLĐ TỈNH TÂY NINH".
    #[serde(default)]
    pub parent_body: String,
    /// The office's full name, e.g. "Liên đoàn Lao động huyện Dương Minh Châu".
    pub name: String,
    /// The office's short name used in text, e.g. "LĐLĐ huyện".
    #[serde(default)]
    pub short_name: String,
    /// The collective that decides and asks, as the body names it: "Ban Thường vụ Liên đoàn Lao động huyện".
    #[serde(default)]
    pub collective: String,
    /// The abbreviation in ký hiệu, e.g. "LĐLĐ".
    pub abbreviation: String,
    /// The place name of the date line.
    pub place: String,
    /// The drafting unit in "Lưu: VT, VP.", e.g. "VP".
    pub drafting_unit: String,
    /// Who may sign, first the default.
    #[serde(default)]
    pub signers: Vec<Signature>,
    /// Addressees for Kính gửi.
    #[serde(default)]
    pub recipients: Vec<AddressGroup>,
    /// Entries for Nơi nhận.
    #[serde(default)]
    pub distribution: Vec<AddressGroup>,
    /// How numbers run: "chung" (one series for every kind, the default) or "theo-loai".
    #[serde(default)]
    pub numbering: Numbering,
    /// The office's postal address, as its envelopes print it (Phụ lục IV, mẫu bì).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub address: String,
    /// Its telephone.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub phone: String,
    /// Its fax.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub fax: String,
    /// Its e-mail.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub email: String,
    /// Its website.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub website: String,
    /// Postal addresses of the address book's entries, for their envelopes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub addresses: Vec<Address>,
    /// The PKCS#11 module of the office's token (Linux), picked once by the clerk.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pkcs11_module: Option<String>,
    /// The office's PostgreSQL server when several clerks share one register; its password
    /// is kept in the OS keyring, never here.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub server: Option<ServerAddress>,
}

/// Where the office's shared register is: a PostgreSQL server on its network.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServerAddress {
    /// Its host name or IP address, e.g. "192.168.1.10".
    pub host: String,
    /// Its port, 5432 unless the server was set up otherwise.
    #[serde(default = "ServerAddress::default_port")]
    pub port: u16,
    /// The database holding the register, e.g. "congvan".
    pub database: String,
    /// The clerk's PostgreSQL role, e.g. "vanthu".
    pub user: String,
}

impl ServerAddress {
    fn default_port() -> u16 {
        5432
    }

    /// "postgres://user@host:port/database", without a password; refused, naming the field,
    /// when a part is empty or holds a character such a URL cannot carry as it is.
    pub fn url(&self) -> Result<String, Error> {
        let parts = [
            ("host", "máy chủ", &self.host),
            ("database", "cơ sở dữ liệu", &self.database),
            ("user", "người dùng", &self.user),
        ];
        for (field, label, value) in parts {
            let bad = value
                .chars()
                .find(|c| !(c.is_ascii_alphanumeric() || "._-".contains(*c)));
            let message = match (value.trim().is_empty(), bad) {
                (true, _) => format!("chưa có tên {label} của máy chủ sổ"),
                (false, Some(c)) => format!(
                    "tên {label} của máy chủ sổ \"{value}\" có ký tự \"{c}\": chỉ dùng chữ không dấu, số, dấu chấm, gạch nối, gạch dưới"
                ),
                (false, None) => continue,
            };
            return Err(Error::Data {
                what: "hồ sơ đơn vị".into(),
                field: Some(format!("server.{field}")),
                message,
            });
        }
        Ok(format!(
            "postgres://{}@{}:{}/{}",
            self.user, self.host, self.port, self.database
        ))
    }
}

/// Where to send an addressee's envelope.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Address {
    /// The addressee, as Kính gửi or Nơi nhận writes it.
    pub name: String,
    /// Its postal address.
    pub address: String,
}

impl Profile {
    /// Reads a profile from TOML, with a Vietnamese message naming the field on error.
    pub(crate) fn from_toml(text: &str) -> Result<Profile, Error> {
        toml::from_str(text).map_err(|e| {
            let at = e
                .span()
                .map(|s| text[..s.start.min(text.len())].lines().count().max(1));
            Error::Data {
                what: "hồ sơ đơn vị (TOML)".into(),
                field: crate::error::field_named(e.message()),
                message: match at {
                    Some(line) => format!(
                        "{} (dòng {line})",
                        crate::error::translate_serde(e.message())
                    ),
                    None => crate::error::translate_serde(e.message()),
                },
            }
        })
    }

    /// The example profile: the office of the seed letters (profiles/duong-minh-chau.toml).
    pub fn example() -> Profile {
        Profile::from_toml(include_str!("../profiles/duong-minh-chau.toml"))
            .expect("the example profile is checked by tests")
    }

    /// Refuses a profile without the facts every letter prints: the office's name, its
    /// abbreviation, its place, the drafting unit, and a title for each signer.
    pub fn check(&self) -> Result<(), Error> {
        let missing = [
            (&self.name, "name", "tên đơn vị"),
            (&self.abbreviation, "abbreviation", "chữ viết tắt"),
            (&self.place, "place", "địa danh"),
            (&self.drafting_unit, "drafting_unit", "đơn vị soạn thảo"),
        ]
        .into_iter()
        .find(|(value, _, _)| value.trim().is_empty())
        .map(|(_, field, what)| (field, format!("chưa điền {what}")))
        .or_else(|| {
            self.signers
                .iter()
                .position(|s| s.title.trim().is_empty())
                .map(|i| ("signers", format!("người ký thứ {} chưa có chức vụ", i + 1)))
        });
        match missing {
            Some((field, message)) => Err(Error::Data {
                what: "hồ sơ đơn vị".into(),
                message,
                field: Some(field.into()),
            }),
            None => Ok(()),
        }
    }

    /// The ký hiệu this office gives a document of `kind`: "LĐLĐ" for a công văn, "KH-LĐLĐ"
    /// for a plan (PL-I II.3.b); `None` for a kind whose abbreviation is not known.
    pub(crate) fn symbol_for(&self, kind: &DocKind) -> Option<String> {
        if kind.is_cong_van() {
            return Some(self.abbreviation.clone());
        }
        kind.abbreviation()
            .map(|abbr| format!("{abbr}-{}", self.abbreviation))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str, expected: Option<(i32, u32, Option<u32>)>) {
        let got = LetterDate::parse(text)
            .ok()
            .map(|d| (d.year, d.month, d.day));
        assert_eq!(got, expected, "{text}");
    }

    #[test]
    fn dates_with_and_without_a_day() {
        check("2024-05", Some((2024, 5, None)));
        check("2024-05-06", Some((2024, 5, Some(6))));
        check("2024-02-29", Some((2024, 2, Some(29))));
        check("2023-02-29", None);
        check("2024-13", None);
        check("2024-00", None);
        check("2024-5", None);
        check("24-05-06", None);
        check("2024-05-06-07", None);
        check("", None);
        assert_eq!(LetterDate::parse("2024-05").unwrap().to_string(), "2024-05");
        assert_eq!(
            LetterDate::parse("2024-12-01").unwrap().to_string(),
            "2024-12-01"
        );
    }

    #[test]
    fn kinds_by_name_and_abbreviation() {
        assert_eq!(DocKind::from_name("kế hoạch").abbreviation(), Some("KH"));
        assert_eq!(DocKind::from_name("KẾ HOẠCH").name(), "Kế hoạch");
        assert!(DocKind::from_name("Công văn").is_cong_van());
        assert_eq!(
            DocKind::from_abbreviation("QĐ"),
            Some(DocKind::from_name("Quyết định"))
        );
        assert_eq!(DocKind::from_abbreviation("kh"), None);
        let other = DocKind::from_name("Văn bản");
        assert_eq!((other.name(), other.abbreviation()), ("Văn bản", None));
    }

    #[test]
    fn letters_round_trip_through_json() {
        let letter = Letter::example();
        assert_eq!(Letter::from_json(&letter.to_json()).unwrap(), letter);
        assert!(letter.to_json().contains("\"date\": \"2024-05\""));
    }

    #[test]
    fn the_server_of_a_profile_is_a_url_without_a_password() {
        let profile = |server: &str| {
            let example = toml::to_string(&Profile::example()).unwrap();
            Profile::from_toml(&format!("{example}\n[server]\n{server}"))
        };
        let kept = profile("host = \"192.168.1.10\"\ndatabase = \"congvan\"\nuser = \"vanthu\"")
            .unwrap()
            .server
            .unwrap();
        assert_eq!(
            kept.url().unwrap(),
            "postgres://vanthu@192.168.1.10:5432/congvan"
        );
        // A password is never kept in the profile: the file that holds one is refused.
        let err = profile("host = \"h\"\ndatabase = \"d\"\nuser = \"u\"\npassword = \"x\"")
            .unwrap_err()
            .to_string();
        assert!(err.contains("password"), "{err}");
        let refused = |host: &str, said: &str| {
            let err = ServerAddress {
                host: host.into(),
                ..kept.clone()
            }
            .url()
            .unwrap_err();
            assert!(err.to_string().contains(said), "{host}: {err}");
        };
        refused("", "chưa có tên máy chủ");
        refused("vt@h", "có ký tự \"@\"");
        refused("máy-chủ", "có ký tự \"á\"");
    }

    #[test]
    fn the_profile_gives_each_kind_its_symbol() {
        let profile = Profile::example();
        assert_eq!(
            profile.signers[0].authority.as_deref(),
            Some("TM. BAN THƯỜNG VỤ")
        );
        let err = Profile::from_toml("name = \"x\"\nabbreviation = 5")
            .unwrap_err()
            .to_string();
        assert!(err.contains("dòng 2"), "{err}");
        assert_eq!(
            profile.symbol_for(&DocKind::CONG_VAN).as_deref(),
            Some("LĐLĐ")
        );
        assert_eq!(
            profile
                .symbol_for(&DocKind::from_name("Kế hoạch"))
                .as_deref(),
            Some("KH-LĐLĐ")
        );
        assert_eq!(profile.symbol_for(&DocKind::from_name("Điều lệ")), None);
        assert_eq!(profile.check(), Ok(()));
        let check = |change: fn(&mut Profile), expected: &str| {
            let mut p = Profile::example();
            change(&mut p);
            assert_eq!(p.check().unwrap_err().to_string(), expected);
        };
        check(|p| p.place = " ".into(), "hồ sơ đơn vị: chưa điền địa danh");
        check(
            |p| p.signers[1].title.clear(),
            "hồ sơ đơn vị: người ký thứ 2 chưa có chức vụ",
        );
    }
}
