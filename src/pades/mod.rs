//! Digital signatures in PDF (PAdES baseline B-B: SHA-256, `ETSI.CAdES.detached`), pure:
//! a signature is added as an incremental update (what was signed before stays byte for
//! byte), in two steps so that the key can live on a token the core never sees:
//! `prepare` writes the update with room for the signature and returns the bytes to sign;
//! `finish` puts the signer's answer in that room. `verify` reads every signature of a
//! PDF: who, when, whether the signed bytes are unchanged and cover the whole file, and
//! whether the certificate chains to a root the clerk trusts.

mod cms;
mod field;
mod update;
mod verify;

use crate::error::Error;

pub use field::{vietnam, Request, Visible};
pub use verify::{last_visible, page_size, verify, Shown, Verified};

/// A PDF with room for a signature, and the bytes the signer's key must sign.
#[derive(Debug, Clone)]
pub struct Prepared {
    bytes: Vec<u8>,
    /// Where the hex string of `/Contents` begins (its `<`) and ends (after its `>`).
    hole: (usize, usize),
    /// The signed attributes of the CMS (DER, a SET), which the key signs.
    signed_attributes: Vec<u8>,
    chain: Vec<Vec<u8>>,
}

/// The room kept for the signature: a chain of a few certificates and a 4096-bit signature
/// fit with room to spare.
const ROOM: usize = 16 * 1024;

impl Prepared {
    /// The bytes the signer's key signs (RSA PKCS #1 v1.5 with SHA-256 over them).
    pub fn to_sign(&self) -> &[u8] {
        &self.signed_attributes
    }
}

/// Writes the update that adds a signature field to `pdf`, with room for the signature.
/// The certificate is checked first: one that may not sign, or is not valid at `time`, is
/// refused here, before anything is written.
pub fn prepare(pdf: &[u8], request: &Request) -> Result<Prepared, Error> {
    let Some(leaf) = request.chain.first() else {
        return Err(Error::Sign("không có chứng thư số của người ký".into()));
    };
    let certificate = cms::Certificate::read(leaf)?;
    certificate.may_sign(request.time)?;
    let (bytes, hole) = update::with_room(pdf, request, &certificate.common_name(), ROOM)?;
    let digest = update::digest(&bytes, hole);
    let signed_attributes = cms::signed_attributes(&digest, leaf)?;
    Ok(Prepared {
        bytes,
        hole,
        signed_attributes,
        chain: request.chain.clone(),
    })
}

/// The signed PDF: `signature` is the key's answer to `prepared.to_sign()`.
pub fn finish(prepared: Prepared, signature: &[u8]) -> Result<Vec<u8>, Error> {
    let der = cms::signed_data(&prepared.signed_attributes, signature, &prepared.chain)?;
    let (start, end) = prepared.hole;
    let room = (end - start - 2) / 2;
    if der.len() > room {
        return Err(Error::Sign(format!(
            "chữ ký dài {} byte, quá chỗ dành sẵn {room} byte",
            der.len()
        )));
    }
    let mut bytes = prepared.bytes;
    let hex: String = der.iter().map(|b| format!("{b:02X}")).collect();
    bytes[start + 1..start + 1 + hex.len()].copy_from_slice(hex.as_bytes());
    Ok(bytes)
}

/// The common name of a certificate (DER), to name it to the clerk.
pub fn certificate_name(der: &[u8]) -> Result<String, Error> {
    Ok(cms::Certificate::read(der)?.common_name())
}

/// Refuses a certificate (DER) that may not sign at `time`: not valid then, or without a
/// signing key usage; the message names the holder and why.
pub fn certificate_may_sign(
    der: &[u8],
    time: chrono::DateTime<chrono::FixedOffset>,
) -> Result<(), Error> {
    cms::Certificate::read(der)?.may_sign(time)
}

/// The organisation (O) a certificate (DER) names, when it names one.
pub fn certificate_organisation(der: &[u8]) -> Option<String> {
    cms::Certificate::read(der).ok()?.organisation()
}

/// `leaf` followed by those of `others` that issued it, one after the other, as far as
/// they go (a token keeps its certificates in no order).
pub fn chain_from(leaf: &[u8], others: &[Vec<u8>]) -> Vec<Vec<u8>> {
    let pool: Vec<cms::Certificate> = others
        .iter()
        .filter_map(|d| cms::Certificate::read(d).ok())
        .collect();
    let mut chain = vec![leaf.to_vec()];
    let Ok(mut current) = cms::Certificate::read(leaf) else {
        return chain;
    };
    while chain.len() < 8 {
        match pool
            .iter()
            .find(|c| c.der != current.der && !chain.contains(&c.der) && current.issued_by(c))
        {
            Some(next) => {
                chain.push(next.der.clone());
                current = next.clone();
            }
            None => break,
        }
    }
    chain
}

#[cfg(test)]
mod tests;
