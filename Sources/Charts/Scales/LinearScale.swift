/// Maps a numeric domain onto a pixel range, with "nice" ticks (1, 2, 5 × 10^k steps).
public struct LinearScale: Sendable {
    public var domain: (Double, Double)
    public var range: (Double, Double)

    public init(domain: (Double, Double), range: (Double, Double)) {
        self.domain = domain
        self.range = range
    }

    public func callAsFunction(_ value: Double) -> Double {
        let (d0, d1) = domain
        guard d1 != d0 else { return range.0 }
        return range.0 + (value - d0) / (d1 - d0) * (range.1 - range.0)
    }

    /// The tick step for about `count` ticks over the domain.
    public func tickStep(count: Int) -> Double {
        let span = abs(domain.1 - domain.0)
        guard span > 0, count > 0 else { return 1 }
        let raw = span / Double(count)
        let power = pow10(floorLog10(raw))
        let error = raw / power
        let factor: Double = error >= 7.07 ? 10 : error >= 3.16 ? 5 : error >= 1.41 ? 2 : 1
        return factor * power
    }

    /// Tick values: multiples of a nice step inside the domain.
    public func ticks(count: Int = 5) -> [Double] {
        let step = tickStep(count: count)
        let lo = min(domain.0, domain.1), hi = max(domain.0, domain.1)
        var ticks: [Double] = []
        var k = (lo / step).rounded(.up)
        while k * step <= hi + step * 1e-9 {
            ticks.append((k * step * 1e12).rounded() / 1e12)
            k += 1
        }
        return ticks
    }

    /// Extends the domain outwards to whole tick steps.
    public func niced(count: Int = 5) -> LinearScale {
        let step = tickStep(count: count)
        var copy = self
        copy.domain = ((domain.0 / step).rounded(.down) * step, (domain.1 / step).rounded(.up) * step)
        return copy
    }

    private func floorLog10(_ x: Double) -> Int {
        var e = 0
        var v = x
        while v >= 10 { v /= 10; e += 1 }
        while v < 1 { v *= 10; e -= 1 }
        return e
    }

    private func pow10(_ e: Int) -> Double {
        var r = 1.0
        if e >= 0 { for _ in 0..<e { r *= 10 } } else { for _ in 0..<(-e) { r /= 10 } }
        return r
    }
}
