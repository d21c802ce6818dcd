//! The review markers: the `<!-- journal:begin -->` and `<!-- journal:end -->` lines that
//! fence what journal wrote into a file. The note reader hides what lies between them and
//! the writer replaces it, so both ask this module what a marker line is.

pub(crate) const BEGIN: &str = "<!-- journal:begin -->";
pub(crate) const END: &str = "<!-- journal:end -->";

/// Whether a line (without its line break) is the marker `marker`: alone on it, spaces aside.
pub(crate) fn is_marker(line: &[u8], marker: &str) -> bool {
    line.trim_ascii() == marker.as_bytes()
}
