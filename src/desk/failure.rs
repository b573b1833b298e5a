//! What the window and the tool are told when a workflow does not go through: its kind,
//! so a refusal is shown beside the field it names and a failure as a failure, and the
//! Vietnamese message.

use serde::Serialize;

use crate::error::Error;

/// Why a workflow stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// What the clerk gave cannot be used as it is: a field to fill or correct.
    Refused,
    /// A file, a register line or a template the clerk named is not there.
    NotFound,
    /// Another window or process is writing the database: try again.
    Busy,
    /// Something outside the clerk's input failed: the disk, LibreOffice, the database.
    Failed,
}

/// A workflow that did not go through, as the window and the tool show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Failure {
    /// Why it stopped.
    pub kind: Kind,
    /// What happened, in Vietnamese, naming the field or the file.
    pub message: String,
    /// The field of the form it concerns ("letter", "images", "pdf", "body.references"), when
    /// it concerns one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
}

impl Failure {
    /// A refusal of what the clerk gave in `field`.
    pub fn refused(field: &str, message: impl Into<String>) -> Failure {
        Failure {
            kind: Kind::Refused,
            message: message.into(),
            field: Some(field.to_string()),
        }
    }

    /// A failure outside the clerk's input, with its message.
    pub fn failed(message: impl Into<String>) -> Failure {
        Failure {
            kind: Kind::Failed,
            message: message.into(),
            field: None,
        }
    }

    /// The same failure, its message led by what was already done ("đã cấp số 05/LĐLĐ,
    /// nhưng …"), so the clerk knows a number was taken.
    pub fn after(self, done: &str) -> Failure {
        Failure {
            message: format!("{done}, nhưng {}", self.message),
            ..self
        }
    }
}

impl From<Error> for Failure {
    fn from(e: Error) -> Failure {
        let kind = match &e {
            Error::Data { .. }
            | Error::Date(_)
            | Error::Template { .. }
            | Error::Import(_)
            | Error::Scan(_)
            | Error::Image(_)
            | Error::Sign(_) => Kind::Refused,
            Error::NotFound(_) => Kind::NotFound,
            Error::Busy(_) => Kind::Busy,
            Error::Store(_) | Error::Docx(_) | Error::Pdf(_) | Error::Io(_) => Kind::Failed,
        };
        Failure {
            kind,
            message: e.to_string(),
            field: e.field().map(str::to_string),
        }
    }
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Failure {}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(e: Error, kind: Kind, field: Option<&str>) {
        let f = Failure::from(e.clone());
        assert_eq!((f.kind, f.field.as_deref()), (kind, field), "{e}");
        assert_eq!(f.message, e.to_string());
    }

    #[test]
    fn each_error_has_its_kind_and_the_field_it_names() {
        let bad_json = crate::model::Letter::from_json("{}").unwrap_err();
        check(bad_json, Kind::Refused, Some("doc_type"));
        let profile = crate::model::Profile {
            place: " ".into(),
            ..crate::model::Profile::example()
        };
        check(profile.check().unwrap_err(), Kind::Refused, Some("place"));
        check(Error::Date("2024-13".into()), Kind::Refused, Some("date"));
        check(Error::Image("x".into()), Kind::Refused, Some("images"));
        check(Error::NotFound("x".into()), Kind::NotFound, None);
        check(Error::Busy("x".into()), Kind::Busy, None);
        check(Error::Store("x".into()), Kind::Failed, None);
        check(Error::Io("x".into()), Kind::Failed, None);
    }

    #[test]
    fn what_was_done_leads_a_later_failure() {
        let f = Failure::failed("không ghi được a.docx").after("Đã cấp số 01/LĐLĐ");
        assert_eq!(f.message, "Đã cấp số 01/LĐLĐ, nhưng không ghi được a.docx");
        assert_eq!(f.kind, Kind::Failed);
    }
}
