#!/usr/bin/env python3
"""Writes the import fixtures: files as SPSS (through PSPP), Stata and SPSS (through R's haven),
Excel (openpyxl), Wenjuanxing, REDCap and XLSForm exports write them, and the counts R's haven
reads from the .sav and .dta files (haven-counts.json), which ImportTests hold findings to.

Run from this folder: python3 make-fixtures.py. Needs pspp, Rscript with haven and jsonlite,
openpyxl and pyreadstat (apt-get install pspp r-cran-haven r-cran-jsonlite; pip install openpyxl
pyreadstat pandas). The
outputs are committed, so the tests need none of these.
"""
import csv, io, random, subprocess, os
import openpyxl

HERE = os.path.dirname(os.path.abspath(__file__))
os.chdir(HERE)
rng = random.Random(20261203)
N = 240

surnames = "王李张刘陈杨黄赵吴周"
rows = []
for i in range(1, N + 1):
    group = rng.choices([1, 2, 3], [0.6, 0.25, 0.15])[0]
    tier = rng.choice([1, 2, 3]) if group == 1 else None
    sat = rng.choices([1, 2, 3, 4, 5, 98], [0.05, 0.1, 0.25, 0.35, 0.2, 0.05])[0]
    interest = rng.choices([1, 2, 3, 4, 5], [0.1, 0.15, 0.3, 0.3, 0.15])[0]
    apps = [1 if rng.random() < p else 0 for p in (0.5, 0.35, 0.2, 0.1)]
    barriers = [1 if rng.random() < p else None for p in (0.4, 0.3, 0.25)]
    age = rng.randint(24, 63) if rng.random() > 0.06 else 999
    code7 = rng.choices([1, 2, 3, 7], [0.4, 0.35, 0.24, 0.01])[0] if i != 17 else 7
    name = rng.choice(surnames) + rng.choice("伟芳娜敏静丽强磊军洋")
    phone = "1" + str(rng.choice([3, 5, 8, 9])) + "".join(str(rng.randint(0, 9)) for _ in range(9))
    comment = rng.choice(["", "", "数据共享很难", "需要更多培训", "标准不统一, 难以合作"])
    wt = round(rng.uniform(0.5, 2.0), 3)
    rows.append(dict(id=i, group=group, tier=tier, sat=sat, interest=interest, apps=apps, barriers=barriers,
                     age=age, code7=code7, name=name, phone=phone, comment=comment, wt=wt))

# --- SPSS through PSPP: GBK encoding, a multiple-response set, a weight, user-missing values
# and a range, measurement levels, a file label.
def num(x):
    return "." if x is None else str(x)

data_lines = []
for r in rows:
    cells = [r["id"], r["group"], num(r["tier"]), r["sat"], r["interest"], *r["apps"], *[num(b) for b in r["barriers"]],
             r["age"], r["code7"], r["wt"]]
    data_lines.append(" ".join(str(c) for c in cells) + f' "{r["name"]}" "{r["phone"]}" "{r["comment"]}"')
