import Concurrency
import Dispatch
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Diagnostics

/// Reads `responses.csv` against a codebook into a validated, columnar `Survey`, reporting every
/// bad cell (up to the cap) at its line and column.
public enum SurveyReader {
    public struct Result: Sendable {
        public var survey: Survey
        public var warnings: [Diagnostic]
    }

    public static func read(csv: [UInt8], source: String, codebook: Codebook) throws(DiagnosticsError) -> Result {
        var outcome: Swift.Result<Result, DiagnosticsError>!
        csv.withUnsafeBufferPointer { buffer in
            do throws(DiagnosticsError) {
                outcome = .success(try read(bytes: buffer, source: source, codebook: codebook))
            } catch {
                outcome = .failure(error)
            }
        }
        return try outcome.get()
    }

    /// Reads `bytes`. `consumed`, when given, is told which bytes the reader is done with, so a
    /// caller that mapped the file can let the kernel drop those pages.
    public static func read(bytes: UnsafeBufferPointer<UInt8>, source: String, codebook: Codebook,
                            consumed: ((Range<Int>) -> Void)? = nil) throws(DiagnosticsError) -> Result {
        try read(bytes: bytes, source: source, codebook: codebook, consumed: consumed, parallelFrom: 1 << 23)
    }

    /// - Parameters:
    ///   - parallelFrom: files with at least this many bytes of rows are read in two halves.
    ///   - fastPath: false reads every row the careful way (tests compare the two).
    static func read(bytes: UnsafeBufferPointer<UInt8>, source: String, codebook: Codebook,
                     consumed: ((Range<Int>) -> Void)?, parallelFrom: Int, fastPath: Bool = true) throws(DiagnosticsError) -> Result {
        let lead = ReaderBox(RowReader(bytes: bytes, source: source, codebook: codebook))
        lead.reader.fastPath = fastPath
        lead.reader.consumed = consumed
        guard lead.reader.readHeaderRecord() else { throw lead.reader.failure }
        let start = lead.reader.dataStart, line = lead.reader.dataStartLine, n = bytes.count
        if let split = parallelSplit(bytes, from: start, minimum: parallelFrom),
           case let firstLineEnds = RowReader.countLineEnds(bytes, start..<split, consumed: consumed),
           lead.reader.prepareToShare(rows: firstLineEnds + RowReader.rowBound(bytes: n - split, questions: codebook.questions.count)) {
            // Two halves on two cores. The halves meet at a line end; if a quoted cell spans it,
            // the first half runs past it and the file is read again in one piece.
            // Both halves write into one store: the second from the first half's line count (an
            // upper bound on the first half's rows), so nothing is copied when they meet.
            let secondLine = line + firstLineEnds
            let second = ReaderBox(RowReader(bytes: bytes, source: source, codebook: codebook,
                                             sharing: lead.reader.store, rowBase: firstLineEnds))
            second.reader.adoptHeader(from: lead.reader, validatedFrom: split)
            second.reader.consumed = consumed
            second.reader.fastPath = fastPath
            lead.reader.deferIDs = true
            second.reader.deferIDs = true
            let ends = Parallel.map(2) { half in
                half == 0 ? lead.reader.readRows(from: start, line: line, to: split)
                    : second.reader.readRows(from: split, line: secondLine, to: n)
            }
            if ends[0] == split {
                lead.reader.absorb(second.reader)
                try lead.reader.finish()
                return Result(survey: lead.reader.makeSurvey(joining: second.reader), warnings: lead.reader.unusedOptionWarnings())
            }
            let again = ReaderBox(RowReader(bytes: bytes, source: source, codebook: codebook))
            again.reader.consumed = consumed
            again.reader.fastPath = fastPath
            guard again.reader.readHeaderRecord() else { throw again.reader.failure }
            _ = again.reader.readRows(from: start, line: line, to: n)
            try again.reader.finish()
            return Result(survey: again.reader.makeSurvey(), warnings: again.reader.unusedOptionWarnings())
        }
        _ = lead.reader.readRows(from: start, line: line, to: n)
        try lead.reader.finish()
        return Result(survey: lead.reader.makeSurvey(), warnings: lead.reader.unusedOptionWarnings())
    }

    /// Where to split a file for two cores: at the line end nearest the middle, for files large
    /// enough to be worth it on a machine with two or more cores.
    static func parallelSplit(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, minimum: Int) -> Int? {
        guard bytes.count - start >= minimum, Workers.count > 1 else { return nil }
        var split = start + (bytes.count - start) / 2
        while split < bytes.count && bytes[split] != 0x0A { split += 1 }
        split += 1
        return split < bytes.count ? split : nil
    }
}

/// A reader that two tasks may work on at once (each on its own box).
final class ReaderBox: @unchecked Sendable {
    var reader: RowReader
    init(_ reader: consuming RowReader) { self.reader = reader }
}


/// What a CSV column holds, as plain numbers for the hot loop.
enum ColumnRole: UInt8 {
    case categorical, multi, numeric, text, id, weight, ignored
}

/// A code map's storage, copied out of its class so the hot loop does no reference counting.
struct MapView {
    let keys: UnsafeMutablePointer<UInt64>
    let values: UnsafeMutablePointer<Int16>
    let mask: Int
    let map: Unmanaged<CodeMap>
    let hasLongCodes: Bool
    let oneByte: UnsafeMutablePointer<Int16>
    let twoBytes: UnsafeMutablePointer<Int16>?

    init(_ map: CodeMap) {
        oneByte = map.oneByte
        twoBytes = map.twoBytes
        keys = map.keys
        values = map.values
        mask = map.mask
        self.map = Unmanaged.passUnretained(map)
        hasLongCodes = map.hasLongCodes
    }

    @inline(__always)
    func lookup(_ bytes: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Int16 {
        let length = end &- start
        if length == 1 { return oneByte[Int(bytes[start])] }
        if length == 2 {
            guard let twoBytes else { return CodeMap.unknown }
            return twoBytes[Int(bytes[start]) << 8 | Int(bytes[start &+ 1])]
        }
        guard let key = CodeMap.pack(bytes, start, end) else {
            return hasLongCodes ? map.takeUnretainedValue().lookup(bytes, start, end) : CodeMap.unknown
        }
        var slot = CodeMap.slot(key, mask)
        while true {
            let k = keys[slot]
            if k == key { return values[slot] }
            if k == 0 { return CodeMap.unknown }
            slot = (slot + 1) & mask
        }
    }
}

/// One `asked_if` condition compiled to option bits of the controlling question: bit i of word
/// i / 64 is set when option i asks the question (a single question may have hundreds of options).
struct CompiledCondition {
    var target: Int
    var targetIsMulti: Bool
    var words: [UInt64]
}
