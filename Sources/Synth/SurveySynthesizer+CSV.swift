import SurveyData

extension SurveySynthesizer {
    /// The responses as RFC 4180 CSV with LF line ends, in codebook column order.
    func write(_ drawn: [String: Drawn], n: Int) -> [UInt8] {
        let questions = codebook.questions
        var out: [UInt8] = []
        out.reserveCapacity(n * (questions.count * 4 + 8) + 256)
        let header = [codebook.idColumn] + questions.map(\.id)
        out += Array(header.map(CSVEscaping.field).joined(separator: ",").utf8)
        out.append(0x0A)
        // Everything the row loop reads, flattened once: no dictionary, no reference counting per cell.
        enum Kind { case codes, masks, numbers, none }
        var kinds: [Kind] = []
        var codes: [UnsafeMutablePointer<Int32>?] = []
        var masks: [UnsafeMutablePointer<UInt64>?] = []
        var numbers: [UnsafeMutablePointer<Double>?] = []
        var decimals: [Int] = []
        for question in questions {
            var c: UnsafeMutablePointer<Int32>?, m: UnsafeMutablePointer<UInt64>?, x: UnsafeMutablePointer<Double>?
            var d = 0
            switch drawn[question.id] {
            case .codes(let values)?:
                c = .allocate(capacity: n); c!.initialize(from: values, count: n); kinds.append(.codes)
            case .masks(let values)?:
                m = .allocate(capacity: n); m!.initialize(from: values, count: n); kinds.append(.masks)
            case .numbers(let values, let places)?:
                x = .allocate(capacity: n); x!.initialize(from: values, count: n); kinds.append(.numbers); d = places
            case nil:
                kinds.append(.none)
            }
            codes.append(c); masks.append(m); numbers.append(x); decimals.append(d)
        }
        defer {
            for p in codes { p?.deallocate() }
            for p in masks { p?.deallocate() }
            for p in numbers { p?.deallocate() }
        }
        // Cell texts: option codes, or text samples for text questions.
        let cellBytes: [[[UInt8]]] = questions.map { q in
            if q.type == .text, let rule = spec.questions.first(where: { $0.id == q.id }), case .text(_, let samples) = rule.rule {
                return samples.map { Array(CSVEscaping.field($0).utf8) }
            }
            return q.options.map { Array(CSVEscaping.field($0.code).utf8) }
        }
        let missing = Array(CSVEscaping.field(spec.missingCode).utf8)
        let prefix = Array(spec.idPrefix.utf8)
        var digits = [UInt8](repeating: 0x30, count: max(String(n).count, 1))
        var scratch: [UInt8] = []
        for row in 0..<n {
            var v = row + 1
            for k in stride(from: digits.count - 1, through: 0, by: -1) {
                digits[k] = UInt8(0x30 + v % 10)
                v /= 10
            }
            out += prefix
            out += digits
            for q in 0..<kinds.count {
                out.append(0x2C)
                switch kinds[q] {
                case .codes:
                    let c = codes[q]![row]
                    if c == Self.missing { out += missing } else if c >= 0 { out += cellBytes[q][Int(c)] }
                case .masks:
                    let m = masks[q]![row]
                    if m == Column.missingMask { out += missing } else if m != Column.notAskedMask {
                        var bits = m
                        var first = true
                        while bits != 0 {
                            if !first { out.append(0x3B) }
                            out += cellBytes[q][bits.trailingZeroBitCount]
                            first = false
                            bits &= bits - 1
                        }
                    }
                case .numbers:
                    let x = numbers[q]![row]
                    if x == -.infinity { out += missing } else if !x.isNaN {
                        Self.append(x, decimals: decimals[q], to: &out, scratch: &scratch)
                    }
                case .none:
                    break
                }
            }
            out.append(0x0A)
        }
        return out
    }

    /// Appends a fixed-point number without making a String.
    static func append(_ x: Double, decimals: Int, to out: inout [UInt8], scratch: inout [UInt8]) {
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        var scaled = Int((abs(x) * scale).rounded())
        if x < 0 && scaled != 0 { out.append(0x2D) }
        scratch.removeAll(keepingCapacity: true)
        var k = 0
        repeat {
            if k == decimals && decimals > 0 { scratch.append(0x2E) }
            scratch.append(UInt8(0x30 + scaled % 10))
            scaled /= 10
            k += 1
        } while scaled > 0 || k <= decimals
        out += scratch.reversed()
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

/// Quoting for CSV cells: only when a cell holds a comma, quote, or line end.
public enum CSVEscaping {
    public static func field(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

import Foundation