sps = f"""SET LOCALE='GBK'.
DATA LIST LIST /id group tier sat interest q5_1 q5_2 q5_3 q5_4 b7_1 b7_2 b7_3 age code7 wt (F8.3) name (A12) phone (A16) comment (A40).
BEGIN DATA.
{chr(10).join(data_lines)}
END DATA.
VARIABLE LABELS group '您属于哪一类人员？' tier '医院等级' sat '总体满意度' interest 'Interest in AI research'
  q5_1 '应用：在线问诊' q5_2 '应用：影像辅助诊断' q5_3 '应用：病历质控' q5_4 '应用：科研数据分析'
  b7_1 'Barriers - Privacy' b7_2 'Barriers - Standards' b7_3 'Barriers - Law'
  age '年龄' code7 'Department type' name '姓名' phone '手机号码' comment '其他意见' wt 'Weight'.
VALUE LABELS group 1 '临床医生' 2 '机构专业人员' 3 '企业代表'
  /tier 1 '一级' 2 '二级' 3 '三级'
  /sat 1 '非常不满意' 2 '不满意' 3 '一般' 4 '满意' 5 '非常满意' 98 '不知道'
  /interest 1 'Not at all' 2 'Slightly' 3 'Moderately' 4 'Very' 5 'Extremely'
  /q5_1 q5_2 q5_3 q5_4 0 '未选' 1 '选中'
  /code7 1 'Radiology' 2 'Pathology' 3 'Other'.
MISSING VALUES sat (98, 99) /age (900 THRU 999).
VARIABLE LEVEL group tier code7 (NOMINAL) /sat interest (ORDINAL) /age wt (SCALE).
MRSETS /MDGROUP NAME=$apps VARIABLES=q5_1 q5_2 q5_3 q5_4 VALUE=1 LABEL='您使用哪些AI应用？'.
WEIGHT BY wt.
FILE LABEL '医学人工智能合作调查 (fixture)'.
SAVE OUTFILE='survey-gbk.sav'.
"""
open("survey-gbk.sps", "w", encoding="utf-8").write(sps)
subprocess.run(["pspp", "-O", "format=txt", "-o", "/dev/null", "survey-gbk.sps"], check=True)
os.remove("survey-gbk.sps")

# The next export of the same survey, for `--update`: code7 gone, a new question q9, a new
# label for tier (4 社区医院), group 3 relabelled at the source.
v2 = sps.replace(" code7 wt (F8.3)", " wt (F8.3) q9").replace("  /code7 1 'Radiology' 2 'Pathology' 3 'Other'.", ".")
v2 = v2.replace("3 '企业代表'", "3 '企业代表（含初创企业）'").replace("/tier 1 '一级' 2 '二级' 3 '三级'", "/tier 1 '一级' 2 '二级' 3 '三级' 4 '社区医院'")
v2 = v2.replace(" code7 'Department type'", " q9 '是否愿意参加培训'").replace("VARIABLE LEVEL group tier code7", "VARIABLE LEVEL group tier q9")
v2 = v2.replace("SAVE OUTFILE='survey-gbk.sav'.", "VALUE LABELS q9 1 '愿意' 2 '不愿意'.\nSAVE OUTFILE='survey-gbk-v2.sav'.")
v2_lines = []
for r, line in zip(rows, data_lines):
    parts = line.split(" ", 15)
    # id group tier sat interest q5_1..q5_4 b7_1..b7_3 age [code7] wt "name" ...: drop code7, append q9 after wt.
    head = line.split(' "', 1)
    numbers = head[0].split(" ")
    numbers = numbers[:13] + [numbers[14], str(1 + r["id"] % 2)]
    v2_lines.append(" ".join(numbers) + ' "' + head[1])
v2 = v2.replace(chr(10).join(data_lines), chr(10).join(v2_lines))
v2 = v2.replace("wt (F8.3) q9 name (A12)", "wt (F8.3) q9 (F8.0) name (A12)")
open("survey-gbk-v2.sps", "w", encoding="utf-8").write(v2)
subprocess.run(["pspp", "-O", "format=txt", "-o", "/dev/null", "survey-gbk-v2.sps"], check=True)
os.remove("survey-gbk-v2.sps")

# The same survey as a compressed .zsav (PSPP), and as a SAS transport file (pyreadstat), for the
# other readers ReadStat gives. The portable .por is written by ReadStat's own writer (through
# ctypes), and so is a SAS .sas7bdat: Debian's ReadStat 1.1.8 reads no .por that PSPP 1.6
# writes, not even one variable without labels (pyreadstat's newer ReadStat does).
zsps = sps.replace("SET LOCALE='GBK'.\n", "").replace("SAVE OUTFILE='survey-gbk.sav'.", "SAVE OUTFILE='survey.zsav' /ZCOMPRESSED.")

