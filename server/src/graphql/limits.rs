//! A per-user (or, signed out, per-address) budget of expensive operations a minute, kept in
//! memory: one instance's count, which is what protects that instance's database pool.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

pub struct ExpensiveBudget {
    per_minute: u32,
    spent: Mutex<HashMap<String, (Instant, u32)>>,
}

impl ExpensiveBudget {
    pub fn new(per_minute: u32) -> Self {
        Self {
            per_minute: per_minute.max(1),
            spent: Mutex::new(HashMap::new()),
        }
    }

    /// Takes `n` from `who`'s budget for the current minute; false when it would go over.
    pub fn take(&self, who: &str, n: u32, now: Instant) -> bool {
        if n == 0 {
            return true;
        }
        let mut spent = self.spent.lock().unwrap_or_else(|e| e.into_inner());
        // Forget minutes that are over, so the map holds only who is spending now.
        spent.retain(|_, (since, _)| now.duration_since(*since) < Duration::from_secs(60));
        let entry = spent.entry(who.to_string()).or_insert((now, 0));
        if entry.1.saturating_add(n) > self.per_minute {
            return false;
        }
        entry.1 += n;
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_budget_is_per_person_and_per_minute() {
        let b = ExpensiveBudget::new(3);
        let t = Instant::now();
        assert!(b.take("a", 2, t));
        assert!(!b.take("a", 2, t));
        assert!(b.take("a", 1, t));
        assert!(b.take("b", 3, t));
        assert!(b.take("a", 3, t + Duration::from_secs(61)));
    }
}
