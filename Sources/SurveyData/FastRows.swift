/// The fast path of the reader: one pass over a row's bytes that decodes each cell as it is
/// scanned, with no field list and no String. It takes only rows that are plainly valid (no
/// quotes, the right number of fields, every code known, skip logic kept); anything else is
/// handed back, untouched, to the careful path, which reports the problems exactly.
extension RowReader {
    /// Reads the row starting at `offset`; returns the offset after it, or nil to fall back.
    @inline(__always)
    mutating func fastRow(at rowStart: Int, line: Int) -> Int? {
        let base = self.base
        let n = bytes.count
        let roles = self.roles, roleQuestion = self.roleQuestion
        let columns = roles.count
        if rows == store.capacity { store.grow(rows: rows) }
        let row = rows
        // The column buffers, loaded once per row rather than once per cell.
        let codes = store.codes, masks = store.masks, numbers = store.numbers, status = store.status
        var offset = rowStart
        var idStart = 0, idEnd = 0
        var weight = 0.0
        for c in 0..<columns {
            // Scan the cell: up to a comma, or (for the last cell) the line end.
            let start = offset
            if offset < n && base[offset] == 0x22 { return nil }
            var end = offset
            while end < n {
                let b = base[end]
                if b == 0x2C || b == 0x0A { break }
                end &+= 1
            }
            let isLast = c == columns - 1
            if isLast {
                if end < n && base[end] == 0x2C { return nil }
                offset = end < n ? end + 1 : n
                if end > start && base[end - 1] == 0x0D { end -= 1 }
            } else {
                if end >= n || base[end] != 0x2C { return nil }
                offset = end + 1
            }
            var s = start, e = end
            while s < e && (base[s] == 0x20 || base[s] == 0x09) { s &+= 1 }
            while e > s && (base[e &- 1] == 0x20 || base[e &- 1] == 0x09) { e &-= 1 }
            let q = roleQuestion[c]
            switch roles[c] {
            case .categorical:
                let code = s == e ? CodeMap.missing : views[q].lookup(base, s, e)
                if code == CodeMap.unknown { return nil }
                codes[q][row] = code
            case .multi:
                guard let mask = fastMulti(base, s, e, q) else { return nil }
                masks[q][row] = mask
            case .numeric:
                if s == e || views[q].lookup(base, s, e) == CodeMap.missing {
                    numbers[q][row] = .nan
                    status[q][row] = ResponseStatus.missing.rawValue
                } else {
                    guard let value = NumberSyntax.parse(base, s, e) else { return nil }
                    numbers[q][row] = value
                    status[q][row] = ResponseStatus.valid.rawValue
                }
            case .text:
                if texts[q] != nil { return nil }
                let isMissing = s == e || views[q].lookup(base, s, e) == CodeMap.missing
                status[q][row] = isMissing ? ResponseStatus.missing.rawValue : ResponseStatus.valid.rawValue
            case .id:
                if s == e { return nil }
                idStart = s
                idEnd = e
            case .weight:
                guard s < e, let w = NumberSyntax.parse(base, s, e), w.isFinite, w >= 0 else { return nil }
                weight = w
            case .ignored:
                break
            }
        }
        if !skipQuestions.isEmpty && !fastSkipLogic(row: row) { return nil }
        // The id last, so that a row handed back has left no trace.
        if !fastID(idStart, idEnd, line: line) { return nil }
        if weightColumn >= 0 { weights.append(weight) }
        rows += 1
        return offset
    }

    @inline(__always)
    func fastMulti(_ base: UnsafePointer<UInt8>, _ s0: Int, _ e0: Int, _ q: Int) -> UInt64? {
        if s0 == e0 { return Column.missingMask }
        var mask: UInt64 = 0
        var chosen = 0
        var sawMissing = false
        var start = s0
        let view = views[q]
        while start <= e0 {
            var end = start
            while end < e0 && base[end] != 0x3B { end &+= 1 }
            var s = start, e = end
            while s < e && (base[s] == 0x20 || base[s] == 0x09) { s &+= 1 }
            while e > s && (base[e &- 1] == 0x20 || base[e &- 1] == 0x09) { e &-= 1 }
            if s == e { return nil }
            let index = view.lookup(base, s, e)
            if index == CodeMap.unknown { return nil }
            if index == CodeMap.missing {
                sawMissing = true
            } else {
                let bit = UInt64(1) << UInt64(index)
                if mask & bit != 0 { return nil }
                mask |= bit
                chosen &+= 1
            }
            start = end &+ 1
        }
        if sawMissing { return chosen == 0 ? Column.missingMask : nil }
        if chosen > maxChoices[q] { return nil }
        return mask
    }

    /// Skip logic without reporting: false when an answer stands where none belongs.
    @inline(__always)
    mutating func fastSkipLogic(row: Int) -> Bool {
        for k in skipQuestions.indices {
            if !isAsked(k, row: row) && currentStatus(skipQuestions[k], row: row) == .valid { return false }
        }
        for k in skipQuestions.indices where !isAsked(k, row: row) { setNotAsked(skipQuestions[k], row: row) }
        return true
    }

    /// Whether the k-th question with skip logic was asked of this row: every condition holds.
    @inline(__always)
    func isAsked(_ k: Int, row: Int) -> Bool {
        for condition in skipConditions[k] {
            let holds: Bool
            if condition.targetIsMulti {
                let m = store.masks[condition.target][row]
                holds = m < Column.notAskedMask && m & condition.bits != 0
            } else {
                let c = store.codes[condition.target][row]
                holds = c >= 0 && (UInt64(1) << UInt64(c)) & condition.bits != 0
            }
            if !holds { return false }
        }
        return true
    }

    /// Records the id; false (recording nothing) when it repeats an earlier one.
    @inline(__always)
    mutating func fastID(_ s: Int, _ e: Int, line: Int) -> Bool {
        recordID(s, e, line: line) == nil
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
