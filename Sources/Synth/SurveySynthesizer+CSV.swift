import Concurrency
import Formats
import SurveyData

extension SurveySynthesizer {
    /// The responses as RFC 4180 CSV with LF line ends, in codebook column order, then the
    /// `extra` (design) columns. The rows are written in two halves on two cores into flat
    /// buffers, then joined.
    func write(_ drawn: [String: Drawn], n: Int, extra: [ExtraColumn] = []) -> [UInt8] {
        let questions = codebook.questions
        let header = [codebook.idColumn] + questions.map(\.id) + extra.map(\.name)
        let headerBytes = Array(header.map(CSVFormat.field).joined(separator: ",").utf8) + [0x0A]
        // Cell texts: option codes, or text samples for text questions.
        let cellTexts: [[[UInt8]]] = questions.map { q in
            if q.type == .text, let rule = spec.questions.first(where: { $0.id == q.id }), case .text(_, let samples) = rule.rule {
                return samples.map { Array(CSVFormat.field($0).utf8) }
            }
            return q.options.map { Array(CSVFormat.field($0.code).utf8) }
        } + extra.map(\.texts)
        let plan = RowWriterPlan(questions: questions.indices.map { drawn[questions[$0].id] } + extra.map { .codes($0.codes) }, cellTexts: cellTexts,
                                 missing: Array(CSVFormat.field(spec.missingCode).utf8),
                                 prefix: Array(spec.idPrefix.utf8), digits: max(String(n).count, 1))
        let halves = n >= 20_000 ? [0..<n / 2, n / 2..<n] : [0..<n]
        let written = Parallel.map(halves.count) { plan.write(rows: halves[$0]) }
        defer { for part in written { part.deallocate() } }
        let total = headerBytes.count + written.reduce(0) { $0 + $1.count }
        return [UInt8](unsafeUninitializedCapacity: total) { out, count in
            var at = headerBytes.count
            headerBytes.withUnsafeBufferPointer { out.baseAddress!.initialize(from: $0.baseAddress!, count: $0.count) }
            for part in written {
                guard let base = part.baseAddress else { continue }
                (out.baseAddress! + at).initialize(from: base, count: part.count)
                at += part.count
            }
            count = at
        }
    }

    static func format(_ x: Double, decimals: Int) -> String {
        if decimals == 0 { return String(Int(x.rounded())) }
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let scaled = Int((abs(x) * scale).rounded())
        let whole = scaled / Int(scale), fraction = scaled % Int(scale)
        var f = String(fraction)
        while f.count < decimals { f = "0" + f }
        return (x < 0 && scaled != 0 ? "-" : "") + "\(whole).\(f)"
    }
}

import Foundation

/// Everything the row loop reads, flattened once: no dictionary and no reference counting per
/// cell. Cell texts sit in one byte pool, found by offset and length.
final class RowWriterPlan: @unchecked Sendable {
    enum Kind { case codes, masks, numbers, none }
    let kinds: [Kind]
    let codes: [UnsafeMutablePointer<Int32>?]
    let masks: [UnsafeMutablePointer<UInt64>?]
    let numbers: [UnsafeMutablePointer<Double>?]
    let decimals: [Int]
    let pool: UnsafeMutablePointer<UInt8>
    /// Per question's first slot in `cells`, and per cell text its pool offset and length.
    let firstCell: [Int]
    let cells: UnsafeMutablePointer<(offset: Int, length: Int)>
    let missing: [UInt8]
    let prefix: [UInt8]
    let digits: Int
    /// The most bytes one row can take.
    let largestRow: Int

    init(questions drawn: [SurveySynthesizer.Drawn?], cellTexts: [[[UInt8]]], missing: [UInt8], prefix: [UInt8], digits: Int) {
        var kinds: [Kind] = [], codes: [UnsafeMutablePointer<Int32>?] = [], masks: [UnsafeMutablePointer<UInt64>?] = []
        var numbers: [UnsafeMutablePointer<Double>?] = [], decimals: [Int] = []
        var largest = prefix.count + digits + 1
        for (q, column) in drawn.enumerated() {
            var c: UnsafeMutablePointer<Int32>?, m: UnsafeMutablePointer<UInt64>?, x: UnsafeMutablePointer<Double>?
            var d = 0
            let longestText = cellTexts[q].map(\.count).max() ?? 0
            switch column {
            case .codes(let values)?:
                c = .allocate(capacity: max(1, values.count)); c!.initialize(from: values, count: values.count)
                kinds.append(.codes)
                largest += 1 + max(longestText, missing.count)
            case .masks(let values)?:
                m = .allocate(capacity: max(1, values.count)); m!.initialize(from: values, count: values.count)
                kinds.append(.masks)
                largest += 1 + max(cellTexts[q].reduce(0) { $0 + $1.count + 1 }, missing.count)
            case .numbers(let values, let places)?:
                x = .allocate(capacity: max(1, values.count)); x!.initialize(from: values, count: values.count)
                kinds.append(.numbers)
                d = places
                largest += 1 + max(24 + places, missing.count)
            case nil:
                kinds.append(.none)
                largest += 1
            }
            codes.append(c); masks.append(m); numbers.append(x); decimals.append(d)
        }
        let poolSize = cellTexts.reduce(0) { $0 + $1.reduce(0) { $0 + $1.count } }
        let pool = UnsafeMutablePointer<UInt8>.allocate(capacity: max(1, poolSize))
        self.pool = pool
        let cells = UnsafeMutablePointer<(offset: Int, length: Int)>.allocate(capacity: max(1, cellTexts.reduce(0) { $0 + $1.count }))
        self.cells = cells
        var at = 0, slot = 0
        var firstCell: [Int] = []
        for texts in cellTexts {
            firstCell.append(slot)
            for text in texts {
                text.withUnsafeBufferPointer { if let b = $0.baseAddress { (pool + at).initialize(from: b, count: text.count) } }
                (cells + slot).initialize(to: (at, text.count))
                at += text.count
                slot += 1
            }
        }
        self.firstCell = firstCell
        self.kinds = kinds
        self.codes = codes
        self.masks = masks
        self.numbers = numbers
        self.decimals = decimals
        self.missing = missing
        self.prefix = prefix
        self.digits = digits
        largestRow = largest
    }

