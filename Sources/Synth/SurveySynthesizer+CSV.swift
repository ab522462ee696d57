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
        let optionBytes = questions.map { q in q.options.map { Array(CSVEscaping.field($0.code).utf8) } }
        let samples: [[[UInt8]]] = questions.map { q in
            guard let rule = spec.questions.first(where: { $0.id == q.id }), case .text(_, let s) = rule.rule else { return [] }
            return s.map { Array(CSVEscaping.field($0).utf8) }
        }
        let missing = Array(CSVEscaping.field(spec.missingCode).utf8)
        let width = String(n).count
        let prefix = Array(spec.idPrefix.utf8)
        var digits = [UInt8](repeating: 0x30, count: max(width, 1))
        for row in 0..<n {
            // The id: prefix and the row number padded with zeros.
            var v = row + 1
            for k in stride(from: digits.count - 1, through: 0, by: -1) {
                digits[k] = UInt8(0x30 + v % 10)
                v /= 10
            }
            out += prefix
            out += digits
            for (q, question) in questions.enumerated() {
                out.append(0x2C)
                switch drawn[question.id] {
                case .codes(let codes)?:
                    let c = codes[row]
                    if c == Self.missing { out += missing } else if c >= 0 {
                        out += question.type == .text ? samples[q][Int(c)] : optionBytes[q][Int(c)]
                    }
                case .masks(let masks)?:
                    let m = masks[row]
                    if m == Column.missingMask { out += missing } else if m != Column.notAskedMask {
                        var first = true
                        var bits = m
                        while bits != 0 {
                            let j = bits.trailingZeroBitCount
                            if !first { out.append(0x3B) }
                            out += optionBytes[q][j]
                            first = false
                            bits &= bits - 1
                        }
                    }
                case .numbers(let values, let decimals)?:
                    let x = values[row]
                    if x == -.infinity { out += missing } else if !x.isNaN { out += Array(Self.format(x, decimals: decimals).utf8) }
                case nil:
                    break
                }
            }
            out.append(0x0A)
        }
        return out
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
