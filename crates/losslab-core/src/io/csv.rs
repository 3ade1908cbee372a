//! CSV import and export: points for the two labs, and numeric tables for the article data.
//!
//! # Reading points ([`parse_points`])
//!
//! The app passes the file's raw bytes; parsing never fails as a whole and never panics.
//! Whatever could be read is returned with an [`ImportReport`] that says what was read, what
//! was skipped and why; [`ImportReport::summary`] turns it into one sentence for the screen.
//!
//! * **Not a table.** A file that starts like a ZIP archive (an .xlsx or .ods workbook), an
//!   old .xls workbook, a PNG, JPEG or GIF image or a PDF, or whose first character is `{`,
//!   `[` (JSON) or `<` (HTML, XML), is refused with a sentence that says what it is and what to
//!   do ([`ImportReport::file_problem`]).
//! * **Text.** A UTF-8 byte-order mark is ignored. A UTF-16 file with its byte-order mark
//!   (Excel's "Unicode text", tab-separated) is decoded first. A file with a NUL byte, or in
//!   which more than one byte in ten is a control character or part of invalid UTF-8, is
//!   refused as "not a text file" (a UTF-16 export without its mark is the usual culprit).
//!   Otherwise a line that is not UTF-8 is read as Windows-1252 (Excel's "CSV" on Windows,
//!   a superset of Latin-1), so "Größe" in a header is named as such in the report.
//! * **One column.** A header of one name over comma-separated rows without a decimal point
//!   (German Excel's column "Gewicht" over "1,5", "2,25") is one column with decimal commas,
//!   which no lab can use: refused, where it loaded as the wrong points (1, 5) and (2, 25).
//! * **Lines.** `\n`, `\r\n` and a lone `\r` (old Mac exports) all end a line; line numbers in
//!   messages count every physical line, as a text editor does. Blank lines, lines made only
//!   of separators and quotes (`;;;` from spreadsheets) and comment lines starting with `#` are
//!   ignored, except that a line starting with a spreadsheet error value such as `#N/A` or
//!   `#DIV/0!` is a data row (and is reported as not a number) rather than a comment.
//! * **Separator.** Detected from the first [`SAMPLE_LINES`] non-blank, non-comment lines:
//!   tab if it occurs in at least half of them, else `;`, else `,`; when none of these does but
//!   the lines hold spaces between values (NumPy's `savetxt` default), runs of spaces and tabs.
//!   A file with a single column falls back to `,`. A first line `sep=;` (Excel writes it to
//!   name the separator; also `sep=,` and with a tab, quoted or not) sets the separator and is
//!   not a row.
//! * **Decimal commas.** With the `;` separator (the European spreadsheet convention), a
//!   value with exactly one `,` and no `.` is read with the comma as the decimal point:
//!   `1,5` is 1.5. With another separator the same holds when a cell of the first
//!   [`SAMPLE_LINES`] lines can only be such a number: one comma, no point, and other than
//!   three digits after the comma (`"1,5","2,3"` from a spreadsheet that quotes its decimal
//!   commas, or `1,5<tab>2,3`), or has a 0 before its comma (`0,125`); `"1,000"` alone might
//!   be a thousand and is refused with a hint. Where decimal commas are read, dots between
//!   groups of three digits separate thousands: `1.200,5` is 1200.5 always, and `1.050` is
//!   1050 when a cell of the file's first lines does use a decimal comma (German Excel's
//!   thousands separator). In a `;` file with no decimal comma, `1.050` keeps its decimal
//!   point; when every dotted value read looks like that, the summary warns
//!   ([`ImportReport::dots_maybe_thousands`]).
//! * **Quotes.** A cell may be wrapped in double quotes (a separator inside them does not
//!   split the cell, `""` stands for one quote) or in single quotes; surrounding spaces are
//!   ignored. A quoted cell cannot span lines.
//! * **Header.** The first data line is a header when none of its cells is a number. With a
//!   header, x is the column named `x` (case-insensitively); the second column is the one
//!   named `y` (else `target`) for [`ColumnKind::XY`], or the first of `label`, `class`, `y`,
//!   `target` for [`ColumnKind::XLabel`]. A role with no named column takes the first other
//!   column, so a two-column file is read in order whatever its names. Without a header the
//!   first two columns are used. With three columns or more, a first column that numbers the
//!   rows is passed over: named ``, `Unnamed: 0`, `index`, `id`, `row` or `rownames` (R's
//!   `write.csv` and pandas' `to_csv` write one), or, without a header, counting 0, 1, 2, …
//!   or 1, 2, 3, … down the first lines. When the two columns read were not both chosen by
//!   name, the summary names them and [`ImportReport::needs_checking`] holds.
//! * **Rows.** Every row must have the number of cells of the header (or, without a header,
//!   the most common number among the first lines); empty cells at the end of a row do not
//!   count. A row with more or fewer cells is skipped, because it usually means a decimal
//!   comma split a value in two. Values use Rust's `f64` syntax and must be finite with
//!   magnitude at most 1e100 ([`parse_number`]). For [`ColumnKind::XLabel`] the label must be
//!   0 or 1 (`1.0` is fine), or −1 and 1 (hinge-loss data; −1 is loaded as 0); other labels
//!   are skipped with the reason. The first negative label of the file (0 or −1) fixes its
//!   convention: rows with the other one are skipped (labels −1, 0, 1 are three classes, not
//!   two). Labels may be words, in any case: `true`, `t`, `yes`, `y`, `pos`, `positive` are 1
//!   and `false`, `f`, `no`, `n`, `neg`, `negative` are 0; or the names of two classes, of
//!   which the first in alphabetical order is 0 (`cat` 0, `dog` 1). The summary says which
//!   text became 0 and which 1; rows of a third class name are skipped, named as such.
//! * **Refusal.** A file whose rows mostly cannot be read was most likely misread (thousands
//!   separators, another label coding, the other lab's data), so loading its few readable
//!   rows would mislead: [`ImportReport::refused`] is set when the rows skipped for a reason
//!   other than a missing value are at least as many as the points read, or (classification)
//!   when there is any such row and every point read has the same label. The app then keeps
//!   its data and shows the summary, which names the first bad rows. A few bad rows among
//!   many good ones are skipped and named, and the rest loads. Rows skipped for an empty,
//!   `NaN`, infinite or too large value, or one of pandas' missing-value marks (`NA`, `N/A`,
//!   `#N/A`, `null`, `None`, … in any case: [`MISSING_VALUES`]), are missing data, as pandas'
//!   `dropna` sees them: the rest of the file loads however many there are.
//! * **Limits.** At most [`MAX_POINTS`] points are loaded: of a longer file, [`MAX_POINTS`]
//!   rows spread evenly over it are read (so a file sorted by x keeps its whole range) and the
//!   others only counted; the report says how many rows were left out. Only the first
//!   [`MAX_SKIPPED_EXAMPLES`] reasons are kept, so a file of a million bad rows costs a few
//!   short strings. After a sample of the first lines the parser counts the rows, then reads
//!   them: linear in the size of the file, with memory bounded by [`MAX_POINTS`] and the
//!   longest line. The app
//!   refuses files above [`MAX_FILE_BYTES`] before reading them ([`file_size_problem`]).
//! * **Duplicates.** Repeated points are kept (a repeated measurement is legitimate data and
//!   weighs twice in a fit) and counted in [`ImportReport::duplicates`]; `0` and `-0` count as
//!   the same coordinate.
//!
//! # Reading tables ([`parse_table`])
//!
//! A strict reader for files the app ships (the article's data): same text, separator and
//! number rules, but a header is required, every row must be complete and the first bad value
//! refuses the whole file with its line number. The first column may hold text (for example a
//! `split` column of `train` / `test`), kept apart from the numbers.
//!
//! # Writing ([`write_points_csv`], [`write_csv`])
//!
//! Numbers are written as [`Shortest`] writes them: the shortest digits that parse back to the
//! same `f64`, in plain notation for 10⁻⁶ ≤ |v| < 10²¹ and in scientific notation outside it
//! (`1.2e-300`), so writing and reading again gives bit-for-bit the same values, negative zero
//! and subnormals included.

