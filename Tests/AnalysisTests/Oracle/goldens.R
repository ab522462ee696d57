# Golden values for the statistics tests, computed with R's own functions.
# Regenerate by hand when the cases change (CI does not need R):
#   Rscript Tests/AnalysisTests/Oracle/goldens.R > Tests/AnalysisTests/Oracle/goldens.json
num <- function(x) if (is.null(x) || length(x) == 0 || is.na(x)) "null" else formatC(x, digits = 17, format = "g")
vec <- function(v) paste0("[", paste(vapply(v, num, ""), collapse = ","), "]")

wilson_cases <- list(c(0, 10), c(10, 10), c(378, 400), c(1, 3), c(5142, 5142), c(2513, 5142), c(7, 1000), c(1, 1))
wilson <- vapply(wilson_cases, function(c) {
  ci <- prop.test(c[1], c[2], correct = FALSE)$conf.int
  sprintf('{"x":%d,"n":%d,"lower":%s,"upper":%s}', c[1], c[2], num(ci[1]), num(ci[2]))
}, "")

tables <- list(
  matrix(c(12, 5, 7, 9), 2),
  matrix(c(300, 250, 120, 95, 40, 60), 2, byrow = TRUE),
  matrix(c(1, 2, 3, 40, 50, 60, 2, 1, 0), 3, byrow = TRUE),
  matrix(c(2500, 2400, 100, 142), 2),
  matrix(c(900, 30, 20, 400, 200, 100, 50, 80, 120, 10, 20, 60), 3)
)
chisq <- vapply(tables, function(t) {
  r <- suppressWarnings(chisq.test(t, correct = FALSE))
  s <- unname(r$statistic)
  v <- sqrt(s / (sum(t) * (min(dim(t)) - 1)))
  sprintf('{"counts":[%s],"chi_square":%s,"df":%d,"p_value":%s,"cramers_v":%s,"low_expected":%s}',
          paste(apply(t, 1, function(row) vec(row)), collapse = ","), num(s), as.integer(r$parameter),
          num(r$p.value), num(v), tolower(as.character(any(r$expected < 5))))
}, "")

pchisq_cases <- list(c(0.5, 1), c(3.84, 1), c(10, 3), c(150, 8), c(1200, 6), c(0.01, 12), c(45, 30))
pchisq_out <- vapply(pchisq_cases, function(c)
  sprintf('{"x":%s,"df":%s,"upper":%s}', num(c[1]), num(c[2]), num(pchisq(c[1], c[2], lower.tail = FALSE))), "")

p <- c(0.01, 0.04, 0.03, 0.2, 0.5, 0.04, 1e-8, 0.9)
x <- c(3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8.5, -2)
cat(sprintf('{"wilson":[%s],"chisq":[%s],"pchisq":[%s],"bh":{"p":%s,"adjusted":%s},"descriptive":{"x":%s,"mean":%s,"sd":%s,"q1":%s,"median":%s,"q3":%s}}\n',
            paste(wilson, collapse = ","), paste(chisq, collapse = ","), paste(pchisq_out, collapse = ","),
            vec(p), vec(p.adjust(p, "BH")), vec(x), num(mean(x)), num(sd(x)),
            num(quantile(x, 0.25, type = 7)), num(median(x)), num(quantile(x, 0.75, type = 7))))
