//! 用印台账: an append-only, hash-chained record of stamps.
//!
//! A ledger is JSON Lines, one [`LedgerEntry`] per line, written in canonical form (the
//! exact bytes [`StampLedger::append`] produces: `serde_json`'s compact output, fields in
//! declaration order, `hash` last). Each entry's `hash` is the hash of its own canonical
//! body `{seq, alg, prev, stamp}`; its `prev` is the previous entry's `hash` (the first
//! entry's is [`GENESIS`]). Hence:
//!
//! - a changed byte makes its line unreadable, non-canonical, or its hash wrong — found on
//!   that line;
//! - a removed, inserted or reordered entry breaks the next line's `prev` and `seq` —
//!   found on the line where the order breaks;
//! - the newest entries can only be cut off unnoticed if nobody kept the head: hosts keep
//!   the [`LedgerHead`] (entry count and last hash) elsewhere — on the daily report, in
//!   the case store — and pass it to [`verify`], like a certificate-transparency log's
//!   signed tree head. No hash chain can do without such an anchor.
//!
//! ## Mapping onto GB/T 38540-2020 (electronic seals)
//!
//! GB/T 38540's stamping record signs `TBS_Sign { version, eseal, timeInfo, dataHash,
//! propertyInfo }` with SM2 over SM3. An entry carries the same facts: `eseal`'s esID is
//! [`Stamp::seal`](super::Stamp::seal) (the registry's seal code); `timeInfo` is
//! [`Stamp::at`](super::Stamp::at); `dataHash` is [`Stamp::digest`](super::Stamp::digest)
//! (SHA-256 here, or SM3 with the `sm3` feature); `propertyInfo` holds the case, matter,
//! step, operator and place. What the standard does with a signature per record, the
//! ledger does with the chain of hashes; a host that holds an SM2 key signs the
//! [`LedgerHead`] to get the standard's non-repudiation as well.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value, json};
use sha2::Digest;

use super::Stamp;
use crate::input::MAX_LINE_ERRORS;
use crate::{Coded, Lang, Problem};

/// The `prev` of the first entry: 64 zeros.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";
/// Largest ledger accepted in one call, in bytes.
pub const MAX_LEDGER_BYTES: usize = 64 * 1024 * 1024;
/// Longest line accepted, in bytes.
pub const MAX_LINE_BYTES: usize = 32 * 1024;
/// Largest sequence number or entry count: 2^53 − 1, so that every number a report holds
/// is exact in JavaScript too.
pub const MAX_SEQ: u64 = (1 << 53) - 1;

/// Whether `text` is a hash as a ledger writes it: 64 lowercase hexadecimal digits.
fn is_hash(text: &str) -> bool {
    text.len() == 64
        && text
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// Whether `head` is where some ledger could end: a hash as a ledger writes it, and
/// [`GENESIS`] exactly when it counts no entry (a line appended after a head of no entries
/// and another hash could only ever be a broken link).
fn is_head(head: &LedgerHead) -> bool {
    is_hash(&head.hash) && (head.entries == 0) == (head.hash == GENESIS)
}

/// The hash function of a ledger.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HashAlg {
    /// SHA-256 (FIPS 180-4).
    Sha256,
    /// SM3 (GB/T 32905-2016); hashing needs the core feature `sm3`.
    Sm3,
}

impl HashAlg {
    /// Every algorithm a ledger may name.
    pub const ALL: [Self; 2] = [Self::Sha256, Self::Sm3];

    /// The hash of empty content, in hex: a stamp with this digest stamped blank paper.
    pub fn empty_digest(self) -> &'static str {
        match self {
            Self::Sha256 => "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            Self::Sm3 => "1ab21d8355cfa17f8e61194831e81a8f22bec8c728fefb747ed035eb5082aa2b",
        }
    }

    /// The hash of `bytes` in lowercase hex; `None` for SM3 without the `sm3` feature.
    pub fn hex_digest(self, bytes: &[u8]) -> Option<String> {
        match self {
            Self::Sha256 => Some(hex(&sha2::Sha256::digest(bytes))),
            #[cfg(feature = "sm3")]
            Self::Sm3 => Some(hex(&sm3::Sm3::digest(bytes))),
            #[cfg(not(feature = "sm3"))]
            Self::Sm3 => None,
        }
    }
}

fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        for nibble in [b >> 4, b & 0xf] {
            out.push(char::from(
                DIGITS.get(usize::from(nibble)).copied().unwrap_or(b'0'),
            ));
        }
    }
    out
}

/// One line of a ledger.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct LedgerEntry {
    /// Position, from 1.
    pub seq: u64,
    /// The hash function.
    pub alg: HashAlg,
    /// The previous entry's hash ([`GENESIS`] for the first).
    pub prev: String,
    /// The stamp.
    pub stamp: Stamp,
    /// The hash of this entry's canonical body `{seq, alg, prev, stamp}`.
    pub hash: String,
}

#[derive(Serialize)]
struct Body<'a> {
    seq: u64,
    alg: HashAlg,
    prev: &'a str,
    stamp: &'a Stamp,
}

impl LedgerEntry {
    fn body_hash(&self) -> Result<String, LedgerError> {
        let body = serde_json::to_vec(&Body {
            seq: self.seq,
            alg: self.alg,
            prev: &self.prev,
            stamp: &self.stamp,
        })
        .map_err(|_| LedgerError::Malformed)?;
        self.alg
            .hex_digest(&body)
            .ok_or(LedgerError::UnsupportedAlg)
    }
}

/// Where a ledger ends: how many entries, and the last one's hash.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct LedgerHead {
    /// Number of entries.
    pub entries: u64,
    /// The last entry's hash ([`GENESIS`] when empty).
    pub hash: String,
}

/// Appends to a ledger: holds the head, produces each new canonical line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StampLedger {
    alg: HashAlg,
    head: LedgerHead,
}

impl StampLedger {
    /// A new, empty ledger.
    pub fn new(alg: HashAlg) -> Self {
        Self::resume(
            alg,
            LedgerHead {
                entries: 0,
                hash: GENESIS.to_owned(),
            },
        )
    }

    /// Continues a ledger that ends at `head`.
    pub fn resume(alg: HashAlg, head: LedgerHead) -> Self {
        Self { alg, head }
    }

    /// The head after the last append.
    pub fn head(&self) -> &LedgerHead {
        &self.head
    }

    /// Appends `stamp`: returns the entry's line (without the newline) and moves the head.
    /// Fails for SM3 without the `sm3` feature (`ledger.unsupported_alg`), and for a head
    /// that is not one (`ledger.malformed`: a hash that is not 64 lowercase hex digits, or
    /// [`MAX_SEQ`] entries already, or [`GENESIS`] with entries or another hash without).
    pub fn append(&mut self, stamp: Stamp) -> Result<String, LedgerError> {
        let seq = self
            .head
            .entries
            .checked_add(1)
            .filter(|&seq| seq <= MAX_SEQ)
            .ok_or(LedgerError::Malformed)?;
        if !is_head(&self.head) {
            return Err(LedgerError::Malformed);
        }
        let mut entry = LedgerEntry {
            seq,
            alg: self.alg,
            prev: self.head.hash.clone(),
            stamp,
            hash: String::new(),
        };
        entry.hash = entry.body_hash()?;
        let line = serde_json::to_string(&entry).map_err(|_| LedgerError::Malformed)?;
        self.head = LedgerHead {
            entries: entry.seq,
            hash: entry.hash,
        };
        Ok(line)
    }
}

/// A request to append one stamp, as the bindings pass it: `{alg?, head?, stamp}` (SHA-256
/// and an empty ledger when left out).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AppendRequest {
    /// The hash function (`sha256` when absent).
    #[serde(default = "sha256")]
    pub alg: HashAlg,
    /// Where the ledger ends now (an empty ledger when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub head: Option<LedgerHead>,
    /// The stamp to record.
    pub stamp: Stamp,
}

impl AppendRequest {
    /// Reads a request from JSON (at most 32 KiB).
    pub fn from_json(text: &str) -> Result<Self, crate::input::InputError> {
        let request: Self = crate::input::parse_json(text, 2 * super::MAX_STAMP_BYTES)?;
        request.stamp.check_lengths()?;
        Ok(request)
    }
}

