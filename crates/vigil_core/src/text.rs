//! Byte ranges and their mapping to lines and columns.
//!
//! Positions are kept as byte offsets everywhere; line and column are computed from a [`LineIndex`]
//! when a finding is created. Columns are given both in Unicode scalar values (for humans) and in UTF-16
//! code units (what SARIF's `columnKind: utf16CodeUnits` and GitHub expect).

use serde::{Deserialize, Serialize};

/// A half-open byte range `[start, end)` into a file's text.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
pub struct TextRange {
    pub start: u32,
    pub end: u32,
}

impl TextRange {
    #[must_use]
    pub fn new(start: usize, end: usize) -> Self {
        let start = u32::try_from(start).unwrap_or(u32::MAX);
        let end = u32::try_from(end).unwrap_or(u32::MAX).max(start);
        Self { start, end }
    }

    #[must_use]
    pub fn len(self) -> u32 {
        self.end - self.start
    }

    #[must_use]
    pub fn is_empty(self) -> bool {
        self.start == self.end
    }

    #[must_use]
    pub fn contains(self, offset: u32) -> bool {
        self.start <= offset && offset < self.end
    }
}

/// A 1-based line and column. `column` counts Unicode scalar values, `column_utf16` UTF-16 code units.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
pub struct LineCol {
    pub line: u32,
    pub column: u32,
    pub column_utf16: u32,
}

/// Start offsets of every line of a text, for offset → line/column conversion.
///
/// Conversions cost O(log n) whatever the line length (minified JSON is one long line): besides the
/// line starts, the index keeps the offset of every non-ASCII character with prefix sums of the
/// bytes they add beyond one and of the UTF-16 units they add beyond one.
#[derive(Debug, Clone, Default)]
pub struct LineIndex {
    line_starts: Vec<u32>,
    len: u32,
    /// Byte offsets of the non-ASCII characters (empty for ASCII text).
    wide: Vec<u32>,
    /// `extra_bytes[i]`: bytes beyond one per character of the first `i` wide characters.
    extra_bytes: Vec<u32>,
    /// `extra_utf16[i]`: UTF-16 units beyond one per character of the first `i` wide characters.
    extra_utf16: Vec<u32>,
}

impl LineIndex {
    #[must_use]
    pub fn new(text: &str) -> Self {
        let mut line_starts = Vec::with_capacity(text.len() / 32 + 1);
        line_starts.push(0);
        for pos in memchr::memchr_iter(b'\n', text.as_bytes()) {
            line_starts.push(u32::try_from(pos + 1).unwrap_or(u32::MAX));
        }
        let mut idx = Self {
            line_starts,
            len: u32::try_from(text.len()).unwrap_or(u32::MAX),
            ..Self::default()
        };
        if !text.is_ascii() {
            idx.extra_bytes.push(0);
            idx.extra_utf16.push(0);
            let (mut bytes, mut units) = (0u32, 0u32);
            for (i, c) in text.char_indices().filter(|(_, c)| !c.is_ascii()) {
                idx.wide.push(u32::try_from(i).unwrap_or(u32::MAX));
                bytes += u32::try_from(c.len_utf8() - 1).unwrap_or(0);
                units += u32::try_from(c.len_utf16() - 1).unwrap_or(0);
                idx.extra_bytes.push(bytes);
                idx.extra_utf16.push(units);
            }
        }
        idx
    }

    /// Number of lines (a final newline starts an empty last line).
    #[must_use]
    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// 0-based line number containing `offset`.
    #[must_use]
    pub fn line_of(&self, offset: u32) -> usize {
        match self.line_starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        }
    }

    /// Byte range of the 0-based line `line`, without its line terminator.
    #[must_use]
    pub fn line_range(&self, text: &str, line: usize) -> TextRange {
        let start = self.line_starts.get(line).copied().unwrap_or(self.len);
        let mut end = self.line_starts.get(line + 1).copied().unwrap_or(self.len);
        let bytes = text.as_bytes();
        while end > start && matches!(bytes.get(end as usize - 1), Some(b'\n' | b'\r')) {
            end -= 1;
        }
        TextRange { start, end }
    }

    /// Text of the 0-based line `line`, without its terminator.
    #[must_use]
    pub fn line_text<'a>(&self, text: &'a str, line: usize) -> &'a str {
        let r = self.line_range(text, line);
        text.get(r.start as usize..r.end as usize).unwrap_or("")
    }

    /// 1-based line/column of a byte offset. Offsets inside a multi-byte character are clamped to the
    /// character's start.
    #[must_use]
    pub fn line_col(&self, text: &str, offset: u32) -> LineCol {
        let offset = offset.min(self.len);
        let line = self.line_of(offset);
        let start = self.line_starts.get(line).copied().unwrap_or(0) as usize;
        let mut end = offset as usize;
        while end > start && !text.is_char_boundary(end) {
            end -= 1;
        }
        let (column, column_utf16) = if self.wide.is_empty() {
            (end - start, end - start)
        } else {
            let lo = self.wide.partition_point(|&w| (w as usize) < start);
            let hi = self.wide.partition_point(|&w| (w as usize) < end);
            let diff = |v: &[u32]| {
                v.get(hi).copied().unwrap_or(0) as usize - v.get(lo).copied().unwrap_or(0) as usize
            };
            let column = (end - start).saturating_sub(diff(&self.extra_bytes));
            (column, column + diff(&self.extra_utf16))
        };
        LineCol {
            line: u32::try_from(line + 1).unwrap_or(u32::MAX),
            column: u32::try_from(column + 1).unwrap_or(u32::MAX),
            column_utf16: u32::try_from(column_utf16 + 1).unwrap_or(u32::MAX),
        }
    }

    /// Byte offset of the start of a 1-based line (the end of the text past the last line).
    #[must_use]
    pub fn offset_of_line(&self, line_1based: u32) -> u32 {
        let i = line_1based.saturating_sub(1) as usize;
        self.line_starts.get(i).copied().unwrap_or(self.len)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_chars_and_utf16_units() {
        let text = "ab\n\u{e9}\u{1F600}x\r\nlast";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_count(), 3);
        let x = text.find('x').unwrap();
        let lc = idx.line_col(text, u32::try_from(x).unwrap());
        assert_eq!((lc.line, lc.column, lc.column_utf16), (2, 3, 4));
        assert_eq!(idx.line_text(text, 1), "\u{e9}\u{1F600}x");
        assert_eq!(idx.line_text(text, 2), "last");
        let end = idx.line_col(text, u32::try_from(text.len()).unwrap());
        assert_eq!((end.line, end.column), (3, 5));
    }

    #[test]
    fn columns_agree_with_a_char_count_on_mixed_text() {
        let text = "a\u{e9}b\n\u{1F600}\u{20AC}x\t\u{e9}\n\nzz\u{1F600}";
        let idx = LineIndex::new(text);
        for (off, _) in text.char_indices().chain([(text.len(), ' ')]) {
            let lc = idx.line_col(text, u32::try_from(off).unwrap());
            let start = text[..off].rfind('\n').map_or(0, |p| p + 1);
            let prefix = &text[start..off];
            assert_eq!(lc.column as usize, prefix.chars().count() + 1, "at {off}");
            let units: usize = prefix.chars().map(char::len_utf16).sum();
            assert_eq!(lc.column_utf16 as usize, units + 1, "at {off}");
        }
    }

    #[test]
    fn offset_inside_a_char_is_clamped() {
        let text = "\u{1F600}";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_col(text, 2).column, 1);
    }
}
