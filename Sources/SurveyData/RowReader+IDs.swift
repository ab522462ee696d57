import Foundation
import Diagnostics

/// Respondent ids: each must be unique. While they ascend (the usual export order) only the last
/// is kept; the first out of order rereads them into a hash set.
extension RowReader {
    /// Whether the id stored at `offset` (found by an equal hash) is the id at `s`: the same
    /// bytes, and the earlier one ends where this one does.
    static func sameID(_ base: UnsafePointer<UInt8>, count: Int, at offset: Int, as s: Int, length: Int) -> Bool {
        guard offset + length <= count, memcmp(base + offset, base + s, length) == 0 else { return false }
        if offset + length == count { return true }
        let next = base[offset + length]
        return next == 0x2C || next == 0x22 || next == 0x20 || next == 0x09 || next == 0x0D || next == 0x0A
    }

    /// Whether id `a` sorts strictly before id `b` (bytewise, a prefix first): the one ordering
    /// every id check uses.
    func precedes(_ a: (start: Int, end: Int), _ b: (start: Int, end: Int)) -> Bool {
        let order = memcmp(base + a.start, base + b.start, min(a.end - a.start, b.end - b.start))
        return order < 0 || (order == 0 && a.end - a.start < b.end - b.start)
    }

    mutating func readID(_ field: CSVField) {
        if field.hasEscapedQuotes {
            // Rare: an id with a doubled quote inside. Hash its unescaped text.
            let id = CSVScanner.text(of: field, in: bytes)
            leaveAscendingIDs(before: field.fieldStart)
            var utf8 = Array(id.utf8)
            utf8.append(0)
            let first = utf8.withUnsafeBufferPointer { buffer in
                ids.insert(buffer.baseAddress!, 0, buffer.count - 1, line: field.line) { _ in true }
            }
            if let first { diagnostics.error(at: location(of: field), "duplicate respondent id \"\(id)\"", hint: "first at line \(first)") }
            return
        }
        let (s, e) = contentRange(field)
        if s == e {
            diagnostics.error(at: location(of: field), "empty respondent id")
            return
        }
        if let first = recordID(s, e, line: field.line) {
            let id = String(decoding: UnsafeBufferPointer(start: base + s, count: e - s), as: UTF8.self)
            diagnostics.error(at: location(of: field), "duplicate respondent id \"\(id)\"", hint: "first at line \(first)")
        }
    }

    /// Records the id at `s..<e` of the file; returns the line of an earlier equal id (and records
    /// nothing), or nil.
    @inline(__always)
    mutating func recordID(_ s: Int, _ e: Int, line: Int) -> Int? {
        if deferIDs {
            // Only watch the order; repeats are found once both halves are read.
            guard idsAscending else { return nil }
            if let last = lastID {
                if !precedes(last, (s, e)) { idsAscending = false }
            } else {
                firstID = (s, e)
            }
            lastID = (s, e)
            return nil
        }
        if idsAscending {
            guard let last = lastID else {
                lastID = (s, e)
                return nil
            }
            if precedes(last, (s, e)) {
                lastID = (s, e)
                return nil
            }
            leaveAscendingIDs(before: s)
        }
        let length = e - s
        let base = self.base, count = bytes.count
        return ids.insert(base, s, e, line: line) { offset in Self.sameID(base, count: count, at: offset, as: s, length: length) }
    }

    /// The first id out of order: reread the ids of the rows before it into the hash set. They
    /// were ascending, so all distinct.
    mutating func leaveAscendingIDs(before offset: Int = Int.max) {
        guard idsAscending else { return }
        idsAscending = false
        guard idColumn >= 0 else { return }
        var scanner = CSVScanner(bytes: bytes, startingAt: dataStart)
        scanner.seek(to: dataStart, line: dataStartLine)
        var fields: [CSVField] = []
        while scanner.offset < min(offset, bytes.count) {
            guard (try? scanner.nextRecord(into: &fields)) == true else { break }
            guard fields.count == roles.count, !fields[idColumn].hasEscapedQuotes else { continue }
            let (s, e) = contentRange(fields[idColumn])
            if s == e || s >= offset { continue }
            _ = ids.insert(base, s, e, line: fields[idColumn].line) { _ in false }
        }
    }

    /// Rereads every id in file order and reports each repeat at its second occurrence.
    mutating func reportDuplicateIDs() {
        guard idColumn >= 0 else { return }
        var scanner = CSVScanner(bytes: bytes, startingAt: dataStart)
        scanner.seek(to: dataStart, line: dataStartLine)
        var fields: [CSVField] = []
        var set = IDSet(expected: 1024)
        while (try? scanner.nextRecord(into: &fields)) == true {
            guard fields.count == roles.count, !fields[idColumn].hasEscapedQuotes else { continue }
            let field = fields[idColumn]
            let (s, e) = contentRange(field)
            if s == e { continue }
            let length = e - s, base = self.base, count = bytes.count
            let first = set.insert(base, s, e, line: field.line) { offset in Self.sameID(base, count: count, at: offset, as: s, length: length) }
            if let first {
                let id = String(decoding: UnsafeBufferPointer(start: base + s, count: length), as: UTF8.self)
                diagnostics.error(at: location(of: field), "duplicate respondent id \"\(id)\"", hint: "first at line \(first)")
            }
        }
    }
}
