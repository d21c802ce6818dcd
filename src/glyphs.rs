//! Text charts drawn with block characters: progress bars and sparklines. The terminal tables
//! and the template filters draw them the same way.

/// `██████░░░░` for a percentage, `width` cells wide.
pub(crate) fn bar(percent: u32, width: usize) -> String {
    let filled = (percent.min(100) as usize * width + 50) / 100;
    format!("{}{}", "█".repeat(filled), "░".repeat(width - filled))
}

/// `▁▃▅█` for a series; `·` where there is no value.
pub(crate) fn sparkline(values: &[Option<f64>]) -> String {
    const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    let (lo, hi) = values
        .iter()
        .flatten()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), &v| {
            (lo.min(v), hi.max(v))
        });
    values
        .iter()
        .map(|v| match v {
            None => '·',
            Some(v) if hi > lo => BARS[(((v - lo) / (hi - lo)) * 7.0).round() as usize],
            // A flat series: flat at the bottom when it is all zero, in the middle otherwise.
            Some(v) if *v == 0.0 => BARS[0],
            Some(_) => BARS[3],
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_and_sparklines() {
        assert_eq!(bar(0, 4), "░░░░");
        assert_eq!(bar(50, 4), "██░░");
        assert_eq!(bar(100, 4), "████");
        assert_eq!(sparkline(&[Some(1.0), None, Some(5.0), Some(3.0)]), "▁·█▅");
        assert_eq!(sparkline(&[Some(2.0), Some(2.0)]), "▄▄");
        assert_eq!(sparkline(&[Some(0.0), Some(0.0)]), "▁▁");
    }
}
