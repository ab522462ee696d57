import Foundation

/// How numbers read in the report: locale-free, so every build prints the same bytes.
public enum NumberFormat {
    /// 0.6243 → "62.4%" (decimals: 1) or "62%" (decimals: 0).
    public static func percent(_ share: Double, decimals: Int = 1) -> String {
        fixed(share * 100, decimals: decimals) + "%"
    }

    /// A number with a fixed count of decimals, rounding half away from zero.
    /// Total: no finite or infinite value traps (a non-finite one prints as "–", and one too
    /// large for exact whole-number arithmetic is printed from its digits).
    public static func fixed(_ value: Double, decimals: Int) -> String {
        guard value.isFinite else { return "–" }
        let decimals = max(0, min(decimals, 15))
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let scaled = (abs(value) * scale).rounded(.toNearestOrAwayFromZero)
        guard scaled < 0x1p53 else { return String(format: "%.\(decimals)f", value) }
        let negative = value < 0 && scaled != 0
        let whole = Int(scaled / scale)
        var text = String(whole)
        if decimals > 0 {
            let fraction = Int(scaled) - whole * Int(scale)
            var digits = String(fraction)
            while digits.count < decimals { digits = "0" + digits }
            text += "." + digits
        }
        return negative ? "-" + text : text
    }

    /// 5142 → "5,142".
    public static func count(_ n: Int) -> String {
        let digits = String(abs(n))
        var out = ""
        for (i, ch) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(ch)
        }
        return n < 0 ? "-" + out : out
    }

    /// 0.55 → "55%", 0.125 → "12.5%": whole percents, or one decimal where it matters (chart
    /// value labels and descriptions).
    public static func compactPercent(_ v: Double) -> String {
        let tenths = (v * 1000).rounded()
        let whole = (tenths / 10).rounded(.towardZero)
        if tenths == whole * 10 { return String(Int(whole)) + "%" }
        return String(Int(whole)) + "." + String(Int(abs(tenths - whole * 10))) + "%"
    }
}
