//! Accounts: people who sign in, their roles, sessions, invitations and sign-in throttling.

pub mod api_tokens;
pub mod api_tokens_graphql;
pub mod devices;
pub mod graphql;
pub mod model;
pub mod secrets;
pub mod service;
pub mod sessions;
pub mod signed_in;
pub mod signed_in_graphql;
pub mod signin;
pub mod throttle;
pub mod users;