use super::hash::{parse_number, parse_written_f64, shorten, underflows, MAX_POINTS};
use super::Shortest;
use crate::numerics::error::MAX_ABS_COORDINATE;
use std::borrow::Cow;
use std::fmt::Write as _;

/// The largest file the app reads (5 MiB); larger files are refused before reading.
pub const MAX_FILE_BYTES: usize = 5 * 1024 * 1024;

/// How many reasons for skipped rows an [`ImportReport`] keeps.
pub const MAX_SKIPPED_EXAMPLES: usize = 5;

/// How many non-blank lines at the top of a file decide its separator and column count.
pub const SAMPLE_LINES: usize = 10;

/// The most header cells kept in an [`ImportReport`], and the most columns [`parse_table`]
/// accepts.
pub const MAX_COLUMNS: usize = 1_000;

/// Labels accepted as the second column's name in classification files, in order of
/// preference.
const LABEL_COLUMN_NAMES: [&str; 4] = ["label", "class", "y", "target"];

/// Cells that stand for a missing value (pandas' default `na_values`, in any case), as an
/// empty cell does.
pub const MISSING_VALUES: [&str; 14] = [
    "na", "n/a", "#n/a", "#na", "#n/a n/a", "<na>", "null", "none", "nan", "-nan", "1.#ind", "-1.#ind", "1.#qnan",
    "-1.#qnan",
];

/// Spreadsheet error values: a line starting with one of these is data, not a comment.
const SPREADSHEET_ERRORS: [&str; 7] = ["#N/A", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#NULL!"];

/// What the second column of a points file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ColumnKind {
    /// Regression: `x, y`, both any number.
    XY,
    /// Classification: `x, label`, the label 0 or 1 (or −1 and 1).
    XLabel,
}

/// The character that separates cells on a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Separator {
    /// `,`
    Comma,
    /// `;` (values may then use a decimal comma).
    Semicolon,
    /// A tab.
    Tab,
    /// One or more spaces or tabs (NumPy's `savetxt` default).
    Whitespace,
}

impl Separator {
    /// The character written between cells (a single space for [`Separator::Whitespace`]).
    pub fn as_char(self) -> char {
        match self {
            Separator::Comma => ',',
            Separator::Semicolon => ';',
            Separator::Tab => '\t',
            Separator::Whitespace => ' ',
        }
    }

    /// The plural name used in messages: "commas", "semicolons", "tabs", "spaces".
    pub fn name(self) -> &'static str {
        match self {
            Separator::Comma => "commas",
            Separator::Semicolon => "semicolons",
            Separator::Tab => "tabs",
            Separator::Whitespace => "spaces",
        }
    }

    /// Whether every file with this separator reads `1,5` as 1.5 (only `;`). With another
    /// separator a file reads decimal commas only when a cell of its first lines can be
    /// nothing else (see the module docs).
    pub fn allows_decimal_comma(self) -> bool {
        self == Separator::Semicolon
    }

    fn splits_at(self, c: char) -> bool {
        match self {
            Separator::Whitespace => c == ' ' || c == '\t',
            other => c == other.as_char(),
        }
    }
}

/// What [`parse_points`] read and what it skipped.
///
/// Invariant: `points_loaded + rows_skipped + rows_over_limit == rows_read`.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportReport {
    /// Data rows in the file: lines that are not blank, not comments and not the header.
    pub rows_read: usize,
    /// Rows that became points.
    pub points_loaded: usize,
    /// Rows refused because of a bad or missing value or a wrong number of cells.
    pub rows_skipped: usize,
    /// The first [`MAX_SKIPPED_EXAMPLES`] reasons, each like `line 7: “abc” is not a number`.
    pub skipped_examples: Vec<String>,
    /// Rows counted but not read: beyond [`MAX_POINTS`], the rows between those spread evenly
    /// over the file that are read.
    pub rows_over_limit: usize,
    /// Whether the file held more rows than [`MAX_POINTS`] (`rows_over_limit > 0`).
    pub truncated: bool,
    /// The header's cells (unquoted and trimmed; at most [`MAX_COLUMNS`]), if the first data
    /// line was a header.
    pub header: Option<Vec<String>>,
    /// The separator that was detected.
    pub separator: Separator,
    /// Whether at least one loaded value used a decimal comma (`1,5`).
    pub decimal_commas: bool,
    /// The number of cells a row must have (from the header, or the most common count).
    pub columns: usize,
    /// Zero-based index of the column read as x.
    pub x_column: usize,
    /// Zero-based index of the column read as y (or label).
    pub y_column: usize,
    /// Loaded points equal to an earlier loaded point (kept; see the module docs).
    pub duplicates: usize,
    /// Why nothing could be read at all (the file is not text), as a phrase.
    pub file_problem: Option<String>,
    /// Whether the file's labels were −1 and 1 (−1 is loaded as 0).
    pub minus_one_labels: bool,
    /// Skipped rows whose x or y was empty or a number out of range (`NaN`, `inf`, `1e400`):
    /// values the file lacks, not text that was misread, so they do not count towards
    /// [`refused`](Self::refused).
    pub rows_missing: usize,
    /// Whether the first column was passed over because it numbers the rows (R's and pandas'
    /// row names, an `id` column; see the module docs).
    pub row_numbers_skipped: bool,
    /// Whether the rows have more than two cells and the two columns read were not both
    /// chosen by name: the summary names them, and the reader should check them.
    pub columns_guessed: bool,
    /// Whether at least one loaded value had dots between thousands (`1.050,5`).
    pub thousands_dots: bool,
    /// The labels written as text that were read as 0 and as 1 (two class names, in
    /// alphabetical order, or words such as `no` and `yes`).
    pub label_names: Option<[String; 2]>,
    /// In a `;` file without decimal commas, a value such as `1.050` when every dotted value
    /// looked like that: read with a decimal point, it may have been meant as a thousand.
    pub dots_maybe_thousands: Option<String>,
    /// Whether the file must not be loaded although it was read: rows were skipped for another
    /// reason than a missing value (text that is not a number, a wrong number of cells, a
    /// label other than 0 and 1 or −1 and 1) and they are at least as many as the points read,
    /// or every point read has the same label (classification). Such a file was most likely
    /// misread (thousands separators, another label coding, the other lab's data); the summary
    /// then says so and names the first bad rows.
    pub refused: bool,
}

/// The result of [`parse_points`]: the points that could be read, and the report.
#[derive(Debug, Clone, PartialEq)]
pub struct CsvImport {
    /// `(x, y)` or `(x, label)` pairs in file order, each finite with magnitude ≤ 1e100; labels
    /// are exactly 0.0 or 1.0. At most [`MAX_POINTS`]. Filled even when the report says the
    /// file is [`refused`](ImportReport::refused), which callers must check.
    pub points: Vec<(f64, f64)>,
    /// What was read and what was skipped.
    pub report: ImportReport,
}

impl CsvImport {
    /// One sentence describing the import; see [`ImportReport::summary`].
    pub fn summary(&self) -> String {
        self.report.summary()
    }
}

