//! The bundles a reader has already fetched, kept in memory so going back
//! to a page is instant, within a byte budget so a long reading session
//! does not grow without bound.

use std::collections::VecDeque;

/// How many bytes of bundle text the app keeps: a hundred to three hundred
/// articles (3–10 KB of JSON each), enough for going back through a long
/// visit; a phone keeps no more than that for us.
/// Range: any; 0 keeps nothing.
pub const DEFAULT_BUDGET_BYTES: usize = 1_000_000;

/// Least-recently-used bundle texts by URL, within a byte budget.
#[derive(Debug, Default)]
pub struct BundleCache {
    budget: usize,
    used: usize,
    /// Most recently used last.
    entries: VecDeque<(String, String)>,
}

impl BundleCache {
    /// An empty cache holding at most `budget` bytes of text.
    pub fn new(budget: usize) -> BundleCache {
        BundleCache {
            budget,
            used: 0,
            entries: VecDeque::new(),
        }
    }

    /// The text kept for `url`, marking it recently used.
    pub fn get(&mut self, url: &str) -> Option<&str> {
        let index = self.entries.iter().position(|(key, _)| key == url)?;
        let entry = self.entries.remove(index)?;
        self.entries.push_back(entry);
        self.entries.back().map(|(_, text)| text.as_str())
    }

    /// Keeps `text` for `url`, dropping the least recently used entries to
    /// stay within the budget. A text larger than the whole budget is not kept.
    pub fn put(&mut self, url: &str, text: &str) {
        if let Some(index) = self.entries.iter().position(|(key, _)| key == url) {
            if let Some((_, old)) = self.entries.remove(index) {
                self.used -= old.len();
            }
        }
        if text.len() > self.budget {
            return;
        }
        while self.used + text.len() > self.budget {
            match self.entries.pop_front() {
                Some((_, old)) => self.used -= old.len(),
                None => break,
            }
        }
        self.used += text.len();
        self.entries.push_back((url.to_string(), text.to_string()));
    }

    /// Forgets what is kept for `url` (it turned out not to decode).
    pub fn remove(&mut self, url: &str) {
        if let Some(index) = self.entries.iter().position(|(key, _)| key == url) {
            if let Some((_, old)) = self.entries.remove(index) {
                self.used -= old.len();
            }
        }
    }

    /// Bytes of text kept.
    pub fn used_bytes(&self) -> usize {
        self.used
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_removed_bundle_is_fetched_again_and_frees_its_bytes() {
        let mut cache = BundleCache::new(100);
        cache.put("/a.json", "aaaa");
        cache.put("/b.json", "bb");
        cache.remove("/a.json");
        assert_eq!(cache.get("/a.json"), None);
        assert_eq!(cache.get("/b.json"), Some("bb"));
        assert_eq!(cache.used_bytes(), 2);
        cache.remove("/never.json");
        assert_eq!(cache.used_bytes(), 2);
    }

    #[test]
    fn a_fetched_bundle_is_served_again_from_memory() {
        let mut cache = BundleCache::new(100);
        cache.put("/a.json", "aaaa");
        assert_eq!(cache.get("/a.json"), Some("aaaa"));
        assert_eq!(cache.get("/b.json"), None);
    }

    #[test]
    fn the_budget_holds_by_dropping_the_least_recently_read() {
        let mut cache = BundleCache::new(10);
        cache.put("/a", "aaaa");
        cache.put("/b", "bbbb");
        assert!(cache.get("/a").is_some()); // a is now more recent than b
        cache.put("/c", "cccc");
        assert_eq!(cache.get("/b"), None);
        assert!(cache.get("/a").is_some());
        assert!(cache.get("/c").is_some());
        assert_eq!(cache.used_bytes(), 8);
    }

    #[test]
    fn replacing_and_oversized_texts_keep_the_count_right() {
        let mut cache = BundleCache::new(10);
        cache.put("/a", "aaaa");
        cache.put("/a", "aa");
        assert_eq!(cache.used_bytes(), 2);
        cache.put("/huge", "0123456789abc");
        assert_eq!(cache.get("/huge"), None);
        assert_eq!(cache.used_bytes(), 2);
    }

    #[test]
    fn three_hundred_articles_stay_within_the_budget() {
        let mut cache = BundleCache::new(DEFAULT_BUDGET_BYTES);
        let article = "x".repeat(20_000);
        for n in 0..300 {
            cache.put(&format!("/data/tin-tuc/{n}.json"), &article);
        }
        assert!(cache.used_bytes() <= DEFAULT_BUDGET_BYTES);
        assert!(cache.get("/data/tin-tuc/299.json").is_some());
        assert!(cache.get("/data/tin-tuc/0.json").is_none());
    }
}
