/// Colours that stay distinct for readers with colour-vision deficiencies (Okabe & Ito, 2008),
/// each used through a CSS class so the site's light, dark and print styles can recolour it.
public enum Palette {
    /// Categorical colours in the order series take them, as `(class, light-theme colour)`.
    public static let categorical: [(name: String, color: String)] = [
        ("c1", "#0072B2"), ("c2", "#E69F00"), ("c3", "#009E73"), ("c4", "#CC79A7"),
        ("c5", "#56B4E9"), ("c6", "#D55E00"), ("c7", "#F0E442"), ("c8", "#000000"),
    ]

    public static func categorical(_ index: Int) -> (name: String, color: String) {
        categorical[index % categorical.count]
    }

    /// A sequential blue ramp from light to dark, for values 0…1 (maps, heatmaps).
    public static func sequential(_ t: Double) -> String {
        let stops: [(Double, (Double, Double, Double))] = [
            (0, (239, 243, 255)), (0.25, (189, 215, 231)), (0.5, (107, 174, 214)), (0.75, (49, 130, 189)), (1, (8, 81, 156)),
        ]
        let x = min(1, max(0, t))
        var k = 0
        while k < stops.count - 2 && x > stops[k + 1].0 { k += 1 }
        let (t0, c0) = stops[k], (t1, c1) = stops[k + 1]
        let f = (x - t0) / (t1 - t0)
        func mix(_ a: Double, _ b: Double) -> Int { Int((a + (b - a) * f).rounded()) }
        return hex(mix(c0.0, c1.0), mix(c0.1, c1.1), mix(c0.2, c1.2))
    }

    /// A diverging blue–red ramp for values −1…1 (standardised residuals), white at 0.
    public static func diverging(_ t: Double) -> String {
        let x = min(1, max(-1, t))
        let (r, g, b): (Double, Double, Double) = x >= 0 ? (178, 24, 43) : (33, 102, 172)
        let f = abs(x)
        func mix(_ c: Double) -> Int { Int((255 + (c - 255) * f).rounded()) }
        return hex(mix(r), mix(g), mix(b))
    }

    /// Black or white, whichever contrasts more with a fill: at least 4.58:1 on any colour.
    public static func textOn(_ fill: String) -> String {
        let l = relativeLuminance(fill)
        return (l + 0.05) / 0.05 >= 1.05 / (l + 0.05) ? "#000000" : "#ffffff"
    }

    static func hex(_ r: Int, _ g: Int, _ b: Int) -> String {
        func two(_ v: Int) -> String {
            let s = String(max(0, min(255, v)), radix: 16, uppercase: true)
            return s.count == 1 ? "0" + s : s
        }
        return "#" + two(r) + two(g) + two(b)
    }

    static func relativeLuminance(_ hex: String) -> Double {
        let digits = Array(hex.dropFirst())
        guard digits.count == 6 else { return 1 }
        func channel(_ i: Int) -> Double {
            let v = Double(Int(String(digits[i..<i + 2]), radix: 16) ?? 0) / 255
            return v <= 0.03928 ? v / 12.92 : pow((v + 0.055) / 1.055, 2.4)
        }
        return 0.2126 * channel(0) + 0.7152 * channel(2) + 0.0722 * channel(4)
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
