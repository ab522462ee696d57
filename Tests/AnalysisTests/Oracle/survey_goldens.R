# Golden findings/1 documents for the fixture in weighted/, computed in R from DATA.md's
# definitions: prop.test's Wilson interval (on Kish's effective n when weighted), chisq.test
# without correction, p.adjust("BH"), quantile(type = 7), sd, weighted.mean.
# Regenerate by hand when the fixture changes (CI does not need R):
#   cd Tests/AnalysisTests/Oracle && Rscript survey_goldens.R
suppressPackageStartupMessages({ library(yaml); library(jsonlite) })
Z <- 1.959963984540054
BREAKDOWNS <- c("group", "tier")

wilson <- function(p, n) {
  if (n <= 0 || is.na(p)) return(NULL)
  z22n <- Z^2 / (2 * n)
  hw <- Z * sqrt(p * (1 - p) / n + z22n / (2 * n))
  c(if (p <= 0) 0 else (p + z22n - hw) / (1 + 2 * z22n), if (p >= 1) 1 else (p + z22n + hw) / (1 + 2 * z22n))
}

run <- function(codebook_file, out_file) {
  cb <- yaml::read_yaml(codebook_file)
  dt <- read.csv("weighted/responses.csv", colClasses = "character", na.strings = character(0))
  wcol <- cb$survey$weight_column
  w <- if (is.null(wcol)) NULL else as.numeric(dt[[wcol]])
  gmiss <- as.character(unlist(cb$survey$missing))
  qs <- cb$questions; names(qs) <- vapply(qs, function(q) q$id, "")
  codes <- function(q) names(q$options)
  asked <- list(); valid <- list(); value <- list(); msel <- list()
  for (q in qs) {
    x <- trimws(dt[[q$id]])
    a <- rep(TRUE, nrow(dt))
    for (ref in names(q$asked_if)) {
      rv <- trimws(dt[[ref]])
      a <- a & rv %in% as.character(unlist(q$asked_if[[ref]]))
    }
    miss <- c(gmiss, as.character(unlist(q$missing)))
    v <- a & !(x %in% c("", miss))
    asked[[q$id]] <- a; valid[[q$id]] <- v; value[[q$id]] <- x
    if (q$type == "multi") {
      m <- matrix(FALSE, nrow(dt), length(codes(q)))
      for (i in which(v)) m[i, match(strsplit(x[i], ";")[[1]], codes(q))] <- TRUE
      msel[[q$id]] <- m
    }
  }
  share <- function(yes, v) {
    cnt <- sum(yes & v)
    if (is.null(w)) {
      n <- sum(v); p <- if (n > 0) cnt / n else NA
      ci <- wilson(p, n)
      list(count = cnt, proportion = p, ci95 = ci)
    } else {
      sw <- sum(w[v]); neff <- if (sum(w[v]^2) > 0) sw^2 / sum(w[v]^2) else 0
      p <- if (sw > 0) sum(w[yes & v]) / sw else NA
      list(count = cnt, weighted_count = sum(w[yes & v]), proportion = p, ci95 = if (sw > 0) wilson(p, neff) else NULL)
    }
  }
  questions <- list()
  for (q in qs) {
    a <- asked[[q$id]]; v <- valid[[q$id]]; x <- value[[q$id]]
    e <- list(type = q$type, valid = sum(v), missing = sum(a & !v), not_asked = sum(!a))
    if (q$type %in% c("single", "likert", "multi")) {
      e$categories <- lapply(seq_along(codes(q)), function(k) {
        yes <- if (q$type == "multi") msel[[q$id]][, k] else x == codes(q)[k]
        c(list(code = codes(q)[k], label = q$options[[k]]), share(yes, v))
      })
    }
    if (q$type == "likert") {
      s <- as.numeric(x[v])
      e$mean <- if (is.null(w)) mean(s) else weighted.mean(s, w[v])
      e$sd <- sd(s)
      e$top_box <- share(x %in% as.character(unlist(q$top_box)), v)
    }
    if (q$type == "numeric") {
      s <- as.numeric(x[v])
      e$mean <- if (is.null(w)) mean(s) else weighted.mean(s, w[v]); e$sd <- sd(s)
      e$min <- min(s); e$q1 <- unname(quantile(s, .25, type = 7)); e$median <- median(s)
      e$q3 <- unname(quantile(s, .75, type = 7)); e$max <- max(s)
    }
    questions[[q$id]] <- e
  }
  tables <- list()
  test <- function(t, row, column, option, rcodes, ccodes) {
    kr <- rowSums(t) > 0; kc <- colSums(t) > 0
    t <- t[kr, kc, drop = FALSE]
    r <- list(row = row, column = column, option = option, n = sum(t), counts = unname(t),
              row_codes = I(rcodes[kr]), column_codes = I(ccodes[kc]))
    if (nrow(t) < 2 || ncol(t) < 2) {
      return(c(r, list(testable = FALSE, chi_square = NULL, df = NULL, p_value = NULL, cramers_v = NULL, low_expected = NULL)))
    }
    ct <- suppressWarnings(chisq.test(t, correct = FALSE)); s <- unname(ct$statistic)
    c(r, list(testable = TRUE, chi_square = s, df = as.integer(ct$parameter), p_value = ct$p.value,
              cramers_v = sqrt(s / (sum(t) * (min(dim(t)) - 1))), low_expected = any(ct$expected < 5)))
  }
  for (q in qs) {
    if (!(q$type %in% c("single", "likert", "multi"))) next
    own <- match(q$id, BREAKDOWNS)
    for (bi in seq_along(BREAKDOWNS)) {
      b <- BREAKDOWNS[bi]
      if (b == q$id || (!is.na(own) && own > bi)) next
      bq <- qs[[b]]; both <- valid[[q$id]] & valid[[b]]
      bx <- factor(value[[b]][both], levels = codes(bq))
      if (q$type == "multi") {
        for (k in seq_along(codes(q))) {
          yes <- msel[[q$id]][both, k]
          t <- rbind(table(bx[yes]), table(bx[!yes]))
          tables[[length(tables) + 1]] <- test(t, q$id, b, codes(q)[k], c("yes", "no"), codes(bq))
        }
      } else {
        t <- unclass(table(factor(value[[q$id]][both], levels = codes(q)), bx))
        tables[[length(tables) + 1]] <- test(t, q$id, b, NULL, codes(q), codes(bq))
      }
    }
  }
  p <- vapply(tables, function(t) if (is.null(t$p_value)) NA_real_ else t$p_value, 0)
  padj <- p.adjust(p, "BH")
  for (i in seq_along(tables)) tables[[i]]["p_adjusted"] <- list(if (is.na(padj[i])) NULL else padj[i])
  res <- list(schema = "findings/1", respondents = nrow(dt), questions = questions, crosstabs = tables)
  writeLines(toJSON(res, auto_unbox = TRUE, null = "null", na = "null", digits = NA), out_file)
}
run("weighted/codebook.yaml", "weighted/goldens.json")
run("weighted/codebook_unweighted.yaml", "weighted/goldens_unweighted.json")
