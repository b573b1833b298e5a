//! The Windows certificate store: the office's certificate whose key is on a token its
//! driver serves (the CSP or minidriver the CA's software installs). The key is used
//! through CNG; Windows and the driver ask for the PIN, so the app never sees it.

use std::ptr::{null, null_mut};

use sha2::{Digest, Sha256};
use windows_sys::Win32::Foundation::{
    SCARD_W_CANCELLED_BY_USER, SCARD_W_CHV_BLOCKED, SCARD_W_WRONG_CHV,
};
use windows_sys::Win32::Security::Cryptography::{
    CertCloseStore, CertDuplicateCertificateContext, CertEnumCertificatesInStore,
    CertFreeCertificateContext, CertGetCertificateContextProperty, CertOpenSystemStoreW,
    CryptAcquireCertificatePrivateKey, NCryptFreeObject, NCryptSignHash, BCRYPT_PAD_PKCS1,
    BCRYPT_PKCS1_PADDING_INFO, BCRYPT_SHA256_ALGORITHM, CERT_CONTEXT, CERT_KEY_PROV_INFO_PROP_ID,
    CRYPT_ACQUIRE_ONLY_NCRYPT_KEY_FLAG,
};

use super::signer::Signer;
use crate::error::Error;

/// A certificate of the personal store with its private key.
pub struct CertStore {
    cert: *const CERT_CONTEXT,
    chain: Vec<Vec<u8>>,
}

impl CertStore {
    /// The certificate of the personal store ("MY") that has a private key and may sign
    /// now: the only one, or the one whose common name contains `name`.
    pub fn open(name: Option<&str>) -> Result<CertStore, Error> {
        let now = chrono::Utc::now().fixed_offset();
        let mut usable = Vec::new();
        let mut refused = Vec::new();
        for (context, der) in certificates("MY", true)? {
            let who = crate::pades::certificate_name(&der).unwrap_or_default();
            let named = name.is_none_or(|n| who.to_lowercase().contains(&n.to_lowercase()));
            match crate::pades::certificate_may_sign(&der, now) {
                Ok(()) if named => usable.push((context, der, who)),
                Err(e) if named => {
                    refused.push(e.to_string());
                    free(context);
                }
                _ => free(context),
            }
        }
        if usable.len() != 1 {
            let names: Vec<String> = usable.iter().map(|(_, _, w)| w.clone()).collect();
            for (context, _, _) in usable {
                free(context);
            }
            return Err(Error::Sign(match (names.len(), refused.first()) {
                (0, Some(why)) => why.clone(),
                (0, None) => "không có chứng thư số nào trong kho của Windows: hãy cắm token và cài phần mềm của nhà cung cấp chữ ký số".into(),
                _ => format!(
                    "có {} chứng thư số ký được ({}): hãy chọn một theo tên",
                    names.len(),
                    names.join(", ")
                ),
            }));
        }
        let (cert, leaf, _) = usable.remove(0);
        let mut others = Vec::new();
        for store in ["CA", "ROOT"] {
            for (context, der) in certificates(store, false).unwrap_or_default() {
                free(context);
                others.push(der);
            }
        }
        let chain = crate::pades::chain_from(&leaf, &others);
        Ok(CertStore { cert, chain })
    }
}

impl Drop for CertStore {
    fn drop(&mut self) {
        free(self.cert);
    }
}

impl Signer for CertStore {
    fn chain(&mut self) -> Result<Vec<Vec<u8>>, Error> {
        Ok(self.chain.clone())
    }