impl LedgerHead {
    /// Reads a kept head from JSON (at most 1 KiB): a count up to [`MAX_SEQ`] and a hash of
    /// 64 lowercase hex digits, [`GENESIS`] exactly when the count is 0; or `input.shape`.
    pub fn from_json(text: &str) -> Result<Self, crate::input::InputError> {
        let head: Self = crate::input::parse_json(text, 1024)?;
        if head.entries > MAX_SEQ || !is_head(&head) {
            return Err(crate::input::InputError::Shape {
                line: 1,
                column: 1,
                detail: "entries must be at most 2^53 - 1 and hash 64 lowercase hex digits, \
                         the genesis hash exactly when entries is 0"
                    .into(),
            });
        }
        Ok(head)
    }
}

fn sha256() -> HashAlg {
    HashAlg::Sha256
}

/// The line to append (without its newline) and the new head.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Appended {
    /// The new entry, in canonical form.
    pub line: String,
    /// The head after it.
    pub head: LedgerHead,
}

/// Appends one stamp to the ledger ending at `request.head`.
pub fn append(request: AppendRequest) -> Result<Appended, LedgerError> {
    request
        .stamp
        .check_lengths()
        .map_err(|_| LedgerError::Malformed)?;
    // A head that is not one is refused by `StampLedger::append`.
    let mut ledger = match request.head {
        Some(head) => StampLedger::resume(request.alg, head),
        None => StampLedger::new(request.alg),
    };
    let line = ledger.append(request.stamp)?;
    Ok(Appended {
        line,
        head: ledger.head,
    })
}

/// What is wrong with a ledger, at one line.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum LedgerError {
    /// `ledger.too_large`: the ledger or one line is over its limit.
    #[error("台账过大 / ledger too large")]
    TooLarge,
    /// `ledger.malformed`: the line is not an entry.
    #[error("台账记录无法读取 / unreadable entry")]
    Malformed,
    /// `ledger.not_canonical`: the line is not in the canonical form it was written in.
    #[error("台账记录被改动（格式） / entry not canonical")]
    NotCanonical,
    /// `ledger.hash_mismatch`: the entry's content does not match its hash.
    #[error("台账记录内容被改动 / entry changed")]
    HashMismatch,
    /// `ledger.broken_link`: `prev` is not the previous entry's hash.
    #[error("台账链接断开 / chain broken")]
    BrokenLink,
    /// `ledger.sequence`: the sequence number is not the previous one plus one.
    #[error("台账序号不连续 / sequence broken")]
    Sequence {
        /// The number expected here.
        expected: u64,
        /// The number found.
        found: u64,
    },
    /// `ledger.unsupported_alg`: the hash function is not available in this build, or
    /// differs from the first entry's.
    #[error("台账哈希算法不受支持 / unsupported hash")]
    UnsupportedAlg,
    /// `ledger.head_mismatch`: the ledger does not end where the kept head says.
    #[error("台账末端与留存记录不符 / head mismatch")]
    HeadMismatch {
        /// Entries the head counts.
        expected: u64,
        /// Entries found.
        found: u64,
    },
    /// `ledger.too_many_problems`: more problems than a report lists; the first
    /// [`MAX_LINE_ERRORS`] are listed, this counts the rest (on the last line with one), so
    /// that a huge damaged ledger cannot exhaust memory with its report.
    #[error("问题过多 / too many problems")]
    TooManyProblems {
        /// Problems not listed.
        omitted: u64,
    },
    /// `ledger.invalid_stamp`: the entry is intact, but its stamp fails verification.
    #[error("台账中的用印无效 / stamp invalid")]
    InvalidStamp {
        /// The stamp's failure codes.
        failures: Vec<String>,
    },
}