impl ImportReport {
    fn empty(separator: Separator) -> Self {
        ImportReport {
            rows_read: 0,
            points_loaded: 0,
            rows_skipped: 0,
            skipped_examples: Vec::new(),
            rows_over_limit: 0,
            truncated: false,
            header: None,
            separator,
            decimal_commas: false,
            columns: 2,
            x_column: 0,
            y_column: 1,
            duplicates: 0,
            file_problem: None,
            minus_one_labels: false,
            rows_missing: 0,
            row_numbers_skipped: false,
            columns_guessed: false,
            thousands_dots: false,
            label_names: None,
            dots_maybe_thousands: None,
            refused: false,
        }
    }

    /// Whether the summary says something the reader should check before trusting the
    /// points: skipped rows, columns chosen without their names, values that may have been
    /// meant otherwise, or rows left out. The app shows such a summary as a warning.
    pub fn needs_checking(&self) -> bool {
        self.rows_skipped > 0 || self.columns_guessed || self.dots_maybe_thousands.is_some() || self.truncated
    }

    /// One human sentence, e.g. `Read 48 points from 50 rows; skipped 2 (line 7: “abc” is not
    /// a number; line 9: an empty value where a number was expected).`
    ///
    /// It mentions, when they apply: the columns used (if rows have more than two), decimal
    /// commas, labels −1 read as 0, the skipped rows with the kept reasons, the [`MAX_POINTS`]
    /// cut-off, and duplicates. A [`refused`](Self::refused) file gets a sentence of its own,
    /// e.g. `Only 1 of 3 rows could be read (line 3: “1 000” is not a number; …).`
    pub fn summary(&self) -> String {
        if let Some(problem) = &self.file_problem {
            return format!("Nothing was read: {problem}.");
        }
        if self.rows_read == 0 {
            return match &self.header {
                Some(header) => format!("The file has a header ({}) but no data rows.", quoted_list(header)),
                None => "The file holds no data rows.".to_string(),
            };
        }
        if self.refused {
            let tried = self.points_loaded + self.rows_skipped;
            let what = match self.points_loaded {
                0 if tried == 1 => "The one row could not be read".to_string(),
                0 => format!("None of the {tried} rows could be read"),
                n if n <= self.rows_skipped => format!("Only {n} of {tried} rows could be read"),
                n => {
                    let rows = if self.rows_skipped == 1 { "row was" } else { "rows were" };
                    format!("All {n} points read have the same label and {} {rows} skipped", self.rows_skipped)
                }
            };
            let spread = if self.truncated {
                format!(
                    " (a lab holds at most {MAX_POINTS} points, so {tried} rows spread evenly over the file's {} were tried)",
                    self.rows_read
                )
            } else {
                String::new()
            };
            return format!("{what}{spread} ({}).", self.examples());
        }
        let mut out = format!("Read {} from {}", plural(self.points_loaded, "point"), plural(self.rows_read, "row"));
        if self.columns > 2 {
            match &self.header {
                Some(header) => {
                    let name = |i: usize| match header.get(i).map(|s| s.trim()).filter(|s| !s.is_empty()) {
                        Some(name) => format!("“{}”", shorten(name)),
                        None => format!("{}", i + 1),
                    };
                    let _ = write!(
                        out,
                        ", using columns {} and {} of {}",
                        name(self.x_column),
                        name(self.y_column),
                        self.columns
                    );
                }
                None if self.row_numbers_skipped => {
                    let _ = write!(out, ", using columns 2 and 3 of {}", self.columns);
                }
                None => {
                    let _ = write!(out, ", using the first two of {} columns", self.columns);
                }
            }
            if self.row_numbers_skipped {
                out.push_str(" (the first numbers the rows)");
            }
        }
        if self.decimal_commas {
            out.push_str(", with decimal commas");
        }
        if self.thousands_dots {
            out.push_str(", with dots between thousands");
        }
        if self.minus_one_labels {
            out.push_str(", with label -1 read as 0");
        }
        if let Some([zero, one]) = &self.label_names {
            let _ = write!(out, ", with “{zero}” read as 0 and “{one}” as 1");
        }
        if let Some(example) = &self.dots_maybe_thousands {
            let _ = write!(
                out,
                "; values such as “{example}” were read with a decimal point: if the dots separate thousands, \
                 save the file without them"
            );
        }
        if self.rows_skipped > 0 {
            let _ = write!(out, "; skipped {} ({})", self.rows_skipped, self.examples());
        }
        if self.truncated {
            let over = self.rows_over_limit;
            let read = self.rows_read - over;
            let _ = write!(
                out,
                "; a lab holds at most {MAX_POINTS} points, so {read} rows spread evenly over the file were read and {over} left out"
            );
        }
        if self.duplicates > 0 {
            let _ = write!(
                out,
                "; {} {} an earlier point (kept)",
                self.duplicates,
                if self.duplicates == 1 { "repeats" } else { "repeat" }
            );
        }
        out.push('.');
        out
    }

    /// The kept reasons for skipped rows, joined by `; `, with `; …` when more were skipped.
    fn examples(&self) -> String {
        let more = if self.rows_skipped > self.skipped_examples.len() { "; …" } else { "" };
        format!("{}{more}", self.skipped_examples.join("; "))
    }
}

/// `count` followed by `noun`, with an `s` unless the count is 1.
fn plural(count: usize, noun: &str) -> String {
    if count == 1 {
        format!("1 {noun}")
    } else {
        format!("{count} {noun}s")
    }
}

/// Up to four cells, each shortened and in quotes, joined by commas.
fn quoted_list(cells: &[String]) -> String {
    let shown: Vec<String> = cells.iter().take(4).map(|c| format!("“{}”", shorten(c))).collect();
    let more = if cells.len() > 4 { ", …" } else { "" };
    format!("{}{more}", shown.join(", "))
}

/// The sentence to show when a file of `bytes` bytes is too large to read, or `None` when it
/// is within [`MAX_FILE_BYTES`].
pub fn file_size_problem(bytes: u64) -> Option<String> {
    if bytes <= MAX_FILE_BYTES as u64 {
        return None;
    }
    let mebibytes = bytes as f64 / (1024.0 * 1024.0);
    Some(format!("The file is {mebibytes:.1} MB; files up to 5 MB can be read."))
}

/// What a file is, from its first bytes, when it is a known kind of file that is not a table
/// of numbers: a phrase for [`ImportReport::file_problem`] that says what to do instead.
fn known_other_format(bytes: &[u8]) -> Option<&'static str> {
    const SIGNATURES: [(&[u8], &str); 6] = [
        (
            b"PK\x03\x04",
            "the file is a ZIP archive, as an Excel (.xlsx) or LibreOffice (.ods) workbook is: \
             open it in the spreadsheet and save it as “CSV UTF-8”",
        ),
        (
            b"\xD0\xCF\x11\xE0",
            "the file is an old Excel (.xls) workbook: open it in the spreadsheet and save it as “CSV UTF-8”",
        ),
        (
            b"\x89PNG",
            "the file is a PNG image, not a table of numbers (“Save PNG” saves a picture, “Save CSV” the points)",
        ),
        (b"\xFF\xD8\xFF", "the file is a JPEG image, not a table of numbers"),
        (b"GIF8", "the file is a GIF image, not a table of numbers"),
        (b"%PDF", "the file is a PDF document, not a table of numbers"),
    ];
    if let Some((_, phrase)) = SIGNATURES.iter().find(|(signature, _)| bytes.starts_with(signature)) {
        return Some(phrase);
    }
    let text = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match text.iter().find(|b| !b.is_ascii_whitespace()) {
        Some(b'{' | b'[') => {
            Some("the file looks like JSON; LossLab reads CSV: one row per point, columns x and y (or x and label)")
        }
        Some(b'<') => Some(
            "the file looks like a web page or XML (some web apps save an “.xls” this way): \
             open it in a spreadsheet and save it as “CSV UTF-8”",
        ),
        _ => None,
    }
}