open("survey-z.sps", "w", encoding="utf-8").write(zsps)
subprocess.run(["pspp", "-O", "format=txt", "-o", "/dev/null", "survey-z.sps"], check=True)
os.remove("survey-z.sps")
import pandas as pd, pyreadstat, struct
frame = pd.DataFrame({"ID": [float(r["id"]) for r in rows[:50]], "GROUP": [float(r["group"]) for r in rows[:50]],
                      "AGE": [float(r["age"]) if r["age"] != 999 else float("nan") for r in rows[:50]]})
pyreadstat.write_xport(frame, "survey.xpt", file_label="SAS fixture", column_labels=["Respondent", "Group", "Age"])

def write_with_readstat(path, begin):
    import ctypes
    lib = ctypes.CDLL("libreadstat.so")
    for name in ["readstat_writer_init", "readstat_add_variable", "readstat_add_label_set"]:
        getattr(lib, name).restype = ctypes.c_void_p
    out = open(path, "wb")
    def write(data, n, ctx):
        out.write(ctypes.string_at(data, n))
        return n
    callback = ctypes.CFUNCTYPE(ctypes.c_ssize_t, ctypes.c_void_p, ctypes.c_size_t, ctypes.c_void_p)(write)
    DOUBLE = 5
    w = ctypes.c_void_p(lib.readstat_writer_init())
    lib.readstat_set_data_writer(w, callback)
    lib.readstat_writer_set_file_label(w, b"Portable fixture")
    def labelled(name, label, labels):
        v = ctypes.c_void_p(lib.readstat_add_variable(w, name, DOUBLE, ctypes.c_size_t(0)))
        lib.readstat_variable_set_label(v, label)
        if labels:
            ls = ctypes.c_void_p(lib.readstat_add_label_set(w, DOUBLE, name.lower()))
            for value, text in labels:
                lib.readstat_label_double_value(ls, ctypes.c_double(value), text)
            lib.readstat_variable_set_label_set(v, ls)
        return v
    vid = labelled(b"ID", b"Respondent", None)
    vgroup = labelled(b"GROUP", b"Which group do you belong to?", [(1, b"Clinician"), (2, b"Institution"), (3, b"Industry")])
    vsat = labelled(b"SAT", b"Overall satisfaction", [(1, b"Very dissatisfied"), (2, b"Dissatisfied"), (3, b"Neutral"),
                                                      (4, b"Satisfied"), (5, b"Very satisfied"), (98, b"Don't know")])
    lib.readstat_variable_add_missing_double_value(vsat, ctypes.c_double(98))
    vage = labelled(b"AGE", b"Age", None)
    lib.readstat_variable_add_missing_double_range(vage, ctypes.c_double(900), ctypes.c_double(999))
    assert getattr(lib, begin)(w, None, ctypes.c_long(len(rows))) == 0
    for r in rows:
        lib.readstat_begin_row(w)
        for v, x in [(vid, r["id"]), (vgroup, r["group"]), (vsat, r["sat"]), (vage, r["age"])]:
            lib.readstat_insert_double_value(w, v, ctypes.c_double(x))
        lib.readstat_end_row(w)
    assert lib.readstat_end_writing(w) == 0
    lib.readstat_writer_free(w)
    out.close()
write_with_readstat("survey.por", "readstat_begin_writing_por")
write_with_readstat("survey.sas7bdat", "readstat_begin_writing_sas7bdat")

# A label set that gives one code two labels (SPSS would not write it; a damaged or hand-made file can).
blob = open("survey-gbk.sav", "rb").read()
label = "机构专业人员".encode("gbk")
record = struct.pack("<d", 2.0) + bytes([len(label)]) + label
assert blob.count(record) == 1
open("duplicate-labels.sav", "wb").write(blob.replace(record, struct.pack("<d", 1.0) + bytes([len(label)]) + label))