impl Coded for LedgerError {
    fn code(&self) -> &'static str {
        match self {
            Self::TooLarge => "ledger.too_large",
            Self::Malformed => "ledger.malformed",
            Self::NotCanonical => "ledger.not_canonical",
            Self::HashMismatch => "ledger.hash_mismatch",
            Self::BrokenLink => "ledger.broken_link",
            Self::Sequence { .. } => "ledger.sequence",
            Self::UnsupportedAlg => "ledger.unsupported_alg",
            Self::HeadMismatch { .. } => "ledger.head_mismatch",
            Self::InvalidStamp { .. } => "ledger.invalid_stamp",
            Self::TooManyProblems { .. } => "ledger.too_many_problems",
        }
    }

    fn message(&self, lang: Lang) -> String {
        let zh = lang == Lang::ZhCn;
        match self {
            Self::TooLarge => lang
                .pick(
                    "台账或其中一行超过大小上限",
                    "The ledger or a line is over the size limit",
                )
                .into(),
            Self::Malformed => lang
                .pick("此行不是有效的台账记录", "This line is not a ledger entry")
                .into(),
            Self::NotCanonical => lang
                .pick(
                    "此行与写入时的格式不同，已被改动",
                    "This line differs from the form it was written in: it was changed",
                )
                .into(),
            Self::HashMismatch => lang
                .pick(
                    "此行内容与其哈希值不符，已被改动",
                    "This entry does not match its hash: it was changed",
                )
                .into(),
            Self::BrokenLink => lang
                .pick(
                    "此行之前有记录被删除、插入或调换",
                    "An entry before this line was removed, inserted or moved",
                )
                .into(),
            // The numbers come from the input, so they stay in `params`, out of the message.
            Self::Sequence { .. } => lang
                .pick(
                    "序号不连续（之前有记录被删除、插入或调换）",
                    "Sequence number out of order (an entry was removed, inserted or moved)",
                )
                .into(),
            Self::UnsupportedAlg => lang
                .pick(
                    "哈希算法不受支持或与首条记录不一致",
                    "Hash function unsupported or different from the first entry's",
                )
                .into(),
            Self::HeadMismatch { found, .. } => {
                if zh {
                    format!("台账末端与留存记录不符（实有 {found} 条记录）")
                } else {
                    format!(
                        "The ledger does not end where the kept head says ({found} entries found)"
                    )
                }
            }
            Self::TooManyProblems { omitted } => {
                if zh {
                    format!("问题过多：另有 {omitted} 个问题未逐一列出")
                } else {
                    format!("Too many problems: {omitted} more are not listed")
                }
            }
            Self::InvalidStamp { failures } => {
                if zh {
                    format!("此次用印无效：{}", failures.join("、"))
                } else {
                    format!("This stamp is invalid: {}", failures.join(", "))
                }
            }
        }
    }

    fn params(&self) -> Map<String, Value> {
        let params = match self {
            Self::Sequence { expected, found } | Self::HeadMismatch { expected, found } => {
                json!({ "expected": expected, "found": found })
            }
            Self::InvalidStamp { failures } => json!({ "failures": failures }),
            Self::TooManyProblems { omitted } => json!({ "omitted": omitted }),
            _ => return Map::new(),
        };
        match params {
            Value::Object(m) => m,
            _ => Map::new(),
        }
    }
}

/// One problem of a ledger: the 1-based line, the entry's `seq` when readable, and what.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LedgerProblem {
    /// 1-based line number.
    pub line: usize,
    /// The entry's sequence number, when the line could be read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seq: Option<u64>,
    /// The problem (its `path` is unused).
    #[serde(flatten)]
    pub problem: Problem,
}

/// The result of verifying a ledger.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LedgerReport {
    /// No problem at all.
    pub valid: bool,
    /// Number of lines read as entries.
    pub entries: u64,
    /// Where the ledger ends (count and last hash as found).
    pub head: LedgerHead,
    /// Every problem, in line order.
    pub problems: Vec<LedgerProblem>,
}

impl LedgerProblem {
    fn new(line: usize, seq: Option<u64>, error: &LedgerError, lang: Lang) -> Self {
        Self {
            line,
            seq,
            problem: error.to_problem(lang),
        }
    }
}

/// The problems of a ledger's lines as a report lists them: the first [`MAX_LINE_ERRORS`],
/// then the rest counted in one `ledger.too_many_problems`.
struct Problems {
    listed: Vec<LedgerProblem>,
    /// The last line with a problem not listed, and how many there were.
    omitted: Option<(usize, u64)>,
    lang: Lang,
}

impl Problems {
    fn new(lang: Lang) -> Self {
        Self {
            listed: Vec::new(),
            omitted: None,
            lang,
        }
    }

