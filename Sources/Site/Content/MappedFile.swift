#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Diagnostics

/// A file mapped read-only into memory, so a large responses file is read without a copy; pages
/// already read can be handed back to the kernel, so memory does not grow with the file.
public final class MappedFile {
    public let count: Int
    private let pointer: UnsafeMutableRawPointer?

    /// Maps `path`; nil when it cannot be opened (the caller reports it).
    public init?(path: String) {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { return nil }
        count = Int(info.st_size)
        if count == 0 {
            pointer = nil
            return
        }
        guard let mapped = mmap(nil, count, PROT_READ, MAP_PRIVATE, fd, 0), mapped != MAP_FAILED else { return nil }
        pointer = mapped
        _ = madvise(mapped, count, MADV_SEQUENTIAL)
    }

    deinit {
        if let pointer { munmap(pointer, count) }
    }

    /// The bytes, valid while this object lives.
    public var bytes: UnsafeBufferPointer<UInt8> {
        guard let pointer else { return UnsafeBufferPointer(start: nil, count: 0) }
        return UnsafeBufferPointer(start: pointer.assumingMemoryBound(to: UInt8.self), count: count)
    }

    /// Lets the kernel drop the whole pages inside `range` from this process (they are read
    /// again from the page cache if needed, for example to quote a line in an error).
    public func release(_ range: Range<Int>) {
        guard let pointer else { return }
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let start = (range.lowerBound + page - 1) / page * page
        let end = min(range.upperBound, count) / page * page
        if end > start { _ = madvise(pointer + start, end - start, MADV_DONTNEED) }
    }
}
