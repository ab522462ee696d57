#!/usr/bin/env Rscript
# Goldens for SurveyDesign and DesignMean: R's survey package on seeded designs.
#   Rscript design_goldens.R > design_goldens.json      (Debian: r-base-core, r-cran-survey)
# Each case: the data (weights, strata, clusters, fpc, a categorical y with missing answers, a
# numeric x), the design options, and per code of y on subset(des, !is.na(y)):
# svymean(deff = TRUE) estimate, se, deff; svyciprop(method = "xlogit") interval; degf(subset);
# svyciprop(method = "beta") interval (Korn-Graubard); and for x: svymean estimate, se, confint
# (normal, as confint.svystat's default) and svyquantile(c(.25, .5, .75), ci = FALSE) with R's
# default rule ("math"). A case raked to stratum shares checks the calibrated design's row count
# (nrow(design) of a calibrated subset keeps every row, which the beta interval reads).
suppressPackageStartupMessages(library(survey))
fmt <- function(x) { if (is.na(x)) return("null"); for (p in 15:17) { s <- sprintf(paste0("%.", p, "g"), x); if (as.numeric(s) == x) return(s) }; s }
vec <- function(x) paste0("[", paste(vapply(x, fmt, ""), collapse = ", "), "]")
strs <- function(x) paste0("[", paste0('"', x, '"', collapse = ", "), "]")

make <- function(seed, n, strata, psus_per_stratum, weight_spread, missing = 0.1) {
  set.seed(seed)
  s <- sample(seq_len(strata), n, replace = TRUE)
  k <- psus_per_stratum[s]
  c <- vapply(seq_len(n), function(i) sample(seq_len(k[i]), 1), 1L)
  w <- round(exp(rnorm(n, 0, weight_spread)) * 10, 6)
  effect <- rnorm(strata * max(psus_per_stratum), 0, 0.8)
  lin <- effect[(s - 1) * max(psus_per_stratum) + c]
  y <- ifelse(lin + rnorm(n) < -0.3, 1L, ifelse(lin + rnorm(n) < 0.6, 2L, 3L))
  y[runif(n) < missing] <- NA
  x <- round(50 + 10 * lin + rnorm(n, 0, 5), 3)
  x[runif(n) < missing] <- NA
  data.frame(w = w, s = paste0("S", s), c = paste0("C", c), y = y, x = x, stringsAsFactors = FALSE)
}

cases <- list(
  list(name = "strata only", d = make(1, 300, 4, rep(1, 4), 0.3), strata = TRUE, clusters = FALSE, fpc = NULL, lonely = "fail"),
  list(name = "clusters only", d = make(2, 400, 1, 25, 0.4), strata = FALSE, clusters = TRUE, fpc = NULL, lonely = "fail"),
  list(name = "strata, clusters and fpc", d = make(3, 500, 3, c(8, 5, 6), 0.5), strata = TRUE, clusters = TRUE,
       fpc = c(S1 = 40, S2 = 12, S3 = 30), lonely = "fail"),
  list(name = "lonely PSU, certainty", d = make(4, 300, 4, c(6, 1, 5, 4), 0.3), strata = TRUE, clusters = TRUE, fpc = NULL, lonely = "certainty"),
  list(name = "lonely PSU, adjust", d = make(4, 300, 4, c(6, 1, 5, 4), 0.3), strata = TRUE, clusters = TRUE, fpc = NULL, lonely = "adjust"),
  list(name = "lonely PSU, average", d = make(4, 300, 4, c(6, 1, 5, 4), 0.3), strata = TRUE, clusters = TRUE, fpc = NULL, lonely = "average"),
  list(name = "weights of very different sizes", d = make(5, 350, 3, c(7, 7, 7), 1.6), strata = TRUE, clusters = TRUE, fpc = NULL, lonely = "fail"),
  list(name = "no strata or clusters", d = make(6, 250, 1, 1, 0.5), strata = FALSE, clusters = FALSE, fpc = NULL, lonely = "fail"),
  list(name = "raked to stratum shares", d = make(7, 400, 3, c(6, 5, 7), 0.6), strata = TRUE, clusters = TRUE, fpc = NULL, lonely = "fail",
       margin = c(S1 = 0.5, S2 = 0.3, S3 = 0.2))
)
# A domain with one PSU in a stratum: in case 3, y is answered in only one PSU of stratum S2.
d3 <- cases[[3]]$d
only <- d3$s == "S2" & d3$c != "C1"
d3$y[only] <- NA
cases[[3]]$d <- d3

out <- c()
for (case in cases) {
  d <- case$d
  options(survey.lonely.psu = case$lonely)
  if (!is.null(case$fpc)) d$fpc <- unname(case$fpc[d$s])
  des <- svydesign(ids = if (case$clusters) ~c else ~1, strata = if (case$strata) ~s else NULL,
                   weights = ~w, fpc = if (!is.null(case$fpc)) ~fpc else NULL, data = d, nest = TRUE)
  if (!is.null(case$margin)) {
    total <- sum(weights(des))
    des <- rake(des, list(~s), list(data.frame(s = names(case$margin), Freq = unname(case$margin) * total)),
                control = list(maxit = 1000, epsilon = 1e-10))
  }
  sub <- subset(des, !is.na(y))
  cats <- c()
  for (code in 1:3) {
    sub <- update(sub, ind = as.numeric(!is.na(y) & y == code))
    m <- svymean(~ind, sub, deff = TRUE)
    ci <- svyciprop(~ind, sub, method = "xlogit")
    beta <- svyciprop(~ind, sub, method = "beta")
    cats <- c(cats, sprintf('{"code": %d, "estimate": %s, "se": %s, "deff": %s, "ci95": %s, "beta": %s, "degf": %d, "rows": %d}', code,
                            fmt(coef(m)[[1]]), fmt(SE(m)[[1]]), fmt(deff(m)[[1]]), vec(as.vector(attr(ci, "ci"))),
                            vec(as.vector(attr(beta, "ci"))), degf(sub), nrow(sub)))
  }
  subx <- subset(des, !is.na(x))
  mx <- svymean(~x, subx, na.rm = TRUE)
  cx <- confint(mx)
  qx <- svyquantile(~x, subx, c(0.25, 0.5, 0.75), ci = FALSE, na.rm = TRUE)[[1]]
  out <- c(out, sprintf(paste0('{"name": "%s", "lonely_psu": "%s", "weights": %s, "strata": %s, "clusters": %s, "fpc": %s, ',
                               '"margin": %s, "y": %s, "x": %s, "categories": [%s], "mean": {"estimate": %s, "se": %s, "ci95": %s, "quantiles": %s}, "degf": %d}'),
                        case$name, case$lonely, vec(d$w), if (case$strata) strs(d$s) else "null", if (case$clusters) strs(d$c) else "null",
                        if (!is.null(case$fpc)) vec(d$fpc) else "null",
                        if (!is.null(case$margin)) sprintf('{"strata": %s, "shares": %s}', strs(names(case$margin)), vec(unname(case$margin))) else "null",
                        vec(ifelse(is.na(d$y), NA, d$y)), vec(d$x),
                        paste(cats, collapse = ", "), fmt(coef(mx)[[1]]), fmt(SE(mx)[[1]]), vec(as.vector(cx)), vec(as.vector(qx)), degf(des)))
}
cat(sprintf('{"survey": "%s", "cases": [\n%s\n]}\n', as.character(packageVersion("survey")), paste(out, collapse = ",\n")))
