import FuzzDriver
import Site

// A libFuzzer target, built by `make fuzz` with -sanitize=fuzzer,address. SwiftPM names an
// executable's entry point after its module, so that entry point hands over to libFuzzer's driver.

@_cdecl("fuzz_page_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    LibFuzzer.run(argc, argv, fuzzOneInput)
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    FuzzingEntryPoints.page(LibFuzzer.text(data, size))
    return 0
}
