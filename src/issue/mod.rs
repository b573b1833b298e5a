//! The registers and what goes out: the outgoing register's pure side and the signed
//! copies (`register`), the incoming register (`incoming`), both as the books of ND30
//! Phụ lục IV (`books`), copies of a received file, sao y and sao lục (`certified`), the
//! envelopes (`envelope`), and a year's records for the archive (`archive`).

pub mod archive;
pub mod books;
pub mod certified;
pub mod envelope;
pub mod incoming;
pub mod register;
