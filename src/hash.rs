//! The crate's two non-cryptographic hashes, stable across runs and machines: 64-bit FNV-1a
//! for short keys (the cache's file names, the settings fingerprint, the link maps' keys), and
//! a faster one eight bytes at a time for whole files (the cache's checksums, the content of
//! notes the stored review was made from). They notice change and damage, not tampering.

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

/// A fast hash of `bytes`, eight bytes at a time.
pub(crate) fn fast(bytes: &[u8]) -> u64 {
    let mut chunks = bytes.chunks_exact(8);
    let mut h = 0x9E37_79B9_7F4A_7C15u64 ^ bytes.len() as u64;
    for c in &mut chunks {
        let w = u64::from_le_bytes(c.try_into().unwrap_or([0; 8]));
        h = (h ^ w).wrapping_mul(0xBF58_476D_1CE4_E5B9).rotate_left(29);
    }
    for &b in chunks.remainder() {
        h = (h ^ u64::from(b)).wrapping_mul(0x94D0_49BB_1331_11EB);
    }
    h ^ (h >> 31)
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