    deinit {
        for p in codes { p?.deallocate() }
        for p in masks { p?.deallocate() }
        for p in numbers { p?.deallocate() }
        pool.deallocate()
        cells.deallocate()
    }

    /// Writes `rows` into a new buffer sized for the largest rows (pages never reached cost no
    /// memory); the caller owns it.
    func write(rows: Range<Int>) -> UnsafeBufferPointer<UInt8> {
        let out = UnsafeMutablePointer<UInt8>.allocate(capacity: max(1, rows.count * largestRow))
        var at = 0
        @inline(__always) func put(_ bytes: UnsafePointer<UInt8>, _ count: Int) {
            (out + at).update(from: bytes, count: count)
            at &+= count
        }
        let kinds = self.kinds, codes = self.codes, masks = self.masks, numbers = self.numbers, decimals = self.decimals
        let firstCell = self.firstCell, cells = self.cells, pool = self.pool, digits = self.digits
        missing.withUnsafeBufferPointer { missing in
            prefix.withUnsafeBufferPointer { prefix in
                for row in rows {
                    if let p = prefix.baseAddress { put(p, prefix.count) }
                    var v = row + 1
                    for k in stride(from: digits - 1, through: 0, by: -1) {
                        out[at + k] = UInt8(0x30 + v % 10)
                        v /= 10
                    }
                    at &+= digits
                    for q in 0..<kinds.count {
                        out[at] = 0x2C
                        at &+= 1
                        switch kinds[q] {
                        case .codes:
                            let c = codes[q]![row]
                            if c == SurveySynthesizer.missing {
                                put(missing.baseAddress!, missing.count)
                            } else if c >= 0 {
                                let cell = cells[firstCell[q] + Int(c)]
                                put(pool + cell.offset, cell.length)
                            }
                        case .masks:
                            let m = masks[q]![row]
                            if m == Column.missingMask {
                                put(missing.baseAddress!, missing.count)
                            } else if m != Column.notAskedMask {
                                var bits = m
                                var first = true
                                while bits != 0 {
                                    if !first { out[at] = 0x3B; at &+= 1 }
                                    let cell = cells[firstCell[q] + bits.trailingZeroBitCount]
                                    put(pool + cell.offset, cell.length)
                                    first = false
                                    bits &= bits &- 1
                                }
                            }
                        case .numbers:
                            let x = numbers[q]![row]
                            if x == -.infinity {
                                put(missing.baseAddress!, missing.count)
                            } else if !x.isNaN {
                                at = Self.put(x, decimals: decimals[q], into: out, at: at)
                            }
                        case .none:
                            break
                        }
                    }
                    out[at] = 0x0A
                    at &+= 1
                }
            }
        }
        return UnsafeBufferPointer(start: out, count: at)
    }

    /// Writes a fixed-point number at `at` without making a String; returns the offset after it.
    static func put(_ x: Double, decimals: Int, into out: UnsafeMutablePointer<UInt8>, at start: Int) -> Int {
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        var scaled = Int((abs(x) * scale).rounded())
        var at = start
        if x < 0 && scaled != 0 { out[at] = 0x2D; at += 1 }
        // Digits (and the point) right to left into a small scratch, then copied in order.
        var scratch: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0, 0)
        return withUnsafeMutableBytes(of: &scratch) { raw in
            let digits = raw.bindMemory(to: UInt8.self)
            var n = 0, places = 0
            repeat {
                if places == decimals && decimals > 0 { digits[n] = 0x2E; n += 1 }
                digits[n] = UInt8(0x30 + scaled % 10)
                n += 1
                scaled /= 10
                places += 1
            } while (scaled > 0 || places <= decimals) && n < digits.count - 1
            for i in 0..<n { out[at + i] = digits[n - 1 - i] }
            return at + n
        }
    }
}
