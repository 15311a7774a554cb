//! Lines of standard input or a file read with a bound: a huge line is cut, not held.

use std::io::BufRead;

/// Reads the next line (without its `\n`) into `line`, keeping at most `max + 1` bytes of it:
/// enough for the core to tell that it is over its limit, without holding a huge line.
/// `Ok(false)` at the end of the input.
pub(crate) fn read_line(
    reader: &mut impl BufRead,
    max: usize,
    line: &mut Vec<u8>,
) -> std::io::Result<bool> {
    line.clear();
    let mut read_any = false;
    loop {
        let buffer = match reader.fill_buf() {
            Ok(buffer) => buffer,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if buffer.is_empty() {
            return Ok(read_any);
        }
        read_any = true;
        let end = buffer.iter().position(|b| *b == b'\n');
        let chunk = buffer
            .get(..end.unwrap_or(buffer.len()))
            .unwrap_or_default();
        let room = (max + 1).saturating_sub(line.len());
        line.extend_from_slice(chunk.get(..room.min(chunk.len())).unwrap_or_default());
        let used = end.map_or(buffer.len(), |i| i + 1);
        reader.consume(used);
        if end.is_some() {
            return Ok(true);
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::read_line;

    #[test]
    fn lines_are_cut_past_the_limit_and_read_to_their_end() {
        let mut input: &[u8] = b"abcdefgh\nxy\n\nlast";
        let mut line = Vec::new();
        let mut lines = Vec::new();
        while read_line(&mut input, 4, &mut line).unwrap() {
            lines.push(String::from_utf8(line.clone()).unwrap());
        }
        assert_eq!(lines, ["abcde", "xy", "", "last"]);
    }
}