/// The text of a UTF-16 file with its byte-order mark (`FF FE`: little-endian, `FE FF`:
/// big-endian), as Excel's "Unicode text" and some Windows tools save tables; `None` for any
/// other file. Unpaired surrogates become U+FFFD and an odd last byte is dropped.
fn utf16_text(bytes: &[u8]) -> Option<String> {
    let little_endian = match bytes {
        [0xFF, 0xFE, ..] => true,
        [0xFE, 0xFF, ..] => false,
        _ => return None,
    };
    let units = bytes[2..].chunks_exact(2).map(|pair| {
        let pair = [pair[0], pair[1]];
        if little_endian {
            u16::from_le_bytes(pair)
        } else {
            u16::from_be_bytes(pair)
        }
    });
    Some(char::decode_utf16(units).map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER)).collect())
}

/// Why `bytes` is not a text file, as a phrase, or `None` when it is (see the module docs).
fn text_problem(bytes: &[u8]) -> Option<String> {
    if let Some(phrase) = known_other_format(bytes) {
        return Some(phrase.to_string());
    }
    if bytes.contains(&0) {
        return Some(
            "the file is not a text file (it contains NUL bytes; UTF-16 text without its byte-order \
             mark looks like this, save it as “CSV UTF-8” instead)"
                .to_string(),
        );
    }
    let mut suspicious = 0usize;
    let mut rest = bytes;
    loop {
        match std::str::from_utf8(rest) {
            Ok(valid) => {
                suspicious += count_control_chars(valid.as_bytes());
                break;
            }
            Err(error) => {
                let (valid, after) = rest.split_at(error.valid_up_to());
                suspicious += count_control_chars(valid);
                let invalid = error.error_len().unwrap_or(after.len()).max(1);
                suspicious += invalid;
                rest = after.get(invalid..).unwrap_or(&[]);
            }
        }
    }
    if suspicious.saturating_mul(10) > bytes.len() {
        return Some(format!(
            "the file is not a text file ({suspicious} of its {} bytes are not readable characters)",
            bytes.len()
        ));
    }
    None
}

/// Control characters other than tab, line breaks and form feed.
fn count_control_chars(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c)) || b == 0x7f).count()
}

/// Physical lines of a byte buffer with their 1-based numbers; `\n`, `\r\n` and `\r` end a
/// line.
struct Lines<'a> {
    bytes: &'a [u8],
    position: usize,
    number: usize,
}

impl<'a> Lines<'a> {
    fn new(bytes: &'a [u8]) -> Self {
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        Lines { bytes, position: 0, number: 0 }
    }
}

impl<'a> Iterator for Lines<'a> {
    type Item = (usize, Cow<'a, str>);

    fn next(&mut self) -> Option<Self::Item> {
        let rest = self.bytes.get(self.position..).filter(|rest| !rest.is_empty())?;
        let end = rest.iter().position(|&b| b == b'\n' || b == b'\r').unwrap_or(rest.len());
        let line = &rest[..end];
        let terminator = match (rest.get(end), rest.get(end + 1)) {
            (Some(b'\r'), Some(b'\n')) => 2,
            (Some(_), _) => 1,
            (None, _) => 0,
        };
        self.position += end + terminator;
        self.number += 1;
        Some((self.number, decode_line(line)))
    }
}

/// A line's text: UTF-8, or else Windows-1252 (Latin-1 with printable characters in
/// 0x80 – 0x9F; its five undefined bytes read as U+FFFD).
fn decode_line(line: &[u8]) -> Cow<'_, str> {
    match std::str::from_utf8(line) {
        Ok(text) => Cow::Borrowed(text),
        Err(_) => Cow::Owned(line.iter().map(|&b| windows_1252(b)).collect()),
    }
}

/// The character of a Windows-1252 byte.
fn windows_1252(byte: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{fffd}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{fffd}', 'Ž', '\u{fffd}',
        '\u{fffd}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{fffd}', 'ž', 'Ÿ',
    ];
    match byte {
        0x80..=0x9f => HIGH[usize::from(byte - 0x80)],
        _ => char::from(byte),
    }
}

/// The separator an Excel `sep=;` line names (Excel writes it first to say how its cells are
/// separated), or `None` when the line is not one.
fn separator_directive(line: &str) -> Option<Separator> {
    let text = line.trim_matches(|c| c == ' ' || c == '"');
    let named = text.get(..4).filter(|head| head.eq_ignore_ascii_case("sep="))?;
    match &text[named.len()..] {
        "," => Some(Separator::Comma),
        ";" => Some(Separator::Semicolon),
        "\t" => Some(Separator::Tab),
        _ => None,
    }
}

/// The separator named by a `sep=` directive on the file's first non-blank line.
fn directive_of(bytes: &[u8]) -> Option<Separator> {
    Lines::new(bytes).find(|(_, line)| !line.trim().is_empty()).and_then(|(_, line)| separator_directive(&line))
}

/// Whether a line carries data: not blank, not only separators and quotes, not a `#` comment
/// (a spreadsheet error value such as `#N/A` is data) and not a `sep=` directive.
fn is_data_line(line: &str) -> bool {
    let trimmed = line.trim_start();
    if trimmed.starts_with('#') && !SPREADSHEET_ERRORS.iter().any(|e| trimmed.starts_with(e)) {
        return false;
    }
    if separator_directive(line).is_some() {
        return false;
    }
    trimmed.chars().any(|c| !matches!(c, ',' | ';' | '"' | '\'') && !c.is_whitespace())
}

/// Non-blank, non-comment lines with their numbers.
fn data_lines(bytes: &[u8]) -> impl Iterator<Item = (usize, Cow<'_, str>)> {
    Lines::new(bytes).filter(|(_, line)| is_data_line(line))
}

/// Whether `c` occurs in `line` outside double quotes (quotes toggle naively; this is only
/// used to detect the separator).
fn occurs_unquoted(line: &str, c: char) -> bool {
    let mut quoted = false;
    for ch in line.chars() {
        if ch == '"' {
            quoted = !quoted;
        } else if ch == c && !quoted {
            return true;
        }
    }
    false
}

/// The separator of a file from its first data lines (see the module docs).
fn detect_separator(sample: &[Cow<'_, str>]) -> Separator {
    let needed = sample.len().div_ceil(2).max(1);
    for (separator, c) in [(Separator::Tab, '\t'), (Separator::Semicolon, ';'), (Separator::Comma, ',')] {
        if sample.iter().filter(|line| occurs_unquoted(line, c)).count() >= needed {
            return separator;
        }
    }
    let spaced = sample.iter().filter(|line| line.trim().contains([' ', '\t'])).count();
    if spaced >= needed {
        Separator::Whitespace
    } else {
        Separator::Comma
    }
}

/// The raw cells of a line: a cell that starts (after spaces) with `"` runs to the matching
/// closing quote, so separators inside it do not split it.
struct Cells<'a> {
    rest: Option<&'a str>,
    separator: Separator,
}

impl<'a> Cells<'a> {
    fn new(line: &'a str, separator: Separator) -> Self {
        let line = if separator == Separator::Whitespace { line.trim_matches([' ', '\t']) } else { line };
        Cells { rest: Some(line), separator }
    }
}

