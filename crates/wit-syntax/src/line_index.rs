/// Maps byte offsets to lines and columns. Lines end at `\n`; columns are
/// byte offsets into the line, as wit-parser counts them. Conversions to other
/// encodings (UTF-16 for LSP) belong to the layer that needs them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LineIndex {
    /// Byte offset at which each line starts; the first is always 0.
    line_starts: Vec<usize>,
    len: usize,
}

/// A zero-based line and byte column.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct LineCol {
    pub line: usize,
    pub col: usize,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        LineIndex {
            line_starts,
            len: text.len(),
        }
    }

    /// The line and column of `offset`; offsets past the end clamp to it.
    pub fn line_col(&self, offset: usize) -> LineCol {
        let offset = offset.min(self.len);
        let line = self.line_starts.partition_point(|&start| start <= offset) - 1;
        LineCol {
            line,
            col: offset - self.line_starts[line],
        }
    }

    /// The byte offset of `line_col`, or `None` when the line does not exist.
    /// A column past the end of its line clamps to the end of the text.
    pub fn offset(&self, line_col: LineCol) -> Option<usize> {
        let start = *self.line_starts.get(line_col.line)?;
        Some((start + line_col.col).min(self.len))
    }

    /// The byte range of `line`, including its line break.
    pub fn line_range(&self, line: usize) -> Option<std::ops::Range<usize>> {
        let start = *self.line_starts.get(line)?;
        let end = self.line_starts.get(line + 1).copied().unwrap_or(self.len);
        Some(start..end)
    }

    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_offsets_both_ways() {
        let text = "ab\n\ncé\n";
        let index = LineIndex::new(text);
        assert_eq!(index.line_count(), 4);
        assert_eq!(index.line_col(0), LineCol { line: 0, col: 0 });
        assert_eq!(index.line_col(2), LineCol { line: 0, col: 2 });
        assert_eq!(index.line_col(3), LineCol { line: 1, col: 0 });
        assert_eq!(index.line_col(5), LineCol { line: 2, col: 1 });
        assert_eq!(index.line_col(8), LineCol { line: 3, col: 0 });
        assert_eq!(index.line_col(100), LineCol { line: 3, col: 0 });
        assert_eq!(index.offset(LineCol { line: 2, col: 1 }), Some(5));
        assert_eq!(index.offset(LineCol { line: 9, col: 0 }), None);
        assert_eq!(index.line_range(2), Some(4..8));
    }
}
