# Stata and SPSS fixtures written by haven, and the counts haven reads from every .sav and .dta
# fixture: the reference `findings import` is held to (ImportTests). Run by make-fixtures.py.
suppressPackageStartupMessages({ library(haven); library(jsonlite) })
rows <- read.csv("survey-rows.csv")

# Stata 15 (format 119? haven writes 118 for version 14/15): labelled codes, an extended
# missing value .a labelled "拒绝回答" where the answer was 98.
sat <- ifelse(rows$sat == 98, tagged_na("a"), rows$sat)
dta <- data.frame(id = rows$id)
dta$group <- labelled(rows$group, c("临床医生" = 1, "机构专业人员" = 2, "企业代表" = 3), label = "您属于哪一类人员？")
dta$sat <- labelled(sat, c("非常不满意" = 1, "不满意" = 2, "一般" = 3, "满意" = 4, "非常满意" = 5, "拒绝回答" = tagged_na("a")),
                    label = "总体满意度")
dta$age <- ifelse(rows$age == 999, NA, rows$age)
attr(dta$age, "label") <- "年龄"
write_dta(dta, "survey.dta", version = 15, label = "Stata fixture")

# SPSS through haven (UTF-8): user-missing values and a range as labelled_spss.
sav <- data.frame(id = rows$id)
sav$group <- labelled_spss(rows$group, c("Clinician" = 1, "Institution" = 2, "Industry" = 3), label = "Group")
sav$sat <- labelled_spss(rows$sat, c("Very dissatisfied" = 1, "Dissatisfied" = 2, "Neutral" = 3, "Satisfied" = 4,
                                     "Very satisfied" = 5, "Don't know" = 98), na_values = c(98, 99), label = "Satisfaction")
sav$age <- labelled_spss(rows$age, c("No answer" = 999), na_range = c(900, 999), label = "Age")
write_sav(sav, "survey-haven.sav")

counts <- function(path, reader) {
  d <- reader(path)
  out <- list()
  for (v in names(d)) {
    x <- d[[v]]
    if (is.character(x)) next
    x <- as.numeric(zap_missing(x))
    tab <- table(x)
    item <- list(valid = sum(!is.na(x)), missing = sum(is.na(x)),
                 counts = as.list(setNames(as.integer(tab), names(tab))))
    if (length(tab) > 12) item$mean <- mean(x, na.rm = TRUE)
    out[[v]] <- item
  }
  out
}
gbk <- read_sav("survey-gbk.sav", encoding = "GBK")
apps <- as.data.frame(lapply(gbk[c("q5_1", "q5_2", "q5_3", "q5_4")], as.numeric))
chosen <- rowSums(apps == 1, na.rm = TRUE) > 0
b7 <- as.data.frame(lapply(gbk[c("b7_1", "b7_2", "b7_3")], as.numeric))
b7chosen <- rowSums(b7 == 1, na.rm = TRUE) > 0
multi <- function(frame, any) list(valid = sum(any), missing = sum(!any),
                                   counts = as.list(setNames(colSums(frame[any, ] == 1, na.rm = TRUE), seq_along(frame))))
w <- as.numeric(gbk$wt)
weighted <- lapply(split(w, as.numeric(gbk$group)), sum)
reference <- list(
  `survey-gbk.sav` = c(counts("survey-gbk.sav", function(p) read_sav(p, encoding = "GBK")),
                       list(apps = multi(apps, chosen), b7 = multi(b7, b7chosen), group_weighted = weighted,
                            age_weighted_mean = weighted.mean(as.numeric(zap_missing(gbk$age)), w, na.rm = TRUE))),
  `survey-haven.sav` = counts("survey-haven.sav", read_sav),
  `survey.dta` = counts("survey.dta", read_dta),
  `survey.zsav` = counts("survey.zsav", read_sav),
  `survey.por` = counts("survey.por", read_por),
  `survey.sas7bdat` = counts("survey.sas7bdat", read_sas),
  `survey.xpt` = counts("survey.xpt", read_xpt)
)
writeLines(toJSON(reference, auto_unbox = TRUE, pretty = TRUE, digits = NA), "haven-counts.json")
