import Foundation
@testable import Import
import Testing
import Yams

/// The small readers of what sources say: skip logic, Wenjuanxing headers and durations,
/// dichotomy names, identifiers, and the YAML the codebook is written in.
@Suite("Reading platforms' conventions")
struct InterpretationTests {
    @Test("REDCap and XLSForm skip logic: what asked_if can say, and what it cannot")
    func skipLogic() {
        func terms(_ logic: SkipLogic) -> String? {
            logic.terms.map { $0.map { "\($0.variable)=\($0.codes.joined(separator: "|"))" }.joined(separator: " & ") }
        }
        #expect(terms(.redcap("[a] = '1'")) == "a=1")
        #expect(terms(.redcap("[a]='1' or [a]=\"2\"")) == "a=1|2")
        #expect(terms(.redcap("[a] = '1' and ([b] = '2' or [b] = '3')")) == "a=1 & b=2|3")
        #expect(terms(.redcap("[cb(4)] = '1' OR [cb(5)] = '1'")) == "cb=4|5")
        #expect(terms(.redcap("[a] = '1' or [b] = '2'")) == nil)
        #expect(terms(.redcap("[a] > 5")) == nil)
        #expect(terms(.redcap("[cb(4)] = '0'")) == nil)
        #expect(terms(.redcap("[a] <> ''")) == nil)
        #expect(terms(.xlsform("${sector} = 'hospital' or ${sector} = 'institute'")) == "sector=hospital|institute")
        #expect(terms(.xlsform("selected(${b}, 'law') and ${a} = 'yes'")) == "b=law & a=yes")
        #expect(terms(.xlsform("${age} >= 18")) == nil)
        #expect(terms(.xlsform("not(selected(${b}, 'law'))")) == nil)
    }

    @Test("Wenjuanxing headers, platform columns and durations")
    func wenjuanxing() {
        #expect(Wenjuanxing.header("1、您的性别：") == .question(number: 1, text: "您的性别"))
        #expect(Wenjuanxing.header("12. Which tools?") == .question(number: 12, text: "Which tools?"))
        #expect(Wenjuanxing.header("4、(在线问诊)") == .part(number: 4, text: "在线问诊"))
        #expect(Wenjuanxing.header("4(在线问诊)") == .part(number: 4, text: "在线问诊"))
        #expect(Wenjuanxing.header("4（在线问诊）") == .part(number: 4, text: "在线问诊"))
        #expect(Wenjuanxing.header("序号") == .platform(.id))
        #expect(Wenjuanxing.header("来自IP") == .platform(.ipAddress))
        #expect(Wenjuanxing.header("2024") == nil)
        #expect(Wenjuanxing.header("Q1") == nil)
        #expect(Wenjuanxing.seconds("125秒") == 125)
        #expect(Wenjuanxing.seconds("2分5秒") == 125)
        #expect(Wenjuanxing.seconds("1小时2分") == 3720)
        #expect(Wenjuanxing.seconds("98") == 98)
        #expect(Wenjuanxing.seconds("很快") == nil)
    }

    @Test("Dichotomy names: Q5_1, Q5.2, Q5A; not Q5_text or AGE")
    func dichotomyNames() {
        #expect(MultiGroups.splitName("Q5_1")! == ("Q5", "1"))
        #expect(MultiGroups.splitName("Q5.2")! == ("Q5", "2"))
        #expect(MultiGroups.splitName("Q5A")! == ("Q5", "A"))
        #expect(MultiGroups.splitName("apps_12")! == ("apps", "12"))
        #expect(MultiGroups.splitName("Q5_text") == nil)
        #expect(MultiGroups.splitName("AGE") == nil)
        let (shared, rest) = MultiGroups.splitLabels(["Barriers - Privacy", "Barriers - Standards", "Barriers - Law"])
        #expect(shared == "Barriers")
        #expect(rest == ["Privacy", "Standards", "Law"])
        #expect(MultiGroups.splitLabels(["您使用哪些应用？(在线问诊)", "您使用哪些应用？(影像)"]).rest == ["在线问诊", "影像"])
    }

    @Test("Identifiers by name and by what the answers hold")
    func identifiers() {
        func variable(_ name: String, _ values: [String]) -> SourceVariable {
            SourceVariable(name: name, label: nil, values: .strings(values))
        }
        #expect(Identifiers.reason(variable("姓名", ["张三"])) != nil)
        #expect(Identifiers.reason(variable("Email", [""])) != nil)
        #expect(Identifiers.reason(variable("contact", ["13812345678", "13912345678"])) != nil)
        #expect(Identifiers.reason(variable("q9", ["110101199003071234", ""])) != nil)
        #expect(Identifiers.reason(variable("q9", ["a@b.org"])) != nil)
        #expect(Identifiers.reason(variable("comment", ["数据共享很难", "需要更多培训"])) == nil)
        #expect(Identifiers.reason(variable("years", ["12", "3"])) == nil)
    }

    @Test("Every text the codebook writer quotes reads back the same through YAML")
    func yamlScalars() throws {
        let texts = ["Yes", "no", "null", "~", "01", "1e5", "3.50", "a: b", "#tag", "- item", "它是“好”的", "line\nbreak", "tab\there",
                     "quote \" and \\ backslash", " leading", "trailing ", "[x]", "{y}", "&anchor", "*alias", "!tag", "%d", "@at", "`tick`",
                     "A plain label", "非常满意", "true", "0x1F", "e-mail", ".a", "-99"]
        for text in texts {
            let yaml = "key: " + CodebookWriter.scalar(text) + "\n"
            let node = try Yams.compose(yaml: yaml)
            #expect(node?["key"]?.string == text, "\(text) was written \(CodebookWriter.scalar(text))")
        }
    }
}
