/// Skip logic written in a survey platform's expression language, where it says what the
/// codebook's `asked_if` can: equalities of answers to codes, or-ed on one question and and-ed
/// across questions. REDCap: `[a] = '1' or [a] = '2'`, `[cb(3)] = '1'`; XLSForm:
/// `${a} = 'yes' and selected(${b}, 'x')`. Anything else is kept as a note for the author.
public struct SkipLogic: Sendable {
    /// The source's own text of the logic.
    public var text: String
    /// Per controlling variable, the codes that make the question asked; nil when the logic says
    /// more than `asked_if` can.
    public var terms: [(variable: String, codes: [String])]?

    enum Token: Equatable {
        case open, close, and, or
        case equals(variable: String, code: String)
    }

    public static func redcap(_ text: String) -> SkipLogic {
        SkipLogic(text: text, terms: tokens(text, dialect: .redcap).flatMap(parse))
    }

    public static func xlsform(_ text: String) -> SkipLogic {
        SkipLogic(text: text, terms: tokens(text, dialect: .xlsform).flatMap(parse))
    }

    enum Dialect { case redcap, xlsform }

    static func tokens(_ text: String, dialect: Dialect) -> [Token]? {
        var out: [Token] = []
        var s = Substring(text)
        func skipSpaces() { s = s.drop { $0.isWhitespace } }
        func quoted() -> String? {
            skipSpaces()
            if let q = s.first, q == "'" || q == "\"" {
                s = s.dropFirst()
                guard let end = s.firstIndex(of: q) else { return nil }
                let value = String(s[..<end])
                s = s[s.index(after: end)...]
                return value
            }
            let value = s.prefix { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "." || $0 == "_" }
            guard !value.isEmpty else { return nil }
            s = s.dropFirst(value.count)
            return String(value)
        }
        func equalsSign() -> Bool {
            skipSpaces()
            guard s.first == "=" else { return false }
            s = s.dropFirst()
            if s.first == "=" { s = s.dropFirst() }
            return true
        }
        while true {
            skipSpaces()
            guard let c = s.first else { break }
            if c == "(" { out.append(.open); s = s.dropFirst(); continue }
            if c == ")" { out.append(.close); s = s.dropFirst(); continue }
            let lower = s.lowercased()
            if lower.hasPrefix("and") && !(s.dropFirst(3).first?.isLetter ?? false) { out.append(.and); s = s.dropFirst(3); continue }
            if lower.hasPrefix("or") && !(s.dropFirst(2).first?.isLetter ?? false) { out.append(.or); s = s.dropFirst(2); continue }
            switch dialect {
            case .redcap:
                guard c == "[", let end = s.firstIndex(of: "]") else { return nil }
                var field = String(s[s.index(after: s.startIndex)..<end])
                s = s[s.index(after: end)...]
                var checkbox: String?
                if let open = field.firstIndex(of: "("), field.hasSuffix(")") {
                    checkbox = String(field[field.index(after: open)..<field.index(before: field.endIndex)])
                    field = String(field[..<open])
                }
                guard equalsSign(), let value = quoted() else { return nil }
                if let checkbox {
                    guard value == "1" else { return nil }
                    out.append(.equals(variable: field, code: checkbox))
                } else {
                    out.append(.equals(variable: field, code: value))
                }
            case .xlsform:
                if lower.hasPrefix("selected(") {
                    s = s.dropFirst("selected(".count)
                    skipSpaces()
                    guard s.hasPrefix("${"), let end = s.firstIndex(of: "}") else { return nil }
                    let field = String(s[s.index(s.startIndex, offsetBy: 2)..<end])
                    s = s[s.index(after: end)...]
                    skipSpaces()
                    guard s.first == "," else { return nil }
                    s = s.dropFirst()
                    guard let value = quoted() else { return nil }
                    skipSpaces()
                    guard s.first == ")" else { return nil }
                    s = s.dropFirst()
                    out.append(.equals(variable: field, code: value))
                } else {
                    guard s.hasPrefix("${"), let end = s.firstIndex(of: "}") else { return nil }
                    let field = String(s[s.index(s.startIndex, offsetBy: 2)..<end])
                    s = s[s.index(after: end)...]
                    guard equalsSign(), let value = quoted() else { return nil }
                    out.append(.equals(variable: field, code: value))
                }
            }
        }
        return out.isEmpty ? nil : out
    }

    /// `and` binds tighter than `or`, as in both languages.
    static func parse(_ tokens: [Token]) -> [(variable: String, codes: [String])]? {
        var position = 0
        func primary() -> [(String, [String])]? {
            guard position < tokens.count else { return nil }
            switch tokens[position] {
            case .open:
                position += 1
                guard let inner = disjunction(), position < tokens.count, tokens[position] == .close else { return nil }
                position += 1
                return inner
            case .equals(let variable, let code):
                position += 1
                return [(variable, [code])]
            default:
                return nil
            }
        }
        func conjunction() -> [(String, [String])]? {
            guard var result = primary() else { return nil }
            while position < tokens.count, tokens[position] == .and {
                position += 1
                guard let next = primary() else { return nil }
                for (variable, codes) in next {
                    if let i = result.firstIndex(where: { $0.0 == variable }) {
                        result[i].1 = result[i].1.filter(codes.contains)
                        if result[i].1.isEmpty { return nil }
                    } else {
                        result.append((variable, codes))
                    }
                }
            }
            return result
        }
        func disjunction() -> [(String, [String])]? {
            guard var result = conjunction() else { return nil }
            while position < tokens.count, tokens[position] == .or {
                position += 1
                guard let next = conjunction(), result.count == 1, next.count == 1, result[0].0 == next[0].0 else { return nil }
                for code in next[0].1 where !result[0].1.contains(code) { result[0].1.append(code) }
            }
            return result
        }
        guard let result = disjunction(), position == tokens.count else { return nil }
        return result.map { (variable: $0.0, codes: $0.1) }
    }
}
