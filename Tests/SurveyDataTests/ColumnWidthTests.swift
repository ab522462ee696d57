import Diagnostics
import Testing
@testable import SurveyData

/// Columns are stored in as few bytes as their options need; every reader path must give back
/// exactly the codes and masks (sentinels included) a full-width column would.
@Suite("Narrow column storage")
struct ColumnWidthTests {
    /// A question's options coded 1...n.
    static func options(_ n: Int) -> String {
        "{" + (1...n).map { "\($0): o\($0)" }.joined(separator: ", ") + "}"
    }

    static let codebook = """
        survey: {missing: ["-99"]}
        questions:
          - {id: few, type: single, options: \(options(3))}
          - {id: many, type: single, options: \(options(200))}
          - {id: m7, type: multi, options: \(options(7))}
          - {id: m8, type: multi, options: \(options(8))}
          - {id: m20, type: multi, options: \(options(20))}
          - {id: m40, type: multi, options: \(options(40))}
          - {id: follow, type: single, asked_if: {m7: [7]}, options: \(options(2))}
          - {id: deep, type: multi, asked_if: {many: [200]}, options: \(options(3))}
        """

    /// Rows with every kind of cell: the largest code and the fullest mask of each width, empty
    /// and missing cells, and skip logic keyed on the last option of a narrow column.
    static func rows(_ count: Int) -> (csv: String, codes: [[Int16]], masks: [[UInt64]]) {
        var generator = SystemRandomNumberGenerator()
        var csv = "respondent_id,few,many,m7,m8,m20,m40,follow,deep\n"
        var codes: [[Int16]] = [[], [], []], masks: [[UInt64]] = [[], [], [], [], []]
        func multiCell(_ n: Int, _ r: Int) -> (String, UInt64) {
            switch r % 5 {
            case 0: return ("", Column.missingMask)
            case 1: return ("-99", Column.missingMask)
            case 2: return ((1...n).map(String.init).joined(separator: ";"), n == 64 ? .max : (1 << UInt64(n)) - 1)
            default:
                let picks = (1...n).filter { _ in Bool.random(using: &generator) }
                let chosen = picks.isEmpty ? [n] : picks
                return (chosen.map(String.init).joined(separator: ";"), chosen.reduce(0) { $0 | 1 << UInt64($1 - 1) })
            }
        }
        for r in 0..<count {
            let few = r % 4 == 3 ? "" : String(r % 3 + 1)
            let many = r % 7 == 0 ? "200" : r % 7 == 1 ? "-99" : String(r % 200 + 1)
            let (m7, mask7) = multiCell(7, r)
            let (m8, mask8) = multiCell(8, r + 1)
            let (m20, mask20) = multiCell(20, r + 2)
            let (m40, mask40) = multiCell(40, r + 3)
            let followAsked = mask7 < Column.notAskedMask && mask7 & (1 << 6) != 0
            let deepAsked = many == "200"
            let follow = followAsked ? String(r % 2 + 1) : ""
            let deep = deepAsked ? "1;3" : ""
            csv += "r\(r),\(few),\(many),\(m7),\(m8),\(m20),\(m40),\(follow),\(deep)\n"
            codes[0].append(few.isEmpty ? Column.missingCode : Int16(few)! - 1)
            codes[1].append(many == "-99" ? Column.missingCode : Int16(many)! - 1)
            codes[2].append(followAsked ? Int16(follow)! - 1 : Column.notAskedCode)
            masks[0].append(mask7)
            masks[1].append(mask8)
            masks[2].append(mask20)
            masks[3].append(mask40)
            masks[4].append(deepAsked ? 0b101 : Column.notAskedMask)
        }
        return (csv, codes, masks)
    }