# An Excel sheet of the kinds of cell: dates, booleans, inline strings, numbers written as text.
book = openpyxl.Workbook()
sheet = book.active
sheet.title = "Data"
sheet.append(["id", "when", "consent", "score", "note"])
import datetime
for i in range(1, 9):
    sheet.append([i, datetime.date(2025, 3, i), i % 2 == 0, 1.5 * i, f"note {i}" if i % 3 else None])
book.create_sheet("Notes").append(["not data"])
book.save("cell-kinds.xlsx")

# A workbook as Excel and WPS write one (openpyxl writes inline strings): shared strings with a
# rich-text run and a phonetic guide, a date style, a formula's cached text, sparse cells.
import zipfile
strings = ["序号", "性别", "满意度", "男", "女", "非常满意", "满意", "一般"]
shared = "".join(f"<si><t>{t}</t></si>" for t in strings[:5])
shared += "<si><r><t>非常</t></r><r><rPr><b/></rPr><t>满意</t></r></si>"        # 5: rich text, two runs
shared += "<si><t>满意</t><rPh sb=\"0\" eb=\"2\"><t>まんぞく</t></rPh></si>"    # 6: with a phonetic guide
shared += "<si><t>一般</t></si>" + "<si><t>日期</t></si>"                        # 7, 8
sheet_rows = ['<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>8</v></c></row>']
answers = [(3, 5), (4, 6), (3, 7), (4, 5), (3, 6), (4, 6)]
for i, (sex, sat) in enumerate(answers, start=2):
    date = f'<c r="D{i}" s="1"><v>{45717 + i}</v></c>' if i != 4 else ""                   # D4 left out: a sparse row
    sat_cell = f'<c r="C{i}" t="s"><v>{sat}</v></c>' if i != 6 else f'<c r="C{i}" t="str"><f>C2</f><v>非常满意</v></c>'
    sheet_rows.append(f'<row r="{i}"><c r="A{i}"><v>{i - 1}</v></c><c r="B{i}" t="s"><v>{sex}</v></c>{sat_cell}{date}</row>')
files = {
    "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>',
    "_rels/.rels": '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    "xl/workbook.xml": '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="问卷数据" sheetId="1" r:id="rId1"/></sheets></workbook>',
    "xl/_rels/workbook.xml.rels": '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>',
    "xl/sharedStrings.xml": f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="20" uniqueCount="9">{shared}</sst>',
    "xl/styles.xml": '<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="176" formatCode="yyyy/m/d;@"/></numFmts><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="176" applyNumberFormat="1"/></cellXfs></styleSheet>',
    "xl/worksheets/sheet1.xml": '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>' + "".join(sheet_rows) + '</sheetData></worksheet>',
}
with zipfile.ZipFile("shared-strings.xlsx", "w", zipfile.ZIP_DEFLATED) as z:
    for name, text in files.items():
        z.writestr(name, text)

