//! Issuing: the outgoing register's pure side and the signed copies (`register`),
//! copies of a received file, sao y and sao lục (`certified`), and a year's records for
//! the archive (`archive`).

pub mod archive;
pub mod certified;
pub mod register;
