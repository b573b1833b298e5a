//! The core's one error type. Its messages are shown to the clerk, so they are Vietnamese
//! and say what went wrong and where.

/// Everything the core can refuse, with a Vietnamese message.
#[derive(Debug, Clone, thiserror::Error, PartialEq, Eq)]
pub enum Error {
    /// A letter, profile or template file whose JSON or TOML does not fit the model.
    #[error("{what}: {message}")]
    Data {
        /// The thing being read, e.g. "công văn (JSON)".
        what: String,
        /// Vietnamese description, naming the field and position when known.
        message: String,
        /// The field it concerns, as the file and the form name it ("subject", "place"),
        /// when known.
        field: Option<String>,
    },
    /// A date that is not a real calendar date, or not in the form "YYYY-MM[-DD]".
    #[error(
        "ngày tháng không hợp lệ: \"{0}\" (cần dạng YYYY-MM-DD, hoặc YYYY-MM khi chưa có ngày)"
    )]
    Date(String),
    /// A template that cannot be read or filled in.
    #[error("mẫu \"{template}\": {message}")]
    Template {
        /// The template's id (its file name without extension).
        template: String,
        /// Vietnamese description of the fault.
        message: String,
    },
    /// A file the clerk opened that cannot be read: its kind, its size, or its content.
    #[error("{0}")]
    Import(String),
    /// A file whose text is only a picture (a scan, a photo): it is read through OCR where
    /// the desk has an engine; the message says what to do where it has none.
    #[error("{0}")]
    Scan(String),
    /// The local database cannot be opened or written; the file is left as it was.
    #[error("{0}")]
    Store(String),
    /// The local database is being written by another window or process; try again.
    #[error("{0}")]
    Busy(String),
    /// A file, a register line or a template the clerk named is not there.
    #[error("{0}")]
    NotFound(String),
    /// A file the clerk named could not be read or written (a full disk, no right to it,
    /// a file held open by Word).
    #[error("{0}")]
    Io(String),
    /// A signature or seal image that cannot be used, and why.
    #[error("{0}")]
    Image(String),
    /// The .docx package could not be assembled.
    #[error("không tạo được tệp .docx: {0}")]
    Docx(String),
    /// The PDF could not be written: a font that cannot be used, an image, the writer.
    #[error("không tạo được tệp PDF: {0}")]
    Pdf(String),
    /// The file could not be signed: no token, a wrong PIN, a certificate that may not sign,
    /// a PDF that cannot take a signature. The file to sign is left as it was.
    #[error("không ký số được: {0}")]
    Sign(String),
}

impl Error {
    /// Wraps a serde_json error with a Vietnamese message naming the field, line and column.
    pub fn from_json(what: &str, err: &serde_json::Error) -> Error {
        let raw = err.to_string();
        // serde_json appends " at line L column C"; it is restated in Vietnamese below.
        let detail = raw.split(" at line ").next().unwrap_or(&raw);
        let message = translate_serde(detail);
        let message = if err.line() > 0 {
            format!("{message} (dòng {}, cột {})", err.line(), err.column())
        } else {
            message
        };
        Error::Data {
            what: what.to_string(),
            message,
            field: field_named(detail),
        }
    }

    /// The field of the form or the file the error concerns, when it names one: where the
    /// window shows a refusal.
    pub fn field(&self) -> Option<&str> {
        match self {
            Error::Data { field, .. } => field.as_deref(),
            Error::Date(_) => Some("date"),
            Error::Template { .. } => Some("template"),
            Error::Image(_) => Some("images"),
            _ => None,
        }
    }
}

/// The field a serde message names: "missing field `subject`" → "subject".
pub(crate) fn field_named(detail: &str) -> Option<String> {
    ["missing field", "unknown field", "duplicate field"]
        .iter()
        .find_map(|prefix| detail.strip_prefix(prefix))
        .and_then(|rest| rest.split('`').nth(1))
        .map(str::to_string)
}

/// Puts the common serde messages into Vietnamese; field names stay as written in the file.
pub(crate) fn translate_serde(detail: &str) -> String {
    let field = |prefix: &str| {
        detail
            .strip_prefix(prefix)
            .and_then(|rest| rest.split('`').nth(1))
            .map(str::to_string)
    };
    if let Some(name) = field("missing field") {
        format!("thiếu trường \"{name}\"")
    } else if let Some(name) = field("unknown field") {
        format!("trường lạ \"{name}\" (kiểm tra chính tả tên trường)")
    } else if let Some(rest) = detail.strip_prefix("invalid type: ") {
        format!("sai kiểu dữ liệu: {rest}")
    } else if let Some(rest) = detail.strip_prefix("unknown variant ") {
        format!("giá trị không có trong danh sách: {rest}")
    } else if detail.starts_with("EOF while parsing") {
        "tệp JSON bị cắt cụt (thiếu dấu đóng)".to_string()
    } else if detail.starts_with("expected") || detail.starts_with("trailing") {
        format!("JSON sai cú pháp: {detail}")
    } else {
        detail.to_string()
    }
}
