/// Names a file the way the author would: relative to the working directory when it is below
/// it, otherwise absolute.
public enum DisplayPath {
    public static func name(_ absolutePath: String, relativeTo workingDirectory: String) -> String {
        let base = workingDirectory.hasSuffix("/") ? workingDirectory : workingDirectory + "/"
        if absolutePath.hasPrefix(base) { return String(absolutePath.dropFirst(base.count)) }
        return absolutePath
    }
}