    fn push(&mut self, line: usize, seq: Option<u64>, error: &LedgerError) {
        if self.listed.len() < MAX_LINE_ERRORS {
            self.listed
                .push(LedgerProblem::new(line, seq, error, self.lang));
        } else {
            self.omitted = Some((line, self.omitted.map_or(1, |(_, n)| n + 1)));
        }
    }

    /// The problems listed, the count of the rest last.
    fn listed(mut self) -> Vec<LedgerProblem> {
        if let Some((line, omitted)) = self.omitted {
            let error = LedgerError::TooManyProblems { omitted };
            self.listed
                .push(LedgerProblem::new(line, None, &error, self.lang));
        }
        self.listed
    }
}

/// Verifies the chain of a ledger (see the module docs); `head` is the kept head, if any.
pub fn verify(text: &str, head: Option<&LedgerHead>, lang: Lang) -> LedgerReport {
    verify_with(text, head, lang, |_| Vec::new())
}

/// [`verify`], also calling `check` on every intact entry's stamp; a stamp with failures
/// (their codes returned by `check`) is a `ledger.invalid_stamp` problem on its line.
pub fn verify_with(
    text: &str,
    head: Option<&LedgerHead>,
    lang: Lang,
    mut check: impl FnMut(&Stamp) -> Vec<String>,
) -> LedgerReport {
    let mut problems = Problems::new(lang);
    let mut found = LedgerHead {
        entries: 0,
        hash: GENESIS.to_owned(),
    };
    if text.len() > MAX_LEDGER_BYTES {
        return LedgerReport {
            valid: false,
            entries: 0,
            head: found,
            problems: vec![LedgerProblem::new(1, None, &LedgerError::TooLarge, lang)],
        };
    }
    let body = text.strip_suffix('\n').unwrap_or(text);
    let mut alg: Option<HashAlg> = None;
    let mut next_seq = 1;
    if !body.is_empty() {
        for (number, line) in body.split('\n').enumerate().map(|(i, l)| (i + 1, l)) {
            if line.len() > MAX_LINE_BYTES {
                problems.push(number, None, &LedgerError::TooLarge);
                continue;
            }
            let Some(entry) = serde_json::from_str::<LedgerEntry>(line)
                .ok()
                .filter(|e| e.seq <= MAX_SEQ)
            else {
                problems.push(number, None, &LedgerError::Malformed);
                continue;
            };
            let seq = Some(entry.seq);
            found.entries += 1;
            if entry.stamp.check_lengths().is_err() {
                problems.push(number, seq, &LedgerError::Malformed);
            }
            if serde_json::to_string(&entry).ok().as_deref() != Some(line) {
                problems.push(number, seq, &LedgerError::NotCanonical);
            }
            let first_alg = *alg.get_or_insert(entry.alg);
            match entry.body_hash() {
                Ok(_) if entry.alg != first_alg => {
                    problems.push(number, seq, &LedgerError::UnsupportedAlg);
                }
                Ok(hash) if hash != entry.hash => {
                    problems.push(number, seq, &LedgerError::HashMismatch);
                }
                Ok(_) => {
                    let failures = check(&entry.stamp);
                    if !failures.is_empty() {
                        problems.push(number, seq, &LedgerError::InvalidStamp { failures });
                    }
                }
                Err(e) => problems.push(number, seq, &e),
            }
            if entry.seq != next_seq {
                problems.push(
                    number,
                    seq,
                    &LedgerError::Sequence {
                        expected: next_seq,
                        found: entry.seq,
                    },
                );
            }
            if entry.prev != found.hash {
                problems.push(number, seq, &LedgerError::BrokenLink);
            }
            // Go on from this entry, so that one fault is reported once, where it is.
            next_seq = entry.seq.saturating_add(1);
            found.hash = entry.hash;
        }
    }
    let mut problems = problems.listed();
    if let Some(kept) = head
        && (kept.entries != found.entries || kept.hash != found.hash)
    {
        let line = if body.is_empty() {
            1
        } else {
            body.split('\n').count()
        };
        let error = LedgerError::HeadMismatch {
            expected: kept.entries,
            found: found.entries,
        };
        problems.push(LedgerProblem::new(line, None, &error, lang));
    }
    LedgerReport {
        valid: problems.is_empty(),
        entries: found.entries,
        head: found,
        problems,
    }
}
