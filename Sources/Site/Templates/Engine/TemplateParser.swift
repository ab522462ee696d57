/// A Mustache parser that follows swift-mustache's reading of the spec line for line
/// (standalone tags, indentation of partials and blocks, inheritance, set delimiters), so the
/// two render the same text. It declines what it does not support (transforms such as
/// `{{uppercased(x)}}`, dynamic partials, config tags); `TemplateSet` then renders with
/// swift-mustache itself.
struct TemplateParser {
    enum Failure: Error { case unsupported, syntax }

    /// A looked-up name: `.` (the current value), `.a.b` (from the current value only) or `a.b`.
    struct Name: Sendable {
        var parts: [String]
        var current: Bool
        var anchored: Bool

        init(_ text: String) {
            current = text == "."
            anchored = text.first == "."
            parts = text.split(separator: ".").map(String.init)
        }
    }

    indirect enum Token: Sendable {
        case text(String)
        case variable(Name)
        case unescaped(Name)
        case section(Name, TypedTemplate)
        case inverted(Name, TypedTemplate)
        case partial(String, indentation: String?, inherits: [String: TypedTemplate]?)
        case blockExpansion(String, fallback: TypedTemplate, indentation: String?)
        case blockDefinition(String, TypedTemplate)
    }

    struct State {
        var sectionName: String?
        var newLine = true
        var partialDefinition = false
        var partialDefinitionTopLevel = false
        var start: [Character] = ["{", "{"]
        var end: [Character] = ["}", "}"]
        var partialDefinitionIndent: [Character]?

        func section(_ name: String, newLine: Bool) -> State {
            var s = self
            s.sectionName = name
            s.partialDefinitionTopLevel = false
            if !newLine { s.newLine = false }
            return s
        }

        func inheritance(_ name: String) -> State {
            var s = self
            s.sectionName = name
            s.newLine = true
            s.partialDefinition = true
            s.partialDefinitionTopLevel = true
            return s
        }
    }

    let text: [Character]
    var i = 0

    init(_ string: String) { text = Array(string) }

    static func parse(_ string: String) throws(Failure) -> TypedTemplate {
        var parser = TemplateParser(string)
        return try parser.parse(State())
    }

    var atEnd: Bool { i >= text.count }
    var current: Character { i < text.count ? text[i] : "\0" }

    mutating func read(while set: (Character) -> Bool) -> [Character] {
        let start = i
        while i < text.count && set(text[i]) { i += 1 }
        return Array(text[start..<i])
    }

    mutating func read(_ string: [Character]) -> Bool {
        guard i + string.count <= text.count, Array(text[i..<i + string.count]) == string else { return false }
        i += string.count
        return true
    }

    static func isSpaceOrTab(_ c: Character) -> Bool { c == " " || c == "\t" }

