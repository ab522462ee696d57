import CReadStat
import Foundation

/// SPSS (.sav, .zsav, .por), Stata (.dta) and SAS (.sas7bdat, .xpt) files, read by ReadStat:
/// variables with their labels, value labels, declared missing values and measurement levels,
/// the file label and weight, and every value.
enum ReadStatReader {
    /// Reads `path` as `format`. `encoding` overrides the file's own (SPSS) or the default (Stata
    /// before version 118 and SAS files carry none).
    static func read(path: String, displayPath: String, format: SourceFormat, encoding: String?) throws(ImportError) -> SourceTable {
        var inputEncoding = encoding
        var dictionary: SAVDictionary?
        if format == .sav || format == .zsav {
            dictionary = SAVDictionary(path: path)
            if inputEncoding == nil { inputEncoding = dictionary?.iconvEncoding }
        }
        let context = ReadContext()
        guard let parser = readstat_parser_init() else { throw ImportError(displayPath, "out of memory") }
        defer { readstat_parser_free(parser) }
        readstat_set_metadata_handler(parser, { metadata, ctx in
            let context = Unmanaged<ReadContext>.fromOpaque(ctx!).takeUnretainedValue()
            context.rowCount = Int(readstat_get_row_count(metadata))
            context.fileLabel = readstat_get_file_label(metadata).map { String(cString: $0) }
            context.fileEncoding = readstat_get_file_encoding(metadata).map { String(cString: $0) }
            return Int32(READSTAT_HANDLER_OK)
        })
        readstat_set_variable_handler(parser, { index, variable, labelSet, ctx in
            let context = Unmanaged<ReadContext>.fromOpaque(ctx!).takeUnretainedValue()
            context.addVariable(index: Int(index), variable!, labelSet: labelSet.map { String(cString: $0) })
            return Int32(READSTAT_HANDLER_OK)
        })
        readstat_set_value_handler(parser, { row, variable, value, ctx in
            let context = Unmanaged<ReadContext>.fromOpaque(ctx!).takeUnretainedValue()
            context.add(row: Int(row), variable: Int(readstat_variable_get_index(variable)), value: value)
            return Int32(READSTAT_HANDLER_OK)
        })
        readstat_set_value_label_handler(parser, { labelSet, value, label, ctx in
            let context = Unmanaged<ReadContext>.fromOpaque(ctx!).takeUnretainedValue()
            context.addLabel(set: String(cString: labelSet!), value: value, label: String(cString: label!))
            return Int32(READSTAT_HANDLER_OK)
        })
        readstat_set_fweight_handler(parser, { variable, ctx in
            let context = Unmanaged<ReadContext>.fromOpaque(ctx!).takeUnretainedValue()
            context.weightVariable = String(cString: readstat_variable_get_name(variable))
            return Int32(READSTAT_HANDLER_OK)
        })
        readstat_set_error_handler(parser, { message, ctx in
            let context = Unmanaged<ReadContext>.fromOpaque(ctx!).takeUnretainedValue()
            if let message { context.messages.append(String(cString: message).trimmingCharacters(in: .whitespacesAndNewlines)) }
        })
        if let inputEncoding { readstat_set_file_character_encoding(parser, inputEncoding) }
        let ctx = Unmanaged.passUnretained(context).toOpaque()
        let status: readstat_error_t
        switch format {
        case .sav, .zsav: status = readstat_parse_sav(parser, path, ctx)
        case .por: status = readstat_parse_por(parser, path, ctx)
        case .dta: status = readstat_parse_dta(parser, path, ctx)
        case .sas7bdat: status = readstat_parse_sas7bdat(parser, path, ctx)
        case .xpt: status = readstat_parse_xport(parser, path, ctx)
        default: throw ImportError(displayPath, "\(format.rawValue) is not a statistical package's format")
        }
        guard status == READSTAT_OK else {
            var message = String(cString: readstat_error_message(status))
            if let detail = context.messages.first { message += ": " + detail }
            if status == READSTAT_ERROR_CONVERT_BAD_STRING || status == READSTAT_ERROR_UNSUPPORTED_CHARSET || status == READSTAT_ERROR_CONVERT {
                throw ImportError(displayPath, "cannot read the file's text (\(message))",
                                  hint: "name its encoding with --encoding gb18030 (GBK and GB2312 files), or --encoding utf-8")
            }
            throw ImportError(displayPath, "cannot read the file: \(message)",
                              hint: "is it a complete \(format.rawValue) file? A truncated or damaged file cannot be read")
        }
        return try context.table(path: displayPath, format: format, dictionary: dictionary, encoding: inputEncoding)
    }
}

/// What ReadStat's callbacks deliver, gathered.
private final class ReadContext {
    var rowCount = -1
    var fileLabel: String?
    var fileEncoding: String?
    var weightVariable: String?
    var messages: [String] = []
    var variables: [SourceVariable] = []
    var labelSets: [String?] = []
    var labels: [String: [ValueLabel]] = [:]
    /// Labels of Stata's and SAS's extended missing values, by set: `.a` → "refused".
    var missingLabels: [String: [Character: String]] = [:]
    var numbers: [[Double]] = []
    var tags: [[Int: Character]] = []
    var strings: [[String]] = []
    var isString: [Bool] = []

