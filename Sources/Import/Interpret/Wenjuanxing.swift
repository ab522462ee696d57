import Foundation

/// Exports of Wenjuanxing (问卷星, xlsx or csv, "按序号" codes or "按文本" labels): the platform's
/// own columns, and question headers `1、您的性别：` (→ `q1`) and `4、(在线问诊)` or `4(在线问诊)`
/// (one option of multi-select question 4, or one row of matrix question 4).
enum Wenjuanxing {
    enum Role: Equatable {
        case id, duration, submitted, channel, channelDetail, ipAddress
    }

    static let platformColumns: [String: Role] = [
        "序号": .id, "答卷编号": .id, "编号": .id,
        "所用时间": .duration, "答题时间": .duration,
        "提交答卷时间": .submitted, "开始时间": .submitted, "结束时间": .submitted,
        "来源": .channel, "来源详情": .channelDetail, "来自IP": .ipAddress, "来自ip": .ipAddress, "IP": .ipAddress,
    ]

    /// What a header says: a platform column, a question, or one part of a question.
    enum Header: Equatable {
        case platform(Role)
        case question(number: Int, text: String)
        case part(number: Int, text: String)
    }

    static func header(_ raw: String) -> Header? {
        let text = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        if let role = platformColumns[text] { return .platform(role) }
        let scalars = Array(text)
        var i = 0
        while i < scalars.count, scalars[i].isASCII, scalars[i].isNumber { i += 1 }
        guard i > 0, i < scalars.count, let number = Int(String(scalars[..<i])) else { return nil }
        var rest = scalars[i...]
        if let first = rest.first, "、.．".contains(first) { rest = rest.dropFirst() }
        let body = String(rest).trimmingCharacters(in: .whitespaces)
        if let open = body.first, open == "(" || open == "（", let close = body.last, close == ")" || close == "）" {
            let inner = String(body.dropFirst().dropLast()).trimmingCharacters(in: .whitespaces)
            return .part(number: number, text: inner)
        }
        // A bare number with nothing after it is no question header.
        guard !body.isEmpty else { return nil }
        // `1、…` needs its separator; `1(…)` is handled above.
        guard let separator = scalars[i...].first, "、.．".contains(separator) else { return nil }
        return .question(number: number, text: body.trimmingCharacters(in: CharacterSet(charactersIn: "：: ")))
    }

    /// True when enough headers are Wenjuanxing's: its id column and at least two question headers.
    static func recognises(_ table: SourceTable) -> Bool {
        let headers = table.variables.map { header($0.label ?? $0.name) }
        let hasPlatform = headers.contains { if case .platform(.id)? = $0 { return true } else { return false } }
        let questions = headers.filter { if case .platform? = $0 { return false } else { return $0 != nil } }.count
        return hasPlatform && questions >= 2
    }

    /// Seconds from `125秒`, `2分5秒`, `1小时2分` or a plain number.
    static func seconds(_ raw: String) -> Double? {
        let text = raw.trimmingCharacters(in: .whitespaces)
        if text.isEmpty { return nil }
        if let x = ValueCoding.number(text) { return x }
        var total = 0.0
        var digits = ""
        var matched = false
        for c in text {
            if c.isASCII, c.isNumber || c == "." { digits.append(c); continue }
            guard let value = Double(digits) else { return nil }
            switch c {
            case "秒": total += value
            case "分": total += value * 60
            case "时": total += value * 3600
            case "小": continue
            default: return nil
            }
            matched = true
            digits = ""
        }
        return matched && digits.isEmpty ? total : nil
    }

    /// Wenjuanxing's codes for an answer it did not collect: `-3` (skipped by the logic, 跳过)
    /// and `-2` (not shown), and their text-export forms.
    static let skippedCodes = ["-3", "-2"]
    static let skippedLabels = ["(跳过)": "-3", "(空)": "-2", "（跳过）": "-3", "（空）": "-2"]

    /// The table with Wenjuanxing's headers read: questions named `qN`, parts `qN_K` with their
    /// option or row text as label and the question's number as a multiple-response set when they
    /// are dichotomies; the platform's columns given their roles.
    static func interpret(_ table: SourceTable) -> (table: SourceTable, roles: [String: Role], notes: [String]) {
        var out = table
        var roles: [String: Role] = [:]
        var notes: [String] = []
        var partsByQuestion: [Int: [Int]] = [:]
        var questionOrder: [Int] = []
        var questionText = table.questionTexts
        for (index, variable) in table.variables.enumerated() {
            switch header(variable.label ?? variable.name) {
            case .platform(let role)?:
                let name: String
                switch role {
                case .id: name = "respondent_id"
                case .duration: name = "duration_seconds"
                case .submitted: name = "submitted_at"
                case .channel: name = "channel"
                case .channelDetail: name = "channel_detail"
                case .ipAddress: name = "ip_address"
                }
                roles[name] = role
                out.variables[index].name = name
            case .question(let number, let text)?:
                out.variables[index].name = "q\(number)"
                out.variables[index].label = text
                questionText[number] = text
            case .part(let number, let text)?:
                if partsByQuestion[number] == nil { questionOrder.append(number) }
                partsByQuestion[number, default: []].append(index)
                out.variables[index].name = "q\(number)_\(partsByQuestion[number]!.count)"
                out.variables[index].label = text
            case nil:
                break
            }
        }
        for number in questionOrder {
            let members = partsByQuestion[number]!
            let variables = members.map { out.variables[$0] }
            if members.count >= 2, MultiGroups.sharedDichotomy(variables) != nil {
                out.responseSets.append(ResponseSet(name: "q\(number)", label: questionText[number] ?? "Question \(number)",
                                                    variables: variables.map(\.name), kind: .dichotomies(countedValue: .number(1))))
                notes.append("question \(number): \(members.count) option columns merged into one multi-select question")
            } else {
                for k in members {
                    let row = out.variables[k].label ?? ""
                    out.variables[k].label = "Question \(number): \(row)"
                }
            }
        }
        return (out, roles, notes)
    }
}
