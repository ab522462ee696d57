#!/usr/bin/env Rscript
# Named findings of this fixture under its design, as R's survey package computes them:
#   Rscript findings_reference.R > findings-reference.json
# (findings.yaml: a_share = top box of interest; b_share = barriers code 1; gap = a − b, paired.)
# Also each share's Korn–Graubard interval (site.yaml intervals: beta), and the quartiles of years
# as svyquantile(ci = FALSE) gives them with its default rule.
suppressPackageStartupMessages(library(survey))
fmt <- function(x) { for (p in 15:17) { s <- sprintf(paste0("%.", p, "g"), x); if (as.numeric(s) == x) return(s) }; s }
d <- read.csv("data/responses.csv", colClasses = "character")
a_valid <- d$interest != "-99"
b_valid <- d$barriers != "-99"
d$a <- as.numeric(d$interest %in% c("4", "5"))
d$b <- as.numeric(vapply(strsplit(d$barriers, ";"), function(x) "1" %in% x, TRUE))
d$w <- as.numeric(d$weight)
options(survey.lonely.psu = "fail")
des <- svydesign(ids = ~hospital, strata = ~region, weights = ~w, data = d, nest = TRUE)
share <- function(valid, var) {
  sub <- subset(des, valid)
  m <- svymean(as.formula(paste0("~", var)), sub)
  ci <- svyciprop(as.formula(paste0("~I(", var, " == 1)")), sub, method = "xlogit")
  beta <- svyciprop(as.formula(paste0("~I(", var, " == 1)")), sub, method = "beta")
  sprintf('{"value": %s, "ci95": [%s, %s], "beta": [%s, %s]}', fmt(coef(m)[[1]]), fmt(attr(ci, "ci")[[1]]), fmt(attr(ci, "ci")[[2]]),
          fmt(attr(beta, "ci")[[1]]), fmt(attr(beta, "ci")[[2]]))
}
both <- subset(des, a_valid & b_valid)
m <- svymean(~a + b, both)
ct <- svycontrast(m, c(1, -1))
dif <- coef(ct)[[1]]; se <- SE(ct)[[1]]
d$x <- as.numeric(ifelse(d$years == "-99", NA, d$years))
des <- update(des, x = d$x)
q <- svyquantile(~x, subset(des, !is.na(x)), c(0.25, 0.5, 0.75), ci = FALSE)[[1]]
cat(sprintf('{"years_quartiles": [%s], "a_share": %s, "b_share": %s, "gap": {"value": %s, "ci95": [%s, %s], "p_value": %s}}\n',
            paste(vapply(as.vector(q), fmt, ""), collapse = ", "), share(a_valid, "a"), share(b_valid, "b"), fmt(dif), fmt(dif - qnorm(0.975) * se), fmt(dif + qnorm(0.975) * se),
            fmt(2 * pnorm(-abs(dif / se)))))
