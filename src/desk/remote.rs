//! The office's server as the desk reaches it: named by the profile (or the tool's `--db
//! postgres://…`), connected when a register is first needed, so that a server out of reach
//! leaves drafting possible and refuses numbers, never giving them from this PC's copy. The
//! password is the one typed in this session, else the one the OS keyring keeps
//! (`server::kept_password`), never the profile.

use std::time::{Duration, Instant};

use super::server::{self, Server};
use crate::error::Error;

/// How long a failed connection is said again without trying: a server out of reach
/// (up to 10 s each try) must not slow every call of the window.
const RETRY_AFTER: Duration = Duration::from_secs(15);

/// The office's server: where it is, and the connection once made.
pub struct Remote {
    /// "postgres://user@host:port/dbname", or why the profile's address is not one.
    url: Result<String, String>,
    /// The password typed in this session, used before the keyring's.
    password: Option<String>,
    server: Option<Server>,
    /// When the last try failed, and why.
    failed: Option<(Instant, String)>,
}

impl Remote {
    /// The server at `url`, not yet connected.
    pub fn new(url: Result<String, String>) -> Remote {
        Remote {
            url,
            password: None,
            server: None,
            failed: None,
        }
    }

    /// The connection, made now when there is none; refused with the server's name and
    /// the reason when it cannot be made.
    pub fn get(&mut self) -> Result<&mut Server, Error> {
        if self.server.is_none() {
            let url = self.url.clone().map_err(Error::Store)?;
            if let Some((at, why)) = &self.failed {
                if at.elapsed() < RETRY_AFTER {
                    return Err(Error::Store(why.clone()));
                }
            }
            match Server::connect_with(&url, self.password.as_deref()) {
                Ok(server) => {
                    self.server = Some(server);
                    self.failed = None;
                }
                Err(e) => {
                    self.failed = Some((Instant::now(), e.to_string()));
                    return Err(e);
                }
            }
        }
        Ok(self.server.as_mut().expect("connected above"))
    }

    /// Connects now if not connected, trying again even right after a failure (the clerk
    /// asked for it).
    pub fn connect_now(&mut self) -> Result<(), Error> {
        self.failed = None;
        self.get().map(|_| ())
    }

    /// The server as the clerk is shown it: "vanthu@192.168.1.10:5432/congvan".
    pub fn name(&self) -> String {
        match (&self.server, &self.url) {
            (Some(server), _) => server.name().to_string(),
            (None, Ok(url)) => server::name_of(url),
            (None, Err(_)) => "(địa chỉ chưa đúng)".into(),
        }
    }

    /// Connects again with `password`, and once the server has taken it keeps it: in the
    /// OS keyring, and for this session whatever the keyring says. Gives why the keyring
    /// did not keep it, when it did not; a password the server refuses is kept nowhere.
    pub fn connect_with(&mut self, password: &str) -> Result<Option<String>, Error> {
        self.server = None;
        self.failed = None;
        self.password = Some(password.to_string());
        if let Err(e) = self.get() {
            self.password = None;
            return Err(e);
        }
        let url = self.url.as_ref().map_err(|e| Error::Store(e.clone()))?;
        Ok(server::keep_password(url, password).err())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_remote_is_named_without_connecting_and_refused_with_its_address_problem() {
        let remote = Remote::new(Ok("postgres://vt@10.0.0.5:5432/congvan".into()));
        assert_eq!(remote.name(), "vt@10.0.0.5:5432/congvan");
        let remote = Remote::new(Ok("postgres://vt:bi-mat@10.0.0.5:5432/congvan".into()));
        assert_eq!(remote.name(), "vt@10.0.0.5:5432/congvan");
        let mut wrong = Remote::new(Err("chưa có tên máy chủ của máy chủ sổ".into()));
        let err = wrong.get().err().expect("refused");
        assert!(err.to_string().contains("chưa có tên máy chủ"), "{err}");
    }
}