    func read(_ csv: String, parallelFrom: Int, fast: Bool) throws -> Survey {
        let book = try CodebookLoader.load(text: Self.codebook, source: "c.yaml")
        return try Array(csv.utf8).withUnsafeBufferPointer { buffer in
            try SurveyReader.read(bytes: buffer, source: "r.csv", codebook: book, consumed: nil,
                                  parallelFrom: parallelFrom, fastPath: fast).survey
        }
    }

    @Test("Each column takes the fewest bytes its options allow")
    func widths() throws {
        let survey = try read(Self.rows(20).csv, parallelFrom: .max, fast: true)
        let widths = survey.columns.map { column -> Int in
            switch column {
            case .categorical(let c): c.storedWidth
            case .multi(let m): m.storedWidth
            default: 0
            }
        }
        #expect(widths == [1, 2, 1, 2, 4, 8, 1, 1])
    }

    @Test("Codes, masks and sentinels read back exactly on every path",
          arguments: [(Int.max, true), (Int.max, false), (1, true), (1, false)])
    func values(parallelFrom: Int, fast: Bool) throws {
        let (csv, codes, masks) = Self.rows(600)
        let survey = try read(csv, parallelFrom: parallelFrom, fast: fast)
        #expect(survey.respondentCount == 600)
        for (k, q) in [0, 1, 6].enumerated() {
            guard case .categorical(let column) = survey.columns[q] else { Issue.record("column \(q)"); continue }
            #expect(Array(column) == codes[k], "question \(q)")
            #expect(column.withUnsafeBufferPointer { Array($0) } == codes[k], "question \(q), as one buffer")
        }
        for (k, q) in [2, 3, 4, 5, 7].enumerated() {
            guard case .multi(let column) = survey.columns[q] else { Issue.record("column \(q)"); continue }
            #expect(Array(column) == masks[k], "question \(q)")
            #expect(column.withUnsafeBufferPointer { Array($0) } == masks[k], "question \(q), as one buffer")
        }
    }

    @Test("A narrow mask's two largest values are the sentinels; every other value is itself")
    func maskWidening() {
        for width in [1, 2, 4] {
            let top = UInt64.max >> UInt64(64 - 8 * width)
            #expect(MaskWidth.widen(top, width: width) == Column.missingMask)
            #expect(MaskWidth.widen(top - 1, width: width) == Column.notAskedMask)
            #expect(MaskWidth.widen(top - 2, width: width) == top - 2)
            #expect(MaskWidth.widen(top >> 1, width: width) == top >> 1)
            // The most options a width holds, all chosen, stays a plain mask.
            let options = 8 * width - 1
            #expect(MaskWidth.bytes(forOptions: options) == width)
            #expect(MaskWidth.bytes(forOptions: options + 1) == width * 2)
        }
        #expect(CodeWidth.bytes(forOptions: 127) == 1)
        #expect(CodeWidth.bytes(forOptions: 128) == 2)
    }

    @Test("Line ends are counted exactly at every length and alignment")
    func lineEnds() {
        var generator = SystemRandomNumberGenerator()
        // Long runs of line ends too: a byte counter per lane must not overflow.
        let bytes: [UInt8] = (0..<20_000).map { i in
            i > 12_000 && i < 17_000 ? 0x0A : [0x0A, 0x2C, 0x31, 0x0D, 0x8A][Int.random(in: 0..<5, using: &generator)]
        }
        bytes.withUnsafeBufferPointer { all in
            for (start, end) in [(0, 0), (0, 15), (1, 17), (3, 300), (7, 4_111), (0, 20_000), (5, 19_999), (11_999, 17_001)] {
                let slice = UnsafeBufferPointer(rebasing: all[start..<end])
                #expect(RowReader.countLineEnds(slice) == slice.count { $0 == 0x0A }, "\(start)..<\(end)")
            }
            var released: [Range<Int>] = []
            #expect(RowReader.countLineEnds(all, 0..<20_000) { released.append($0) } == all.count { $0 == 0x0A })
            #expect(released.first?.lowerBound == 0 && released.last?.upperBound == 20_000)
        }
    }
}
