//! A token through its PKCS#11 module (the clerk picks the module once; it is kept in the
//! profile): the slot with a token, the login with the PIN the clerk typed (never kept), the
//! private key and its certificate, and the token's answers as Vietnamese messages.

use std::path::Path;

use cryptoki::context::{CInitializeArgs, CInitializeFlags, Pkcs11 as Context};
use cryptoki::error::{Error as Ck, RvError};
use cryptoki::mechanism::Mechanism;
use cryptoki::object::{Attribute, AttributeType, CertificateType, ObjectClass, ObjectHandle};
use cryptoki::session::{Session, UserType};
use cryptoki::slot::Slot;
use cryptoki::types::AuthPin;

use super::signer::Signer;
use crate::error::Error;

/// The DER prefix of a SHA-256 DigestInfo (RFC 8017 §9.2), before the 32 bytes of the hash.
const SHA256_DIGEST_INFO: [u8; 19] = [
    0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01, 0x05,
    0x00, 0x04, 0x20,
];

/// A key on a token, logged in.
pub struct Pkcs11 {
    session: Session,
    key: ObjectHandle,
    chain: Vec<Vec<u8>>,
    // Kept last so that the session closes before the module is finalised.
    _context: Context,
}

impl Pkcs11 {
    /// Refuses a file that does not load as a PKCS#11 module.
    pub(crate) fn check_module(module: &Path) -> Result<(), Error> {
        let context = Context::new(module).map_err(|e| {
            Error::Sign(format!(
                "{} không phải thư viện PKCS#11 ({e}): hãy chọn tệp thư viện của token",
                module.display()
            ))
        })?;
        context
            .initialize(CInitializeArgs::new(CInitializeFlags::OS_LOCKING_OK))
            .map_err(|e| said("khởi động thư viện PKCS#11", e))
    }

    /// Opens the token (the one labelled `token`, else the only one plugged in), logs in with
    /// `pin`, and finds the key labelled `key` (else the only private key) and the
    /// certificate with its id.
    pub fn open(
        module: &Path,
        token: Option<&str>,
        key: Option<&str>,
        pin: &str,
    ) -> Result<Pkcs11, Error> {
        let context = Context::new(module).map_err(|e| {
            Error::Sign(format!(
                "không nạp được thư viện PKCS#11 {} ({e}): hãy chọn đúng tệp của token (trong thư mục cài trình điều khiển của nhà cung cấp)",
                module.display()
            ))
        })?;
        context
            .initialize(CInitializeArgs::new(CInitializeFlags::OS_LOCKING_OK))
            .map_err(|e| said("khởi động thư viện PKCS#11", e))?;
        let slot = pick_slot(&context, token)?;
        let info = context
            .get_token_info(slot)
            .map_err(|e| said("đọc token", e))?;
        let label = info.label().trim().to_string();
        if info.user_pin_locked() {
            return Err(locked(&label));
        }
        let session = context
            .open_ro_session(slot)
            .map_err(|e| said("mở phiên làm việc với token", e))?;
        if let Err(e) = session.login(UserType::User, Some(&AuthPin::from(pin.to_string()))) {
            return Err(match rv(&e) {
                Some(RvError::PinIncorrect) => {
                    // The token says how close the PIN is to locking, when it keeps count.
                    let after = context.get_token_info(slot).ok();
                    let tries = match after {
                        Some(i) if i.user_pin_locked() => return Err(locked(&label)),
                        Some(i) if i.user_pin_final_try() => ": chỉ còn một lần thử, sai nữa token sẽ bị khóa",
                        Some(i) if i.user_pin_count_low() => ": đã sai nhiều lần, token sắp bị khóa",
                        _ => "",
                    };
                    Error::Sign(format!("mã PIN của token {label} không đúng{tries}"))
                }
                Some(RvError::PinLocked) => locked(&label),
                Some(RvError::PinExpired) => Error::Sign(format!(
                    "mã PIN của token {label} đã hết hạn: hãy đổi PIN bằng phần mềm của nhà cung cấp"
                )),
                Some(RvError::UserAlreadyLoggedIn) => return Pkcs11::finish_open(context, session, key, &label),
                _ => said("đăng nhập token", e),
            });
        }
        Pkcs11::finish_open(context, session, key, &label)
    }

    fn finish_open(
        context: Context,
        session: Session,
        key: Option<&str>,
        label: &str,
    ) -> Result<Pkcs11, Error> {
        let mut template = vec![Attribute::Class(ObjectClass::PRIVATE_KEY)];
        if let Some(k) = key {
            template.push(Attribute::Label(k.as_bytes().to_vec()));
        }
        let keys = session
            .find_objects(&template)
            .map_err(|e| said("tìm khóa trên token", e))?;
        let key_handle = match (keys.as_slice(), key) {
            ([one], _) => *one,
            ([], Some(k)) => {
                return Err(Error::Sign(format!(
                    "token {label} không có khóa nào tên \"{k}\""
                )))
            }
            ([], None) => {
                return Err(Error::Sign(format!(
                    "token {label} không có khóa ký số nào"
                )))
            }
            (_, _) => {
                return Err(Error::Sign(format!(
                    "token {label} có {} khóa: hãy chọn một khóa theo nhãn",
                    keys.len()
                )))
            }
        };
        let id = session
            .get_attributes(key_handle, &[AttributeType::Id])
            .map_err(|e| said("đọc khóa", e))?
            .into_iter()
            .find_map(|a| match a {
                Attribute::Id(id) => Some(id),
                _ => None,
            })
            .unwrap_or_default();
        let certificates = all_certificates(&session)?;
        let leaf = certificates
            .iter()
            .find(|(cid, _)| *cid == id)
            .map(|(_, der)| der.clone())
            .ok_or_else(|| {
                Error::Sign(format!("token {label} không có chứng thư số đi kèm khóa"))
            })?;
        let others: Vec<Vec<u8>> = certificates.into_iter().map(|(_, der)| der).collect();
        let chain = crate::pades::chain_from(&leaf, &others);
        Ok(Pkcs11 {
            session,
            key: key_handle,
            chain,
            _context: context,
        })
    }
}

