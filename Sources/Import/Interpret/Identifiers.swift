import Foundation
import Privacy

/// Variables that look like direct identifiers of a respondent: names, telephone numbers,
/// resident identity numbers, e-mail and IP addresses, by their name or label, or by what their
/// text holds. They are left out of responses.csv unless `--keep` names them.
enum Identifiers {
    /// Why `variable` looks like an identifier, or nil.
    static func reason(_ variable: SourceVariable) -> String? {
        let words = [variable.name, variable.label ?? ""].map { $0.lowercased() }
        let byName: [(String, [String])] = [
            ("an IP address", ["ip", "ip_address", "ipaddress", "来自ip", "ip地址", "ip address"]),
            ("a name", ["name", "姓名", "full_name", "fullname", "first_name", "last_name", "surname", "respondent_name", "名字"]),
            ("a telephone number", ["phone", "telephone", "mobile", "tel", "cellphone", "手机", "手机号", "手机号码", "电话", "联系电话", "联系方式"]),
            ("a resident identity number", ["身份证", "身份证号", "身份证号码", "id_card", "idcard", "national_id", "ssn"]),
            ("an e-mail address", ["email", "e-mail", "e_mail", "mail", "邮箱", "电子邮箱", "电子邮件"]),
            ("a postal address", ["address", "住址", "家庭住址", "地址", "联系地址"]),
        ]
        for (what, names) in byName {
            // Chinese names also count inside a short label ("您的手机号码：").
            let chinese = names.filter { $0.unicodeScalars.contains { $0.value > 0x2E80 } }
            for word in words where !word.isEmpty {
                let bare = word.trimmingCharacters(in: CharacterSet(charactersIn: " :：?？"))
                if names.contains(bare) || bare.count <= 12 && chinese.contains(where: { bare.contains($0) }) {
                    return "its name says it holds \(what)"
                }
            }
        }
        guard case .strings(let values) = variable.values else { return nil }
        var checked = 0
        var hits: [String: Int] = [:]
        for raw in values {
            let text = raw.trimmingCharacters(in: .whitespaces)
            if text.isEmpty { continue }
            checked += 1
            if let kind = kind(of: text) { hits[kind, default: 0] += 1 }
            if checked >= 2000 { break }
        }
        guard checked > 0 else { return nil }
        if let (kind, count) = hits.max(by: { $0.value < $1.value }), count * 5 >= checked || count >= 5 {
            return "\(count) of the first \(checked) answers look like \(kind)"
        }
        return nil
    }

    /// The kind of identifier a text holds, as the published quotes' redaction finds them.
    static func kind(of text: String) -> String? {
        Redaction.identifierKind(in: text)
    }
}