    func addVariable(index: Int, _ variable: UnsafeMutablePointer<readstat_variable_t>, labelSet: String?) {
        let name = String(cString: readstat_variable_get_name(variable))
        let label = readstat_variable_get_label(variable).map { String(cString: $0) }.flatMap { $0.isEmpty ? nil : $0 }
        let measure: SourceVariable.Measure
        switch readstat_variable_get_measure(variable) {
        case READSTAT_MEASURE_NOMINAL: measure = .nominal
        case READSTAT_MEASURE_ORDINAL: measure = .ordinal
        case READSTAT_MEASURE_SCALE: measure = .scale
        default: measure = .unknown
        }
        let string = readstat_variable_get_type_class(variable) == READSTAT_TYPE_CLASS_STRING
        var source = SourceVariable(name: name, label: label, measure: measure,
                                    values: string ? .strings([]) : .numbers([], tags: [:]))
        for i in 0..<readstat_variable_get_missing_ranges_count(variable) {
            let lo = readstat_variable_get_missing_range_lo(variable, i)
            let hi = readstat_variable_get_missing_range_hi(variable, i)
            guard readstat_value_type_class(lo) == READSTAT_TYPE_CLASS_NUMERIC else { continue }
            let (a, b) = (Self.number(lo), Self.number(hi))
            if a == b { source.missingValues.append(a) } else if a <= b { source.missingRanges.append(a...b) }
        }
        while variables.count <= index {
            variables.append(SourceVariable(name: "", label: nil, values: .strings([])))
            labelSets.append(nil)
            numbers.append([])
            tags.append([:])
            strings.append([])
            isString.append(false)
        }
        variables[index] = source
        labelSets[index] = labelSet
        isString[index] = string
        if rowCount > 0 {
            if string { strings[index].reserveCapacity(rowCount) } else { numbers[index].reserveCapacity(rowCount) }
        }
    }

    func add(row: Int, variable index: Int, value: readstat_value_t) {
        if isString[index] {
            let text = readstat_string_value(value).map { String(cString: $0) } ?? ""
            strings[index].append(text)
            return
        }
        if readstat_value_is_tagged_missing(value) != 0 {
            tags[index][numbers[index].count] = Character(Unicode.Scalar(UInt8(bitPattern: readstat_value_tag(value))))
            numbers[index].append(.nan)
        } else if readstat_value_is_system_missing(value) != 0 {
            numbers[index].append(.nan)
        } else {
            numbers[index].append(Self.number(value))
        }
    }

    func addLabel(set: String, value: readstat_value_t, label: String) {
        if readstat_value_is_tagged_missing(value) != 0 {
            missingLabels[set, default: [:]][Character(Unicode.Scalar(UInt8(bitPattern: readstat_value_tag(value))))] = label
            return
        }
        let key: SourceValue = readstat_value_type_class(value) == READSTAT_TYPE_CLASS_STRING
            ? .text(readstat_string_value(value).map { String(cString: $0) } ?? "")
            : .number(Self.number(value))
        labels[set, default: []].append(ValueLabel(value: key, label: label))
    }

    static func number(_ value: readstat_value_t) -> Double {
        switch readstat_value_type(value) {
        case READSTAT_TYPE_INT8: return Double(readstat_int8_value(value))
        case READSTAT_TYPE_INT16: return Double(readstat_int16_value(value))
        case READSTAT_TYPE_INT32: return Double(readstat_int32_value(value))
        case READSTAT_TYPE_FLOAT: return Double(readstat_float_value(value))
        default: return readstat_double_value(value)
        }
    }

    func table(path: String, format: SourceFormat, dictionary: SAVDictionary?, encoding: String?) throws(ImportError) -> SourceTable {
        let rows = max(numbers.map(\.count).max() ?? 0, strings.map(\.count).max() ?? 0)
        var result: [SourceVariable] = []
        for (index, var variable) in variables.enumerated() where !variable.name.isEmpty {
            variable.values = isString[index] ? .strings(strings[index]) : .numbers(numbers[index], tags: tags[index])
            if let set = labelSets[index] {
                var seen: [SourceValue: String] = [:]
                for label in labels[set] ?? [] {
                    if let earlier = seen[label.value], earlier != label.label {
                        throw ImportError(path, "variable \(variable.name): the label set \(set) gives code \(label.value.text) two labels, \"\(earlier)\" and \"\(label.label)\"")
                    }
                    if seen[label.value] == nil { variable.valueLabels.append(label) }
                    seen[label.value] = label.label
                }
                variable.valueLabels.sort { $0.value < $1.value }
                variable.missingLabels = missingLabels[set] ?? [:]
            }
            guard variable.values.count == rows else {
                throw ImportError(path, "variable \(variable.name) has \(variable.values.count) values where the file has \(rows) rows",
                                  hint: "the file is damaged")
            }
            result.append(variable)
        }
        var table = SourceTable(path: path, format: format, variables: result, rowCount: rows)
        table.fileLabel = fileLabel.flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0.trimmingCharacters(in: .whitespaces) }
        table.weightVariable = weightVariable
        table.encoding = encoding
        if let dictionary {
            let byUpper = Dictionary(result.map { ($0.name.uppercased(), $0.name) }, uniquingKeysWith: { a, _ in a })
            for raw in dictionary.responseSets {
                let names = raw.variables.map { short in
                    dictionary.longNames[short.uppercased()] ?? byUpper[short.uppercased()] ?? short
                }
                let kind: ResponseSet.Kind
                if let counted = raw.countedValue {
                    let number = Double(counted.trimmingCharacters(in: .whitespaces))
                    kind = .dichotomies(countedValue: number.map(SourceValue.number) ?? .text(counted))
                } else {
                    kind = .categories
                }
                table.responseSets.append(ResponseSet(name: String(raw.name.drop { $0 == "$" }), label: raw.label, variables: names, kind: kind))
            }
        }
        return table
    }
}