impl<'a> Iterator for Cells<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        let text = self.rest?;
        let separator = self.separator;
        // A cell whose first visible character is `"` is searched for a separator only after
        // its closing quote.
        let body = text.trim_start_matches(|c: char| c.is_whitespace() && !separator.splits_at(c));
        let mut search_from = text.len() - body.len();
        if body.starts_with('"') {
            search_from += closing_quote_end(body);
        }
        let rest = text.as_bytes().get(search_from..).unwrap_or_default();
        let found = match separator {
            Separator::Whitespace => rest.iter().position(|&b| b == b' ' || b == b'\t'),
            other => rest.iter().position(|&b| char::from(b) == other.as_char()),
        };
        match found {
            Some(offset) => {
                let end = search_from + offset;
                let mut after = &text[end + 1..];
                if separator == Separator::Whitespace {
                    after = after.trim_start_matches([' ', '\t']);
                }
                self.rest = Some(after);
                Some(&text[..end])
            }
            None => {
                self.rest = None;
                Some(text)
            }
        }
    }
}

/// The byte index just after the quote that closes the quoted text starting at `text[0]`
/// (`""` inside is an escaped quote), or `text.len()` when it is never closed.
fn closing_quote_end(text: &str) -> usize {
    let bytes = text.as_bytes();
    let mut i = 1;
    while let Some(offset) = bytes.get(i..).and_then(|rest| rest.iter().position(|&b| b == b'"')) {
        let quote = i + offset;
        if bytes.get(quote + 1) == Some(&b'"') {
            i = quote + 2;
        } else {
            return quote + 1;
        }
    }
    text.len()
}

/// A cell without surrounding spaces and quotes; `""` inside double quotes becomes `"`.
fn clean_cell(raw: &str) -> Cow<'_, str> {
    let trimmed = raw.trim();
    if trimmed.len() >= 2 && trimmed.starts_with('"') && trimmed.ends_with('"') {
        let inner = trimmed[1..trimmed.len() - 1].trim();
        if inner.contains("\"\"") {
            return Cow::Owned(inner.replace("\"\"", "\""));
        }
        return Cow::Borrowed(inner);
    }
    if trimmed.len() >= 2 && trimmed.starts_with('\'') && trimmed.ends_with('\'') {
        return Cow::Borrowed(trimmed[1..trimmed.len() - 1].trim());
    }
    Cow::Borrowed(trimmed)
}

/// How a file writes its numbers beyond Rust's syntax (see the module docs).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Convention {
    /// `1,5` is 1.5.
    decimal_comma: bool,
    /// `1.050` is 1050: the file's decimal point is a comma, so a dot between groups of three
    /// digits separates thousands. (`1.200,5` is read as 1200.5 whenever `decimal_comma` holds.)
    thousands_dots: bool,
}

/// What [`rewrite`] changed in a cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Rewrite {
    /// Nothing: the cell is read as written.
    AsWritten,
    /// Its comma became the decimal point.
    DecimalComma,
    /// Its dots between thousands were removed (and a comma, if any, became the point).
    ThousandsDots,
}

/// Whether the integer part of a number is written with dots between groups of three digits:
/// one to three digits, then `.ddd` at least once (`1.050`, `−12.345.678`).
fn is_grouped(whole: &str) -> bool {
    let digits = whole.trim_start_matches(['+', '-', '−']);
    let mut groups = digits.split('.');
    let first = groups.next().unwrap_or_default();
    let all_digits = |g: &str| g.bytes().all(|b| b.is_ascii_digit());
    let mut rest = 0;
    (1..=3).contains(&first.len())
        && all_digits(first)
        && groups.all(|g| {
            rest += 1;
            g.len() == 3 && all_digits(g)
        })
        && rest > 0
}

/// A cleaned cell in Rust's number syntax under the file's convention, written into `buffer`
/// when it changes (so that reading a file of a million bad rows allocates nothing), and what
/// changed. A rewritten number longer than the buffer is left as written, and so refused.
fn rewrite<'a>(cell: &'a str, convention: Convention, buffer: &'a mut [u8; 64]) -> (&'a str, Rewrite) {
    let unchanged = (cell, Rewrite::AsWritten);
    if !convention.decimal_comma || cell.bytes().filter(|&b| b == b',').count() > 1 {
        return unchanged;
    }
    let (whole, fraction) = cell.split_once(',').unwrap_or((cell, ""));
    let comma = whole.len() < cell.len();
    let kind = match (whole.contains('.'), comma) {
        (false, false) => return unchanged,
        (false, true) => Rewrite::DecimalComma,
        (true, _) if (comma || convention.thousands_dots) && is_grouped(whole) => Rewrite::ThousandsDots,
        (true, _) => return unchanged,
    };
    let mut length = 0;
    let point: &[u8] = if comma { b"." } else { b"" };
    for byte in whole.bytes().filter(|&b| b != b'.').chain(point.iter().copied()).chain(fraction.bytes()) {
        let Some(slot) = buffer.get_mut(length) else { return unchanged };
        *slot = byte;
        length += 1;
    }
    // Only ASCII dots and commas were removed or replaced, so the bytes are still UTF-8.
    match std::str::from_utf8(&buffer[..length]) {
        Ok(text) => (text, kind),
        Err(_) => unchanged,
    }
}

