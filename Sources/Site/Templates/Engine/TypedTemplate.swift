import Formats
import Markdown

/// A parsed template and its rendering over `TemplateValue`s. The rules are swift-mustache's
/// (its `Template+Render.swift`): sections over lists repeat, over `true` render once in place,
/// over other values render with the value pushed; partials and blocks carry their indentation;
/// a parent's block overrides win over its own.
final class TypedTemplate: Sendable {
    let tokens: [TemplateParser.Token]

    init(_ tokens: [TemplateParser.Token]) { self.tokens = tokens }

    struct Context {
        var stack: [TemplateValue]
        var indentation: String?
        var inherited: [String: TypedTemplate]?
        let library: [String: TypedTemplate]
    }

    func render(_ context: Context) -> String {
        // A page's layout is some kilobytes around its content: room for it at once, instead of
        // the string growing (and being copied) a dozen times.
        var out = ""
        out.reserveCapacity(16 << 10)
        render(context, into: &out)
        return out
    }

    func render(_ context: Context, into out: inout String) {
        if let indentation = context.indentation, !indentation.isEmpty {
            for token in tokens {
                var piece = ""
                render(token, context, into: &piece)
                if !piece.isEmpty && out.last == "\n" { out += indentation }
                out += piece
            }
        } else {
            for token in tokens { render(token, context, into: &out) }
        }
    }

    private func render(_ token: TemplateParser.Token, _ context: Context, into out: inout String) {
        switch token {
        case .text(let text):
            out += text
        case .variable(let name):
            if let value = Self.lookup(name, context.stack) { Self.appendEscaped(value, to: &out) }
        case .unescaped(let name):
            if let value = Self.lookup(name, context.stack) { Self.append(value, to: &out) }
        case .section(let name, let template):
            switch Self.lookup(name, context.stack) {
            case .list(let items)?:
                guard !items.isEmpty else { break }
                var inner = context
                inner.stack.append(items[0])
                let top = inner.stack.count - 1
                for item in items {
                    inner.stack[top] = item
                    template.render(inner, into: &out)
                }
            case .bool(let yes)?:
                if yes { template.render(context, into: &out) }
            case let value?:
                var inner = context
                inner.stack.append(value)
                template.render(inner, into: &out)
            case nil:
                break
            }
        case .inverted(let name, let template):
            switch Self.lookup(name, context.stack) {
            case .list(let items)?:
                if items.isEmpty {
                    var inner = context
                    inner.stack.append(.list(items))
                    template.render(inner, into: &out)
                }
            case .bool(let yes)?:
                if !yes { template.render(context, into: &out) }
            case .some:
                break
            case nil:
                template.render(context, into: &out)
            }
        case .partial(let name, let indentation, let inherits):
            guard let template = context.library[name] else { return }
            var inner = context
            if let indentation { inner.indentation = (context.indentation ?? "") + indentation }
            if let inherits {
                inner.inherited = context.inherited.map { $0.merging(inherits) { outer, _ in outer } } ?? inherits
            }
            template.render(inner, into: &out)
        case .blockExpansion(let name, let fallback, let indentation):
            var inner = context
            if let indentation { inner.indentation = (context.indentation ?? "") + indentation }
            (context.inherited?[name] ?? fallback).render(inner, into: &out)
        case .blockDefinition:
            break
        }
    }

    /// Looks a name up the stack, innermost first; the rest of a dotted name from what it found.
    static func lookup(_ name: TemplateParser.Name, _ stack: [TemplateValue]) -> TemplateValue? {
        if name.current { return stack.last }
        guard let first = name.parts.first else { return nil }
        var found: TemplateValue?
        if name.anchored {
            found = stack.last?.child(first)
        } else {
            for value in stack.reversed() {
                if let child = value.child(first) { found = child; break }
            }
        }
        for part in name.parts.dropFirst() {
            guard let value = found else { return nil }
            found = value.child(part)
        }
        return found
    }

    static func append(_ value: TemplateValue, to out: inout String) {
        switch value {
        case .string(let s): out += s
        case .bool(let b): out += b ? "true" : "false"
        case .list, .object: break
        }
    }

    /// swift-mustache's escaping (`&`, `<`, `>`, `"`, `'`), through the one the rest of the site
    /// uses, which also drops the control characters HTML forbids.
    static func appendEscaped(_ value: TemplateValue, to out: inout String) {
        guard case .string(let s) = value else { append(value, to: &out); return }
        out += HTMLEscaping.escape(s)
    }

}
