//! The registers and what goes out: the outgoing register's pure side and the signed
//! copies (`register`), the incoming register (`incoming`), both as the books of ND30
//! Phụ lục IV (`books`), copies of a received file, sao y and sao lục (`certified`), the
//! envelopes (`envelope`), a year's records for the archive (`archive`), and a year's
//! statistics for the periodic report (`stats`).

pub mod archive;
pub mod books;
pub mod certified;
pub mod envelope;
pub mod incoming;
pub mod register;
pub mod stats;