    mutating func parse(_ initial: State) throws(Failure) -> TypedTemplate {
        var tokens: [Token] = []
        var state = initial
        var whiteSpaceBefore: [Character] = []
        while !atEnd {
            if state.newLine {
                let whiteSpace = read(while: Self.isSpaceOrTab)
                if state.partialDefinition && !state.partialDefinitionTopLevel {
                    if let indent = state.partialDefinitionIndent {
                        whiteSpaceBefore = Array(whiteSpace.dropFirst(indent.count))
                    } else {
                        state.partialDefinitionIndent = whiteSpace
                    }
                } else {
                    whiteSpaceBefore = whiteSpace
                }
            }
            let textRead = readUntilDelimiterOrNewline(state)
            if !atEnd && current.isNewline {
                tokens.append(.text(String(whiteSpaceBefore + textRead + [current])))
                state.newLine = true
                i += 1
                continue
            }
            if !textRead.isEmpty {
                tokens.append(.text(String(whiteSpaceBefore + textRead)))
                whiteSpaceBefore = []
                state.newLine = false
            }
            if atEnd { break }
            func flushWhiteSpace() {
                if !whiteSpaceBefore.isEmpty {
                    tokens.append(.text(String(whiteSpaceBefore)))
                    whiteSpaceBefore = []
                }
            }
            var setNewLine = false
            switch current {
            case "#", "^":
                let inverted = current == "^"
                i += 1
                let name = try parseName(state)
                if isStandalone(state) { setNewLine = true } else { flushWhiteSpace() }
                let section = try parse(state.section(name, newLine: setNewLine))
                tokens.append(inverted ? .inverted(Name(name), section) : .section(Name(name), section))
            case "/":
                i += 1
                let name = try parseName(state)
                guard name == state.sectionName else { throw .syntax }
                if isStandalone(state) { setNewLine = true } else { flushWhiteSpace() }
                return TypedTemplate(tokens)
            case "!":
                i += 1
                guard readComment(state) else { throw .syntax }
                setNewLine = isStandalone(state)
            case "{":
                flushWhiteSpace()
                i += 1
                let name = try parseName(state)
                guard read(["}"]) else { throw .syntax }
                tokens.append(.unescaped(Name(name)))
            case "&":
                flushWhiteSpace()
                i += 1
                tokens.append(.unescaped(Name(try parseName(state))))
            case ">":
                i += 1
                _ = read(while: \.isWhitespace)
                if current == "*" { throw .unsupported }
                let name = try parsePartialName(state)
                if !whiteSpaceBefore.isEmpty { tokens.append(.text(String(whiteSpaceBefore))) }
                if isStandalone(state) {
                    setNewLine = true
                    tokens.append(.partial(name, indentation: String(whiteSpaceBefore), inherits: nil))
                } else {
                    tokens.append(.partial(name, indentation: nil, inherits: nil))
                }
                whiteSpaceBefore = []
            case "<":
                i += 1
                _ = read(while: \.isWhitespace)
                let name = try parsePartialName(state)
                if name.first == "*" { throw .unsupported }
                if !whiteSpaceBefore.isEmpty { tokens.append(.text(String(whiteSpaceBefore))) }
                if isStandalone(state) { setNewLine = true }
                let section = try parse(state.inheritance(name))
                var inherits: [String: TypedTemplate] = [:]
                for token in section.tokens {
                    switch token {
                    case .blockDefinition(let block, let template): inherits[block] = template
                    case .text: break
                    default: throw .syntax
                    }
                }
                tokens.append(.partial(name, indentation: String(whiteSpaceBefore), inherits: inherits))
                whiteSpaceBefore = []
            case "$":
                i += 1
                let name = try parseName(state)
                if state.partialDefinitionTopLevel {
                    if isStandalone(state) { setNewLine = true }
                    tokens.append(.blockDefinition(name, try parse(state.section(name, newLine: setNewLine))))
                } else {
                    if !whiteSpaceBefore.isEmpty { tokens.append(.text(String(whiteSpaceBefore))) }
                    if isStandalone(state) { setNewLine = true }
                    let fallback = try parse(state.section(name, newLine: setNewLine))
                    tokens.append(.blockExpansion(name, fallback: fallback, indentation: String(whiteSpaceBefore)))
                    whiteSpaceBefore = []
                }
            case "=":
                i += 1
                state = try setDelimiter(state)
                setNewLine = isStandalone(state)
            case "%":
                throw .unsupported
            default:
                flushWhiteSpace()
                tokens.append(.variable(Name(try parseName(state))))
            }
            state.newLine = setNewLine
        }
        guard state.sectionName == nil else { throw .syntax }
        return TypedTemplate(tokens)
    }

    mutating func readUntilDelimiterOrNewline(_ state: State) -> [Character] {
        var out: [Character] = []
        while !atEnd {
            let c = current
            if c.isNewline { break }
            if c == state.start[0] {
                if read(state.start) { break }
                out.append(c)
                i += 1
                continue
            }
            out.append(c)
            i += 1
        }
        return out
    }

    static let nameCharacters = Set<Character>("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-_?*")
    static let partialNameCharacters = Set<Character>("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-_?()*/")

    mutating func parseName(_ state: State) throws(Failure) -> String {
        _ = read(while: \.isWhitespace)
        let name = String(read(while: { Self.nameCharacters.contains($0) }))
        if current == "(" || current == ")" { throw .unsupported }
        _ = read(while: \.isWhitespace)
        guard read(state.end) else { throw .syntax }
        return name
    }

    mutating func parsePartialName(_ state: State) throws(Failure) -> String {
        _ = read(while: \.isWhitespace)
        let name = String(read(while: { Self.partialNameCharacters.contains($0) }))
        if name.contains("(") || name.contains(")") { throw .unsupported }
        _ = read(while: \.isWhitespace)
        guard read(state.end) else { throw .syntax }
        return name
    }

    mutating func readComment(_ state: State) -> Bool {
        while !atEnd {
            if read(state.end) { return true }
            i += 1
        }
        return false
    }

    mutating func setDelimiter(_ state: State) throws(Failure) -> State {
        _ = read(while: \.isWhitespace)
        let start = read(while: { !$0.isWhitespace })
        _ = read(while: \.isWhitespace)
        let end = read(while: { $0 != "=" && !$0.isWhitespace })
        _ = read(while: \.isWhitespace)
        guard read(["="]), read(state.end), !start.isEmpty, !end.isEmpty else { throw .syntax }
        var s = state
        s.start = start
        s.end = end
        s.partialDefinitionTopLevel = false
        return s
    }

    /// At the start of a line, a tag followed by nothing but spaces up to the line end stands
    /// alone: the line end is consumed with it.
    mutating func isStandalone(_ state: State) -> Bool {
        guard state.newLine else { return false }
        if atEnd { return true }
        var j = i
        while j < text.count && Self.isSpaceOrTab(text[j]) { j += 1 }
        if j < text.count && text[j].isNewline {
            i = j + 1
            return true
        }
        return false
    }
}
