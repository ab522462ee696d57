/// Parses the contract's number grammar `[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?` straight from
/// bytes. Up to 15 significant digits and a power of ten within ±22 are converted exactly
/// (Clinger's fast path); anything else goes through the standard library's parser.
enum NumberSyntax {
    /// The largest magnitude a numeric answer may have: no survey answer comes near it, sums of
    /// a million of them stay exact to the cent, and `1e999` (infinite) or `9.3e18` are errors.
    static let largest = 1e15

    @inline(__always)
    static func inRange(_ value: Double) -> Bool { value.isFinite && abs(value) <= largest }

    static let powers: [Double] = (0...22).map { k in (0..<k).reduce(1.0) { r, _ in r * 10 } }

    static func parse(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Double? {
        parse(bytes.baseAddress!, start, end)
    }

    @inline(__always)
    static func parse(_ bytes: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Double? {
        var i = start
        var negative = false
        if i < end && (bytes[i] == 0x2B || bytes[i] == 0x2D) {
            negative = bytes[i] == 0x2D
            i += 1
        }
        var mantissa: UInt64 = 0
        var digits = 0, significant = 0, scale = 0
        var exact = true
        while i < end && bytes[i] &- 0x30 < 10 {
            if significant < 19 {
                mantissa = mantissa &* 10 &+ UInt64(bytes[i] &- 0x30)
                if mantissa != 0 { significant += 1 }
            } else {
                scale += 1
                exact = false
            }
            digits += 1
            i += 1
        }
        if i < end && bytes[i] == 0x2E {
            i += 1
            while i < end && bytes[i] &- 0x30 < 10 {
                if significant < 19 {
                    mantissa = mantissa &* 10 &+ UInt64(bytes[i] &- 0x30)
                    if mantissa != 0 { significant += 1 }
                    scale -= 1
                } else {
                    exact = false
                }
                digits += 1
                i += 1
            }
        }
        guard digits > 0 else { return nil }
        if i < end && (bytes[i] == 0x65 || bytes[i] == 0x45) {
            i += 1
            var expNegative = false
            if i < end && (bytes[i] == 0x2B || bytes[i] == 0x2D) {
                expNegative = bytes[i] == 0x2D
                i += 1
            }
            guard i < end && bytes[i] &- 0x30 < 10 else { return nil }
            var e = 0
            while i < end && bytes[i] &- 0x30 < 10 {
                if e < 100_000 { e = e * 10 + Int(bytes[i] &- 0x30) }
                i += 1
            }
            scale += expNegative ? -e : e
        }
        guard i == end else { return nil }
        if exact && significant <= 15 && scale >= -22 && scale <= 22 {
            var value = Double(mantissa)
            value = scale >= 0 ? value * powers[scale] : value / powers[-scale]
            return negative ? -value : value
        }
        var text = String(decoding: UnsafeBufferPointer(start: bytes + start, count: end - start), as: UTF8.self)
        if text.hasPrefix("+") { text.removeFirst() }
        if text.hasPrefix(".") { text = "0" + text } else if text.hasPrefix("-.") { text = "-0" + text.dropFirst() }
        if let dot = text.firstIndex(of: "."), text.index(after: dot) == text.endIndex || "eE".contains(text[text.index(after: dot)]) {
            text.insert("0", at: text.index(after: dot))
        }
        return Double(text)
    }
}
