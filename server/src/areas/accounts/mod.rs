//! Accounts: people who sign in, their roles, sessions, second factors, invitations and
//! sign-in throttling.

pub mod api_tokens;
pub mod api_tokens_graphql;
pub mod ceremonies;
pub mod devices;
pub mod factors;
pub mod factors_graphql;
pub mod graphql;
pub mod model;
pub mod passkeys;
pub mod secrets;
pub mod service;
pub mod session_memory;
pub mod sessions;
pub mod signed_in;
pub mod signed_in_graphql;
pub mod signin;
pub mod sso;
pub mod throttle;
pub mod users;
pub mod view;
