/// Multiple-response questions spread over several variables: the file's own sets (SPSS
/// `MRSETS`), else groups of dichotomies recognised by their names (`Q5_1 … Q5_7`, `Q5.1`,
/// `Q5A`), coded alike: 0/1, or 1/empty.
enum MultiGroups {
    struct Group {
        var stem: String
        var variables: [Int]
        /// The option code of each variable: its suffix when those are distinct, else 1, 2, 3 …
        var codes: [String]
        var counted: SourceValue
        /// Why the variables were merged, for the summary and the codebook.
        var reason: String
    }

    /// Groups among `table`'s variables; `skip` are never merged (`--no-merge`), `taken` are
    /// already used.
    static func find(in table: SourceTable, skip: Set<String>) -> [Group] {
        var groups: [Group] = []
        var used = Set<Int>()
        let index = Dictionary(table.variables.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { a, _ in a })
        for set in table.responseSets {
            let members = set.variables.compactMap { index[$0] }
            guard members.count >= 2, members.count == set.variables.count, members.allSatisfy({ !used.contains($0) }),
                  !members.contains(where: { skip.contains(table.variables[$0].name) }),
                  case .dichotomies(let counted) = set.kind else { continue }
            groups.append(Group(stem: set.name, variables: members, codes: set.codes ?? codes(for: members.map { table.variables[$0].name }, stem: nil),
                                counted: counted, reason: "the file's multiple-response set $\(set.name)"))
            used.formUnion(members)
        }
        var i = 0
        let variables = table.variables
        while i < variables.count {
            guard !used.contains(i), !skip.contains(variables[i].name), let (stem, _) = splitName(variables[i].name) else {
                i += 1
                continue
            }
            var j = i + 1
            while j < variables.count, !used.contains(j), !skip.contains(variables[j].name),
                  let (other, _) = splitName(variables[j].name), other == stem { j += 1 }
            let members = Array(i..<j)
            if members.count >= 2, let coding = sharedDichotomy(members.map { variables[$0] }) {
                groups.append(Group(stem: stem, variables: members,
                                    codes: codes(for: members.map { variables[$0].name }, stem: stem), counted: coding.counted,
                                    reason: "\(variables[i].name) … \(variables[j - 1].name) share the stem \(stem) and are all coded \(coding.description)"))
                used.formUnion(members)
                i = j
            } else {
                i += 1
            }
        }
        return groups
    }

    /// `Q5_1` → (Q5, 1); `Q5.2` → (Q5, 2); `Q5A` → (Q5, A); else nil.
    static func splitName(_ name: String) -> (stem: String, suffix: String)? {
        if let separator = name.lastIndex(where: { $0 == "_" || $0 == "." }) {
            let stem = String(name[..<separator])
            let suffix = String(name[name.index(after: separator)...])
            if !stem.isEmpty, !suffix.isEmpty, suffix.count <= 3, suffix.allSatisfy({ $0.isASCII && ($0.isNumber || $0.isLetter) }),
               stem.last?.isNumber == true || suffix.allSatisfy(\.isNumber) {
                return (stem, suffix)
            }
        }
        if let last = name.last, last.isASCII, last.isUppercase, name.count >= 3 {
            let stem = String(name.dropLast())
            if stem.last?.isNumber == true { return (stem, String(last)) }
        }
        return nil
    }

    struct Coding {
        var counted: SourceValue
        var description: String
    }

    /// The coding every variable shares, when it is a dichotomy: numbers 0/1 (1 counted) or
    /// 1/empty, or the text "1"/"0"/empty.
    static func sharedDichotomy(_ variables: [SourceVariable]) -> Coding? {
        var sawZero = false
        var sawOne = false
        for variable in variables {
            switch variable.values {
            case .numbers(let values, _):
                for x in values where !x.isNaN && !variable.isDeclaredMissing(x) {
                    if x == 1 { sawOne = true } else if x == 0 { sawZero = true } else { return nil }
                }
                for label in variable.valueLabels {
                    guard case .number(let x) = label.value, x == 0 || x == 1 || variable.isDeclaredMissing(x) else { return nil }
                }
            case .strings(let values):
                for raw in values {
                    let text = raw.trimmedCell
                    if text.isEmpty { continue }
                    if text == "1" { sawOne = true } else if text == "0" { sawZero = true } else { return nil }
                }
            }
        }
        guard sawOne else { return nil }
        return Coding(counted: .number(1), description: sawZero ? "0/1" : "1/empty")
    }

    static func codes(for names: [String], stem: String?) -> [String] {
        let suffixes = names.map { splitName($0)?.suffix ?? "" }
        if !suffixes.contains(""), Set(suffixes).count == suffixes.count { return suffixes }
        return names.indices.map { String($0 + 1) }
    }

    /// Whether a dichotomy variable says chosen at `row`.
    @inline(__always)
    static func isChosen(_ column: SourceValues, row: Int, counted: SourceValue?) -> Bool {
        switch column {
        case .numbers(let values, _):
            if case .number(let c)? = counted { return values[row] == c }
            return values[row] == 1
        case .strings(let values):
            let text = values[row].trimmedCell
            if let counted { return text == counted.text }
            return text == "1"
        }
    }

    /// A label of a joined multi-select cell without Wenjuanxing's fill-in text (`其他〖…〗`).
    static func choiceLabel(_ part: String) -> String {
        var label = part
        if let open = label.firstIndex(of: "〖") { label = String(label[..<open]) }
        return label.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The text the labels share at their start, cut back to a separator, and what is left of each.
    static func splitLabels(_ labels: [String]) -> (shared: String, rest: [String]) {
        guard labels.count >= 2 else { return ("", labels) }
        var prefix = Array(labels[0])
        for label in labels.dropFirst() {
            let chars = Array(label)
            var n = 0
            while n < prefix.count, n < chars.count, prefix[n] == chars[n] { n += 1 }
            prefix = Array(prefix[..<n])
        }
        let separators: Set<Character> = [":", "：", "-", "–", "—", "(", "（", "[", "【", "?", "？", " ", "_", "|", "/"]
        while let last = prefix.last, !separators.contains(last) { prefix.removeLast() }
        let shared = String(prefix)
        let rest = labels.map { label -> String in
            var r = String(label.dropFirst(shared.count))
            for (open, close) in [("(", ")"), ("（", "）"), ("[", "]"), ("【", "】")]
            where shared.hasSuffix(open) && r.hasSuffix(close) { r.removeLast() }
            return r.trimmingCharacters(in: .whitespaces)
        }
        guard !rest.contains(where: \.isEmpty) else { return ("", labels) }
        let trimmed = shared.trimmingCharacters(in: CharacterSet(charactersIn: " :：-–—(（[【_|/"))
        return (trimmed, rest)
    }
}

import Foundation