impl Signer for Pkcs11 {
    fn chain(&mut self) -> Result<Vec<Vec<u8>>, Error> {
        Ok(self.chain.clone())
    }

    fn sign(&mut self, data: &[u8]) -> Result<Vec<u8>, Error> {
        match self.session.sign(&Mechanism::Sha256RsaPkcs, self.key, data) {
            // A token that only signs what it is given hashed (raw PKCS #1 v1.5): the
            // SHA-256 DigestInfo, made here.
            Err(e) if rv(&e) == Some(RvError::MechanismInvalid) => {
                use sha2::Digest;
                let mut info = SHA256_DIGEST_INFO.to_vec();
                info.extend(sha2::Sha256::digest(data));
                self.session
                    .sign(&Mechanism::RsaPkcs, self.key, &info)
                    .map_err(|e| said("ký bằng token", e))
            }
            done => done.map_err(|e| said("ký bằng token", e)),
        }
    }
}

/// The slot of the token labelled `token`, or of the only token plugged in.
fn pick_slot(context: &Context, token: Option<&str>) -> Result<Slot, Error> {
    let slots = context
        .get_slots_with_token()
        .map_err(|e| said("tìm token", e))?;
    let labelled: Vec<(Slot, String)> = slots
        .iter()
        .filter_map(|&s| {
            // A blank token (SoftHSM's free slot, a token never set up) cannot sign.
            context
                .get_token_info(s)
                .ok()
                .filter(|i| i.token_initialized())
                .map(|i| (s, i.label().trim().to_string()))
        })
        .collect();
    match token {
        Some(wanted) => labelled
            .iter()
            .find(|(_, l)| l == wanted)
            .map(|(s, _)| *s)
            .ok_or_else(|| {
                Error::Sign(format!(
                    "không thấy token \"{wanted}\" (đang cắm: {})",
                    names(&labelled)
                ))
            }),
        None => match labelled.as_slice() {
            [] => Err(Error::Sign(
                "không thấy token chữ ký số: hãy cắm token vào máy rồi thử lại".into(),
            )),
            [(slot, _)] => Ok(*slot),
            _ => Err(Error::Sign(format!(
                "đang cắm {} token ({}): hãy rút bớt, chỉ để token cần ký, hoặc chọn theo nhãn",
                labelled.len(),
                names(&labelled)
            ))),
        },
    }
}

fn names(labelled: &[(Slot, String)]) -> String {
    if labelled.is_empty() {
        return "không có".into();
    }
    labelled
        .iter()
        .map(|(_, l)| l.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

/// A certificate's id on the token (CKA_ID, shared with its key) and its DER.
type OnToken = (Vec<u8>, Vec<u8>);

/// The X.509 certificates on the token, each with its id.
fn all_certificates(session: &Session) -> Result<Vec<OnToken>, Error> {
    let handles = session
        .find_objects(&[
            Attribute::Class(ObjectClass::CERTIFICATE),
            Attribute::CertificateType(CertificateType::X_509),
        ])
        .map_err(|e| said("đọc chứng thư số trên token", e))?;
    let mut out = Vec::new();
    for h in handles {
        let attributes = session
            .get_attributes(h, &[AttributeType::Id, AttributeType::Value])
            .map_err(|e| said("đọc chứng thư số trên token", e))?;
        let (mut id, mut value) = (Vec::new(), Vec::new());
        for a in attributes {
            match a {
                Attribute::Id(i) => id = i,
                Attribute::Value(v) => value = v,
                _ => {}
            }
        }
        if !value.is_empty() {
            out.push((id, value));
        }
    }
    Ok(out)
}

fn locked(label: &str) -> Error {
    Error::Sign(format!(
        "token {label} đã bị khóa do nhập sai mã PIN nhiều lần: hãy liên hệ nhà cung cấp chữ ký số để mở khóa"
    ))
}

fn rv(e: &Ck) -> Option<RvError> {
    match e {
        Ck::Pkcs11(rv, _) => Some(*rv),
        _ => None,
    }
}

/// A token's error while doing `what`, in Vietnamese where the token's answer is one a
/// clerk meets.
fn said(what: &str, e: Ck) -> Error {
    match rv(&e) {
        Some(RvError::TokenNotPresent | RvError::DeviceRemoved) => {
            Error::Sign("token đã bị rút ra: hãy cắm lại token rồi thử lại".into())
        }
        Some(RvError::PinLocked) => locked(""),
        _ => Error::Sign(format!("lỗi khi {what} ({e})")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_raw_signature_of_the_digest_info_is_the_hash_and_sign_one() {
        use rsa::pkcs8::DecodePrivateKey;
        use rsa::signature::{SignatureEncoding, Signer as _};
        use sha2::Digest;
        let key =
            rsa::RsaPrivateKey::from_pkcs8_pem(include_str!("../../tests/data/signing/office.key"))
                .unwrap();
        let data = b"thuoc tinh da ky";
        let mut info = SHA256_DIGEST_INFO.to_vec();
        info.extend(sha2::Sha256::digest(data));
        let raw = key
            .sign(rsa::Pkcs1v15Sign::new_unprefixed(), &info)
            .unwrap();
        let hashed = rsa::pkcs1v15::SigningKey::<rsa::sha2::Sha256>::new(key).sign(data);
        assert_eq!(raw, hashed.to_vec());
    }
}
