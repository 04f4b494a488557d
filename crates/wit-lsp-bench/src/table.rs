//! Markdown tables, so that results can go into `BENCHMARKS.md` as they are.

use std::time::Duration;

/// Prints `rows` under `header`, padded so that the columns line up (in
/// characters, as `format!` pads, not bytes): those
/// in `text_columns` left-aligned, the others (numbers) right-aligned.
pub fn print(header: &[&str], rows: &[Vec<String>], text_columns: &[usize]) {
    let widths: Vec<usize> = (0..header.len())
        .map(|column| {
            rows.iter()
                .map(|row| row[column].chars().count())
                .chain([header[column].chars().count()])
                .max()
                .unwrap_or(0)
        })
        .collect();
    let is_text = |column: usize| text_columns.contains(&column);
    let line = |cells: &[String]| {
        let padded: Vec<String> = cells
            .iter()
            .enumerate()
            .map(|(column, cell)| {
                let width = widths[column];
                if is_text(column) {
                    format!("{cell:<width$}")
                } else {
                    format!("{cell:>width$}")
                }
            })
            .collect();
        println!("| {} |", padded.join(" | "));
    };
    line(
        &header
            .iter()
            .map(|cell| cell.to_string())
            .collect::<Vec<_>>(),
    );
    let rule: Vec<String> = widths
        .iter()
        .enumerate()
        .map(|(column, &width)| {
            if is_text(column) {
                "-".repeat(width + 2)
            } else {
                format!("{}:", "-".repeat(width + 1))
            }
        })
        .collect();
    println!("|{}|", rule.join("|"));
    for row in rows {
        line(row);
    }
}

/// A cell in milliseconds.
pub fn milliseconds(duration: Duration) -> String {
    format!("{:.1}", duration.as_secs_f64() * 1000.0)
}

/// A cell in MiB.
pub fn mebibytes(bytes: u64) -> String {
    format!("{:.1}", bytes as f64 / (1024.0 * 1024.0))
}

/// The `percent` percentile of `sorted` by nearest rank: the smallest value
/// that at least `percent`% of the values are at or below.
pub fn percentile(sorted: &[Duration], percent: usize) -> Duration {
    let rank = (sorted.len() * percent).div_ceil(100).max(1);
    sorted[rank - 1]
}