    fn sign(&mut self, data: &[u8]) -> Result<Vec<u8>, Error> {
        let hash = Sha256::digest(data);
        let mut key = 0usize;
        let mut spec = 0u32;
        let mut owned = 0;
        // SAFETY: the context is alive while `self` is; the out pointers are locals.
        let got = unsafe {
            CryptAcquireCertificatePrivateKey(
                self.cert,
                CRYPT_ACQUIRE_ONLY_NCRYPT_KEY_FLAG,
                null(),
                &mut key,
                &mut spec,
                &mut owned,
            )
        };
        if got == 0 {
            return Err(Error::Sign(
                "không mở được khóa của chứng thư số: hãy cắm token (trình điều khiển của nhà cung cấp phải được cài)".into(),
            ));
        }
        let padding = BCRYPT_PKCS1_PADDING_INFO {
            pszAlgId: BCRYPT_SHA256_ALGORITHM,
        };
        let mut len = 0u32;
        // SAFETY: a first call with no buffer asks for the signature's length.
        let mut status = unsafe {
            NCryptSignHash(
                key,
                &padding as *const _ as *const core::ffi::c_void,
                hash.as_ptr(),
                hash.len() as u32,
                null_mut(),
                0,
                &mut len,
                BCRYPT_PAD_PKCS1,
            )
        };
        let mut signature = vec![0u8; len as usize];
        if status == 0 {
            // SAFETY: the buffer is `len` bytes long, as the first call asked.
            status = unsafe {
                NCryptSignHash(
                    key,
                    &padding as *const _ as *const core::ffi::c_void,
                    hash.as_ptr(),
                    hash.len() as u32,
                    signature.as_mut_ptr(),
                    len,
                    &mut len,
                    BCRYPT_PAD_PKCS1,
                )
            };
        }
        if owned != 0 {
            // SAFETY: the key was handed to us to free.
            unsafe { NCryptFreeObject(key) };
        }
        match status {
            0 => {
                signature.truncate(len as usize);
                Ok(signature)
            }
            SCARD_W_WRONG_CHV => Err(Error::Sign("mã PIN của token không đúng".into())),
            SCARD_W_CHV_BLOCKED => Err(Error::Sign(
                "token đã bị khóa do nhập sai mã PIN nhiều lần: hãy liên hệ nhà cung cấp chữ ký số để mở khóa".into(),
            )),
            SCARD_W_CANCELLED_BY_USER | -2147023673 => {
                Err(Error::Sign("đã hủy nhập mã PIN: tệp chưa được ký".into()))
            }
            other => Err(Error::Sign(format!(
                "token không ký được (mã lỗi {:#010x})",
                other as u32
            ))),
        }
    }
}

/// The certificates of the system store `name` (with `with_key`, only those that have a
/// private key), each with its own context to free.
fn certificates(name: &str, with_key: bool) -> Result<Vec<(*const CERT_CONTEXT, Vec<u8>)>, Error> {
    let wide: Vec<u16> = name.encode_utf16().chain(Some(0)).collect();
    // SAFETY: a NUL-terminated store name; no legacy provider.
    let store = unsafe { CertOpenSystemStoreW(0, wide.as_ptr()) };
    if store.is_null() {
        return Err(Error::Sign(format!(
            "không mở được kho chứng thư {name} của Windows"
        )));
    }
    let mut out = Vec::new();
    let mut previous: *const CERT_CONTEXT = null();
    loop {
        // SAFETY: each call frees the previous context and gives the next, or null.
        let context = unsafe { CertEnumCertificatesInStore(store, previous) };
        if context.is_null() {
            break;
        }
        previous = context;
        let mut size = 0u32;
        // SAFETY: asks only whether the property is there, and its size.
        let has_key = unsafe {
            CertGetCertificateContextProperty(
                context,
                CERT_KEY_PROV_INFO_PROP_ID,
                null_mut(),
                &mut size,
            )
        } != 0;
        if with_key && !has_key {
            continue;
        }
        // SAFETY: the encoded certificate is cbCertEncoded bytes at pbCertEncoded.
        let der = unsafe {
            std::slice::from_raw_parts((*context).pbCertEncoded, (*context).cbCertEncoded as usize)
        }
        .to_vec();
        // SAFETY: a context of our own, outliving the enumeration.
        out.push((
            unsafe { CertDuplicateCertificateContext(context) } as *const _,
            der,
        ));
    }
    // SAFETY: the contexts kept were duplicated; the store may close.
    unsafe { CertCloseStore(store, 0) };
    Ok(out)
}

fn free(context: *const CERT_CONTEXT) {
    // SAFETY: each context given out by `certificates` is freed once.
    unsafe { CertFreeCertificateContext(context) };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_store_says_to_plug_the_token_in() {
        // Wine's personal store, as on a PC where no CA's software was installed.
        match CertStore::open(Some("không có ai tên này")) {
            Err(Error::Sign(m)) => assert!(m.contains("cắm token"), "{m}"),
            Err(e) => panic!("{e}"),
            Ok(_) => panic!("a certificate nobody has was found"),
        }
    }
}
