/// Codebook ids from source variable names: lower case ASCII letters, digits and `_`, starting
/// with a letter, unique. `Q5`, `q5` → `q5`; `5` → `q5`; `性别` → `v3` (its position).
struct QuestionIDs {
    private var taken = Set<String>()

    mutating func id(for name: String, position: Int) -> String {
        var id = ""
        var lastUnderscore = false
        for scalar in name.unicodeScalars {
            if scalar.isASCII, scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
                id.unicodeScalars.append(Unicode.Scalar(UInt8(scalar.value).lowercasedASCII))
                lastUnderscore = false
            } else if !id.isEmpty, !lastUnderscore {
                id += "_"
                lastUnderscore = true
            }
        }
        while id.hasSuffix("_") { id.removeLast() }
        if id.isEmpty { id = "v\(position)" } else if !(id.first!.isLetter) { id = "q" + id }
        return claim(id)
    }

    /// `id`, or `id_2`, `id_3` … when it is taken.
    mutating func claim(_ id: String) -> String {
        var candidate = id
        var n = 2
        while taken.contains(candidate) {
            candidate = "\(id)_\(n)"
            n += 1
        }
        taken.insert(candidate)
        return candidate
    }
}

private extension UInt8 {
    var lowercasedASCII: UInt8 { (0x41...0x5A).contains(self) ? self + 0x20 : self }
}
