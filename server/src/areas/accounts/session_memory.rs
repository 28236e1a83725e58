//! A short memory of sessions this process resolved, so that a phone asking for its lists does
//! not cost three queries before any list is read (#19).
//!
//! What it holds is what one session's own lookup found — its user, roles, stage and expiry —
//! keyed by the token's hash, so an entry can only ever answer for the cookie that made it.
//! It is forgotten whole:
//! - after every change this process makes (each GraphQL mutation, a single sign-on), before
//!   the change's answer leaves, so a sign-out, a role taken away or an account suspended here
//!   holds from the next request on;
//! - after `ttl` at the latest (`RJHUB_SESSION_MEMORY_SECONDS`, 2 s by default; 0 switches it
//!   off), which bounds how long another server instance on the same PostgreSQL, or the CLI,
//!   takes to be seen.
//!
//! A lookup that began before a change and finishes after it is not remembered: every fill
//! carries the generation it started in, and a change moves the generation on.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};

use super::model::Actor;
use super::view::UserView;

/// Entries at most; a process past this forgets them all and starts again.
const MAX_ENTRIES: usize = 20_000;

/// What one session's lookup found.
#[derive(Clone)]
pub struct Remembered {
    pub(super) actor: Actor,
    pub(super) last_seen_at: DateTime<Utc>,
    pub(super) expires_at: DateTime<Utc>,
    /// The signed-in user as `me` shows them (fully signed-in sessions only).
    pub(super) user: Option<Arc<UserView>>,
}

struct Entry {
    filled: Instant,
    found: Remembered,
}

#[derive(Default)]
struct Inner {
    generation: u64,
    entries: HashMap<String, Entry>,
}

pub struct SessionMemory {
    ttl: Duration,
    inner: Mutex<Inner>,
}

impl SessionMemory {
    pub fn new(ttl: Duration) -> Self {
        Self {
            ttl,
            inner: Mutex::new(Inner::default()),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        // Whatever a panicking holder left is only a memory: forget it rather than trust it.
        self.inner.lock().unwrap_or_else(|e| {
            let mut g = e.into_inner();
            g.entries.clear();
            g.generation += 1;
            g
        })
    }

    /// The generation a lookup starts in; pass it to [`SessionMemory::remember`].
    pub(super) fn generation(&self) -> u64 {
        self.lock().generation
    }

    pub(super) fn recall(&self, token_hash: &str) -> Option<Remembered> {
        if self.ttl.is_zero() {
            return None;
        }
        let g = self.lock();
        let e = g.entries.get(token_hash)?;
        (e.filled.elapsed() < self.ttl).then(|| e.found.clone())
    }

    pub(super) fn remember(&self, token_hash: String, generation: u64, found: Remembered) {
        if self.ttl.is_zero() {
            return;
        }
        let mut g = self.lock();
        if g.generation != generation {
            return;
        }
        if g.entries.len() >= MAX_ENTRIES {
            g.entries.clear();
        }
        g.entries.insert(
            token_hash,
            Entry {
                filled: Instant::now(),
                found,
            },
        );
    }

    /// Forgets every session: this process changed something a session's lookup may read.
    pub fn forget_all(&self) {
        let mut g = self.lock();
        g.generation += 1;
        g.entries.clear();
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;

    fn found() -> Remembered {
        let now = Utc::now();
        Remembered {
            actor: Actor::new(uuid::Uuid::nil(), uuid::Uuid::nil(), BTreeSet::new(), None),
            last_seen_at: now,
            expires_at: now,
            user: None,
        }
    }

    #[test]
    fn a_lookup_that_began_before_a_change_is_not_remembered() {
        let m = SessionMemory::new(Duration::from_secs(60));
        let before = m.generation();
        m.forget_all();
        m.remember("h".into(), before, found());
        assert!(m.recall("h").is_none());
        let now = m.generation();
        m.remember("h".into(), now, found());
        assert!(m.recall("h").is_some());
        m.forget_all();
        assert!(m.recall("h").is_none());
    }

    #[test]
    fn nothing_is_remembered_with_no_time_to_live() {
        let m = SessionMemory::new(Duration::ZERO);
        let g = m.generation();
        m.remember("h".into(), g, found());
        assert!(m.recall("h").is_none());
    }
}
