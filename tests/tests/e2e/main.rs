//! One integration binary; one module per area. Every test starts the real server.

mod accounts;
mod allocation;
mod cases;
mod cli;
mod followup;
mod intake;
mod mail;
mod meetings;
mod operations;
mod outcomes;
mod platform;
mod push;
mod reports;
mod training;