/// How a file writes its numbers: decimal commas always with `;`, and with another separator
/// when a cell of the sample can only be a number with a decimal comma (one comma, no point,
/// and not three digits after the comma, as `1,000` might be a thousand, unless the part
/// before it is 0: `0,125`); dots between thousands when a cell of the sample does use a
/// decimal comma.
fn detect_convention(sample: &[Cow<'_, str>], separator: Separator) -> Convention {
    let mut decimal_comma = separator.allows_decimal_comma();
    let mut commas_seen = false;
    let probe = Convention { decimal_comma: true, thousands_dots: false };
    for raw in sample.iter().flat_map(|line| Cells::new(line, separator)) {
        let cell = clean_cell(raw);
        let Some((whole, after)) = cell.split_once(',') else { continue };
        if !looks_numeric(raw, probe) {
            continue;
        }
        commas_seen = true;
        let digits = after.bytes().take_while(u8::is_ascii_digit).count();
        let zero = matches!(whole.trim_start_matches(['+', '-', '−']), "0");
        if !matches!(digits, 0 | 3) || zero || whole.contains('.') {
            decimal_comma = true;
        }
    }
    Convention { decimal_comma, thousands_dots: decimal_comma && commas_seen }
}

/// The value of a cell and what [`rewrite`] changed, or `None` when [`parse_number`] refuses
/// it. It accepts exactly what [`parse_number`] accepts, without allocating, so that a file
/// of a million bad rows costs no memory; [`cell_problem`] then says why.
fn read_cell(raw: &str, convention: Convention) -> Option<(f64, Rewrite)> {
    let cell = clean_cell(raw);
    let mut buffer = [0u8; 64];
    let (text, kind) = rewrite(&cell, convention, &mut buffer);
    let text = text.trim();
    parse_written_f64(text)
        .filter(|&v| v.is_finite() && v.abs() <= MAX_ABS_COORDINATE && !underflows(text, v))
        .map(|value| (value, kind))
}

/// Why [`read_cell`] refuses a cell, as [`parse_number`] words it, quoting the cell as written.
fn cell_problem(raw: &str, convention: Convention) -> String {
    let cell = clean_cell(raw);
    if !cell.is_empty() && is_missing(raw) {
        return format!("a missing value (“{}”)", shorten(&cell));
    }
    let mut buffer = [0u8; 64];
    if let (rewritten, Rewrite::DecimalComma | Rewrite::ThousandsDots) = rewrite(&cell, convention, &mut buffer) {
        return match parse_number(rewritten) {
            Ok(_) => format!("“{}” could not be read", shorten(&cell)),
            Err(message) => message.replacen(&shorten(rewritten), &shorten(&cell), 1),
        };
    }
    match parse_number(&cell) {
        Ok(_) => format!("“{}” could not be read", shorten(&cell)),
        Err(message) if cell.contains(',') && !convention.decimal_comma => {
            format!("{message} (write decimals with a point, without thousands separators)")
        }
        Err(message) => message,
    }
}

/// Whether a (raw) cell is empty once spaces and quotes are removed.
fn is_empty_cell(raw: &str) -> bool {
    clean_cell(raw).is_empty()
}

/// Whether a cell holds no value: empty, or one of [`MISSING_VALUES`].
fn is_missing(raw: &str) -> bool {
    let cell = clean_cell(raw);
    cell.is_empty() || MISSING_VALUES.iter().any(|m| cell.eq_ignore_ascii_case(m))
}

/// The number of cells of a line, not counting empty cells at its end.
fn effective_cell_count(line: &str, separator: Separator) -> usize {
    let mut count = 0;
    for (i, cell) in Cells::new(line, separator).enumerate() {
        if !is_empty_cell(cell) {
            count = i + 1;
        }
    }
    count
}

/// Whether a cell is written as a number, even one the app refuses (`NaN`, `inf`, `1e400`).
fn looks_numeric(raw: &str, convention: Convention) -> bool {
    let cell = clean_cell(raw);
    let mut buffer = [0u8; 64];
    parse_written_f64(rewrite(&cell, convention, &mut buffer).0).is_some()
}

/// Whether a line is a header: none of its cells is written as a number (so a first row of
/// `NaN,inf` is data, and is reported as such).
fn is_header(line: &str, separator: Separator, convention: Convention) -> bool {
    Cells::new(line, separator).all(|cell| !looks_numeric(cell, convention))
}

/// The header's cleaned cells (at most [`MAX_COLUMNS`]), without empty cells at the end.
fn header_cells(line: &str, separator: Separator) -> Vec<String> {
    let mut cells: Vec<String> =
        Cells::new(line, separator).take(MAX_COLUMNS).map(|c| clean_cell(c).into_owned()).collect();
    while cells.last().is_some_and(|c| c.is_empty()) {
        cells.pop();
    }
    cells
}

/// The most common number of cells among the sample lines (the smaller one on a tie).
fn most_common_count(lines: &[Cow<'_, str>], separator: Separator) -> usize {
    // At most SAMPLE_LINES counts: counting each one's occurrences directly is cheap, and
    // spares the WebAssembly build a sort of `usize` (about 3 KB).
    let counts: Vec<usize> = lines.iter().map(|line| effective_cell_count(line, separator)).collect();
    let mut best = (0usize, 0usize);
    for &count in &counts {
        let occurrences = counts.iter().filter(|&&c| c == count).count();
        if occurrences > best.1 || (occurrences == best.1 && count < best.0) {
            best = (count, occurrences);
        }
    }
    best.0
}

/// Header names of a first column that numbers the rows rather than holding data: R's
/// `write.csv` leaves it unnamed, pandas' `to_csv` too (read back, `Unnamed: 0`).
const ROW_NUMBER_NAMES: [&str; 6] = ["", "unnamed: 0", "index", "id", "row", "rownames"];

/// The first column, when it numbers the rows and at least two other columns remain: named as
/// in [`ROW_NUMBER_NAMES`], or, without a header, counting 0, 1, 2, … or 1, 2, 3, … down the
/// sample (three rows at least).
fn row_number_column(header: Option<&[String]>, sample: &[Cow<'_, str>], separator: Separator, columns: usize) -> bool {
    if columns < 3 {
        return false;
    }
    if let Some(header) = header {
        return header
            .first()
            .is_some_and(|name| ROW_NUMBER_NAMES.contains(&name.trim().to_ascii_lowercase().as_str()));
    }
    let firsts: Vec<Option<f64>> = sample
        .iter()
        .map(|line| Cells::new(line, separator).next().and_then(|c| parse_written_f64(&clean_cell(c))))
        .collect();
    firsts.len() >= 3
        && [0.0, 1.0].iter().any(|&start| firsts.iter().enumerate().all(|(i, v)| *v == Some(start + i as f64)))
}

/// Picks the x and y (or label) columns among `columns` cells, by header name when possible
/// (`x`; `y` or `target`, or for labels [`LABEL_COLUMN_NAMES`]), else the first columns
/// other than a row-number column (`skip`). Also says whether both were chosen by name.
fn choose_columns(
    header: Option<&[String]>,
    columns: usize,
    kind: ColumnKind,
    skip: Option<usize>,
) -> (usize, usize, bool) {
    let names: Vec<String> = header.unwrap_or(&[]).iter().map(|name| name.trim().to_ascii_lowercase()).collect();
    let find = |wanted: &str| names.iter().position(|name| name == wanted);
    let x_named = find("x");
    let wanted: &[&str] = match kind {
        ColumnKind::XY => &["y", "target"],
        ColumnKind::XLabel => &LABEL_COLUMN_NAMES,
    };
    let y_named = wanted.iter().find_map(|name| find(name)).filter(|&i| Some(i) != x_named);
    let first_other =
        |taken: Option<usize>| (0..columns.max(2)).find(|&i| Some(i) != taken && Some(i) != skip).unwrap_or(0);
    let (x, y) = match (x_named, y_named) {
        (Some(x), Some(y)) => (x, y),
        (Some(x), None) => (x, first_other(Some(x))),
        (None, Some(y)) => (first_other(Some(y)), y),
        (None, None) => {
            let x = first_other(None);
            (x, first_other(Some(x)))
        }
    };
    (x, y, x_named.is_some() && y_named.is_some())
}

/// A label written as a word: `true`, `yes`, `pos`… (1) and `false`, `no`, `neg`… (0), in
/// any case.
fn label_word(cell: &str) -> Option<bool> {
    const ONE: [&str; 6] = ["true", "t", "yes", "y", "pos", "positive"];
    const ZERO: [&str; 6] = ["false", "f", "no", "n", "neg", "negative"];
    let is = |words: &[&str]| words.iter().any(|w| cell.eq_ignore_ascii_case(w));
    if is(&ONE) {
        Some(true)
    } else if is(&ZERO) {
        Some(false)
    } else {
        None
    }
}

/// Classification labels written as text: the two class names met (in the order met), the
/// first spelling of each word label, and the rows whose label was a class name.
#[derive(Default)]
struct TextLabels {
    names: Vec<String>,
    words: [Option<String>; 2],
    named_rows: Vec<usize>,
}

/// Reads points from a CSV file's bytes; see the module docs for every rule. Never panics.
pub fn parse_points(bytes: &[u8], kind: ColumnKind) -> CsvImport {
    if let Some(text) = utf16_text(bytes) {
        return parse_points(text.as_bytes(), kind);
    }
    let mut report = ImportReport::empty(Separator::Comma);
    if let Some(problem) = text_problem(bytes) {
        report.file_problem = Some(problem);
        return CsvImport { points: Vec::new(), report };
    }
    let sample: Vec<Cow<'_, str>> = data_lines(bytes).take(SAMPLE_LINES).map(|(_, line)| line).collect();
    let separator = directive_of(bytes).unwrap_or_else(|| detect_separator(&sample));
    report.separator = separator;
    let convention = detect_convention(&sample, separator);
    let has_header = sample.first().is_some_and(|first| is_header(first, separator, convention));
    if has_header {
        let header = sample.first().map(|line| header_cells(line, separator)).unwrap_or_default();
        // Every column counts, also past the names kept ([`MAX_COLUMNS`]): a wide file's rows
        // were refused for holding more values than the kept names.
        report.columns = sample.first().map_or(0, |line| effective_cell_count(line, separator)).max(header.len());
        report.header = Some(header);
    } else {
        report.columns = most_common_count(&sample, separator);
    }
    // One named column whose rows a comma splits in two (German Excel's "Gewicht" over "1,5",
    // "2,25"): the comma is a decimal comma and the data have one column, which no lab can
    // use. Read as two columns they loaded as wrong points, (1, 5) and (2, 25).
    // (A dot in the rows says the commas separate columns: a title line over x,y rows.)
    let data_lines_sample = || sample.iter().skip(1);
    if separator == Separator::Comma
        && report.header.as_ref().is_some_and(|header| header.len() == 1)
        && !data_lines_sample().any(|line| line.contains('.'))
    {
        let name = report.header.as_ref().and_then(|header| header.first()).map(|n| shorten(n)).unwrap_or_default();
        let commas =
            if data_lines_sample().any(|line| line.contains(',')) { "; its commas read as decimal commas" } else { "" };
        report.file_problem =
            Some(format!("it has one column (“{name}”{commas}), and a lab needs two: x and y, or x and a label"));
        return CsvImport { points: Vec::new(), report };
    }
    let data_sample = &sample[usize::from(has_header).min(sample.len())..];
    let row_numbers = row_number_column(report.header.as_deref(), data_sample, separator, report.columns).then_some(0);
    let (x_column, y_column, named) = choose_columns(report.header.as_deref(), report.columns, kind, row_numbers);
    report.x_column = x_column;
    report.y_column = y_column;
    report.row_numbers_skipped = row_numbers.is_some() && !named && x_column != 0 && y_column != 0;
    report.columns_guessed = report.columns > 2 && !named;
    let needed = x_column.max(y_column) + 1;
    let expected = report.columns.max(needed);
    let expected_from = if has_header { "the header has" } else { "most rows have" };
    // More rows than points allowed: rows spread evenly over the file are read, the others
    // only counted. Of rows 0, …, T − 1 the rows round(k·(T − 1)/(L − 1)), k = 0, …, L − 1:
    // the first and the last (a file sorted by x keeps its whole range; the first row was
    // once always left out) and L − 2 evenly between (distinct, as T > L).
    let total_rows = data_lines(bytes).count().saturating_sub(usize::from(has_header)) as u64;
    let limit = MAX_POINTS as u64;
    let spread_row = |k: u64| (k * (total_rows - 1) + (limit - 1) / 2) / (limit - 1);
    let (mut picks, mut next_pick) = (0u64, 0u64);

    let mut points: Vec<(f64, f64)> = Vec::new();
    // The first negative label read (0 or -1) fixes the file's convention.
    let mut negative: Option<f64> = None;
    let mut text_labels = TextLabels::default();
    // `;` files without decimal commas: dotted values that could be thousands, and others.
    let (mut grouped_dots, mut other_dots) = (None::<String>, false);
    for (index, (line_number, line)) in data_lines(bytes).enumerate() {
        if index == 0 && has_header {
            continue;
        }
        report.rows_read += 1;
        let row = report.rows_read as u64 - 1;
        let picked = total_rows <= limit || row == next_pick;
        if picked && total_rows > limit {
            picks += 1;
            next_pick = spread_row(picks);
        }
        if points.len() == MAX_POINTS || !picked {
            report.rows_over_limit += 1;
            continue;
        }
        let (mut raw_x, mut raw_y) = (None, None);
        let mut filled = 0;
        for (i, cell) in Cells::new(&line, separator).enumerate() {
            if i == x_column {
                raw_x = Some(cell);
            }
            if i == y_column {
                raw_y = Some(cell);
            }
            if !is_empty_cell(cell) {
                filled = i + 1;
            }
        }
        let (Some(raw_x), Some(raw_y)) = (raw_x, raw_y) else {
            skip(&mut report, line_number, || format!("{} where {needed} were expected", plural(filled, "value")));
            continue;
        };
        if filled > expected {
            skip(&mut report, line_number, || format!("{filled} values where {expected_from} {expected}"));
            continue;
        }
        // An empty or non-finite value is missing data, not a misread (see `refused`).
        let missing = |raw: &str| usize::from(is_missing(raw) || looks_numeric(raw, convention));
        let Some((x, x_rewrite)) = read_cell(raw_x, convention) else {
            report.rows_missing += missing(raw_x);
            skip(&mut report, line_number, || cell_problem(raw_x, convention));
            continue;
        };
        let label_text = clean_cell(raw_y);
        let (mut y, y_rewrite) = match read_cell(raw_y, convention) {
            Some(read) => read,
            None if kind == ColumnKind::XLabel && !is_missing(raw_y) && parse_written_f64(&label_text).is_none() => {
                // A label written as text: a yes/no word, or the name of one of two classes.
                let value = match label_word(&label_text) {
                    Some(one) => {
                        text_labels.words[usize::from(one)].get_or_insert_with(|| shorten(&label_text));
                        f64::from(u8::from(one))
                    }
                    None => {
                        let k = match text_labels.names.iter().position(|name| **name == *label_text) {
                            Some(k) => k,
                            None if text_labels.names.len() < 2 => {
                                text_labels.names.push(label_text.to_string());
                                text_labels.names.len() - 1
                            }
                            None => {
                                skip(&mut report, line_number, || {
                                    format!("a third class, “{}” (this lab compares two)", shorten(&label_text))
                                });
                                continue;
                            }
                        };
                        // Remembered so that the names can be put in alphabetical order at the end.
                        text_labels.named_rows.push(points.len());
                        k as f64
                    }
                };
                (value, Rewrite::AsWritten)
            }
            None => {
                report.rows_missing += missing(raw_y);
                skip(&mut report, line_number, || cell_problem(raw_y, convention));
                continue;
            }
        };
        if kind == ColumnKind::XLabel && y != 1.0 {
            let label = || shorten(&label_text);
            if y >= 2.0 && y.fract() == 0.0 {
                skip(&mut report, line_number, || {
                    format!("label “{}” is not 0 or 1 (this lab compares two classes)", label())
                });
                continue;
            }
            if y != 0.0 && y != -1.0 {
                skip(&mut report, line_number, || format!("label “{}” is not 0 or 1", label()));
                continue;
            }
            if *negative.get_or_insert(y) != y {
                let used = if y == 0.0 { "-1" } else { "0" };
                skip(&mut report, line_number, || {
                    format!("label “{}” where earlier rows use {used} for the negative class", label())
                });
                continue;
            }
            // -1 (and -0) are stored as 0.
            report.minus_one_labels |= y == -1.0;
            y = 0.0;
        }
        for (raw, rewrite) in [(raw_x, x_rewrite), (raw_y, y_rewrite)] {
            match rewrite {
                Rewrite::DecimalComma => report.decimal_commas = true,
                Rewrite::ThousandsDots => report.thousands_dots = true,
                Rewrite::AsWritten if separator == Separator::Semicolon && !convention.thousands_dots => {
                    let cell = clean_cell(raw);
                    if cell.contains('.') {
                        if is_grouped(&cell) {
                            grouped_dots.get_or_insert_with(|| shorten(&cell));
                        } else {
                            other_dots = true;
                        }
                    }
                }
                Rewrite::AsWritten => {}
            }
        }
        points.push((x, y));
    }
    // Two class names: the one first in alphabetical order is 0, whichever came first.
    // ASCII case folding: Unicode's lowercase tables would cost kilobytes of WebAssembly.
    let folded = |name: &String| name.to_ascii_lowercase();
    if text_labels.names.len() == 2 && folded(&text_labels.names[0]) > folded(&text_labels.names[1]) {
        text_labels.names.swap(0, 1);
        for &i in &text_labels.named_rows {
            points[i].1 = 1.0 - points[i].1;
        }
    }
    report.label_names = match (text_labels.names.as_slice(), &text_labels.words) {
        ([zero, one], _) => Some([shorten(zero), shorten(one)]),
        (_, [Some(zero), Some(one)]) => Some([zero.clone(), one.clone()]),
        _ => None,
    };
    report.dots_maybe_thousands = grouped_dots.filter(|_| !other_dots);
    report.points_loaded = points.len();
    report.truncated = report.rows_over_limit > 0;
    report.duplicates = count_duplicates(&points);
    let one_label = kind == ColumnKind::XLabel && points.windows(2).all(|pair| pair[0].1 == pair[1].1);
    let misread = report.rows_skipped.saturating_sub(report.rows_missing);
    report.refused = misread > 0 && (misread >= report.points_loaded || one_label);
    CsvImport { points, report }
}

/// Counts a skipped row; its reason is written only while fewer than
/// [`MAX_SKIPPED_EXAMPLES`] are kept, so skipping costs nothing after that.
fn skip(report: &mut ImportReport, line_number: usize, reason: impl FnOnce() -> String) {
    report.rows_skipped += 1;
    if report.skipped_examples.len() < MAX_SKIPPED_EXAMPLES {
        report.skipped_examples.push(format!("line {line_number}: {}", reason()));
    }
}

/// How many points equal an earlier one (with `-0` equal to `0`).
fn count_duplicates(points: &[(f64, f64)]) -> usize {
    // Adding 0.0 turns -0.0 into 0.0; the values are finite, so bit patterns compare as values.
    let mut keys: Vec<(u64, u64)> = points.iter().map(|&(x, y)| ((x + 0.0).to_bits(), (y + 0.0).to_bits())).collect();
    keys.sort_unstable();
    keys.windows(2).filter(|pair| pair[0] == pair[1]).count()
}

/// A text column of a [`Table`], such as the `split` column of the article's files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextColumn {
    /// The column's name from the header.
    pub name: String,
    /// One value per row.
    pub values: Vec<String>,
}

/// A numeric table read by [`parse_table`], optionally with a leading text column.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// Names of the numeric columns, in order.
    pub header: Vec<String>,
    /// The first column, when it holds text rather than numbers.
    pub text_column: Option<TextColumn>,
    /// The numeric rows; each has `header.len()` finite values of magnitude ≤ 1e100.
    pub rows: Vec<Vec<f64>>,
}

impl Table {
    /// The index of the numeric column called `name` (exact match), if any.
    pub fn column_index(&self, name: &str) -> Option<usize> {
        self.header.iter().position(|h| h == name)
    }

    /// The values of the numeric column called `name`; `None` if there is no such column (or
    /// a row is too short, which [`parse_table`] never produces).
    pub fn column(&self, name: &str) -> Option<Vec<f64>> {
        let index = self.column_index(name)?;
        self.rows.iter().map(|row| row.get(index).copied()).collect()
    }

    /// The rows whose text column equals `text` (none if there is no text column), as a table
    /// without the text column.
    pub fn rows_with_text(&self, text: &str) -> Table {
        let rows = match &self.text_column {
            Some(column) => self
                .rows
                .iter()
                .zip(&column.values)
                .filter(|(_, value)| *value == text)
                .map(|(row, _)| row.clone())
                .collect(),
            None => Vec::new(),
        };
        Table { header: self.header.clone(), text_column: None, rows }
    }
}

/// Reads a table with a header row and complete numeric rows; the first column may hold text
/// (see the module docs). The first problem refuses the whole file, with its line number.
pub fn parse_table(bytes: &[u8]) -> Result<Table, String> {
    if let Some(problem) = text_problem(bytes) {
        return Err(problem);
    }
    let sample: Vec<Cow<'_, str>> = data_lines(bytes).take(SAMPLE_LINES).map(|(_, line)| line).collect();
    let separator = directive_of(bytes).unwrap_or_else(|| detect_separator(&sample));
    let convention = detect_convention(&sample, separator);
    let mut lines = data_lines(bytes);
    let Some((header_line_number, header_line)) = lines.next() else {
        return Err("the file holds no header and no data".to_string());
    };
    if !is_header(&header_line, separator, convention) {
        return Err(format!("line {header_line_number}: the first row must name the columns"));
    }
    if effective_cell_count(&header_line, separator) > MAX_COLUMNS {
        return Err(format!("line {header_line_number}: more than {MAX_COLUMNS} columns"));
    }
    let mut names = header_cells(&header_line, separator);
    let columns = names.len();
    if columns == 0 {
        return Err(format!("line {header_line_number}: the header names no columns"));
    }
    let mut text_column: Option<TextColumn> = None;
    let mut rows = Vec::new();
    for (index, (line_number, line)) in lines.enumerate() {
        let count = effective_cell_count(&line, separator);
        if count != columns {
            return Err(format!("line {line_number}: {} where the header names {columns}", plural(count, "value")));
        }
        let mut cells = Cells::new(&line, separator).take(columns);
        let first = cells.next().unwrap_or_default();
        if index == 0 && !looks_numeric(first, convention) {
            text_column = Some(TextColumn { name: names.remove(0), values: Vec::new() });
        }
        if let Some(column) = &mut text_column {
            let text = clean_cell(first);
            if text.is_empty() {
                return Err(format!("line {line_number}: the “{}” value is empty", shorten(&column.name)));
            }
            column.values.push(text.into_owned());
        }
        let numeric_cells = std::iter::once(first).chain(cells).skip(usize::from(text_column.is_some()));
        let mut row = Vec::with_capacity(names.len());
        for (cell, name) in numeric_cells.zip(&names) {
            match read_cell(cell, convention) {
                Some((value, _)) => row.push(value),
                None => {
                    let reason = cell_problem(cell, convention);
                    return Err(format!("line {line_number}, column “{}”: {reason}", shorten(name)));
                }
            }
        }
        rows.push(row);
    }
    Ok(Table { header: names, text_column, rows })
}

/// Writes a CSV file with `,` separators: the header line (if `header` is not empty), then
/// one line per row, numbers in shortest round-trip form. See [`write_csv`].
pub fn write_points_csv<R: AsRef<[f64]>>(header: &[&str], rows: impl IntoIterator<Item = R>) -> String {
    write_csv(Separator::Comma, header, rows)
}

/// Writes a CSV file with the given separator. Header cells that contain the separator, a
/// quote, or surrounding spaces, or that start with `#`, are quoted (`"` doubled); line breaks
/// in them become spaces. Header cells that are numbers would be read back as data, so give
/// names. Non-finite values are written (`NaN`, `inf`) but are refused when read back.
pub fn write_csv<R: AsRef<[f64]>>(separator: Separator, header: &[&str], rows: impl IntoIterator<Item = R>) -> String {
    let sep = separator.as_char();
    let mut out = String::new();
    if !header.is_empty() {
        for (i, name) in header.iter().enumerate() {
            if i > 0 {
                out.push(sep);
            }
            let name = name.replace(['\n', '\r'], " ");
            let needs_quotes = name.contains(sep)
                || name.contains('"')
                || name.starts_with('#')
                || name.trim() != name
                || (separator == Separator::Whitespace && name.contains([' ', '\t']));
            if needs_quotes {
                let _ = write!(out, "\"{}\"", name.replace('"', "\"\""));
            } else {
                out.push_str(&name);
            }
        }
        out.push('\n');
    }
    for row in rows {
        for (i, value) in row.as_ref().iter().enumerate() {
            if i > 0 {
                out.push(sep);
            }
            let _ = write!(out, "{}", Shortest(*value));
        }
        out.push('\n');
    }
    out
}
