/// How a share's 95% interval is computed under a declared design (site.yaml `intervals:`).
public enum IntervalMethod: String, Sendable, CaseIterable {
    /// R's `svyciprop(method = "xlogit")`: a t interval on the logit scale with the domain's
    /// degrees of freedom. The default.
    case logit
    /// Korn and Graubard's, R's `svyciprop(method = "beta")`: Clopper–Pearson on the effective n.
    case beta
    /// Wilson's score interval on Kish's effective n, as without a design.
    case wilson
}
