//! One integration binary; one module per area. Every test starts the real server.

mod accounts;
mod allocation;
mod api_tokens;
mod audit;
mod cases;
mod cli;
mod clocks;
mod editions;
mod followup;
mod hardening;
mod intake;
mod mail;
mod meetings;
mod need_to_know;
mod nudges;
mod operations;
mod outcomes;
mod platform;
mod push;
mod reports;
mod second_factor;
mod sessions;
mod standards;
mod training;
mod viewer_can;
mod workbench;
