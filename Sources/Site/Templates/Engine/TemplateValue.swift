/// What a layout template can look up: text, a yes/no, a list, or named values. Typed, so
/// rendering a page never asks the runtime what a value is.
enum TemplateValue: Sendable, ExpressibleByStringLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral {
    case string(String)
    case bool(Bool)
    case list([TemplateValue])
    case object([String: TemplateValue])

    init(stringLiteral value: String) { self = .string(value) }
    init(booleanLiteral value: Bool) { self = .bool(value) }
    init(arrayLiteral elements: TemplateValue...) { self = .list(elements) }
    init(dictionaryLiteral elements: (String, TemplateValue)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }

    /// Named strings, as an object.
    init(_ strings: [String: String]) { self = .object(strings.mapValues { .string($0) }) }

    /// A view model of strings, booleans, numbers, arrays and string-keyed dictionaries.
    init(_ any: Any) {
        switch any {
        case let s as String: self = .string(s)
        case let b as Bool: self = .bool(b)
        case let d as [String: Any]: self = .object(d.mapValues(TemplateValue.init))
        case let d as [String: String]: self = .object(d.mapValues { .string($0) })
        case let a as [[String: Any]]: self = .list(a.map { .object($0.mapValues(TemplateValue.init)) })
        case let a as [[String: String]]: self = .list(a.map { .object($0.mapValues { .string($0) }) })
        case let a as [Any]: self = .list(a.map(TemplateValue.init))
        case let v as TemplateValue: self = v
        default: self = .string(String(describing: any))
        }
    }

    /// The same value as plain Swift values, for swift-mustache (which renders templates that use
    /// what only it supports).
    var any: Any {
        switch self {
        case .string(let s): s
        case .bool(let b): b
        case .list(let items): items.map(\.any)
        case .object(let fields): fields.mapValues(\.any)
        }
    }

    /// The named child of an object; nil for anything else.
    @inline(__always)
    func child(_ name: String) -> TemplateValue? {
        if case .object(let fields) = self { return fields[name] }
        return nil
    }
}
