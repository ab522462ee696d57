/// Writing CSV cells (RFC 4180): quoting, and making a cell inert for spreadsheets.
public enum CSVFormat {
    /// The cell as a CSV field: quoted only when it holds a comma, quote, or line end.
    public static func field(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// A cell of a published download: control characters dropped, and a `'` before a cell a
    /// spreadsheet would run as a formula (one starting with `=`, `+`, `-`, `@`, a tab or a
    /// carriage return, as OWASP lists them), except a real number such as `-3.5` or `-2.1%`.
    public static func neutralised(_ cell: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in cell.unicodeScalars where !isDropped(scalar) { scalars.append(scalar) }
        let text = String(scalars)
        // A lone "-" (no value) is not a formula either.
        guard let first = text.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first), text != "-", !isNumber(text) else {
            return text
        }
        return "'" + text
    }

    /// C0 and C1 controls but tab, line feed and carriage return; bidirectional overrides and isolates.
    static func isDropped(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        if v == 0x09 || v == 0x0A || v == 0x0D { return false }
        return v < 0x20 || (0x7F...0x9F).contains(v) || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v)
    }

    /// `[+-]?(digits[.digits]|.digits)([eE][+-]?digits)?%?`
    static func isNumber(_ text: String) -> Bool {
        var bytes = Array(text.utf8)[...]
        if bytes.last == UInt8(ascii: "%") { bytes = bytes.dropLast() }
        if let f = bytes.first, f == UInt8(ascii: "+") || f == UInt8(ascii: "-") { bytes = bytes.dropFirst() }
        let isDigit = { (b: UInt8) in b >= 0x30 && b <= 0x39 }
        let mantissa = bytes.prefix { isDigit($0) || $0 == UInt8(ascii: ".") }
        let digits = mantissa.filter(isDigit).count
        guard digits > 0, mantissa.filter({ $0 == UInt8(ascii: ".") }).count <= 1 else { return false }
        bytes = bytes.dropFirst(mantissa.count)
        if bytes.isEmpty { return true }
        guard bytes.first == UInt8(ascii: "e") || bytes.first == UInt8(ascii: "E") else { return false }
        bytes = bytes.dropFirst()
        if let f = bytes.first, f == UInt8(ascii: "+") || f == UInt8(ascii: "-") { bytes = bytes.dropFirst() }
        return !bytes.isEmpty && bytes.allSatisfy(isDigit)
    }
}
