/// Places categories in equal bands along a pixel range.
public struct BandScale: Sendable {
    public var domain: [String]
    public var range: (Double, Double)
    /// Fraction of each step left empty between bands.
    public var padding: Double

    public init(domain: [String], range: (Double, Double), padding: Double = 0.25) {
        self.domain = domain
        self.range = range
        self.padding = padding
    }

    public var step: Double { domain.isEmpty ? 0 : (range.1 - range.0) / Double(domain.count) }
    public var bandwidth: Double { step * (1 - padding) }

    /// The start of band `index`.
    public func start(_ index: Int) -> Double {
        range.0 + step * Double(index) + step * padding / 2
    }

    public func center(_ index: Int) -> Double { start(index) + bandwidth / 2 }
}
