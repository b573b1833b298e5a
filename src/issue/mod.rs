//! Issuing: the outgoing register's pure side and the signed copies (`register`), and
//! copies of a received file, sao y and sao lục (`certified`).

pub mod certified;
pub mod register;
