/// Answer scales whose order is known, so a text export's labels get codes in that order:
/// 非常不同意 … 非常同意, Strongly disagree … Strongly agree, and their kin.
enum Scales {
    static let known: [[String]] = [
        ["非常不同意", "不同意", "一般", "同意", "非常同意"],
        ["非常不同意", "比较不同意", "一般", "比较同意", "非常同意"],
        ["完全不同意", "不太同意", "一般", "比较同意", "完全同意"],
        ["非常不同意", "不同意", "中立", "同意", "非常同意"],
        ["非常不满意", "不满意", "一般", "满意", "非常满意"],
        ["非常不满意", "比较不满意", "一般", "比较满意", "非常满意"],
        ["非常不重要", "不重要", "一般", "重要", "非常重要"],
        ["完全不了解", "不太了解", "一般", "比较了解", "非常了解"],
        ["从不", "很少", "有时", "经常", "总是"],
        ["非常不愿意", "不愿意", "一般", "愿意", "非常愿意"],
        ["完全没有兴趣", "兴趣不大", "一般", "比较有兴趣", "非常有兴趣"],
        ["Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree", "Strongly agree"],
        ["Strongly disagree", "Disagree", "Neutral", "Agree", "Strongly agree"],
        ["Strongly disagree", "Somewhat disagree", "Neither agree nor disagree", "Somewhat agree", "Strongly agree"],
        ["Very dissatisfied", "Dissatisfied", "Neutral", "Satisfied", "Very satisfied"],
        ["Very dissatisfied", "Somewhat dissatisfied", "Neither satisfied nor dissatisfied", "Somewhat satisfied", "Very satisfied"],
        ["Not at all important", "Slightly important", "Moderately important", "Very important", "Extremely important"],
        ["Not at all", "Slightly", "Moderately", "Very", "Extremely"],
        ["Never", "Rarely", "Sometimes", "Often", "Always"],
        ["Very unlikely", "Unlikely", "Neutral", "Likely", "Very likely"],
        ["Very poor", "Poor", "Fair", "Good", "Excellent"],
        ["Poor", "Fair", "Good", "Very good", "Excellent"],
    ]

    /// The known scale every label belongs to (case and spaces aside), with each label's place.
    static func order(of labels: [String]) -> [String]? {
        let wanted = Set(labels.map(normal))
        guard wanted.count >= 2 else { return nil }
        for scale in known {
            let normals = scale.map(normal)
            if wanted.isSubset(of: Set(normals)) {
                return labels.sorted { normals.firstIndex(of: normal($0))! < normals.firstIndex(of: normal($1))! }
            }
        }
        return nil
    }

    /// Labels are an ordered scale a reader would chart as agreement: a known scale of at least
    /// four points present, or SPSS labels marked ordinal.
    static func isLikert(_ labels: [String]) -> Bool {
        guard labels.count >= 4 else { return false }
        return order(of: labels) != nil
    }

    static func normal(_ label: String) -> String {
        label.lowercased().filter { !$0.isWhitespace }
    }
}
