import Formats
import Words
/// A numeric question's distribution: counts in equal-width bins with nice edges.
public struct HistogramChart: Chart {
    public var dataTable: DataTable {
        DataTable(columns: ["From", "To (not included)", "Answers"], rows: bins.map { [SVGNumber.format($0.lower), SVGNumber.format($0.upper), NumberFormat.count($0.count)] })
    }

    public var id: String
    public var title: String
    /// The words of the description and the data table (the page's language files).
    public var words = Words.none
    public var values: [Double]
    public var unit: String
    /// Bins with fewer answers than this (but some) are merged with their neighbours, so that no
    /// published bin gives away a few respondents' answers (0 or 1: no merging).
    public var minimumCount = 0
    public var width: Double = 640
    public var height: Double = 260

    public init(id: String, title: String, values: [Double], unit: String = "", width: Double = 640) {
        self.id = id
        self.title = title
        self.values = values
        self.unit = unit
        self.width = width
    }

    /// Bins: nice edges about Sturges' count of bins wide.
    public var bins: [(lower: Double, upper: Double, count: Int)] {
        guard let lo = values.min(), let hi = values.max() else { return [] }
        let k = max(1, Int((log2(Double(values.count)) + 1).rounded(.up)))
        let step = LinearScale(domain: (lo, hi == lo ? lo + 1 : hi), range: (0, 1)).tickStep(count: k)
        let start = (lo / step).rounded(.down) * step
        let n = max(1, Int(((hi - start) / step).rounded(.down)) + 1)
        var counts = [Int](repeating: 0, count: n)
        for v in values { counts[min(n - 1, Int(((v - start) / step).rounded(.down)))] += 1 }
        let equal = (0..<n).map { (lower: start + Double($0) * step, upper: start + Double($0 + 1) * step, count: counts[$0]) }
        return Self.merged(equal, minimumCount: minimumCount)
    }

    /// Adjacent bins joined from the left until each holds none or at least `minimumCount`
    /// answers; a small remainder at the right joins the bin before it.
    static func merged(_ bins: [(lower: Double, upper: Double, count: Int)], minimumCount: Int) -> [(lower: Double, upper: Double, count: Int)] {
        guard minimumCount > 1 else { return bins }
        var out: [(lower: Double, upper: Double, count: Int)] = []
        var open: (lower: Double, upper: Double, count: Int)?
        for bin in bins {
            if var current = open {
                current.upper = bin.upper
                current.count += bin.count
                open = current
            } else if bin.count == 0 {
                out.append(bin)
                continue
            } else {
                open = bin
            }
            if let current = open, current.count >= minimumCount {
                out.append(current)
                open = nil
            }
        }
        if let rest = open {
            // Join the remainder to the last bin that holds answers (over any empty ones between).
            if let k = out.lastIndex(where: { $0.count > 0 }) {
                out[k] = (out[k].lower, rest.upper, out[k].count + rest.count)
                out.removeSubrange((k + 1)...)
            } else {
                out.append(rest)
            }
        }
        return out
    }


    public func svg() -> String {
        let b = bins
        let left = 48.0, bottom = height - 28, top = ChartStyle.top + 6
        let x = LinearScale(domain: (b.first?.lower ?? 0, b.last?.upper ?? 1), range: (left, width - 12))
        let y = LinearScale(domain: (0, Double(b.map(\.count).max() ?? 1)), range: (bottom, top)).niced(count: 4)
        var marks: [SVGElement] = []
        for t in y.ticks(count: 4) {
            let py = SVGNumber.format(y(t))
            marks.append(SVGElement("line", [("class", "grid"), ("x1", SVGNumber.format(left)), ("x2", SVGNumber.format(width - 12)),
                                             ("y1", py), ("y2", py), ("stroke", ChartStyle.grid)]))
            marks.append(SVGElement("text", [("class", "tick-label"), ("x", SVGNumber.format(left - 6)), ("y", SVGNumber.format(y(t) + 4)),
                                             ("text-anchor", "end"), ("font-size", SVGNumber.format(ChartStyle.tickFont)),
                                             ("fill", ChartStyle.muted)], text: NumberFormat.count(Int(t))))
        }
        for bin in b {
            marks.append(SVGElement("rect", [("class", "bar"), ("x", SVGNumber.format(x(bin.lower) + 0.5)),
                                             ("y", SVGNumber.format(y(Double(bin.count)))),
                                             ("width", SVGNumber.format(max(0, x(bin.upper) - x(bin.lower) - 1))),
                                             ("height", SVGNumber.format(max(0, bottom - y(Double(bin.count))))), ("fill", ChartStyle.bar)],
                                    children: [SVGElement("title", text: "\(SVGNumber.format(bin.lower))–\(SVGNumber.format(bin.upper)): \(NumberFormat.count(bin.count))")]))
        }
        let every = max(1, b.count / 8)
        for (i, bin) in b.enumerated() where i % every == 0 {
            marks.append(SVGElement("text", [("class", "tick-label"), ("x", SVGNumber.format(x(bin.lower))), ("y", SVGNumber.format(bottom + 18)),
                                             ("text-anchor", "middle"), ("font-size", SVGNumber.format(ChartStyle.tickFont)),
                                             ("fill", ChartStyle.muted)], text: SVGNumber.format(bin.lower)))
        }
        return ChartRoot.svg(id: id, kind: "histogram", title: title, description: description, width: width, height: height, marks: marks)
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
