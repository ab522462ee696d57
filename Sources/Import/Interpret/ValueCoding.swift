import Foundation

/// Columns of text (from xlsx or delimited files, or SPSS string variables): whether they hold
/// numbers, answer labels or free text, and the codes given to labels.
enum ValueCoding {
    enum Kind {
        /// Every non-empty cell is a number.
        case numbers([Double])
        /// Few distinct labels: codes 1, 2, 3 … in a known scale's order, else in order of first
        /// appearance. `scale` says whether a known scale gave the order.
        case labels([String], scale: Bool)
        /// Labels joined by Wenjuanxing's `┋` in a multi-select text export.
        case joinedLabels([String])
        case freeText
    }

    static let multiSeparator = "┋"

    /// Every filled cell as a number (empty ones NaN); nil at the first that is not one, or when
    /// no cell is filled.
    static func numbers(_ values: [String]) -> [Double]? {
        var numbers: [Double] = []
        numbers.reserveCapacity(values.count)
        var filled = false
        for raw in values {
            let text = raw.trimmedCell
            if text.isEmpty {
                numbers.append(.nan)
                continue
            }
            guard let x = number(text) else { return nil }
            numbers.append(x)
            filled = true
        }
        return filled ? numbers : nil
    }

    static func classify(_ values: [String]) -> Kind {
        if let numbers = numbers(values) { return .numbers(numbers) }
        var seen: [String: Int] = [:]
        var order: [String] = []
        var nonEmpty = 0
        var joined = false
        for raw in values {
            let text = raw.trimmedCell
            if text.isEmpty { continue }
            nonEmpty += 1
            if !joined, text.hasNonASCII, text.contains(multiSeparator) { joined = true }
            if order.count <= 64, seen[text] == nil {
                seen[text] = order.count
                order.append(text)
            }
        }
        if nonEmpty == 0 { return .freeText }
        if joined {
            var labels: [String] = []
            var known = Set<String>()
            var combinations = Set<String>()
            for raw in values {
                let text = raw.trimmedCell
                guard !text.isEmpty, combinations.insert(text).inserted else { continue }
                for part in text.components(separatedBy: multiSeparator) {
                    let label = MultiGroups.choiceLabel(part)
                    if !label.isEmpty, known.insert(label).inserted { labels.append(label) }
                }
            }
            return .joinedLabels(labels)
        }
        // Wenjuanxing's "(跳过)" (skipped) is no point of a scale.
        let points = order.filter { Wenjuanxing.skippedLabels[$0] == nil }
        if let scaled = Scales.order(of: points) { return .labels(scaled + order.filter { Wenjuanxing.skippedLabels[$0] != nil }, scale: true) }
        if order.count <= 30, order.count * 3 <= nonEmpty || order.count <= 2 && nonEmpty >= 2 {
            return .labels(order, scale: false)
        }
        return .freeText
    }

    /// A cell as a number, as the data contract reads numbers (no NaN, no infinities, ASCII digits).
    static func number(_ text: String) -> Double? {
        guard let first = text.utf8.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+") || first == UInt8(ascii: ".")
                || (0x30...0x39).contains(first),
              text.utf8.allSatisfy({ (0x30...0x39).contains($0) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "-")
                  || $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") }),
              let x = Double(text), x.isFinite else { return nil }
        return x
    }
}
