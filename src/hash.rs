//! The one non-cryptographic hash of the crate (64-bit FNV-1a), for the cache's file names and
//! settings fingerprint and for the link maps' keys. Stable across runs and machines.

const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const PRIME: u64 = 0x0100_0000_01b3;

fn mix(h: u64, b: u8) -> u64 {
    (h ^ u64::from(b)).wrapping_mul(PRIME)
}

/// FNV-1a of `bytes`.
pub(crate) fn fnv(bytes: &[u8]) -> u64 {
    bytes.iter().fold(OFFSET, |h, &b| mix(h, b))
}

/// FNV-1a of `s` lowercased, without building the lowercase string.
pub(crate) fn fnv_folded(s: &str) -> u64 {
    if s.is_ascii() {
        return s
            .bytes()
            .fold(OFFSET, |h, b| mix(h, b.to_ascii_lowercase()));
    }
    s.chars().flat_map(char::to_lowercase).fold(OFFSET, |h, c| {
        let mut buf = [0u8; 4];
        c.encode_utf8(&mut buf).bytes().fold(h, mix)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folded_is_the_hash_of_the_lowercase_text() {
        for s in ["Plans/Book", "ÉTÉ à Lisbon", "", "ß"] {
            assert_eq!(fnv_folded(s), fnv(s.to_lowercase().as_bytes()), "{s}");
        }
        assert_eq!(fnv(b""), OFFSET);
    }
}