# A damaged copy: the dictionary and half the data.
blob = open("survey-gbk.sav", "rb").read()
open("truncated.sav", "wb").write(blob[: len(blob) // 2])

# --- Stata (118, UTF-8) and SPSS (UTF-8) through R's haven, and the counts haven reads.
with open("survey-rows.csv", "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f)
    w.writerow(["id", "group", "sat", "age", "wt"])
    for r in rows:
        w.writerow([r["id"], r["group"], r["sat"], r["age"], r["wt"]])

# --- Wenjuanxing: a code export (xlsx, 按序号) and a text export (csv in GB18030, 按文本).
sat_labels = {1: "非常不满意", 2: "不满意", 3: "一般", 4: "满意", 5: "非常满意"}
group_labels = {1: "临床医生", 2: "机构专业人员", 3: "企业代表"}
app_labels = ["在线问诊", "影像辅助诊断", "病历质控", "科研数据分析"]
head_codes = ["序号", "提交答卷时间", "所用时间", "来源", "来源详情", "来自IP", "1、您属于哪一类人员？", "2、您对医学AI合作的总体满意度："] \
    + [f"3、({a})" for a in app_labels] + ["4、您的手机号码：", "5、其他意见："]
head_text = ["序号", "提交答卷时间", "所用时间", "来源", "来源详情", "来自IP", "1、您属于哪一类人员？", "2、您对医学AI合作的总体满意度：",
             "3、您使用哪些AI应用？", "4、您的手机号码：", "5、其他意见："]
book = openpyxl.Workbook()
sheet = book.active
sheet.title = "Sheet1"
sheet.append(head_codes)
text_rows = [head_text]
for r in rows[:120]:
    sat = r["sat"] if r["sat"] != 98 else -3
    seconds = 60 + r["id"] * 7
    duration = f"{seconds}秒"
    ip = f"112.10.{r['id'] % 250}.{(r['id'] * 7) % 250}(浙江-杭州)"
    when = f"2025/3/{1 + r['id'] % 28} 10:{r['id'] % 60:02d}:00"
    source = "手机提交" if r["id"] % 3 else "链接"
    sheet.append([r["id"], when, duration, source, "直接访问", ip, r["group"], sat, *r["apps"], r["phone"], r["comment"]])
    chosen = "┋".join(a for a, x in zip(app_labels, r["apps"]) if x)
    text_rows.append([r["id"], when, duration, source, "直接访问", ip, group_labels[r["group"]],
                      sat_labels.get(r["sat"], "(跳过)"), chosen, r["phone"], r["comment"]])
book.save("wjx-codes.xlsx")
buffer = io.StringIO()
csv.writer(buffer, lineterminator="\r\n").writerows(text_rows)
open("wjx-text.csv", "wb").write(buffer.getvalue().encode("gb18030"))

# A sheet with merged header cells.
book = openpyxl.Workbook()
sheet = book.active
sheet.append(["序号", "满意度", None])
sheet.append([1, 3, 4])
sheet.merge_cells("B1:C1")
book.save("merged-header.xlsx")

# --- REDCap: a data dictionary and a raw export.
dictionary = [
    ["Variable / Field Name", "Form Name", "Section Header", "Field Type", "Field Label",
     "Choices, Calculations, OR Slider Labels", "Field Note", "Text Validation Type OR Show Slider Number",
     "Text Validation Min", "Text Validation Max", "Identifier?", "Branching Logic (Show field only if...)",
     "Required Field?", "Custom Alignment", "Question Number (surveys only)", "Matrix Group Name", "Matrix Ranking?",
     "Field Annotation"],
    ["record_id", "survey", "", "text", "Record ID", "", "", "", "", "", "", "", "", "", "", "", "", ""],
    ["email", "survey", "", "text", "E-mail", "", "", "email", "", "", "y", "", "", "", "", "", "", ""],
    ["role", "survey", "<b>About you</b>", "radio", "Your role", "1, Clinician | 2, Researcher | 3, Industry", "", "", "", "", "", "", "", "", "", "", "", ""],
    ["uses_ai", "survey", "", "yesno", "Do you use AI tools at work?", "", "", "", "", "", "", "", "", "", "", "", "", ""],
    ["tools", "survey", "", "checkbox", "Which tools?", "1, Triage | 2, Reading | 3, Reporting | 99, Other", "", "", "", "", "",
     "[uses_ai] = '1'", "", "", "", "", "", ""],
    ["hours", "survey", "", "text", "Hours a week with AI tools", "", "", "integer", "0", "80", "", "[uses_ai] = '1' and [role] = '1'", "", "", "", "", "", ""],
    ["trust", "survey", "", "dropdown", "How far do you trust AI output?", "1, Not at all | 2, A little | 3, Somewhat | 4, Mostly | 5, Fully", "", "", "", "", "",
     "[tools(2)] = '1' or [tools(3)] = '1'", "", "", "", "", "", ""],
    ["notes", "survey", "", "notes", "Anything else?", "", "", "", "", "", "", "[hours] > 5", "", "", "", "", "", ""],
]
with open("redcap-dictionary.csv", "w", newline="", encoding="utf-8") as f:
    csv.writer(f).writerows(dictionary)
with open("redcap-data.csv", "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f)
    w.writerow(["record_id", "email", "role", "uses_ai", "tools___1", "tools___2", "tools___3", "tools___99", "hours", "trust", "notes", "survey_complete"])
    for i in range(1, 61):
        role = rng.choice([1, 2, 3])
        uses = rng.choice([0, 1])
        tools = [rng.choice([0, 1]) if uses else 0 for _ in range(4)]
        hours = rng.randint(0, 20) if uses and role == 1 else ""
        trust = rng.randint(1, 5) if tools[1] or tools[2] else ""
        w.writerow([i, f"user{i}@example.org", role, uses, *tools, hours, trust, rng.choice(["", "ok"]), 2])

# --- XLSForm: a form with English and Chinese labels, and a Kobo export.
form = openpyxl.Workbook()
survey = form.active
survey.title = "survey"
survey.append(["type", "name", "label::English (en)", "label::Chinese (zh)", "relevant"])
survey.append(["start", "start", "", "", ""])
survey.append(["select_one sector", "sector", "Where do you work?", "您在哪里工作？", ""])
survey.append(["select_multiple barrier", "barriers", "What stands in the way of data sharing?", "数据共享的障碍是什么？", ""])
survey.append(["integer", "projects", "How many joint projects?", "合作项目数量？", "${sector} = 'hospital' or ${sector} = 'institute'"])
survey.append(["text", "remarks", "Remarks", "备注", ""])
survey.append(["phonenumber", "phone", "", "", ""])
choices = form.create_sheet("choices")
choices.append(["list_name", "name", "label::English (en)", "label::Chinese (zh)"])
for name, en, zh in [("hospital", "Hospital", "医院"), ("institute", "Research institute", "科研机构"), ("company", "Company", "企业")]:
    choices.append(["sector", name, en, zh])
for name, en, zh in [("privacy", "Privacy", "隐私"), ("standards", "Standards", "标准"), ("law", "Law", "法律")]:
    choices.append(["barrier", name, en, zh])
form.save("xlsform-form.xlsx")
with open("xlsform-data.csv", "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f)
    w.writerow(["start", "sector", "barriers", "barriers/privacy", "barriers/standards", "barriers/law", "projects", "remarks", "phone", "_id", "_uuid", "_submission_time"])
    for i in range(1, 41):
        sector = rng.choice(["hospital", "institute", "company"])
        chosen = [b for b in ["privacy", "standards", "law"] if rng.random() < 0.5]
        projects = rng.randint(0, 9) if sector != "company" else ""
        w.writerow(["2025-03-01T10:00:00", sector, " ".join(chosen), *[int(b in chosen) for b in ["privacy", "standards", "law"]],
                    projects, rng.choice(["", "good"]), "13800138000", 1000 + i, f"uuid-{i:04d}", "2025-03-01T10:05:00"])

# --- A plain CSV of codes.
with open("plain-codes.csv", "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f)
    w.writerow(["ResponseId", "Q1", "Q2", "Q3_1", "Q3_2", "Q3_3", "Age", "Comment"])
    for i in range(1, 81):
        w.writerow([f"R_{i:03d}", rng.randint(1, 3), rng.randint(1, 5), *[rng.choice([0, 1]) for _ in range(3)], rng.randint(20, 65),
                    rng.choice(["", "fine", "too long", "n/a"] + [f"note {k}" for k in range(30)])])
subprocess.run(["Rscript", "haven-fixtures.R"], check=True)
os.remove("survey-rows.csv")
print("fixtures written")
