//! What signs: the `Signer` a digital signature is made with (a token through PKCS#11, the
//! Windows certificate store, or a key file in the tests), apart from the workflows that
//! use it, so that each back-end depends on it alone.

use crate::error::Error;

/// What signs: a certificate chain and a private key that signs bytes with RSA PKCS #1 v1.5
/// and SHA-256. The key never leaves its token; the PIN is asked for by whoever opens it.
pub trait Signer {
    /// The signer's certificate (DER) first, then those that issued it, as far as known.
    fn chain(&mut self) -> Result<Vec<Vec<u8>>, Error>;
    /// The signature of `data`.
    fn sign(&mut self, data: &[u8]) -> Result<Vec<u8>, Error>;
}

/// A signer from a private key file and its certificates (PEM): for the tests and the
/// benchmark, never a clerk's key (a clerk's key stays on its token).
pub struct KeyFile {
    key: rsa::RsaPrivateKey,
    chain: Vec<Vec<u8>>,
}

impl KeyFile {
    /// The key (PKCS #8 PEM) and the chain (PEM certificates, the signer's first).
    pub fn new(key_pem: &str, chain_pem: &[&str]) -> Result<KeyFile, Error> {
        use rsa::pkcs8::DecodePrivateKey;
        let key = rsa::RsaPrivateKey::from_pkcs8_pem(key_pem)
            .map_err(|e| Error::Sign(format!("khóa hỏng ({e})")))?;
        let mut chain = Vec::new();
        for pem in chain_pem {
            chain.extend(certificates_in(pem.as_bytes()).map_err(Error::Sign)?);
        }
        Ok(KeyFile { key, chain })
    }
}

impl Signer for KeyFile {
    fn chain(&mut self) -> Result<Vec<Vec<u8>>, Error> {
        Ok(self.chain.clone())
    }

    fn sign(&mut self, data: &[u8]) -> Result<Vec<u8>, Error> {
        use rsa::signature::{SignatureEncoding, Signer as _};
        let key = rsa::pkcs1v15::SigningKey::<rsa::sha2::Sha256>::new(self.key.clone());
        Ok(key.sign(data).to_vec())
    }
}

/// The certificates of a DER or PEM file, as DER.
pub(super) fn certificates_in(bytes: &[u8]) -> Result<Vec<Vec<u8>>, String> {
    if let Ok(text) = std::str::from_utf8(bytes) {
        if text.contains("-----BEGIN CERTIFICATE-----") {
            use base64::Engine;
            let mut out = Vec::new();
            for block in text.split("-----BEGIN CERTIFICATE-----").skip(1) {
                let body: String = block
                    .split("-----END CERTIFICATE-----")
                    .next()
                    .unwrap_or("")
                    .chars()
                    .filter(|c| !c.is_whitespace())
                    .collect();
                out.push(
                    base64::engine::general_purpose::STANDARD
                        .decode(body)
                        .map_err(|_| "tệp PEM hỏng".to_string())?,
                );
            }
            return Ok(out);
        }
    }
    if bytes.first() == Some(&0x30) {
        return Ok(vec![bytes.to_vec()]);
    }
    Err("không phải chứng thư số (.cer, .crt hoặc .pem)".into())
}
