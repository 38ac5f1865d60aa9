//! The one hash of the project: 64-bit FNV-1a. File names, the search
//! index's build and the bundler's records are made from it, so it must
//! never change from one version of bantin to the next (a standard
//! library hasher may), and it needs no dependency.

const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const PRIME: u64 = 0x0100_0000_01b3;

/// FNV-1a, fed bytes (or, for very large inputs, whole words).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Fnv {
        Fnv(OFFSET)
    }
}

impl Fnv {
    /// Mixes in `bytes`, one at a time.
    pub fn write(&mut self, bytes: &[u8]) {
        for byte in bytes {
            self.0 ^= u64::from(*byte);
            self.0 = self.0.wrapping_mul(PRIME);
        }
    }

    /// Mixes in a whole word at once, with a shift that spreads its high
    /// bits: eight times fewer steps over hundreds of megabytes, where no
    /// file is named from the result (see the bundler's build fingerprint).
    pub fn write_word(&mut self, word: u64) {
        self.0 ^= word;
        self.0 = self.0.wrapping_mul(PRIME);
        self.0 ^= self.0 >> 32;
    }

    /// The hash so far.
    pub fn value(self) -> u64 {
        self.0
    }

    /// The hash so far, as the 16 hex digits file names carry.
    pub fn hex(self) -> String {
        format!("{:016x}", self.0)
    }
}

/// Hash maps keyed by words: FNV-1a hashes a short word several times
/// faster than the standard SipHash, and the words are the site's own,
/// not a stranger's input to flood.
impl std::hash::Hasher for Fnv {
    fn write(&mut self, bytes: &[u8]) {
        Fnv::write(self, bytes);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// A short fingerprint of named contents (FNV-1a over each name, a zero
/// byte, then its bytes), as 16 hex digits.
pub fn fingerprint<'a>(files: impl IntoIterator<Item = (&'a str, &'a [u8])>) -> String {
    let mut hash = Fnv::default();
    for (name, bytes) in files {
        hash.write(name.as_bytes());
        hash.write(&[0]);
        hash.write(bytes);
    }
    hash.hex()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_values_stay_the_same() {
        // FNV-1a's published value for "a", and file names of earlier builds.
        let mut a = Fnv::default();
        a.write(b"a");
        assert_eq!(a.value(), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fingerprint([("", &b"a"[..])]), "08326707b4eb37da");
    }

    #[test]
    fn fingerprints_change_with_content_and_where_names_end() {
        let a = fingerprint([("a.wasm", &b"1"[..])]);
        assert_ne!(a, fingerprint([("a.wasm", &b"2"[..])]));
        assert_eq!(a, fingerprint([("a.wasm", &b"1"[..])]));
        assert_ne!(
            fingerprint([("ab", &b"c"[..])]),
            fingerprint([("a", &b"bc"[..])])
        );
    }
}
