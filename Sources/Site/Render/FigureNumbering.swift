/// Numbers figures in reading order across the whole report.
struct FigureNumbering {
    private(set) var count = 0
    private var usedIDs: Set<String> = []

    /// The next figure number and an id that is unique in the report.
    mutating func next(id: String) -> (number: Int, id: String) {
        count += 1
        var unique = id
        var k = 2
        while usedIDs.contains(unique) {
            unique = "\(id)-\(k)"
            k += 1
        }
        usedIDs.insert(unique)
        return (count, unique)
    }
}
