/// Numbers written as codes and cells: integers without a decimal point, others in Swift's
/// shortest round-trip form.
enum CodeText {
    static func number(_ x: Double) -> String {
        if x.rounded() == x, abs(x) < 1e15 { return String(Int64(x)) }
        return "\(x)"
    }

    /// Appends the number's text to `bytes` (the responses writer's hot path).
    static func append(_ x: Double, to bytes: inout [UInt8]) {
        if x.rounded() == x, abs(x) < 1e15 {
            var v = Int64(x)
            if v < 0 {
                bytes.append(UInt8(ascii: "-"))
                v = -v
            }
            if v < 10 {
                bytes.append(UInt8(truncatingIfNeeded: v) + 0x30)
                return
            }
            var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
                (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
            var count = 0
            withUnsafeMutableBytes(of: &digits) { buffer in
                while v > 0 {
                    buffer[count] = UInt8(truncatingIfNeeded: v % 10) + 0x30
                    v /= 10
                    count += 1
                }
                for k in stride(from: count - 1, through: 0, by: -1) { bytes.append(buffer[k]) }
            }
            return
        }
        bytes.append(contentsOf: "\(x)".utf8)
    }
}
