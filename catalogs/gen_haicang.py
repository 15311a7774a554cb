#!/usr/bin/env python3
"""Generates catalogs/haicang.json, the sample catalogue of Haicang district (厦门市海沧区).

Stdlib only. Run from anywhere:

    python3 catalogs/gen_haicang.py            # writes catalogs/haicang.json, self-checks
    python3 catalogs/gen_haicang.py --check    # self-check, and haicang.json is its output

The format is the one core/src/catalog and core/src/form read (camelCase keys, snake_case
enums, unknown fields are errors). Every field key is defined once, in FIELDS below, so a
key has the same type, label and choices in every matter that asks it (a bundle's merged
form asks a key once). The self-check validates every 填单示范 the way the form engine
does (required and visible fields, declared keys only, choices, identifier checksums,
patterns, bounds, cross-field checks) with a small JsonLogic evaluator.

The `authority` section (AUTHORITY_PLAN below) has the 13 departments pass their street- and
community-level matters to the 4 street centres and 48 stations in all four modes (直接下放、
规范授权、委托办理、窗口前移; derived grants name their `parent`), three revocations in 2025,
an approval seal for every street centre and station, official seals, suspended seals and a
revoked one; the self-check applies the registry rules core/src/authority/lint.rs applies.
The sample 用印台账 beside the catalogue (haicang.ledger.jsonl, haicang.ledger.head.json) is
written from it by `cargo run -p doorstep --example sample_ledger`: rerun that after changing
the catalogue.

The `policies` section (POLICIES below) has 13 illustrative policies of the 退役军人事务局, 人社局 and
民政局 for veterans, the unemployed, recent graduates, families in hardship, people with
disabilities, the very old and hiring enterprises, most of them 免申即享; each condition's rule
reads the profile keys core/src/policy lists and the matching date as {"var": "$at"}. The
self-check evaluates every policy on one sample profile it grants and one it does not.
"""

import copy
import datetime as dt
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "haicang.json")
DISTRICT = "350205"

# ---------------------------------------------------------------------------------------
# Identifiers used in the examples (GB 11643-1999; computed, so they are valid).

W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]


def rid(first17):
    assert len(first17) == 17 and first17.isdigit()
    return first17 + "10X98765432"[sum(int(c) * w for c, w in zip(first17, W)) % 11]


MAN = "350205199003071239"        # 陈志强, male, 1990-03-07 (given)
OLD_WOMAN = "11010519491231002X"  # 王秀兰, female, 1949-12-31 (given)
MOTHER = rid("35020519920512002")  # 林晓燕, female, 1992-05-12
CHILD = rid("35020520240801001")   # 陈思远, male, 2024-08-01
PUPIL = rid("35020520180309002")   # 陈语桐, female, 2018-03-09
ELDER = rid("35020519400315004")   # 黄秀英, female, 1940-03-15
RETIREE = rid("35020519650510003")  # 郑国平, male, 1965-05-10
DISABLED = rid("35020519850620005")  # 李建华, male, 1985-06-20
GRAD = rid("35020520020618001")    # 吴浩然, male, 2002-06-18
MOBILE = "13912345678"
MOBILE2 = "13859201234"
CREDIT = "91350100M000100Y43"
CREDIT2 = "9144030071526726XG"
POSTAL = "361026"
CARD = "6217001234567890122"
PHONE = "0592-6881234"

# ---------------------------------------------------------------------------------------
# JsonLogic helpers


def V(key):
    return {"var": key}


def NOT(x):
    return {"!": [x]}


def EQ(a, b):
    return {"==": [a, b]}


def NE(a, b):
    return {"!=": [a, b]}


def AND(*xs):
    return {"and": list(xs)}


def OR(*xs):
    return {"or": list(xs)}


def IN(a, b):
    return {"in": [a, b]}


def SEX(key):
    return {"id_sex": [V(key)]}


def ID_AGE(id_key, date_key):
    return {"id_age": [V(id_key), V(date_key)]}


def COUNT(key):
    return {"reduce": [V(key), {"+": [V("accumulator"), 1]}, 0]}


def absent_or(*keys_then_rule):
    """The rule holds, or one of the keys it reads is not filled (reported as required)."""
    *keys, rule = keys_then_rule
    return OR(*[NOT(V(k)) for k in keys], rule)


def check(code, rule, path, zh, en):
    c = {"code": code}
    if path:
        c["path"] = path
    c.update({"rule": rule, "message": zh, "messageEn": en})
    return c


# ---------------------------------------------------------------------------------------
# Field library: one definition per key.

FIELDS = {}


def ch(*pairs):
    return [{"value": v, "label": l} for v, l in pairs]


# What to enter, shown with the input (填单提示), by type; a field may give its own.
HINTS = {
    "resident_id": ("18 位公民身份号码，末位可能为 X", "18 characters; the last may be X"),
    "mobile": ("11 位手机号码，用于接收办理进度短信", "11-digit mobile number, for progress messages"),
    "phone": ("区号-号码，如 0592-1234567", "Area code and number, e.g. 0592-1234567"),
    "bank_card": ("本人名下银行卡卡号", "A bank card in the applicant's name"),
    "credit_code": ("营业执照上的 18 位统一社会信用代码", "The 18-character code on the business licence"),
    "postal_code": ("6 位邮政编码", "6-digit postal code"),
    "email": ("常用电子邮箱", "An email address you read"),
    "address": ("省、市、区、街道、门牌号", "Province, city, district, street and number"),
}


def hinted(f):
    if f["type"] in HINTS and "hint" not in f:
        f["hint"], f["hintEn"] = HINTS[f["type"]]
    return f


def field(key, label, en, type_, **kw):
    f = {"key": key, "label": label, "labelEn": en, "type": type_}
    f.update(kw)
    FIELDS[key] = hinted(f)
    return f


def sub(key, label, en, type_, **kw):
    f = {"key": key, "label": label, "labelEn": en, "type": type_}
    f.update(kw)
    return hinted(f)


# people
field("applicantName", "申请人姓名", "Applicant's name", "text", minLength=2, maxLength=50, prefill="identity.name")
field("applicantId", "申请人公民身份号码", "Applicant's ID number", "resident_id", prefill="identity.residentId")
field("applicantMobile", "联系电话（手机）", "Mobile number", "mobile")
field("applyDate", "申请日期", "Date of application", "date")
field("address", "现居住地址", "Current address", "address", minLength=5, maxLength=200)
field("householdAddress", "户籍地址", "Registered household address", "address", minLength=5, maxLength=200,
      prefill="household.address")
field("mailAddress", "邮寄地址", "Mailing address", "address", minLength=5, maxLength=200)
field("postalCode", "邮政编码", "Postal code", "postal_code")
field("receiveMethod", "领取方式", "How to receive", "choice",
      choices=ch(("window", "窗口领取"), ("post", "邮寄送达")))
field("bankCard", "银行卡号", "Bank card number", "bank_card")
field("bankName", "开户银行", "Bank", "text", minLength=2, maxLength=50)
field("guardianName", "监护人姓名", "Guardian's name", "text", minLength=2, maxLength=50)
field("guardianId", "监护人公民身份号码", "Guardian's ID number", "resident_id")
field("guardianRelation", "监护人与申请人关系", "Guardian's relationship", "choice",
      choices=ch(("parent", "父母"), ("spouse", "配偶"), ("child", "成年子女"), ("other", "其他近亲属")))
field("education", "文化程度", "Education", "choice",
      choices=ch(("junior_high", "初中及以下"), ("high_school", "高中/中专/技校"), ("college", "大专"),
                 ("bachelor", "大学本科"), ("master", "研究生及以上")))
field("housingType", "住房情况", "Housing", "choice",
      choices=ch(("owned", "自有住房"), ("rented", "租赁住房"), ("employer", "单位宿舍"), ("relative", "借住亲友住房")))
field("cardBank", "合作银行", "Issuing bank", "choice",
      choices=ch(("icbc", "中国工商银行"), ("abc", "中国农业银行"), ("boc", "中国银行"), ("ccb", "中国建设银行"),
                 ("xmbank", "厦门银行"), ("xmrcb", "厦门农商银行")))

# children and birth
field("childName", "儿童姓名", "Child's name", "text", minLength=2, maxLength=30)
field("childSex", "儿童性别", "Child's sex", "choice", choices=ch(("male", "男"), ("female", "女")))
field("childBirthDate", "儿童出生日期", "Child's date of birth", "date")
field("childId", "儿童公民身份号码", "Child's ID number", "resident_id")
field("birthCertNo", "出生医学证明编号", "Birth certificate number", "text", pattern="[A-Z][0-9]{9}",
      prefill="birth_certificate.certNo")
field("birthPlace", "出生地点（助产机构）", "Place of birth (maternity unit)", "text", minLength=2, maxLength=100)
field("birthWeight", "出生体重（克）", "Birth weight (g)", "integer", min=300, max=8000)
field("gestationWeeks", "孕周", "Weeks of gestation", "integer", min=20, max=45)
field("fatherName", "父亲姓名", "Father's name", "text", minLength=2, maxLength=50)
field("fatherId", "父亲公民身份号码", "Father's ID number", "resident_id")
field("motherName", "母亲姓名", "Mother's name", "text", minLength=2, maxLength=50)
field("motherId", "母亲公民身份号码", "Mother's ID number", "resident_id")
field("parentsMarried", "父母是否已办理结婚登记", "Parents registered as married", "boolean")
field("settleWith", "随父或随母落户", "Register with father or mother", "choice",
      choices=ch(("father", "随父落户"), ("mother", "随母落户")))
field("motherInsured", "母亲是否参加职工基本医疗保险（含生育保险）", "Mother insured (employee medical / maternity)",
      "boolean")
field("deliveryType", "分娩方式", "Delivery", "choice",
      choices=ch(("vaginal", "顺产"), ("assisted", "难产（器械助产）"), ("cesarean", "剖宫产")))
field("babyCount", "胎数", "Number of babies", "integer", min=1, max=6)
field("enrollStage", "入学阶段", "Stage", "choice",
      choices=ch(("kindergarten", "幼儿园（小班）"), ("primary", "小学一年级")))
field("schoolName", "学校（幼儿园）名称", "School / kindergarten", "text", minLength=2, maxLength=100)

# employers and enterprises
field("employerName", "用人单位名称", "Employer", "text", minLength=2, maxLength=100)
field("employerCreditCode", "用人单位统一社会信用代码", "Employer's unified social credit code", "credit_code")
field("companyName", "企业名称", "Enterprise name", "text", minLength=4, maxLength=100,
      prefill="business_license.name")
field("businessCreditCode", "统一社会信用代码", "Unified social credit code", "credit_code",
      prefill="business_license.creditCode")
field("companyType", "企业类型", "Type of enterprise", "choice",
      choices=ch(("llc", "有限责任公司"), ("llc_sole", "有限责任公司（自然人独资）"), ("partnership", "合伙企业"),
                 ("sole_proprietorship", "个人独资企业")))
field("registeredCapital", "注册资本（认缴，分）", "Registered capital (subscribed, fen)", "money", min=1)
field("businessScope", "经营范围", "Business scope", "text", minLength=2, maxLength=2000)
field("businessAddress", "住所（经营场所）", "Registered address", "address", minLength=5, maxLength=200)
field("legalRepName", "法定代表人（负责人）姓名", "Legal representative", "text", minLength=2, maxLength=50)
field("legalRepId", "法定代表人公民身份号码", "Legal representative's ID number", "resident_id")
field("legalRepMobile", "法定代表人手机号码", "Legal representative's mobile", "mobile")
field("contactName", "经办人姓名", "Contact person", "text", minLength=2, maxLength=50)
field("contactPhone", "经办人联系电话", "Contact phone", "phone")
field("shareholders", "股东（出资人）", "Shareholders", "repeat", minItems=1, maxItems=50, fields=[
    sub("holderName", "股东名称（姓名）", "Shareholder", "text", required=True, minLength=2, maxLength=100),
    sub("holderType", "股东类型", "Shareholder type", "choice", required=True,
        choices=ch(("natural", "自然人"), ("legal", "企业法人"))),
    sub("holderId", "公民身份号码", "ID number", "resident_id", required=True,
        visibleIf=EQ(V("holderType"), "natural")),
    sub("holderCreditCode", "统一社会信用代码", "Unified social credit code", "credit_code", required=True,
        visibleIf=EQ(V("holderType"), "legal")),
    sub("subscribedCapital", "认缴出资额（分）", "Subscribed capital (fen)", "money", required=True, min=1),
    sub("contributionDeadline", "出资期限", "Contribution deadline", "date", required=True),
])
field("taxpayerType", "增值税纳税人类型", "VAT taxpayer type", "choice",
      choices=ch(("small_scale", "小规模纳税人"), ("general", "一般纳税人")))
field("invoiceNeeded", "是否申领发票", "Apply for invoices", "boolean")
field("invoiceTypes", "发票种类", "Invoice types", "multi_choice", minItems=1,
      choices=ch(("digital_special", "数电发票（增值税专用发票）"), ("digital_normal", "数电发票（普通发票）")))
field("sealTypes", "刻制印章种类", "Seals to engrave", "multi_choice", minItems=1,
      choices=ch(("company", "企业公章"), ("finance", "财务专用章"), ("invoice", "发票专用章"),
                 ("contract", "合同专用章"), ("legal_rep", "法定代表人名章")))
field("insuranceTypes", "参保险种", "Insurance schemes", "multi_choice", minItems=1,
      choices=ch(("pension", "企业职工基本养老保险"), ("unemployment", "失业保险"), ("injury", "工伤保险"),
                 ("medical", "职工基本医疗保险（含生育保险）")))
field("depositRatio", "住房公积金缴存比例（%）", "Housing fund contribution rate (%)", "integer", min=5, max=12)
field("staffCount", "职工人数", "Number of employees", "integer", min=0, max=100000)
field("insuranceStartDate", "参保起始日期", "Insured from", "date")
field("employees", "职工名单", "Employees", "repeat", minItems=1, maxItems=200, fields=[
    sub("name", "姓名", "Name", "text", required=True, minLength=2, maxLength=50),
    sub("residentId", "公民身份号码", "ID number", "resident_id", required=True),
    sub("mobile", "手机号码", "Mobile", "mobile"),
    sub("hireDate", "用工起始日期", "Hired on", "date", required=True),
    sub("contractType", "劳动合同期限类型", "Contract term", "choice", required=True,
        choices=ch(("fixed", "固定期限"), ("open", "无固定期限"), ("task", "以完成一定工作任务为期限"))),
    sub("contractEnd", "合同终止日期", "Contract ends", "date", required=True,
        visibleIf=EQ(V("contractType"), "fixed")),
    sub("monthlyWage", "月工资（分）", "Monthly wage (fen)", "money", required=True, min=1),
])

# retirement, employment, social insurance
field("retireType", "退休类别", "Type of retirement", "choice",
      choices=ch(("normal", "正常退休"), ("flexible_early", "弹性提前退休"), ("special_job", "特殊工种提前退休"),
                 ("incapacity", "因病或非因工致残完全丧失劳动能力退休")))
field("retirementDate", "退休日期", "Retirement date", "date")
field("pensionYears", "养老保险累计缴费年限（年）", "Years of pension contributions", "integer", min=0, max=60)
field("alsoHousingFund", "是否同时办理住房公积金退休提取", "Also withdraw the housing fund", "boolean")
field("medicalYears", "职工医保累计缴费年限（年，含视同）", "Years of employee medical insurance", "integer", min=0, max=60)
field("medicalLocalYears", "其中本市实际缴费年限（年）", "Of which paid in Xiamen (years)", "integer", min=0, max=60)
field("medicalTopUp", "是否申请一次性补缴医保费", "Top up the missing years", "boolean")
field("separationDate", "解除（终止）劳动关系日期", "Employment ended on", "date")
field("separationReason", "离职原因", "Why employment ended", "choice",
      choices=ch(("contract_expired", "劳动合同期满终止"), ("employer_terminated", "用人单位解除劳动合同"),
                 ("mutual_employer", "用人单位提出、协商一致解除"), ("employee_for_cause", "因用人单位过错本人解除"),
                 ("voluntary", "本人主动辞职")))
field("uiContributionMonths", "失业保险累计缴费月数", "Months of unemployment insurance", "integer", min=0, max=600)
field("unemployedSince", "失业日期", "Unemployed since", "date")
field("jobIntention", "求职意向", "Job wanted", "text", maxLength=100)
field("wantsTraining", "是否需要职业培训", "Wants vocational training", "boolean")
field("hardshipCategory", "就业困难类别", "Category of employment difficulty", "choice",
      choices=ch(("older", "大龄失业人员（女40周岁、男50周岁以上）"), ("disabled", "残疾人"),
                 ("low_income", "低保家庭成员"), ("zero_employment", "零就业家庭成员"),
                 ("long_unemployed", "连续失业一年以上"), ("land_lost", "被征地农民")))
field("contributionGrade", "缴费档次（元/年）", "Contribution grade (yuan a year)", "choice",
      choices=ch(("g200", "200元"), ("g500", "500元"), ("g1000", "1000元"), ("g2000", "2000元"),
                 ("g3000", "3000元"), ("g5000", "5000元")))
field("isStudent", "是否为在校学生", "Currently a student", "boolean")
field("receivesOtherPension", "是否已领取其他基本养老保险待遇", "Already receives another basic pension", "boolean")
field("cardFor", "申领对象", "Card for", "choice", choices=ch(("self", "本人"), ("child", "未成年子女")))
field("schoolGraduated", "毕业院校", "University", "text", minLength=2, maxLength=100)
field("major", "所学专业", "Major", "text", minLength=2, maxLength=50)
field("graduationDate", "毕业日期", "Graduated on", "date")
field("serviceNeeds", "服务需求", "Services wanted", "multi_choice", minItems=1,
      choices=ch(("job_referral", "职业介绍"), ("training", "职业培训"), ("internship", "就业见习"),
                 ("startup", "创业服务")))
field("founderCategory", "创业者类别", "Founder category", "choice",
      choices=ch(("graduate", "毕业5年内高校毕业生"), ("migrant_returnee", "返乡创业农民工"),
                 ("unemployed", "登记失业人员/就业困难人员"), ("veteran", "退役军人")))
field("establishedDate", "成立日期", "Established on", "date")
field("insuredMonths", "创办实体缴纳社会保险月数", "Months of social insurance paid by the business",
      "integer", min=0, max=600)

# medical insurance
field("insuredCategory", "参保人员类别", "Insured category", "choice",
      choices=ch(("resident", "城乡居民"), ("student", "在校学生"), ("preschool", "学龄前儿童"),
                 ("elderly", "60周岁以上老年居民")))
field("filingType", "备案类型", "Type of filing", "choice",
      choices=ch(("resettled", "异地安置退休人员"), ("long_term", "异地长期居住人员"), ("posted", "常驻异地工作人员"),
                 ("temporary", "临时外出就医人员")))
field("destinationArea", "就医地行政区划代码", "Division code of the place of treatment", "area_code")
field("startDate", "开始日期", "Start date", "date")
field("endDate", "结束日期", "End date", "date")
field("diseaseName", "申请病种", "Condition", "choice",
      choices=ch(("hypertension", "高血压病（有心脑肾并发症）"), ("diabetes", "糖尿病（合并感染或有心肾眼神经并发症）"),
                 ("uremia", "尿毒症透析"), ("cancer", "恶性肿瘤门诊放化疗"), ("transplant", "器官移植术后抗排异"),
                 ("mental", "严重精神障碍")))
field("hospitalName", "医疗机构名称", "Hospital", "text", minLength=2, maxLength=100)
field("reimburseReason", "报销原因", "Why reimbursed by hand", "choice",
      choices=ch(("emergency_outside", "异地急诊未能直接结算"), ("not_settled", "本地就医未能联网结算"),
                 ("other", "其他")))
field("totalAmount", "医疗费用总额（分）", "Total medical costs (fen)", "money", min=1)

# transport
field("vehicleCount", "拟投入车辆数（辆）", "Vehicles", "integer", min=1, max=10000)
field("driverCount", "驾驶人员数（人）", "Drivers", "integer", min=1, max=10000)
field("hasSafetyRules", "是否已建立安全生产管理制度", "Safety rules in place", "boolean")
field("qualificationCertNo", "从业资格证号", "Qualification certificate number", "text", pattern="[0-9]{17}[0-9X]")
field("qualificationCategory", "从业资格类别", "Qualification", "choice",
      choices=ch(("freight", "道路货物运输驾驶员"), ("passenger", "道路旅客运输驾驶员"),
                 ("taxi", "巡游出租汽车驾驶员"), ("ride_hailing", "网络预约出租汽车驾驶员")))
field("roadName", "涉及路段", "Road section", "text", minLength=2, maxLength=100)
field("roadWorkType", "涉路施工类型", "Type of road works", "choice",
      choices=ch(("occupy", "占用公路"), ("excavate", "挖掘公路"), ("cross", "跨越、穿越公路架设或埋设管线")))
field("workDescription", "施工内容", "Works", "text", minLength=2, maxLength=500)

# housing fund
field("monthlyRent", "月租金（分）", "Monthly rent (fen)", "money", min=1)
field("leaseRegistered", "租赁合同是否已网签备案", "Lease registered online", "boolean")
field("withdrawReason", "提取原因", "Reason for withdrawal", "choice",
      choices=ch(("rent", "租赁自住住房"), ("retire", "离休、退休"), ("purchase", "购买自住住房"),
                 ("repay_loan", "偿还购房贷款本息")))

# civil affairs
field("householdSize", "家庭共同生活成员人数", "Members of the household", "integer", min=1, max=20)
field("householdMembers", "家庭成员", "Household members", "repeat", minItems=1, maxItems=20, fields=[
    sub("name", "姓名", "Name", "text", required=True, minLength=2, maxLength=50),
    sub("residentId", "公民身份号码", "ID number", "resident_id", required=True),
    sub("relation", "与申请人关系", "Relationship", "choice", required=True,
        choices=ch(("self", "本人"), ("spouse", "配偶"), ("child", "子女"), ("parent", "父母"),
                   ("grandchild", "孙子女"), ("sibling", "兄弟姐妹"), ("other", "其他"))),
    sub("monthlyIncome", "月收入（分）", "Monthly income (fen)", "money", required=True, min=0),
    sub("isDisabled", "是否残疾", "Disabled", "boolean"),
])
field("monthlyHouseholdIncome", "家庭月总收入（分）", "Household income a month (fen)", "money", min=0)
field("applyReason", "申请理由", "Reason", "text", minLength=5, maxLength=500)
field("incapacityReason", "无劳动能力情形", "Why unable to work", "choice",
      choices=ch(("elderly", "年满60周岁"), ("disabled", "残疾等级为一至二级，或三级智力、精神残疾"),
                 ("minor", "未满16周岁")))
field("supportType", "供养方式", "Form of support", "choice",
      choices=ch(("home", "分散供养"), ("institution", "集中供养（入住供养服务机构）")))
field("emergencyType", "困难类型", "Type of hardship", "choice",
      choices=ch(("medical", "重大疾病"), ("accident", "意外事件"), ("disaster", "自然灾害"),
                 ("education", "教育支出突增"), ("other", "其他急难情形")))
field("requestedAmount", "申请救助金额（分）", "Amount requested (fen)", "money", min=1, max=5000000)
field("groomName", "男方姓名", "Groom's name", "text", minLength=2, maxLength=50)
field("groomId", "男方公民身份号码", "Groom's ID number", "resident_id")
field("groomMarital", "男方婚姻状况", "Groom's marital status", "choice",
      choices=ch(("unmarried", "未婚"), ("divorced", "离婚"), ("widowed", "丧偶")))
field("brideName", "女方姓名", "Bride's name", "text", minLength=2, maxLength=50)
field("brideId", "女方公民身份号码", "Bride's ID number", "resident_id")
field("brideMarital", "女方婚姻状况", "Bride's marital status", "choice",
      choices=ch(("unmarried", "未婚"), ("divorced", "离婚"), ("widowed", "丧偶")))
field("elderCategory", "补贴对象类别", "Category", "choice",
      choices=ch(("low_income", "低保、特困老年人"), ("disabled", "失能、半失能老年人"),
                 ("advanced_age", "80周岁以上独居、空巢老年人")))
field("serviceTypes", "所需服务", "Services wanted", "multi_choice", minItems=1,
      choices=ch(("meal", "助餐"), ("cleaning", "助洁"), ("bathing", "助浴"), ("medical", "助医"),
                 ("companionship", "精神慰藉")))

# health
field("wifeName", "女方姓名", "Wife's name", "text", minLength=2, maxLength=50)
field("wifeId", "女方公民身份号码", "Wife's ID number", "resident_id")
field("husbandName", "男方姓名", "Husband's name", "text", minLength=2, maxLength=50)
field("husbandId", "男方公民身份号码", "Husband's ID number", "resident_id")
field("childOrder", "本次登记为第几个孩子", "Which child this is", "choice",
      choices=ch(("first", "一孩"), ("second", "二孩"), ("third", "三孩"), ("fourth_plus", "四孩及以上")))
field("expectedDueDate", "预产期", "Expected due date", "date")
field("familyPlanningType", "扶助对象类别", "Family category", "choice",
      choices=ch(("one_child", "独生子女家庭"), ("two_daughters", "农村双女家庭")))

# disability
field("disabilityCategory", "残疾类别", "Category of disability", "choice",
      choices=ch(("visual", "视力残疾"), ("hearing", "听力残疾"), ("speech", "言语残疾"), ("physical", "肢体残疾"),
                 ("intellectual", "智力残疾"), ("mental", "精神残疾"), ("multiple", "多重残疾")))
field("disabilityGrade", "残疾等级", "Grade of disability", "choice",
      choices=ch(("grade1", "一级"), ("grade2", "二级"), ("grade3", "三级"), ("grade4", "四级")))
field("disabilityCertNo", "残疾人证号", "Disability certificate number", "text",
      pattern="[0-9]{17}[0-9X][1-7][1-4]", prefill="disability.certNo")
field("homeAssessment", "是否申请上门评残", "Assessment at home", "boolean")
field("subsidyTypes", "申请补贴", "Subsidies applied for", "multi_choice", minItems=1,
      choices=ch(("living", "困难残疾人生活补贴"), ("nursing", "重度残疾人护理补贴")))
field("familyAidStatus", "家庭救助情况", "Household assistance", "choice",
      choices=ch(("low_income", "最低生活保障家庭"), ("marginal", "低保边缘家庭"),
                 ("applying", "尚未纳入，同时申请最低生活保障"), ("none", "均不是")))
field("deviceName", "辅助器具名称", "Assistive device", "choice",
      choices=ch(("wheelchair", "轮椅"), ("hearing_aid", "助听器"), ("prosthesis", "假肢矫形器"),
                 ("walking_aid", "助行器"), ("visual_aid", "助视器"), ("other", "其他")))
field("deviceCost", "购置（适配）费用（分）", "Cost of the device (fen)", "money", min=1)
field("modificationItems", "改造项目", "Modifications", "multi_choice", minItems=1,
      choices=ch(("handrail", "安装扶手"), ("ramp", "坡道改造"), ("bathroom", "卫生间改造"),
                 ("alarm", "闪光门铃、报警装置"), ("other", "其他")))
field("isOwnHome", "是否为自有住房", "Own home", "boolean")
field("cardRenewReason", "换领原因", "Why renew", "choice",
      choices=ch(("expired", "有效期满"), ("damaged", "证件损坏"), ("grade_change", "残疾等级变更"), ("lost", "遗失补办")))

# veterans
field("veteranCategory", "退役军人类别", "Category of veteran", "choice",
      choices=ch(("retired_soldier", "退役士兵"), ("transferred_officer", "军队转业干部"),
                 ("retired_officer", "退休军官"), ("demobilized_officer", "复员干部")))
field("enlistDate", "入伍日期", "Enlisted on", "date")
field("dischargeDate", "退役日期", "Discharged on", "date")
field("soldierName", "义务兵姓名", "Conscript's name", "text", minLength=2, maxLength=50)
field("soldierId", "义务兵公民身份号码", "Conscript's ID number", "resident_id")
field("relationToSoldier", "申请人与义务兵关系", "Relationship to the conscript", "choice",
      choices=ch(("parent", "父母"), ("spouse", "配偶")))
field("educationAtEnlist", "入伍时学历", "Education when enlisted", "choice",
      choices=ch(("high_school", "高中（中专）及以下"), ("college_student", "大学在校生"),
                 ("college_graduate", "高校毕业生")))

# tax
field("buyerType", "受票方类型", "Buyer type", "choice", choices=ch(("organization", "单位"), ("individual", "个人")))
field("buyerName", "受票方名称（姓名）", "Buyer", "text", minLength=2, maxLength=100)
field("buyerCreditCode", "受票方统一社会信用代码", "Buyer's unified social credit code", "credit_code")
field("itemName", "货物或应税劳务、服务名称", "Goods or services", "text", minLength=2, maxLength=100)
field("invoiceAmount", "开票金额（含税，分）", "Amount (tax included, fen)", "money", min=1)
field("incomeCategory", "业务类型", "Kind of business", "choice",
      choices=ch(("service", "提供劳务"), ("rent", "出租不动产"), ("goods", "销售货物")))
field("payYear", "缴费年度", "Year paid for", "integer", min=2024, max=2027)

# market regulation
field("shopName", "个体工商户名称（字号，可不填）", "Trade name (optional)", "text", maxLength=50)
field("organizationForm", "组成形式", "Form of organisation", "choice",
      choices=ch(("individual", "个人经营"), ("family", "家庭经营")))
field("capitalAmount", "资金数额（分）", "Capital (fen)", "money", min=1)
field("foodCategories", "经营项目", "Food business items", "multi_choice", minItems=1,
      choices=ch(("prepackaged", "预包装食品销售（含冷藏冷冻食品）"), ("bulk", "散装食品销售"),
                 ("special", "特殊食品销售"), ("hot_food", "热食类食品制售"), ("cold_food", "冷食类食品制售"),
                 ("pastry", "糕点类食品制售"), ("drinks", "自制饮品制售")))
field("operatingArea", "经营场所面积（平方米）", "Floor area (m²)", "decimal", min=1, max=100000)
field("foodSafetyOfficer", "食品安全管理人员姓名", "Food safety manager", "text", minLength=2, maxLength=50)

# real estate
field("sellerName", "转让方（卖方）姓名", "Seller", "text", minLength=2, maxLength=50)
field("sellerId", "转让方公民身份号码", "Seller's ID number", "resident_id")
field("buyerPersonName", "受让方（买方）姓名", "Buyer", "text", minLength=2, maxLength=50)
field("buyerPersonId", "受让方公民身份号码", "Buyer's ID number", "resident_id")
field("propertyCertNo", "不动产权证书号", "Title certificate number", "text",
      pattern="闽\\([0-9]{4}\\)厦门市不动产权第[0-9]{7}号", prefill="real_estate.certNo")
field("propertyAddress", "不动产坐落", "Location of the property", "address", minLength=5, maxLength=200)
field("buildingArea", "建筑面积（平方米）", "Floor area (m²)", "decimal", min=1, max=100000)
field("transactionPrice", "成交价格（分）", "Price (fen)", "money", min=1)
field("hasMortgage", "是否同时办理抵押登记", "Mortgage registered at the same time", "boolean")
field("mortgageeName", "抵押权人（贷款银行）", "Mortgagee (bank)", "text", minLength=2, maxLength=100)
field("mortgageeCreditCode", "抵押权人统一社会信用代码", "Mortgagee's unified social credit code", "credit_code")
field("loanAmount", "被担保主债权数额（分）", "Secured claim (fen)", "money", min=1)
field("queryScope", "查询范围", "What to search", "choice",
      choices=ch(("own", "本人名下全部不动产"), ("specific", "指定坐落的不动产")))
field("queryPurpose", "查询用途", "Purpose", "choice",
      choices=ch(("loan", "办理贷款"), ("school", "子女入学"), ("settlement", "落户"), ("litigation", "诉讼"),
                 ("other", "其他")))

# police
field("renewReason", "换领原因", "Why renew", "choice",
      choices=ch(("expired", "有效期满"), ("expiring", "有效期将满（三个月内）"), ("damaged", "证件损坏无法辨认"),
                 ("info_changed", "登记项目变更")))
field("lossReason", "补领原因", "Why replace", "choice", choices=ch(("lost", "遗失"), ("stolen", "被盗")))
field("tempIdNeeded", "是否同时申领临时居民身份证", "Also a temporary ID card", "boolean")
field("residenceStartDate", "在本地居住起始日期", "Living here since", "date")
field("residenceBasis", "申领条件", "Basis", "choice",
      choices=ch(("employment", "合法稳定就业"), ("residence", "合法稳定住所"), ("study", "连续就读")))
field("certPurpose", "证明用途", "Purpose of the certificate", "choice",
      choices=ch(("employment", "就业"), ("visa", "出国（境）签证"), ("study", "升学、留学"), ("adoption", "收养"),
                 ("other", "其他")))
field("purposeDetail", "具体用途", "Purpose in detail", "text", minLength=2, maxLength=200)
field("receivingOrg", "证明提交单位", "Submitted to", "text", minLength=2, maxLength=100)
field("licenseArchiveNo", "驾驶证档案编号", "Driving licence file number", "text", pattern="[0-9]{12}")
field("licenseClass", "准驾车型", "Licence class", "choice",
      choices=ch(("C1", "C1 小型汽车"), ("C2", "C2 小型自动挡汽车"), ("B2", "B2 重型货车"), ("A1", "A1 大型客车"),
                 ("D", "D 普通三轮摩托车"), ("E", "E 普通二轮摩托车")))
field("healthDeclared", "本人申告无妨碍安全驾驶的疾病", "Declares no illness that impairs driving", "boolean")

# education
field("residenceCategory", "户籍情况", "Household registration", "choice",
      choices=ch(("district", "海沧区户籍"), ("city", "厦门市其他区户籍"), ("non_local", "非本市户籍（持厦门居住证）")))
field("enrollYear", "入学年份", "Year of enrolment", "integer", min=2024, max=2027)
field("familyHardship", "是否为家庭经济困难儿童", "From a household in financial difficulty", "boolean")
field("studentAidCategory", "资助对象类别", "Category", "choice",
      choices=ch(("low_income", "低保家庭"), ("extreme_poverty", "特困供养人员"), ("orphan", "孤儿、事实无人抚养儿童"),
                 ("disabled", "残疾儿童或残疾人子女"), ("martyr", "烈士子女"), ("other_hardship", "其他家庭经济困难")))
field("certLevel", "申请资格种类", "Certificate", "choice",
      choices=ch(("kindergarten", "幼儿园教师资格"), ("primary", "小学教师资格"), ("junior_middle", "初级中学教师资格")))
field("teachingSubject", "任教学科", "Subject", "text", minLength=2, maxLength=30)
field("mandarinLevel", "普通话水平测试等级", "Putonghua test grade", "choice",
      choices=ch(("1a", "一级甲等"), ("1b", "一级乙等"), ("2a", "二级甲等"), ("2b", "二级乙等")))
field("examCertNo", "中小学教师资格考试合格证明编号", "Teacher exam certificate number", "text",
      pattern="[0-9A-Z]{10,20}")


def F(key, required=True, **kw):
    """The library field `key`, required unless said otherwise, with rules added."""
    base = copy.deepcopy(FIELDS[key])
    f = {k: base.pop(k) for k in ("key", "label", "labelEn", "type")}
    f["required"] = required
    f.update(kw)
    f.update(base)
    return f


# ---------------------------------------------------------------------------------------
# Materials: one code per document.

MATERIALS = {}


def mat(code, name, form, waived_by=None):
    MATERIALS[code] = {"code": code, "name": name, "form": form, "waivedBy": waived_by}


mat("id_card", "居民身份证", "original", "identity")
mat("household_book", "居民户口簿", "original", "household")
mat("birth_certificate", "出生医学证明", "original", "birth_certificate")
mat("marriage_certificate", "结婚证", "original", "marriage")
mat("business_license", "营业执照", "copy", "business_license")
mat("disability_card", "中华人民共和国残疾人证", "original", "disability")
mat("property_certificate", "不动产权证书", "original", "real_estate")
mat("residence_permit", "福建省居住证", "original", "residence_permit")
mat("social_insurance_record", "社会保险参保缴费证明", "electronic", "social_insurance")
mat("medical_insurance_record", "医疗保险参保缴费证明", "electronic", "medical_insurance")
mat("veteran_certificate", "退伍（退役）证明", "original", "veteran")
mat("photo_receipt", "数字相片采集回执", "electronic")
mat("bank_card", "本人社会保障卡（金融账户）或银行卡", "copy")
mat("labor_contract", "劳动合同", "copy")
mat("separation_certificate", "解除（终止）劳动合同证明", "original")
mat("lease_contract", "房屋租赁合同", "copy")
mat("residence_proof", "住所（经营场所）使用证明", "copy")
mat("articles", "公司章程", "electronic")
mat("shareholder_proof", "股东主体资格证明", "copy")
mat("paternity_proof", "亲子鉴定证明", "original")
mat("discharge_summary", "出院小结（分娩记录）", "copy")
mat("medical_record", "病历、诊断证明", "copy")
mat("invoices", "医疗费用票据及费用清单", "original")
mat("assessment_form", "残疾评定表", "original")
mat("income_authorization", "家庭经济状况核对授权书", "original")
mat("commitment", "个人承诺书", "electronic")
mat("old_id_card", "原居民身份证", "original")
mat("old_license", "原机动车驾驶证", "original")
mat("health_certificate", "机动车驾驶人身体条件证明", "electronic")
mat("old_qualification", "原从业资格证", "original")
mat("safety_rules", "安全生产管理制度文本", "electronic")
mat("vehicle_docs", "拟投入车辆承诺书", "electronic")
mat("construction_plan", "施工方案及安全保障措施", "electronic")
mat("sales_contract", "不动产买卖合同（网签）", "electronic")
mat("tax_receipt", "契税等完税凭证", "electronic", "tax_payment")
mat("mortgage_contract", "抵押合同及主债权合同", "original")
mat("floor_plan", "经营场所平面布局图", "electronic")
mat("food_safety_rules", "食品安全管理制度", "electronic")
mat("enlistment_notice", "入伍通知书", "copy")
mat("vaccination_certificate", "预防接种证", "original")
mat("hardship_proof", "家庭经济困难证明材料", "copy")
mat("student_proof", "在读证明", "original")
mat("graduation_certificate", "毕业证书", "copy", "education_record")
mat("mandarin_certificate", "普通话水平测试等级证书", "copy")
mat("physical_exam", "教师资格认定体检合格证明", "original")
mat("device_invoice", "辅助器具购置发票", "original")
mat("authorization", "授权委托书（委托他人办理时）", "original")


def M(code, count=1, condition=None, form=None, waived=True):
    m = dict(MATERIALS[code])
    if form:
        m["form"] = form
    if count != 1:
        m["count"] = count
    if condition is not None:
        m["condition"] = condition
    if not waived or m["waivedBy"] is None:
        m.pop("waivedBy")
    out = {k: m[k] for k in ("code", "name", "form", "count", "condition", "waivedBy") if k in m}
    return out


# ---------------------------------------------------------------------------------------
# Organisations

DEPARTMENTS = [
    ("GA", "厦门市公安局海沧分局"),
    ("RS", "厦门市海沧区人力资源和社会保障局"),
    ("YB", "厦门市海沧区医疗保障局"),
    ("JT", "厦门市海沧区建设与交通局"),
    ("GJJ", "厦门市住房公积金中心海沧管理部"),
    ("MZ", "厦门市海沧区民政局"),
    ("WJ", "厦门市海沧区卫生健康局"),
    ("CL", "厦门市海沧区残疾人联合会"),
    ("TY", "厦门市海沧区退役军人事务局"),
    ("SW", "国家税务总局厦门市海沧区税务局"),
    ("SJ", "厦门市海沧区市场监督管理局"),
    ("ZR", "厦门市自然资源和规划局海沧分局（不动产登记）"),
    ("JY", "厦门市海沧区教育局"),
]

STREETS = [
    ("HC", "海沧街道", ["海沧", "东屿", "温厝", "锦里", "青礁", "囷瑶", "渐美", "石塘", "鳌冠", "贞庵", "海沧湾", "天湖"]),
    ("XY", "新阳街道", ["新阳", "祥露", "霞阳", "新垵", "惠佐", "兴旺", "新景", "海新", "阳光", "新华"]),
    ("SY", "嵩屿街道", ["海发", "海翔", "海虹", "海达", "海兴", "海景", "海盛", "海富", "未来海岸", "兴港", "嵩屿", "海祥"]),
    ("DF", "东孚街道", ["东孚", "鼎美", "寨后", "芸美", "洪塘", "过坂", "山边", "莲花", "贞岱", "凤山", "天竺",
                     "后柯", "东瑶", "孚莲"]),
]


def dept(abbr):
    return f"{DISTRICT}-{abbr}"


def orgs():
    out = [{"code": DISTRICT, "name": "厦门市海沧区人民政府", "level": "district", "division": DISTRICT}]
    for abbr, name in DEPARTMENTS:
        out.append({"code": dept(abbr), "name": name, "level": "department", "parent": DISTRICT})
    for abbr, name, _ in STREETS:
        out.append({"code": f"{DISTRICT}-{abbr}", "name": f"{name}便民服务中心", "level": "street", "parent": DISTRICT})
    for abbr, _, communities in STREETS:
        for i, c in enumerate(communities, 1):
            out.append({"code": f"{DISTRICT}-{abbr}-{i:02d}", "name": f"{c}社区便民服务站", "level": "community",
                        "parent": f"{DISTRICT}-{abbr}"})
    return out


DATA_SOURCES = [
    ("identity", "身份信息（人口库）"),
    ("household", "户籍信息"),
    ("birth_certificate", "出生医学证明电子证照"),
    ("social_insurance", "社保参保信息"),
    ("medical_insurance", "医保参保信息"),
    ("marriage", "婚姻登记信息"),
    ("business_license", "营业执照电子证照"),
    ("disability", "残疾人证信息"),
    ("real_estate", "不动产登记信息"),
    ("residence_permit", "居住证信息"),
    ("veteran", "退役军人信息"),
    ("tax_payment", "完税信息"),
    ("education_record", "学历学籍信息"),
]

# ---------------------------------------------------------------------------------------
# Matters

MATTERS = []

ALL_LOCAL = ["department", "street", "community"]

# 审管分离: whoever accepted a case may not decide it (the permits, and 低保 审核确认).
SEPARATION_OF_DUTIES = {f"{DISTRICT}-JT-001", f"{DISTRICT}-MZ-001", f"{DISTRICT}-SJ-001", f"{DISTRICT}-SJ-002",
                        f"{DISTRICT}-SJ-003"}

# What a matter's approved case issues, as the shared-data source its documents are waived
# by: in a bundle (一件事) a document a member issues is not asked for by the others.
ISSUES = {
    f"{DISTRICT}-WJ-001": ["birth_certificate"],  # 出生医学证明
    f"{DISTRICT}-SJ-001": ["business_license"],  # 营业执照
    f"{DISTRICT}-SJ-002": ["business_license"],
    f"{DISTRICT}-CL-001": ["disability"],  # 残疾人证
    f"{DISTRICT}-CL-004": ["disability"],
    f"{DISTRICT}-GA-004": ["residence_permit"],  # 居住证
    f"{DISTRICT}-MZ-005": ["marriage"],  # 结婚证
    f"{DISTRICT}-ZR-002": ["real_estate"],  # 不动产权证书
}

# 检索词: what people call a matter where its official name does not say it (a kiosk's search
# box finds the matter by them); keyed by the matter's name.
KEYWORDS = {
    "出生登记（新生儿户口登记）": ["报户口", "上户口", "新生儿落户"],
    "居民身份证换领": ["换身份证"],
    "居民身份证补领": ["补办身份证", "身份证丢失"],
    "无犯罪记录证明开具": ["无犯罪证明"],
    "机动车驾驶证期满换证": ["驾照", "换驾照"],
    "印章刻制备案": ["刻章"],
    "社会保障卡申领": ["社保卡"],
    "失业保险金申领": ["失业金"],
    "企业职工基本养老保险待遇申领（职工退休）": ["办退休", "养老金"],
    "新生儿参加城乡居民基本医疗保险登记": ["医保", "新生儿医保"],
    "生育津贴支付": ["生育保险"],
    "城乡居民基本医疗保险参保登记": ["医保", "居民医保"],
    "异地就医备案": ["医保", "外地就医"],
    "门诊特殊病种待遇认定": ["医保", "门特", "慢性病"],
    "医疗费用手工（零星）报销": ["医保", "医药费报销"],
    "职工基本医疗保险参保登记（增员）": ["职工医保"],
    "老年人公交乘车优惠卡申领": ["老年卡", "敬老卡"],
    "住房公积金提取（租赁住房）": ["租房提取"],
    "最低生活保障审核确认": ["低保"],
    "特困人员救助供养审核确认": ["五保"],
    "高龄老年人补贴申领": ["高龄津贴"],
    "内地居民结婚登记": ["领结婚证"],
    "困难残疾人生活补贴和重度残疾人护理补贴（两项补贴）申领": ["残疾人补贴"],
    "出生医学证明首次签发": ["出生证"],
    "生育登记": ["准生证", "生育服务证"],
    "入托、入学预防接种证查验": ["疫苗本", "接种证"],
    "残疾人证新办": ["办残疾证"],
    "残疾人证换领": ["换残疾证"],
    "代开增值税发票（自然人）": ["代开发票"],
    "城乡居民基本医疗保险费缴纳": ["医保", "医保缴费"],
    "企业设立登记（有限责任公司）": ["营业执照", "开公司", "注册公司"],
    "个体工商户设立登记": ["营业执照", "个体户"],
    "国有建设用地使用权及房屋所有权转移登记（二手房买卖）": ["过户", "二手房"],
    "不动产登记资料查询": ["查房产", "房产查询"],
    "公办幼儿园、小学一年级新生入学报名": ["上幼儿园", "上小学", "入学报名"],
}

def matter(dept_abbr, seq, name, type_, auth, legal, promised, channels, levels, materials, fields, example,
           checks=(), fee=0, immediate=False, proxy=True, effective="2024-01-01"):
    if immediate:
        assert promised == 0
    m = {
        "code": f"{DISTRICT}-{dept_abbr}-{seq:03d}",
        "version": 1,
        "name": name,
        **({"keywords": KEYWORDS[name]} if name in KEYWORDS else {}),
        "type": type_,
        "department": dept(dept_abbr),
        "authoritySource": auth,
        "legalLimitDays": legal,
        "promisedLimitDays": promised,
    }
    if immediate:
        m["immediate"] = True
    m["feeFen"] = fee
    m["channels"] = channels
    m["levels"] = levels
    m["proxyAllowed"] = proxy
    if m["code"] in SEPARATION_OF_DUTIES:
        m["separationOfDuties"] = True
    m["effective"] = effective
    m["materials"] = materials
    if m["code"] in ISSUES:
        m["issues"] = ISSUES[m["code"]]
    form = {"fields": fields}
    if checks:
        form["checks"] = list(checks)
    form["example"] = example
    m["form"] = form
    MATTERS.append(m)
    return m["code"]


def post_fields():
    return [F("receiveMethod"),
            F("mailAddress", visibleIf=EQ(V("receiveMethod"), "post")),
            F("postalCode", visibleIf=EQ(V("receiveMethod"), "post"))]


def age_check(code, id_key, date_key, op, years, zh, en):
    return check(code, absent_or(id_key, date_key, {op: [ID_AGE(id_key, date_key), years]}), f"/{id_key}", zh, en)


def sex_check(code, id_key, sex, zh, en):
    return check(code, absent_or(id_key, EQ(SEX(id_key), sex)), f"/{id_key}", zh, en)


def after_check(code, before, after, zh, en, strict=True):
    op = ">" if strict else ">="
    return check(code, absent_or(before, after, {op: [{"days_between": [V(before), V(after)]}, 0]}), f"/{after}",
                 zh, en)


SEX_FATHER = sex_check("form.father_not_male", "fatherId", "male", "父亲的公民身份号码应为男性", "The father's ID number should be a man's")
SEX_MOTHER = sex_check("form.mother_not_female", "motherId", "female", "母亲的公民身份号码应为女性", "The mother's ID number should be a woman's")
CHILD_ID_MATCHES_BIRTH = check(
    "form.child_id_birth_date",
    absent_or("childId", "childBirthDate", EQ({"id_birth_date": [V("childId")]}, V("childBirthDate"))),
    "/childId", "儿童公民身份号码中的出生日期与所填出生日期不一致",
    "The child's ID number does not carry the date of birth given")
MOTHER_BEFORE_CHILD = check(
    "form.mother_age_at_birth",
    absent_or("motherId", "childBirthDate", {">=": [{"age_at": [{"id_birth_date": [V("motherId")]}, V("childBirthDate")]}, 14]}),
    "/childBirthDate", "出生日期与母亲年龄不符，请核对", "The date of birth does not fit the mother's age")

# ---- 公安 ------------------------------------------------------------------------------

# 非婚生育随母落户的，可不填写父亲信息.
FATHER_NEEDED = OR(EQ(V("parentsMarried"), True), EQ(V("settleWith"), "father"))

GA_BIRTH = matter(
    "GA", 1, "出生登记（新生儿户口登记）", "administrative_confirmation", "statutory", 20, 0,
    ["window", "online", "partner_point"], ALL_LOCAL,
    [M("birth_certificate"), M("household_book"), M("id_card", count=2),
     M("marriage_certificate", condition=EQ(V("parentsMarried"), True)),
     M("paternity_proof", condition=AND(EQ(V("parentsMarried"), False), EQ(V("settleWith"), "father")))],
    [F("childName"), F("childSex"), F("childBirthDate"), F("birthCertNo"),
     F("fatherName", required=False, requiredIf=FATHER_NEEDED), F("fatherId", required=False, requiredIf=FATHER_NEEDED),
     F("motherName"), F("motherId"), F("parentsMarried"), F("settleWith"), F("householdAddress"),
     F("applicantMobile")],
    {"childName": "陈思远", "childSex": "male", "childBirthDate": "2024-08-01", "birthCertNo": "Q350123456",
     "fatherName": "陈志强", "fatherId": MAN, "motherName": "林晓燕", "motherId": MOTHER, "parentsMarried": True,
     "settleWith": "father", "householdAddress": "福建省厦门市海沧区海沧街道沧林东路 123 号 502 室",
     "applicantMobile": MOBILE},
    checks=[SEX_FATHER, SEX_MOTHER, MOTHER_BEFORE_CHILD],
    immediate=True, effective="2024-03-01")

matter(
    "GA", 2, "居民身份证换领", "administrative_confirmation", "statutory", 60, 15,
    ["window", "kiosk", "online"], ["department"],
    [M("old_id_card"), M("household_book"), M("photo_receipt")],
    [F("applicantName"), F("applicantId"), F("applicantMobile"), F("renewReason")] + post_fields(),
    {"applicantName": "陈志强", "applicantId": MAN, "applicantMobile": MOBILE, "renewReason": "expiring",
     "receiveMethod": "post", "mailAddress": "福建省厦门市海沧区新阳街道新景路 8 号 1201 室", "postalCode": POSTAL},
    fee=2000, proxy=False)

matter(
    "GA", 3, "居民身份证补领", "administrative_confirmation", "statutory", 60, 15,
    ["window", "online"], ["department"],
    [M("household_book"), M("photo_receipt")],
    [F("applicantName"), F("applicantId"), F("applicantMobile"), F("lossReason"), F("tempIdNeeded")] + post_fields(),
    {"applicantName": "陈志强", "applicantId": MAN, "applicantMobile": MOBILE, "lossReason": "lost",
     "tempIdNeeded": True, "receiveMethod": "window"},
    fee=4000, proxy=False)

GA_RESIDENCE = matter(
    "GA", 4, "居住证申领", "public_service", "statutory", 15, 7,
    ["window", "online", "kiosk"], ALL_LOCAL,
    [M("id_card"), M("photo_receipt"),
     M("lease_contract", condition=EQ(V("housingType"), "rented")),
     M("property_certificate", condition=EQ(V("housingType"), "owned")),
     M("labor_contract", condition=EQ(V("residenceBasis"), "employment")),
     M("student_proof", condition=EQ(V("residenceBasis"), "study"))],
    [F("applicantName"), F("applicantId"), F("applicantMobile"), F("address"), F("housingType"),
     F("residenceStartDate"), F("residenceBasis"),
     F("employerName", visibleIf=EQ(V("residenceBasis"), "employment")),
     F("schoolName", visibleIf=EQ(V("residenceBasis"), "study"))],
    {"applicantName": "王秀兰", "applicantId": OLD_WOMAN, "applicantMobile": MOBILE2,
     "address": "福建省厦门市海沧区嵩屿街道海达路 15 号 302 室", "housingType": "rented",
     "residenceStartDate": "2024-02-01", "residenceBasis": "residence"})

matter(
    "GA", 5, "无犯罪记录证明开具", "public_service", "statutory", 3, 1,
    ["online", "window"], ["department", "community"],
    [M("id_card")],
    [F("applicantName"), F("applicantId"), F("applicantMobile"), F("certPurpose"),
     F("purposeDetail", visibleIf=EQ(V("certPurpose"), "other")), F("receivingOrg")],
    {"applicantName": "吴浩然", "applicantId": GRAD, "applicantMobile": MOBILE, "certPurpose": "employment",
     "receivingOrg": "厦门市海沧区某科技有限公司"})

matter(
    "GA", 6, "机动车驾驶证期满换证", "administrative_permit", "statutory", 1, 0,
    ["window", "online", "partner_point"], ["department"],
    [M("id_card"), M("old_license"), M("health_certificate"), M("photo_receipt")],
    [F("applicantName"), F("applicantId"), F("applicantMobile"), F("licenseArchiveNo"), F("licenseClass"),
     F("healthDeclared")] + post_fields(),
    {"applicantName": "陈志强", "applicantId": MAN, "applicantMobile": MOBILE, "licenseArchiveNo": "350200123456",
     "licenseClass": "C1", "healthDeclared": True, "receiveMethod": "post",
     "mailAddress": "福建省厦门市海沧区海沧街道沧林东路 123 号 502 室", "postalCode": POSTAL},
    checks=[check("form.health_not_declared", EQ(V("healthDeclared"), True), "/healthDeclared",
                  "须如实申告身体条件，有妨碍安全驾驶疾病的不予换证",
                  "You must declare that you have no illness that impairs safe driving")],
    fee=1000, immediate=True, proxy=False)

GA_SEAL = matter(
    "GA", 7, "印章刻制备案", "other_power", "statutory", 1, 0,
    ["online", "window"], ["district", "department"],
    [M("business_license"), M("id_card")],
    [F("companyName"), F("legalRepName"), F("legalRepId"), F("sealTypes"), F("contactName"), F("contactPhone")],
    {"companyName": "厦门海沧鹭岛科技有限公司", "legalRepName": "陈志强", "legalRepId": MAN,
     "sealTypes": ["company", "finance", "invoice"], "contactName": "林晓燕", "contactPhone": PHONE},
    immediate=True, effective="2023-07-01")

# ---- 人社 ------------------------------------------------------------------------------

EMPLOYEES_EXAMPLE = [
    {"name": "吴浩然", "residentId": GRAD, "mobile": MOBILE2, "hireDate": "2024-09-02", "contractType": "fixed",
     "contractEnd": "2026-09-01", "monthlyWage": 650000},
    {"name": "林晓燕", "residentId": MOTHER, "hireDate": "2024-09-02", "contractType": "open", "monthlyWage": 800000},
]
EMPLOYEE_CONTRACT_CHECK = check(
    "form.contract_end_before_hire",
    OR(NOT(V("employees")), {"all": [V("employees"), OR(NE(V("contractType"), "fixed"), NOT(V("contractEnd")),
                                                        {">": [{"days_between": [V("hireDate"), V("contractEnd")]}, 0]})]}),
    "/employees", "固定期限劳动合同的终止日期应晚于用工起始日期",
    "A fixed-term contract must end after the hiring date")
EMPLOYER_FIELDS = [F("employerName"), F("employerCreditCode"), F("contactName"), F("contactPhone"), F("employees")]
EMPLOYER_EXAMPLE = {"employerName": "厦门海沧鹭岛科技有限公司", "employerCreditCode": CREDIT, "contactName": "陈志强",
                    "contactPhone": PHONE, "employees": EMPLOYEES_EXAMPLE}

RS_EMPLOYMENT = matter(
    "RS", 1, "单位招用人员就业登记", "public_service", "statutory", 5, 0,
    ["online", "window"], ALL_LOCAL,
    [M("business_license"), M("labor_contract")],
    EMPLOYER_FIELDS, EMPLOYER_EXAMPLE, checks=[EMPLOYEE_CONTRACT_CHECK], immediate=True)

RS_INSURE_STAFF = matter(
    "RS", 2, "职工社会保险参保登记（增员）", "public_service", "statutory", 5, 0,
    ["online", "window"], ALL_LOCAL,
    [M("business_license"), M("labor_contract")],
    EMPLOYER_FIELDS + [F("insuranceStartDate")], dict(EMPLOYER_EXAMPLE, insuranceStartDate="2024-09-01"),
    checks=[EMPLOYEE_CONTRACT_CHECK], immediate=True)

RS_CARD = matter(
    "RS", 3, "社会保障卡申领", "public_service", "entrusted_by_above", 20, 10,
    ["window", "online", "partner_point"], ALL_LOCAL,
    [M("id_card"), M("household_book", condition=EQ(V("cardFor"), "child")),
     M("photo_receipt", condition=EQ(V("cardFor"), "self"))],
    [F("applicantName"), F("applicantId"), F("applicantMobile"), F("cardFor"),
     F("childName", visibleIf=EQ(V("cardFor"), "child")), F("childId", visibleIf=EQ(V("cardFor"), "child")),
     F("cardBank")] + post_fields(),
    {"applicantName": "林晓燕", "applicantId": MOTHER, "applicantMobile": MOBILE2, "cardFor": "child",
     "childName": "陈思远", "childId": CHILD, "cardBank": "xmbank", "receiveMethod": "post",
     "mailAddress": "福建省厦门市海沧区海沧街道沧林东路 123 号 502 室", "postalCode": POSTAL},
    effective="2024-03-01")

matter(
    "RS", 4, "失业保险金申领", "administrative_benefit", "statutory", 10, 3,
    ["online", "window", "kiosk"], ALL_LOCAL,
    [M("id_card"), M("separation_certificate"), M("bank_card")],
    [F("applicantName"), F("applicantId"), F("applicantMobile"), F("employerName"), F("separationDate"),
     F("separationReason"), F("uiContributionMonths"), F("bankCard"), F("bankName")],
    {"applicantName": "吴浩然", "applicantId": GRAD, "applicantMobile": MOBILE, "employerName": "厦门海沧鹭岛科技有限公司",
     "separationDate": "2025-09-01", "separationReason": "contract_expired", "uiContributionMonths": 36,
     "bankCard": CARD, "bankName": "厦门银行海沧支行"},
    checks=[check("form.voluntary_quit", absent_or("separationReason", NE(V("separationReason"), "voluntary")),
                  "/separationReason", "本人主动辞职不属于非因本人意愿中断就业，不能申领失业保险金",
                  "Quitting of one's own will does not qualify for unemployment benefit"),
            check("form.ui_months_short", absent_or("uiContributionMonths", {">=": [V("uiContributionMonths"), 12]}),
                  "/uiContributionMonths", "失业保险累计缴费满1年方可申领", "At least 12 months of contributions are needed")])

RS_PENSION = matter(
    "RS", 5, "企业职工基本养老保险待遇申领（职工退休）", "administrative_benefit", "statutory", 20, 5,
    ["online", "window"], ["department", "street"],
    [M("id_card"), M("household_book"), M("bank_card")],
    [F("applicantName"), F("applicantId"), F("applicantMobile"), F("retireType"), F("retirementDate"),
     F("pensionYears"), F("bankCard"), F("bankName"), F("alsoHousingFund")],
    {"applicantName": "郑国平", "applicantId": RETIREE, "applicantMobile": MOBILE2, "retireType": "normal",
     "retirementDate": "2025-07-10", "pensionYears": 35, "bankCard": CARD, "bankName": "中国工商银行厦门海沧支行",
     "alsoHousingFund": True},
    checks=[check("form.retirement_age",
                  absent_or("applicantId", "retirementDate",
                            OR(NE(V("retireType"), "normal"),
                               {">=": [ID_AGE("applicantId", "retirementDate"),
                                       {"if": [EQ(SEX("applicantId"), "male"), 60, 50]}]})),
                  "/retirementDate", "正常退休须达到法定退休年龄", "Normal retirement needs the statutory retirement age"),
            check("form.pension_years", absent_or("pensionYears", {">=": [V("pensionYears"), 15]}), "/pensionYears",
                  "累计缴费不足15年的，可申请延长缴费至满15年后再申领",
                  "Fewer than 15 years of contributions: extend the contributions first")])

matter(
    "RS", 6, "城乡居民基本养老保险参保登记", "public_service", "statutory", 5, 0,
    ["window", "online", "home_visit"], ["street", "community"],
    [M("id_card"), M("household_book")],
    [F("applicantName"), F("applicantId"), F("applicantMobile"), F("householdAddress"), F("applyDate"),
     F("isStudent"), F("contributionGrade")],
    {"applicantName": "王秀兰", "applicantId": OLD_WOMAN, "applicantMobile": MOBILE2,
     "householdAddress": "福建省厦门市海沧区东孚街道鼎美村 56 号", "applyDate": "2024-10-15", "isStudent": False,
     "contributionGrade": "g1000"},
    checks=[age_check("form.under_16", "applicantId", "applyDate", ">=", 16, "年满16周岁方可参保",
                      "You must be at least 16"),
            check("form.student", NOT(V("isStudent")), "/isStudent", "在校学生不参加城乡居民基本养老保险",
                  "Students are not insured under this scheme")],
    immediate=True)

matter(
    "RS", 7, "城乡居民基本养老保险待遇申领", "administrative_benefit", "statutory", 20, 5,
    ["window", "online", "home_visit"], ["street", "community"],
    [M("id_card"), M("household_book"), M("bank_card")],
    [F("applicantName"), F("applicantId"), F("applicantMobile"), F("applyDate"), F("receivesOtherPension"),
     F("bankCard"), F("bankName")],
    {"applicantName": "黄秀英", "applicantId": ELDER, "applicantMobile": MOBILE2, "applyDate": "2024-10-15",
     "receivesOtherPension": False, "bankCard": CARD, "bankName": "厦门农商银行东孚支行"},
    checks=[age_check("form.under_60", "applicantId", "applyDate", ">=", 60, "年满60周岁方可申领",
                      "You must be at least 60"),
            check("form.other_pension", NOT(V("receivesOtherPension")), "/receivesOtherPension",
                  "已领取其他基本养老保险待遇的，不能重复领取", "Someone with another basic pension cannot claim this one")])

matter(
    "RS", 8, "失业登记", "public_service", "statutory", 5, 0,
    ["online", "window", "kiosk"], ALL_LOCAL,
    [M("id_card")],
    [F("applicantName"), F("applicantId"), F("applicantMobile"), F("address"), F("education"),
     F("unemployedSince"), F("jobIntention", required=False), F("wantsTraining")],
    {"applicantName": "吴浩然", "applicantId": GRAD, "applicantMobile": MOBILE,
     "address": "福建省厦门市海沧区新阳街道新景路 8 号 1201 室", "education": "bachelor",
     "unemployedSince": "2025-09-01", "jobIntention": "软件测试", "wantsTraining": True},
    immediate=True)

matter(
    "RS", 9, "就业困难人员认定", "administrative_confirmation", "statutory", 15, 5,
    ["window", "online"], ALL_LOCAL,
    [M("id_card"), M("disability_card", condition=EQ(V("hardshipCategory"), "disabled"))],
    [F("applicantName"), F("applicantId"), F("applicantMobile"), F("address"), F("unemployedSince"),
     F("hardshipCategory")],
    {"applicantName": "李建华", "applicantId": DISABLED, "applicantMobile": MOBILE,
     "address": "福建省厦门市海沧区嵩屿街道海达路 15 号 302 室", "unemployedSince": "2024-03-01",
     "hardshipCategory": "disabled"})

matter(
    "RS", 10, "一次性创业补贴申领", "administrative_benefit", "statutory", 20, 15,
    ["online", "window"], ["department", "street"],
    [M("id_card"), M("business_license"), M("social_insurance_record"),
     M("graduation_certificate", condition=EQ(V("founderCategory"), "graduate")),
     M("veteran_certificate", condition=EQ(V("founderCategory"), "veteran"))],
    [F("applicantName"), F("applicantId"), F("applicantMobile"), F("founderCategory"), F("companyName"),
     F("businessCreditCode"), F("establishedDate"), F("insuredMonths"), F("bankCard"), F("bankName")],
    {"applicantName": "吴浩然", "applicantId": GRAD, "applicantMobile": MOBILE, "founderCategory": "graduate",
     "companyName": "厦门海沧鹭岛科技有限公司", "businessCreditCode": CREDIT, "establishedDate": "2024-09-01",
     "insuredMonths": 8, "bankCard": CARD, "bankName": "厦门银行海沧支行"},
    checks=[check("form.insured_months", absent_or("insuredMonths", {">=": [V("insuredMonths"), 6]}),
                  "/insuredMonths", "创办实体须正常经营并缴纳社会保险满6个月",
                  "The business must have paid social insurance for 6 months")])

matter(
    "RS", 11, "离校未就业高校毕业生实名登记", "public_service", "statutory", 5, 0,
    ["online", "window", "home_visit"], ALL_LOCAL,
    [M("id_card"), M("graduation_certificate")],
    [F("applicantName"), F("applicantId"), F("applicantMobile"), F("schoolGraduated"), F("major"), F("education"),
     F("graduationDate"), F("serviceNeeds")],
    {"applicantName": "吴浩然", "applicantId": GRAD, "applicantMobile": MOBILE, "schoolGraduated": "集美大学",
     "major": "计算机科学与技术", "education": "bachelor", "graduationDate": "2024-06-30",
     "serviceNeeds": ["job_referral", "internship"]},
    checks=[check("form.graduate_education", absent_or("education", IN(V("education"), ["college", "bachelor", "master"])),
                  "/education", "实名登记对象为高校毕业生（大专及以上）", "For university graduates only")],
    immediate=True)

RS_UNIT_INSURE = matter(
    "RS", 12, "单位社会保险参保登记（新开办企业）", "public_service", "statutory", 5, 0,
    ["online", "window"], ["district", "department"],
    [M("business_license")],
    [F("companyName"), F("businessAddress"), F("legalRepName"), F("legalRepId"), F("contactName"),
     F("contactPhone"), F("insuranceTypes")],
    {"companyName": "厦门海沧鹭岛科技有限公司", "businessAddress": "福建省厦门市海沧区海沧街道沧林东路 100 号 8 层",
     "legalRepName": "陈志强", "legalRepId": MAN, "contactName": "林晓燕", "contactPhone": PHONE,
     "insuranceTypes": ["pension", "unemployment", "injury", "medical"]},
    immediate=True)

# ---- 医保 ------------------------------------------------------------------------------

YB_NEWBORN = matter(
    "YB", 1, "新生儿参加城乡居民基本医疗保险登记", "public_service", "statutory", 5, 0,
    ["online", "window", "partner_point"], ALL_LOCAL,
    [M("birth_certificate"), M("household_book")],
    [F("childName"), F("childId"), F("childBirthDate"), F("applicantName"), F("applicantId"),
     F("applicantMobile"), F("motherInsured")],
    {"childName": "陈思远", "childId": CHILD, "childBirthDate": "2024-08-01", "applicantName": "林晓燕",
     "applicantId": MOTHER, "applicantMobile": MOBILE2, "motherInsured": True},
    checks=[CHILD_ID_MATCHES_BIRTH], immediate=True)

YB_MATERNITY = matter(
    "YB", 2, "生育津贴支付", "administrative_benefit", "statutory", 20, 10,
    ["online", "window"], ["department", "street"],
    [M("birth_certificate"), M("discharge_summary")],
    # The employer and the delivery come from the contribution record and the hospital's
    # discharge record when not given, so that the allowance can start by itself (免申即办,
    # SUCCESSORS below) from the birth certificate's data.
    [F("motherName"), F("motherId"), F("employerName", required=False),
     F("employerCreditCode", required=False), F("childBirthDate"),
     F("deliveryType", required=False), F("gestationWeeks"), F("babyCount"), F("applicantMobile")],
    {"motherName": "林晓燕", "motherId": MOTHER, "employerName": "厦门海沧鹭岛科技有限公司",
     "employerCreditCode": CREDIT, "childBirthDate": "2024-08-01", "deliveryType": "vaginal",
     "gestationWeeks": 39, "babyCount": 1, "applicantMobile": MOBILE2},
    checks=[SEX_MOTHER, MOTHER_BEFORE_CHILD], effective="2024-03-01")

YB_RETIRE = matter(
    "YB", 3, "职工医保在职转退休（退休人员医保待遇核定）", "administrative_confirmation", "statutory", 20, 5,
    ["online", "window"], ["department", "street"],
    [M("id_card")],
    # The years come from the 医保 contribution record when not given (the case starts by
    # itself after the pension is approved: SUCCESSORS below).
    [F("applicantName"), F("applicantId"), F("applicantMobile"), F("retirementDate"),
     F("medicalYears", required=False), F("medicalLocalYears", required=False),
     F("medicalTopUp", visibleIf=AND(NE(V("medicalYears"), None), NE(V("medicalLocalYears"), None), OR(
         {"<": [V("medicalYears"), {"if": [EQ(SEX("applicantId"), "male"), 25, 20]}]},
         {"<": [V("medicalLocalYears"), 10]})))],
    {"applicantName": "郑国平", "applicantId": RETIREE, "applicantMobile": MOBILE2, "retirementDate": "2025-07-10",
     "medicalYears": 30, "medicalLocalYears": 22},
    checks=[check("form.local_years", absent_or("medicalYears", "medicalLocalYears",
                                                 {"<=": [V("medicalLocalYears"), V("medicalYears")]}),
                  "/medicalLocalYears", "本市实际缴费年限不能超过累计缴费年限",
                  "Years paid in Xiamen cannot exceed the total")])

matter(
    "YB", 4, "城乡居民基本医疗保险参保登记", "public_service", "statutory", 5, 0,
    ["online", "window", "kiosk"], ALL_LOCAL,
    [M("id_card"), M("household_book"), M("residence_permit", condition=EQ(V("residenceCategory"), "non_local")),
     M("student_proof", condition=EQ(V("insuredCategory"), "student"))],
    [F("applicantName"), F("applicantId"), F("applicantMobile"), F("residenceCategory"), F("insuredCategory"),
     F("schoolName", visibleIf=EQ(V("insuredCategory"), "student"))],
    {"applicantName": "王秀兰", "applicantId": OLD_WOMAN, "applicantMobile": MOBILE2,
     "residenceCategory": "non_local", "insuredCategory": "elderly"},
    immediate=True)

matter(
    "YB", 5, "异地就医备案", "public_service", "statutory", 1, 0,
    ["online", "window", "kiosk"], ALL_LOCAL,
    [M("commitment")],
    [F("applicantName"), F("applicantId"), F("applicantMobile"), F("filingType"), F("destinationArea"),
     F("address"), F("startDate"), F("endDate", visibleIf=EQ(V("filingType"), "temporary"))],
    {"applicantName": "黄秀英", "applicantId": ELDER, "applicantMobile": MOBILE2, "filingType": "resettled",
     "destinationArea": "440300", "address": "广东省深圳市南山区科技园路 1 号", "startDate": "2024-11-01"},
    checks=[after_check("form.end_before_start", "startDate", "endDate", "结束日期应晚于开始日期",
                        "The end date must be after the start date")],
    immediate=True)

matter(
    "YB", 6, "门诊特殊病种待遇认定", "administrative_confirmation", "statutory", 15, 5,
    ["partner_point", "window"], ["department"],
    [M("id_card"), M("medical_record")],
    [F("applicantName"), F("applicantId"), F("applicantMobile"), F("diseaseName"), F("hospitalName")],
    {"applicantName": "郑国平", "applicantId": RETIREE, "applicantMobile": MOBILE2, "diseaseName": "diabetes",
     "hospitalName": "复旦大学附属中山医院厦门医院"})

matter(
    "YB", 7, "医疗费用手工（零星）报销", "administrative_benefit", "statutory", 30, 15,
    ["window", "online"], ["department", "street"],
    [M("id_card"), M("invoices"), M("medical_record"), M("bank_card")],
    [F("applicantName"), F("applicantId"), F("applicantMobile"), F("reimburseReason"), F("hospitalName"),
     F("startDate"), F("endDate"), F("totalAmount"), F("bankCard"), F("bankName")],
    {"applicantName": "陈志强", "applicantId": MAN, "applicantMobile": MOBILE, "reimburseReason": "emergency_outside",
     "hospitalName": "上海市第六人民医院", "startDate": "2024-07-03", "endDate": "2024-07-09", "totalAmount": 1268050,
     "bankCard": CARD, "bankName": "厦门银行海沧支行"},
    checks=[after_check("form.end_before_start", "startDate", "endDate", "出院（结束）日期不能早于入院（开始）日期",
                        "Treatment cannot end before it starts", strict=False)])

YB_STAFF = matter(
    "YB", 8, "职工基本医疗保险参保登记（增员）", "public_service", "statutory", 5, 0,
    ["online", "window"], ALL_LOCAL,
    [M("business_license")],
    EMPLOYER_FIELDS + [F("insuranceStartDate")], dict(EMPLOYER_EXAMPLE, insuranceStartDate="2024-09-01"),
    checks=[EMPLOYEE_CONTRACT_CHECK], immediate=True)

# ---- 交通 ------------------------------------------------------------------------------

matter(
    "JT", 1, "道路货物运输经营许可（普通货运）", "administrative_permit", "devolved_from_above", 20, 5,
    ["online", "window"], ["department"],
    [M("business_license"), M("id_card"), M("safety_rules"), M("vehicle_docs")],
    [F("companyName"), F("businessCreditCode"), F("legalRepName"), F("businessAddress"), F("contactName"),
     F("contactPhone"), F("vehicleCount"), F("driverCount"), F("hasSafetyRules")],
    {"companyName": "厦门海沧港通物流有限公司", "businessCreditCode": CREDIT2, "legalRepName": "陈志强",
     "businessAddress": "福建省厦门市海沧区港中路 1 号", "contactName": "林晓燕", "contactPhone": PHONE,
     "vehicleCount": 5, "driverCount": 6, "hasSafetyRules": True},
    checks=[check("form.no_safety_rules", EQ(V("hasSafetyRules"), True), "/hasSafetyRules",
                  "须建立健全安全生产管理制度", "Safety rules are required"),
            check("form.drivers_short", absent_or("vehicleCount", "driverCount",
                                                   {">=": [V("driverCount"), V("vehicleCount")]}),
                  "/driverCount", "驾驶人员数不应少于车辆数", "There should be at least one driver per vehicle")])

matter(
    "JT", 2, "道路运输从业人员从业资格证换证", "administrative_permit", "devolved_from_above", 5, 0,
    ["online", "window", "kiosk"], ["department"],
    [M("id_card"), M("old_qualification")],
    [F("applicantName"), F("applicantId"), F("applicantMobile"), F("qualificationCertNo"),
     F("qualificationCategory")],
    {"applicantName": "陈志强", "applicantId": MAN, "applicantMobile": MOBILE, "qualificationCertNo": MAN,
     "qualificationCategory": "freight"},
    immediate=True)

matter(
    "JT", 3, "老年人公交乘车优惠卡申领", "public_service", "statutory", 10, 5,
    ["window", "home_visit", "partner_point"], ["street", "community"],
    [M("id_card"), M("photo_receipt")],
    [F("applicantName"), F("applicantId"), F("applicantMobile"), F("applyDate"), F("householdAddress")]
    + post_fields(),
    {"applicantName": "黄秀英", "applicantId": ELDER, "applicantMobile": MOBILE2, "applyDate": "2024-10-15",
     "householdAddress": "福建省厦门市海沧区东孚街道鼎美村 56 号", "receiveMethod": "window"},
    checks=[age_check("form.under_60", "applicantId", "applyDate", ">=", 60, "年满60周岁的老年人方可申领",
                      "For people aged 60 or over")])

matter(
    "JT", 4, "涉路施工许可（占用、挖掘公路）", "administrative_permit", "statutory", 20, 10,
    ["online", "window"], ["department"],
    [M("business_license"), M("construction_plan")],
    [F("companyName"), F("businessCreditCode"), F("contactName"), F("contactPhone"), F("roadName"),
     F("roadWorkType"), F("startDate"), F("endDate"), F("workDescription")],
    {"companyName": "厦门海沧港通物流有限公司", "businessCreditCode": CREDIT2, "contactName": "林晓燕",
     "contactPhone": PHONE, "roadName": "海沧大道（马青路口至沧林路口段）", "roadWorkType": "excavate",
     "startDate": "2024-11-01", "endDate": "2024-11-20", "workDescription": "敷设通信管线 320 米，夜间分段施工"},
    checks=[after_check("form.end_before_start", "startDate", "endDate", "施工结束日期应晚于开始日期",
                        "The works must end after they start")])

# ---- 公积金 ----------------------------------------------------------------------------

GJJ_UNIT = matter(
    "GJJ", 1, "住房公积金单位缴存登记（新开办企业）", "public_service", "entrusted_by_above", 5, 0,
    ["online", "window"], ["district", "department"],
    [M("business_license")],
    [F("companyName"), F("businessAddress"), F("legalRepName"), F("legalRepId"), F("contactName"),
     F("contactPhone"), F("depositRatio")],
    {"companyName": "厦门海沧鹭岛科技有限公司", "businessAddress": "福建省厦门市海沧区海沧街道沧林东路 100 号 8 层",
     "legalRepName": "陈志强", "legalRepId": MAN, "contactName": "林晓燕", "contactPhone": PHONE, "depositRatio": 12},
    immediate=True)

GJJ_STAFF = matter(
    "GJJ", 2, "职工住房公积金账户设立", "public_service", "entrusted_by_above", 5, 0,
    ["online", "window"], ALL_LOCAL,
    [M("business_license")],
    EMPLOYER_FIELDS + [F("depositRatio")], dict(EMPLOYER_EXAMPLE, depositRatio=12),
    checks=[EMPLOYEE_CONTRACT_CHECK], immediate=True)

matter(
    "GJJ", 3, "住房公积金提取（租赁住房）", "public_service", "entrusted_by_above", 5, 0,
    ["online", "kiosk", "window"], ALL_LOCAL,
    [M("id_card"), M("lease_contract", condition=EQ(V("leaseRegistered"), False))],
    [F("applicantName"), F("applicantId"), F("applicantMobile"), F("address"), F("leaseRegistered"),
     F("monthlyRent"), F("bankCard"), F("bankName")],
    {"applicantName": "吴浩然", "applicantId": GRAD, "applicantMobile": MOBILE,
     "address": "福建省厦门市海沧区新阳街道新景路 8 号 1201 室", "leaseRegistered": True, "monthlyRent": 250000,
     "bankCard": CARD, "bankName": "中国建设银行厦门海沧支行"},
    immediate=True)

GJJ_RETIRE = matter(
    "GJJ", 4, "住房公积金提取（离休、退休）", "public_service", "entrusted_by_above", 5, 0,
    ["online", "window"], ALL_LOCAL,
    [M("id_card"), M("bank_card")],
    [F("applicantName"), F("applicantId"), F("applicantMobile"), F("retirementDate"), F("bankCard"),
     F("bankName")],
    {"applicantName": "郑国平", "applicantId": RETIREE, "applicantMobile": MOBILE2, "retirementDate": "2025-07-10",
     "bankCard": CARD, "bankName": "中国工商银行厦门海沧支行"},
    immediate=True)

# ---- 民政 ------------------------------------------------------------------------------

HOUSEHOLD_SIZE_CHECK = check(
    "form.household_size", absent_or("householdSize", "householdMembers", EQ(COUNT("householdMembers"), V("householdSize"))),
    "/householdMembers", "家庭成员名单人数应与家庭共同生活成员人数一致",
    "The list of members should match the size of the household")
ONE_SELF_CHECK = check(
    "form.household_self", absent_or("householdMembers", EQ({"reduce": [
        {"filter": [V("householdMembers"), EQ(V("relation"), "self")]}, {"+": [V("accumulator"), 1]}, 0]}, 1)),
    "/householdMembers", "家庭成员中应有且仅有一名“本人”", "Exactly one member should be the applicant")

MZ_DIBAO = matter(
    "MZ", 1, "最低生活保障审核确认", "administrative_benefit", "devolved_from_above", 30, 20,
    ["window", "online", "home_visit"], ["street", "community"],
    [M("id_card"), M("household_book"), M("income_authorization"),
     M("disability_card", condition={"some": [V("householdMembers"), EQ(V("isDisabled"), True)]})],
    [F("applicantName"), F("applicantId"), F("applicantMobile"), F("householdAddress"), F("householdSize"),
     F("householdMembers"), F("monthlyHouseholdIncome"), F("applyReason"), F("bankCard"), F("bankName")],
    {"applicantName": "李建华", "applicantId": DISABLED, "applicantMobile": MOBILE,
     "householdAddress": "福建省厦门市海沧区嵩屿街道海达路 15 号 302 室", "householdSize": 2,
     "householdMembers": [
         {"name": "李建华", "residentId": DISABLED, "relation": "self", "monthlyIncome": 0, "isDisabled": True},
         {"name": "王秀兰", "residentId": OLD_WOMAN, "relation": "parent", "monthlyIncome": 120000, "isDisabled": False}],
     "monthlyHouseholdIncome": 120000, "applyReason": "本人肢体残疾无法就业，母亲年老仅有少量养老金，家庭收入低于本市低保标准",
     "bankCard": CARD, "bankName": "厦门农商银行海沧支行"},
    checks=[HOUSEHOLD_SIZE_CHECK, ONE_SELF_CHECK,
            check("form.income_sum", absent_or("householdMembers", "monthlyHouseholdIncome", EQ(
                {"reduce": [V("householdMembers"), {"+": [V("accumulator"), V("current.monthlyIncome")]}, 0]},
                V("monthlyHouseholdIncome"))),
                "/monthlyHouseholdIncome", "家庭月总收入应等于各成员月收入之和",
                "The household income should be the sum of the members' incomes")],
    effective="2023-07-01")

matter(
    "MZ", 2, "特困人员救助供养审核确认", "administrative_benefit", "devolved_from_above", 30, 20,
    ["window", "home_visit"], ["street", "community"],
    [M("id_card"), M("household_book"), M("income_authorization"),
     M("disability_card", condition=EQ(V("incapacityReason"), "disabled"))],
    [F("applicantName"), F("applicantId"), F("householdAddress"), F("applyDate"), F("incapacityReason"),
     F("supportType"), F("guardianName", required=False), F("applicantMobile", required=False)],
    {"applicantName": "黄秀英", "applicantId": ELDER, "householdAddress": "福建省厦门市海沧区东孚街道鼎美村 56 号",
     "applyDate": "2024-10-15", "incapacityReason": "elderly", "supportType": "home", "applicantMobile": MOBILE2},
    checks=[check("form.incapacity_age", absent_or("applicantId", "applyDate", "incapacityReason", AND(
        OR(NE(V("incapacityReason"), "elderly"), {">=": [ID_AGE("applicantId", "applyDate"), 60]}),
        OR(NE(V("incapacityReason"), "minor"), {"<": [ID_AGE("applicantId", "applyDate"), 16]}))),
        "/incapacityReason", "所选情形与申请人年龄不符", "The reason given does not fit the applicant's age")],
    effective="2023-07-01")

matter(
    "MZ", 3, "临时救助", "administrative_benefit", "devolved_from_above", 15, 10,
    ["window", "online", "home_visit"], ["street", "community"],
    [M("id_card"), M("income_authorization"), M("medical_record", condition=EQ(V("emergencyType"), "medical"))],
    [F("applicantName"), F("applicantId"), F("applicantMobile"), F("address"), F("emergencyType"),
     F("applyReason"), F("requestedAmount"), F("bankCard"), F("bankName")],
    {"applicantName": "陈志强", "applicantId": MAN, "applicantMobile": MOBILE,
     "address": "福建省厦门市海沧区海沧街道沧林东路 123 号 502 室", "emergencyType": "medical",
     "applyReason": "家庭成员突发重病住院，自付医疗费用较高，家庭生活暂时困难", "requestedAmount": 500000,
     "bankCard": CARD, "bankName": "厦门银行海沧支行"},
    effective="2023-07-01")

matter(
    "MZ", 4, "高龄老年人补贴申领", "administrative_benefit", "statutory", 20, 10,
    ["window", "home_visit", "online"], ["street", "community"],
    [M("id_card"), M("household_book"), M("bank_card")],
    [F("applicantName"), F("applicantId"), F("applyDate"), F("householdAddress"), F("applicantMobile", required=False),
     F("bankCard"), F("bankName")],
    {"applicantName": "黄秀英", "applicantId": ELDER, "applyDate": "2024-10-15",
     "householdAddress": "福建省厦门市海沧区东孚街道鼎美村 56 号", "applicantMobile": MOBILE2, "bankCard": CARD,
     "bankName": "厦门农商银行东孚支行"},
    checks=[age_check("form.under_80", "applicantId", "applyDate", ">=", 80, "高龄补贴发放对象为年满80周岁的老年人",
                      "For people aged 80 or over")])

matter(
    "MZ", 5, "内地居民结婚登记", "administrative_confirmation", "statutory", 1, 0,
    ["window", "online"], ["department"],
    [M("id_card", count=2), M("household_book", count=2), M("photo_receipt")],
    [F("groomName"), F("groomId"), F("groomMarital"), F("brideName"), F("brideId"), F("brideMarital"),
     F("applyDate"), F("applicantMobile")],
    {"groomName": "陈志强", "groomId": MAN, "groomMarital": "unmarried", "brideName": "林晓燕", "brideId": MOTHER,
     "brideMarital": "unmarried", "applyDate": "2023-05-20", "applicantMobile": MOBILE},
    checks=[sex_check("form.groom_not_male", "groomId", "male", "男方公民身份号码应为男性", "The groom's ID should be a man's"),
            sex_check("form.bride_not_female", "brideId", "female", "女方公民身份号码应为女性",
                      "The bride's ID should be a woman's"),
            age_check("form.groom_age", "groomId", "applyDate", ">=", 22, "男方未达法定婚龄（22周岁）",
                      "The groom is under the legal age (22)"),
            age_check("form.bride_age", "brideId", "applyDate", ">=", 20, "女方未达法定婚龄（20周岁）",
                      "The bride is under the legal age (20)")],
    immediate=True, proxy=False)

MZ_TWO_SUBSIDIES = matter(
    "MZ", 6, "困难残疾人生活补贴和重度残疾人护理补贴（两项补贴）申领", "administrative_benefit", "statutory", 20, 15,
    ["window", "online", "home_visit"], ["street", "community"],
    [M("id_card"), M("disability_card"), M("bank_card")],
    [F("applicantName"), F("applicantId"), F("applicantMobile"), F("disabilityCertNo", required=False),
     F("disabilityCategory"), F("disabilityGrade"), F("subsidyTypes"), F("familyAidStatus"), F("bankCard"),
     F("bankName")],
    {"applicantName": "李建华", "applicantId": DISABLED, "applicantMobile": MOBILE,
     "disabilityCertNo": DISABLED + "42", "disabilityCategory": "physical", "disabilityGrade": "grade2",
     "subsidyTypes": ["living", "nursing"], "familyAidStatus": "applying", "bankCard": CARD,
     "bankName": "厦门农商银行海沧支行"},
    checks=[check("form.nursing_grade", absent_or("subsidyTypes", "disabilityGrade", OR(
        NOT(IN("nursing", V("subsidyTypes"))),
        IN(V("disabilityGrade"), ["grade1", "grade2"]),
        AND(EQ(V("disabilityGrade"), "grade3"), IN(V("disabilityCategory"), ["intellectual", "mental"])))),
        "/subsidyTypes", "护理补贴发放对象为一、二级残疾人或三级智力、精神残疾人",
        "The nursing subsidy is for grade 1–2, or grade 3 intellectual or mental, disability"),
        check("form.living_income", absent_or("subsidyTypes", "familyAidStatus", OR(
            NOT(IN("living", V("subsidyTypes"))), NE(V("familyAidStatus"), "none"))),
            "/familyAidStatus", "生活补贴发放对象为低保、低保边缘家庭中的残疾人",
            "The living subsidy is for people in households on (or near) minimum living support")],
    effective="2024-03-01")

matter(
    "MZ", 7, "经济困难老年人居家养老服务补贴申领", "administrative_benefit", "statutory", 20, 10,
    ["window", "home_visit"], ["street", "community"],
    [M("id_card"), M("household_book")],
    [F("applicantName"), F("applicantId"), F("applicantMobile"), F("applyDate"), F("address"),
     F("elderCategory"), F("serviceTypes")],
    {"applicantName": "黄秀英", "applicantId": ELDER, "applicantMobile": MOBILE2, "applyDate": "2024-10-15",
     "address": "福建省厦门市海沧区东孚街道鼎美村 56 号", "elderCategory": "advanced_age",
     "serviceTypes": ["meal", "cleaning", "medical"]},
    checks=[age_check("form.under_60", "applicantId", "applyDate", ">=", 60, "补贴对象为年满60周岁的老年人",
                      "For people aged 60 or over")])

# ---- 卫健 ------------------------------------------------------------------------------

WJ_BIRTH_CERT = matter(
    "WJ", 1, "出生医学证明首次签发", "public_service", "statutory", 5, 0,
    # Online too: 出生一件事 is applied for on 闽政通 after the hospital registers the birth.
    ["partner_point", "window", "online"], ["department"],
    [M("id_card", count=2)],
    [F("childName"), F("childSex"), F("childBirthDate"), F("birthPlace"), F("birthWeight"), F("gestationWeeks"),
     F("motherName"), F("motherId"), F("fatherName", required=False), F("fatherId", required=False),
     F("applicantMobile")],
    {"childName": "陈思远", "childSex": "male", "childBirthDate": "2024-08-01", "birthPlace": "厦门市海沧医院",
     "birthWeight": 3350, "gestationWeeks": 39, "motherName": "林晓燕", "motherId": MOTHER,
     "fatherName": "陈志强", "fatherId": MAN, "applicantMobile": MOBILE},
    checks=[SEX_FATHER, SEX_MOTHER, MOTHER_BEFORE_CHILD,
            check("form.father_pair", OR(AND(V("fatherName"), V("fatherId")), AND(NOT(V("fatherName")), NOT(V("fatherId")))),
                  "/fatherId", "父亲姓名与公民身份号码应同时填写", "Give both the father's name and ID number, or neither")],
    immediate=True, effective="2024-03-01")

matter(
    "WJ", 2, "生育登记", "public_service", "statutory", 1, 0,
    ["online", "window"], ALL_LOCAL,
    [M("id_card", count=2)],
    [F("wifeName"), F("wifeId"), F("husbandName"), F("husbandId"), F("childOrder"), F("expectedDueDate"),
     F("address"), F("applicantMobile")],
    {"wifeName": "林晓燕", "wifeId": MOTHER, "husbandName": "陈志强", "husbandId": MAN, "childOrder": "first",
     "expectedDueDate": "2024-08-05", "address": "福建省厦门市海沧区海沧街道沧林东路 123 号 502 室",
     "applicantMobile": MOBILE2},
    checks=[sex_check("form.wife_not_female", "wifeId", "female", "女方公民身份号码应为女性",
                      "The wife's ID should be a woman's"),
            sex_check("form.husband_not_male", "husbandId", "male", "男方公民身份号码应为男性",
                      "The husband's ID should be a man's")],
    immediate=True)

WJ_VACCINE = matter(
    "WJ", 3, "入托、入学预防接种证查验", "public_service", "statutory", 5, 0,
    ["window", "partner_point", "online"], ALL_LOCAL,
    [M("vaccination_certificate")],
    [F("childName"), F("childId"), F("enrollStage"), F("schoolName"), F("applicantName"), F("applicantMobile")],
    {"childName": "陈语桐", "childId": PUPIL, "enrollStage": "primary", "schoolName": "厦门市海沧区海沧中心小学",
     "applicantName": "陈志强", "applicantMobile": MOBILE},
    immediate=True)

matter(
    "WJ", 4, "农村部分计划生育家庭奖励扶助金申领", "administrative_benefit", "statutory", 30, 20,
    ["window", "home_visit"], ["street", "community"],
    [M("id_card"), M("household_book"), M("bank_card")],
    [F("applicantName"), F("applicantId"), F("applicantMobile"), F("applyDate"), F("householdAddress"),
     F("familyPlanningType"), F("bankCard"), F("bankName")],
    {"applicantName": "王秀兰", "applicantId": OLD_WOMAN, "applicantMobile": MOBILE2, "applyDate": "2024-10-15",
     "householdAddress": "福建省厦门市海沧区东孚街道鼎美村 56 号", "familyPlanningType": "two_daughters",
     "bankCard": CARD, "bankName": "厦门农商银行东孚支行"},
    checks=[age_check("form.under_60", "applicantId", "applyDate", ">=", 60, "奖励扶助对象为年满60周岁的夫妻",
                      "For parents aged 60 or over")])

# ---- 残联 ------------------------------------------------------------------------------

NEEDS_GUARDIAN = OR(IN(V("disabilityCategory"), ["intellectual", "mental"]),
                    AND(V("applicantId"), V("applyDate"), {"<": [ID_AGE("applicantId", "applyDate"), 18]}))

CL_CARD = matter(
    "CL", 1, "残疾人证新办", "administrative_confirmation", "statutory", 20, 10,
    ["window", "online", "home_visit"], ["street", "community"],
    [M("id_card"), M("household_book"), M("photo_receipt"), M("medical_record"),
     M("authorization", condition=NEEDS_GUARDIAN)],
    [F("applicantName"), F("applicantId"), F("applicantMobile"), F("householdAddress"), F("applyDate"),
     F("disabilityCategory"), F("homeAssessment"),
     F("guardianName", required=False, requiredIf=NEEDS_GUARDIAN),
     F("guardianId", required=False, requiredIf=NEEDS_GUARDIAN),
     F("guardianRelation", required=False, requiredIf=NEEDS_GUARDIAN)],
    {"applicantName": "李建华", "applicantId": DISABLED, "applicantMobile": MOBILE,
     "householdAddress": "福建省厦门市海沧区嵩屿街道海达路 15 号 302 室", "applyDate": "2024-10-15",
     "disabilityCategory": "physical", "homeAssessment": False},
    effective="2023-07-01")

matter(
    "CL", 2, "残疾人辅助器具适配补贴申领", "administrative_benefit", "statutory", 20, 10,
    ["window", "online"], ["street", "community"],
    [M("disability_card"), M("device_invoice"), M("bank_card")],
    [F("applicantName"), F("applicantId"), F("applicantMobile"), F("disabilityCertNo"), F("disabilityCategory"),
     F("deviceName"), F("deviceCost"), F("bankCard"), F("bankName")],
    {"applicantName": "李建华", "applicantId": DISABLED, "applicantMobile": MOBILE, "disabilityCertNo": DISABLED + "42",
     "disabilityCategory": "physical", "deviceName": "wheelchair", "deviceCost": 198000, "bankCard": CARD,
     "bankName": "厦门农商银行海沧支行"},
    checks=[check("form.cert_holder", absent_or("disabilityCertNo", "applicantId",
                                                EQ({"substr": [V("disabilityCertNo"), 0, 18]}, V("applicantId"))),
                  "/disabilityCertNo", "残疾人证号前18位应为申请人公民身份号码",
                  "The certificate number should start with the applicant's ID number")])

matter(
    "CL", 3, "困难残疾人家庭无障碍改造申请", "public_service", "statutory", 30, 20,
    ["window", "home_visit"], ["street", "community"],
    [M("disability_card"), M("property_certificate", condition=EQ(V("isOwnHome"), True)),
     M("lease_contract", condition=EQ(V("isOwnHome"), False))],
    [F("applicantName"), F("applicantId"), F("applicantMobile"), F("disabilityCertNo"), F("address"),
     F("isOwnHome"), F("modificationItems")],
    {"applicantName": "李建华", "applicantId": DISABLED, "applicantMobile": MOBILE, "disabilityCertNo": DISABLED + "42",
     "address": "福建省厦门市海沧区嵩屿街道海达路 15 号 302 室", "isOwnHome": False,
     "modificationItems": ["handrail", "bathroom"]})

matter(
    "CL", 4, "残疾人证换领", "administrative_confirmation", "statutory", 20, 10,
    ["window", "online"], ["street", "community"],
    [M("disability_card", condition=NE(V("cardRenewReason"), "lost"), waived=False), M("photo_receipt"),
     M("medical_record", condition=EQ(V("cardRenewReason"), "grade_change"))],
    [F("applicantName"), F("applicantId"), F("applicantMobile"), F("disabilityCertNo"), F("cardRenewReason")]
    + post_fields(),
    {"applicantName": "李建华", "applicantId": DISABLED, "applicantMobile": MOBILE, "disabilityCertNo": DISABLED + "42",
     "cardRenewReason": "expired", "receiveMethod": "window"})

# ---- 退役军人 --------------------------------------------------------------------------

SERVICE_CHECK = after_check("form.discharge_before_enlist", "enlistDate", "dischargeDate", "退役日期应晚于入伍日期",
                            "Discharge must come after enlistment")

matter(
    "TY", 1, "退役军人优待证申领", "public_service", "statutory", 30, 20,
    ["window", "online", "home_visit"], ALL_LOCAL,
    [M("id_card"), M("veteran_certificate"), M("photo_receipt")],
    [F("applicantName"), F("applicantId"), F("applicantMobile"), F("veteranCategory"), F("enlistDate"),
     F("dischargeDate"), F("cardBank")] + post_fields(),
    {"applicantName": "陈志强", "applicantId": MAN, "applicantMobile": MOBILE, "veteranCategory": "retired_soldier",
     "enlistDate": "2008-09-10", "dischargeDate": "2013-12-01", "cardBank": "ccb", "receiveMethod": "window"},
    checks=[SERVICE_CHECK])

matter(
    "TY", 2, "义务兵家庭优待金给付", "administrative_benefit", "statutory", 30, 20,
    ["window", "online"], ["department", "street", "community"],
    [M("id_card"), M("enlistment_notice"), M("household_book"), M("bank_card")],
    [F("applicantName"), F("applicantId"), F("applicantMobile"), F("soldierName"), F("soldierId"),
     F("relationToSoldier"), F("enlistDate"), F("educationAtEnlist"), F("bankCard"), F("bankName")],
    {"applicantName": "陈志强", "applicantId": MAN, "applicantMobile": MOBILE, "soldierName": "吴浩然",
     "soldierId": GRAD, "relationToSoldier": "parent", "enlistDate": "2024-09-15", "educationAtEnlist": "college_graduate",
     "bankCard": CARD, "bankName": "中国建设银行厦门海沧支行"})

matter(
    "TY", 3, "自主就业退役士兵地方一次性经济补助给付", "administrative_benefit", "statutory", 30, 15,
    ["window", "online"], ["department", "street", "community"],
    [M("id_card"), M("veteran_certificate"), M("bank_card")],
    [F("applicantName"), F("applicantId"), F("applicantMobile"), F("householdAddress"), F("enlistDate"),
     F("dischargeDate"), F("bankCard"), F("bankName")],
    {"applicantName": "吴浩然", "applicantId": GRAD, "applicantMobile": MOBILE,
     "householdAddress": "福建省厦门市海沧区新阳街道新景路 8 号 1201 室", "enlistDate": "2020-09-15",
     "dischargeDate": "2022-09-10", "bankCard": CARD, "bankName": "中国建设银行厦门海沧支行"},
    checks=[SERVICE_CHECK])

# ---- 税务 ------------------------------------------------------------------------------

SW_NEW = matter(
    "SW", 1, "新办纳税人涉税事项综合申请", "public_service", "statutory", 1, 0,
    ["online", "window"], ["district", "department"],
    [M("business_license")],
    [F("companyName"), F("legalRepName"), F("legalRepId"), F("contactName"), F("contactPhone"),
     F("taxpayerType"), F("invoiceNeeded"), F("invoiceTypes", visibleIf=EQ(V("invoiceNeeded"), True))],
    {"companyName": "厦门海沧鹭岛科技有限公司", "legalRepName": "陈志强", "legalRepId": MAN, "contactName": "林晓燕",
     "contactPhone": PHONE, "taxpayerType": "small_scale", "invoiceNeeded": True, "invoiceTypes": ["digital_normal"]},
    immediate=True)

matter(
    "SW", 2, "代开增值税发票（自然人）", "public_service", "statutory", 1, 0,
    ["online", "window", "kiosk"], ALL_LOCAL,
    [M("id_card"), M("labor_contract", form="copy", condition=EQ(V("incomeCategory"), "service"))],
    [F("applicantName"), F("applicantId"), F("applicantMobile"), F("incomeCategory"), F("buyerType"),
     F("buyerName"), F("buyerCreditCode", visibleIf=EQ(V("buyerType"), "organization")), F("itemName"),
     F("invoiceAmount")],
    {"applicantName": "陈志强", "applicantId": MAN, "applicantMobile": MOBILE, "incomeCategory": "service",
     "buyerType": "organization", "buyerName": "厦门海沧港通物流有限公司", "buyerCreditCode": CREDIT2,
     "itemName": "技术咨询服务", "invoiceAmount": 800000},
    immediate=True)

matter(
    "SW", 3, "城乡居民基本医疗保险费缴纳", "public_service", "statutory", 1, 0,
    ["online", "kiosk", "window", "partner_point"], ALL_LOCAL,
    [],
    [F("applicantName"), F("applicantId"), F("insuredCategory"), F("payYear"), F("applicantMobile", required=False)],
    {"applicantName": "王秀兰", "applicantId": OLD_WOMAN, "insuredCategory": "elderly", "payYear": 2025,
     "applicantMobile": MOBILE2},
    immediate=True)

# ---- 市场监管 --------------------------------------------------------------------------

SJ_COMPANY = matter(
    "SJ", 1, "企业设立登记（有限责任公司）", "administrative_permit", "statutory", 3, 1,
    ["online", "window"], ["district", "department"],
    [M("articles"), M("residence_proof"), M("id_card"), M("shareholder_proof")],
    [F("companyName"), F("companyType"), F("registeredCapital"), F("businessScope"), F("businessAddress"),
     F("legalRepName"), F("legalRepId"), F("legalRepMobile"), F("shareholders"), F("contactName"),
     F("contactPhone")],
    {"companyName": "厦门海沧鹭岛科技有限公司", "companyType": "llc", "registeredCapital": 100000000,
     "businessScope": "一般项目：软件开发；信息技术咨询服务；技术服务、技术开发、技术咨询、技术交流、技术转让、技术推广。",
     "businessAddress": "福建省厦门市海沧区海沧街道沧林东路 100 号 8 层", "legalRepName": "陈志强",
     "legalRepId": MAN, "legalRepMobile": MOBILE,
     "shareholders": [
         {"holderName": "陈志强", "holderType": "natural", "holderId": MAN, "subscribedCapital": 60000000,
          "contributionDeadline": "2026-08-31"},
         {"holderName": "深圳某投资有限公司", "holderType": "legal", "holderCreditCode": CREDIT2,
          "subscribedCapital": 40000000, "contributionDeadline": "2026-08-31"}],
     "contactName": "林晓燕", "contactPhone": PHONE},
    checks=[check("form.capital_sum", absent_or("shareholders", "registeredCapital", EQ(
        {"reduce": [V("shareholders"), {"+": [V("accumulator"), V("current.subscribedCapital")]}, 0]},
        V("registeredCapital"))), "/registeredCapital", "各股东认缴出资额之和应等于注册资本",
        "The shareholders' subscriptions should add up to the registered capital"),
            check("form.sole_holder", absent_or("companyType", "shareholders", OR(
                NE(V("companyType"), "llc_sole"), EQ(COUNT("shareholders"), 1))), "/shareholders",
                "自然人独资有限责任公司只能有一名股东", "A sole-owner company has exactly one shareholder")],
    effective="2024-07-01")

matter(
    "SJ", 2, "个体工商户设立登记", "administrative_permit", "statutory", 3, 0,
    ["online", "window", "kiosk"], ALL_LOCAL,
    [M("id_card"), M("residence_proof")],
    [F("applicantName"), F("applicantId"), F("applicantMobile"), F("shopName", required=False),
     F("organizationForm"), F("businessAddress"), F("businessScope"), F("capitalAmount")],
    {"applicantName": "王秀兰", "applicantId": OLD_WOMAN, "applicantMobile": MOBILE2, "shopName": "海沧区秀兰小吃店",
     "organizationForm": "individual", "businessAddress": "福建省厦门市海沧区新阳街道霞阳路 20 号店面",
     "businessScope": "餐饮服务；小餐饮", "capitalAmount": 5000000},
    immediate=True)

matter(
    "SJ", 3, "食品经营许可（新办）", "administrative_permit", "statutory", 10, 3,
    ["online", "window"], ["department"],
    [M("business_license"), M("floor_plan"), M("food_safety_rules")],
    [F("companyName"), F("businessCreditCode"), F("legalRepName"), F("businessAddress"), F("contactName"),
     F("contactPhone"), F("foodCategories"), F("operatingArea"), F("foodSafetyOfficer")],
    {"companyName": "厦门海沧鹭岛餐饮管理有限公司", "businessCreditCode": CREDIT, "legalRepName": "陈志强",
     "businessAddress": "福建省厦门市海沧区嵩屿街道海景路 66 号 1 层", "contactName": "林晓燕", "contactPhone": PHONE,
     "foodCategories": ["prepackaged", "hot_food", "drinks"], "operatingArea": 86.5, "foodSafetyOfficer": "林晓燕"})

# ---- 自然资源 / 不动产 ------------------------------------------------------------------

matter(
    "ZR", 1, "不动产登记资料查询", "public_service", "statutory", 1, 0,
    ["kiosk", "online", "window", "partner_point"], ALL_LOCAL,
    [M("id_card")],
    [F("applicantName"), F("applicantId"), F("applicantMobile"), F("queryScope"),
     F("propertyAddress", visibleIf=EQ(V("queryScope"), "specific")), F("queryPurpose")],
    {"applicantName": "陈志强", "applicantId": MAN, "applicantMobile": MOBILE, "queryScope": "own",
     "queryPurpose": "school"},
    immediate=True)

matter(
    "ZR", 2, "国有建设用地使用权及房屋所有权转移登记（二手房买卖）", "administrative_confirmation", "statutory", 30, 3,
    ["window", "partner_point", "online"], ["department"],
    [M("property_certificate"), M("sales_contract"), M("tax_receipt"), M("id_card", count=2),
     M("mortgage_contract", condition=EQ(V("hasMortgage"), True))],
    [F("sellerName"), F("sellerId"), F("buyerPersonName"), F("buyerPersonId"), F("applicantMobile"),
     F("propertyCertNo"), F("propertyAddress"), F("buildingArea"), F("transactionPrice"), F("hasMortgage")],
    {"sellerName": "王秀兰", "sellerId": OLD_WOMAN, "buyerPersonName": "陈志强", "buyerPersonId": MAN,
     "applicantMobile": MOBILE, "propertyCertNo": "闽(2019)厦门市不动产权第0031234号",
     "propertyAddress": "福建省厦门市海沧区海沧街道沧林东路 123 号 502 室", "buildingArea": 89.32,
     "transactionPrice": 320000000, "hasMortgage": True},
    checks=[check("form.same_party", absent_or("sellerId", "buyerPersonId", NE(V("sellerId"), V("buyerPersonId"))),
                  "/buyerPersonId", "转让方与受让方不能为同一人", "Seller and buyer cannot be the same person")],
    fee=8000)

matter(
    "ZR", 3, "不动产抵押权首次登记", "administrative_confirmation", "statutory", 30, 1,
    ["partner_point", "window", "online"], ["department"],
    [M("property_certificate"), M("mortgage_contract"), M("id_card"), M("business_license", waived=False)],
    [F("applicantName"), F("applicantId"), F("applicantMobile"), F("mortgageeName"), F("mortgageeCreditCode"),
     F("propertyCertNo"), F("propertyAddress"), F("loanAmount"), F("startDate"), F("endDate")],
    {"applicantName": "陈志强", "applicantId": MAN, "applicantMobile": MOBILE, "mortgageeName": "厦门银行股份有限公司海沧支行",
     "mortgageeCreditCode": CREDIT, "propertyCertNo": "闽(2024)厦门市不动产权第0045678号",
     "propertyAddress": "福建省厦门市海沧区海沧街道沧林东路 123 号 502 室", "loanAmount": 50000000,
     "startDate": "2024-10-20", "endDate": "2026-10-19"},
    checks=[after_check("form.end_before_start", "startDate", "endDate", "债务履行期限届满日应晚于起始日",
                        "The loan must end after it starts")],
    fee=8000)

# ---- 教育 ------------------------------------------------------------------------------

JY_ENROL = matter(
    "JY", 1, "公办幼儿园、小学一年级新生入学报名", "public_service", "statutory", 20, 15,
    ["online", "window"], ["department", "community"],
    [M("household_book"), M("property_certificate", condition=EQ(V("housingType"), "owned")),
     M("lease_contract", condition=EQ(V("housingType"), "rented")),
     M("residence_permit", condition=EQ(V("residenceCategory"), "non_local")),
     M("social_insurance_record", condition=EQ(V("residenceCategory"), "non_local"))],
    [F("childName"), F("childId"), F("enrollStage"), F("enrollYear"), F("applicantName"), F("applicantId"),
     F("applicantMobile"), F("residenceCategory"), F("householdAddress"), F("address"), F("housingType"),
     F("familyHardship")],
    {"childName": "陈语桐", "childId": PUPIL, "enrollStage": "primary", "enrollYear": 2024, "applicantName": "陈志强",
     "applicantId": MAN, "applicantMobile": MOBILE, "residenceCategory": "district",
     "householdAddress": "福建省厦门市海沧区海沧街道沧林东路 123 号 502 室",
     "address": "福建省厦门市海沧区海沧街道沧林东路 123 号 502 室", "housingType": "owned", "familyHardship": False},
    checks=[check("form.school_age", absent_or("childId", "enrollYear", "enrollStage", {">=": [
        {"age_at": [{"id_birth_date": [V("childId")]}, {"cat": [V("enrollYear"), "-08-31"]}]},
        {"if": [EQ(V("enrollStage"), "primary"), 6, 3]}]}), "/childId",
        "入学当年8月31日前应满入学年龄（小学6周岁、幼儿园3周岁）",
        "The child must reach school age (6 for primary, 3 for kindergarten) by 31 August")],
    effective="2024-04-01")

JY_AID = matter(
    "JY", 2, "家庭经济困难学生资助申请（学前教育、义务教育）", "administrative_benefit", "statutory", 30, 20,
    ["online", "window"], ["department", "community"],
    [M("hardship_proof"), M("disability_card", condition=EQ(V("studentAidCategory"), "disabled"))],
    [F("childName"), F("childId"), F("enrollStage"), F("schoolName"), F("applicantName"), F("applicantId"),
     F("applicantMobile"), F("studentAidCategory"), F("bankCard"), F("bankName")],
    {"childName": "陈语桐", "childId": PUPIL, "enrollStage": "primary", "schoolName": "厦门市海沧区海沧中心小学",
     "applicantName": "陈志强", "applicantId": MAN, "applicantMobile": MOBILE, "studentAidCategory": "low_income",
     "bankCard": CARD, "bankName": "厦门银行海沧支行"})

matter(
    "JY", 3, "教师资格认定（幼儿园、小学、初级中学）", "administrative_permit", "statutory", 30, 20,
    ["online", "window"], ["department"],
    [M("id_card"), M("graduation_certificate"), M("mandarin_certificate"), M("physical_exam"), M("photo_receipt")],
    [F("applicantName"), F("applicantId"), F("applicantMobile"), F("certLevel"),
     F("teachingSubject", visibleIf=NE(V("certLevel"), "kindergarten")), F("education"), F("mandarinLevel"),
     F("examCertNo")],
    {"applicantName": "吴浩然", "applicantId": GRAD, "applicantMobile": MOBILE, "certLevel": "junior_middle",
     "teachingSubject": "信息技术", "education": "bachelor", "mandarinLevel": "2a", "examCertNo": "2024235020500123"},
    checks=[check("form.education_level", absent_or("certLevel", "education", IN(V("education"), {"if": [
        EQ(V("certLevel"), "junior_middle"), ["bachelor", "master"], ["college", "bachelor", "master"]]})),
        "/education", "学历不符合所申请资格种类的要求（幼儿园、小学须大专及以上，初中须本科及以上）",
        "Education below the level required (college for kindergarten and primary, bachelor for junior middle)")])

# ---------------------------------------------------------------------------------------
# 免申即办: matters that start by themselves when a case of another concludes approved.
# Rules read the predecessor as {"answer", "matter", "applicant", "case", "outcome"}.


def carry(*keys):
    """A mapping that copies `keys` from the predecessor's answer."""
    return {k: V(f"answer.{k}") for k in keys}


SUCCESSORS = {
    # 生育津贴 after the birth: the birth certificate carries the mother, the birth and the
    # pregnancy; the mother confirms (only an insured employee is paid, which she vouches for).
    # Not for a birth certificate of the 出生一件事, which applies for the allowance itself.
    WJ_BIRTH_CERT: [{"matter": YB_MATERNITY,
                     "condition": {"!": [V("parent")]},
                     "mapping": {**carry("motherName", "motherId", "childBirthDate", "gestationWeeks",
                                         "applicantMobile"), "babyCount": 1},
                     "confirm": True}],
    # 医保在职转退休 after the pension is approved: no confirmation needed.
    RS_PENSION: [{"matter": YB_RETIRE,
                  "mapping": carry("applicantName", "applicantId", "applicantMobile", "retirementDate")}],
}
for _m in MATTERS:
    if _m["code"] in SUCCESSORS:
        _m["successors"] = SUCCESSORS[_m["code"]]

# ---------------------------------------------------------------------------------------
# Bundles

BUNDLES = [
    {"code": "birth", "name": "出生一件事", "keywords": ["生孩子", "新生儿", "生育"], "leadDepartment": dept("WJ"), "members": [
        {"matter": WJ_BIRTH_CERT}, {"matter": GA_BIRTH}, {"matter": YB_NEWBORN}, {"matter": RS_CARD},
        {"matter": YB_MATERNITY, "condition": EQ(V("motherInsured"), True)}]},
    {"code": "enterprise_opening", "name": "开办企业一件事", "keywords": ["开公司", "注册公司"], "leadDepartment": dept("SJ"), "members": [
        {"matter": SJ_COMPANY}, {"matter": GA_SEAL}, {"matter": SW_NEW}, {"matter": RS_UNIT_INSURE},
        {"matter": GJJ_UNIT}]},
    {"code": "hiring", "name": "企业招工一件事", "keywords": ["招工", "新员工入职"], "leadDepartment": dept("RS"), "members": [
        {"matter": RS_EMPLOYMENT}, {"matter": RS_INSURE_STAFF}, {"matter": YB_STAFF}, {"matter": GJJ_STAFF}]},
    {"code": "school_entry", "name": "入园入学一件事", "keywords": ["上学", "上幼儿园"], "leadDepartment": dept("JY"), "members": [
        {"matter": JY_ENROL}, {"matter": WJ_VACCINE},
        {"matter": GA_RESIDENCE, "condition": EQ(V("residenceCategory"), "non_local")},
        {"matter": JY_AID, "condition": EQ(V("familyHardship"), True)}]},
    {"code": "retirement", "name": "职工退休一件事", "keywords": ["办退休"], "leadDepartment": dept("RS"), "members": [
        {"matter": RS_PENSION}, {"matter": GJJ_RETIRE, "condition": EQ(V("alsoHousingFund"), True)}]},
    {"code": "disability_aid", "name": "扶残助困一件事", "keywords": ["残疾人"], "leadDepartment": dept("CL"), "members": [
        {"matter": CL_CARD}, {"matter": MZ_TWO_SUBSIDIES},
        {"matter": MZ_DIBAO, "condition": EQ(V("familyAidStatus"), "applying")}]},
]

# ---------------------------------------------------------------------------------------
# Authority: grants (直接下放、规范授权、委托办理、窗口前移), revocations and seals

ALL_STEPS = ["receive", "accept", "review", "decide", "deliver"]
CLERICAL = ["receive", "deliver"]

# How each department's street- and community-level matters reach the street centres and
# the stations: (mode to the street centres, how the stations get them). "via_street":
# the street centre passes them on (with `parent`) in the given mode; "direct": the
# department grants the stations itself. A community-only matter always reaches the
# stations directly, forward-only unless the plan says entrust.
AUTHORITY_PLAN = {
    "RS": ("devolve", ("via_street", "entrust")),
    "YB": ("devolve", ("via_street", "entrust")),
    "CL": ("devolve", ("via_street", "entrust")),
    "WJ": ("devolve", ("via_street", "entrust")),
    "MZ": ("devolve", ("via_street", "forward")),
    "TY": ("authorize", ("via_street", "entrust")),
    "GA": ("authorize", ("direct", "forward")),
    "JT": ("entrust", ("direct", "forward")),
    "SJ": ("entrust", ("direct", "forward")),
    "GJJ": ("entrust", ("direct", "entrust")),
    "SW": ("entrust", ("direct", "entrust")),
    "ZR": ("entrust", ("direct", "entrust")),
    "JY": (None, ("direct", "forward")),
}

LEGAL_BASIS = {
    "devolve": "《中共中央办公厅 国务院办公厅关于推进基层整合审批服务执法力量的实施意见》；海沧区向街道下放行政权力事项目录",
    "authorize": "《中华人民共和国行政许可法》第二十三条；相关法律法规授权规定",
    "entrust": "《中华人民共和国行政许可法》第二十四条",
    "forward": "《海沧区“就近办、基层办”便民服务改革实施方案》（窗口前移）",
}

# Publication of each department's grants (海政办〔2024〕N号), and of the street centres' own.
PUBLICATION_NO = {abbr: 11 + i for i, (abbr, _) in enumerate(DEPARTMENTS)}
STREET_PUBLICATION_NO = {abbr: 31 + i for i, (abbr, _, _) in enumerate(STREETS)}

# Grants with an end date: department -> last day (its street-level grants and everything derived).
VALID_UNTIL = {"TY": "2026-12-31", "JT": "2025-12-31", "GJJ": "2026-06-30", "SW": "2026-12-31"}

# Revoked grants: id -> (time, reason, publication).
REVOKED = {
    "g-gjj-xy-10": ("2025-05-01T00:00:00+08:00", "委托协议到期终止，公积金业务改由街道便民服务中心办理", "海政办〔2025〕8号"),
    "g-cl-df-14": ("2025-09-01T00:00:00+08:00", "站点人员调整，收回残联事项委托", "海政办〔2025〕21号"),
    "g-jt-hc": ("2025-11-01T00:00:00+08:00", "老年人公交乘车优惠卡改由区交通服务窗口统一办理", "海政办〔2025〕27号"),
}

# Seals suspended for a while: station -> [(status, from, reason), ...].
SEAL_HISTORY = {
    "HC-03": [("suspended", "2025-03-10T09:00:00+08:00", "印章遗失报备，暂停使用"),
              ("active", "2025-03-24T09:00:00+08:00", "找回并核验，恢复使用")],
    "XY-05": [("suspended", "2025-07-01T00:00:00+08:00", "站点装修，印章封存"),
              ("active", "2025-07-16T08:30:00+08:00", "装修完毕，启封恢复使用")],
    "DF-09": [("suspended", "2025-10-08T00:00:00+08:00", "用印异常核查，暂停使用"),
              ("active", "2025-10-20T08:30:00+08:00", "核查完毕，恢复使用")],
    "SY-07": [("revoked", "2025-08-01T00:00:00+08:00", "印章磨损，旧章作废，换发新章")],
}
# The station whose worn seal was replaced, and when the new one came into use.
RESEALED = ("SY-07", "2025-08-01T00:00:00+08:00")


def station_codes():
    return [(abbr, f"{abbr}-{i:02d}", f"{c}社区便民服务站") for abbr, _, cs in STREETS for i, c in enumerate(cs, 1)]


def grant(gid, principal, agent, mode, matters, steps, valid_from, valid_until, publication, parent=None):
    g = {"id": gid, "principal": principal, "agent": agent, "mode": mode}
    if parent:
        g["parent"] = parent
    g.update({"matters": matters, "steps": steps, "validFrom": valid_from})
    if valid_until:
        g["validUntil"] = valid_until
    g.update({"legalBasis": LEGAL_BASIS[mode], "publication": publication})
    return g


def seal(code, name, owner, kind, premises=None, history=()):
    s = {"code": code, "name": name, "owner": owner, "kind": kind}
    if premises:
        s["premises"] = premises
    if history:
        s["history"] = [{"status": st, "from": at, "reason": why} for st, at, why in history]
    return s


def authority():
    """下放 / 授权 / 委托 / 窗口前移 from the departments to the street centres and the stations,
    three revocations in 2025, and the seals."""
    grants = []
    for abbr, _ in DEPARTMENTS:
        to_streets, (route, station_mode) = AUTHORITY_PLAN[abbr]
        own = [m for m in MATTERS if m["department"] == dept(abbr)]
        street_level = [m["code"] for m in own if "street" in m["levels"]]
        community_level = [m["code"] for m in own if "community" in m["levels"]]
        until = VALID_UNTIL.get(abbr)
        publication = f"海政办〔2024〕{PUBLICATION_NO[abbr]}号"
        if to_streets and street_level:
            for s_abbr, _, _ in STREETS:
                grants.append(grant(f"g-{abbr.lower()}-{s_abbr.lower()}", dept(abbr), dept(s_abbr), to_streets,
                                    street_level, ALL_STEPS, "2024-03-01", until, publication))
        for s_abbr, code, _ in station_codes():
            via = [c for c in community_level if c in street_level] if route == "via_street" else []
            direct = [c for c in community_level if c not in via]
            steps = CLERICAL if station_mode == "forward" else ALL_STEPS
            if via:
                grants.append(grant(f"g-{abbr.lower()}-{code.lower()}", dept(s_abbr), dept(code), station_mode,
                                    via, steps, "2024-04-01", until,
                                    f"海政办〔2024〕{STREET_PUBLICATION_NO[s_abbr]}号",
                                    parent=f"g-{abbr.lower()}-{s_abbr.lower()}"))
            if direct:
                mode = station_mode if route == "direct" else "forward"
                gid = f"g-{abbr.lower()}-{code.lower()}" + ("" if not via else "-direct")
                grants.append(grant(gid, dept(abbr), dept(code), mode, direct,
                                    CLERICAL if mode == "forward" else ALL_STEPS, "2024-04-01", until, publication))
    revocations = [{"grant": gid, "at": at, "reason": why, "publication": pub}
                   for gid, (at, why, pub) in sorted(REVOKED.items(), key=lambda kv: kv[1][0])]
    seals = []
    for abbr, name in DEPARTMENTS:
        seals.append(seal(f"seal-{dept(abbr)}-official", name, dept(abbr), "official"))
    for abbr, name, _ in STREETS:
        street = dept(abbr)
        seals.append(seal(f"seal-{street}-official", f"{name}便民服务中心", street, "official"))
        seals.append(seal(f"seal-{street}", f"{name}便民服务中心审核审批专用章", street, "approval"))
    for s_abbr, code, name in station_codes():
        # Every fourth station's seal may also be used at its street centre (坐班、集中审批).
        premises = [dept(code), dept(s_abbr)] if int(code[-2:]) % 4 == 1 else None
        seals.append(seal(f"seal-{dept(code)}", f"{name}审核审批专用章", dept(code), "approval", premises,
                          SEAL_HISTORY.get(code, ())))
        if code == RESEALED[0]:
            # The replacement: registered (and held unused) until the day the old one is void.
            seals.append(seal(f"seal-{dept(code)}-2", f"{name}审核审批专用章", dept(code), "approval", premises,
                              [("suspended", "2024-01-01T00:00:00+08:00", "新章刻制备案，待旧章作废后启用"),
                               ("active", RESEALED[1], "换发新章启用")]))
    return {"grants": grants, "revocations": revocations, "seals": seals}


def check_authority(cat, bad):
    """The registry's rules, as core/src/authority/lint.rs checks them, and the sample's own:
    nobody entrusted passes authority on; every street centre and station has an approval seal."""
    orgs = {o["code"]: o for o in cat["orgs"]}
    matters = {m["code"]: m for m in cat["matters"]}
    reg = cat["authority"]
    grants = {}
    for i, g in enumerate(reg["grants"]):
        gp = f"/authority/grants/{i}"
        if g["id"] in grants:
            bad(gp, "duplicate id")
        grants[g["id"]] = g
        for k in ("principal", "agent"):
            if g[k] not in orgs:
                bad(gp, f"{k} unknown")
        if g.get("validUntil") and g["validUntil"] < g["validFrom"]:
            bad(gp, "validUntil before validFrom")
    modes = set()
    for i, g in enumerate(reg["grants"]):
        gp = f"/authority/grants/{i}"
        modes.add(g["mode"])
        parent = grants.get(g.get("parent")) if g.get("parent") else None
        if g.get("parent") and not parent:
            bad(gp, "unknown parent")
        for c in g["matters"]:
            if c not in matters:
                bad(gp, f"unknown matter {c}")
            elif parent is None and matters[c]["department"] != g["principal"]:
                bad(gp, f"{c} is not the principal's own matter")
            elif parent is not None and c not in parent["matters"]:
                bad(gp, f"{c} not in the parent grant")
        if parent is not None:
            if parent["agent"] != g["principal"]:
                bad(gp, "principal is not the parent's agent")
            if parent["mode"] not in ("devolve", "authorize"):
                bad(gp, "derived from an entrusted or forward-only grant")
            if not set(g["steps"]) <= set(parent["steps"]):
                bad(gp, "steps beyond the parent's")
            if g["validFrom"] < parent["validFrom"]:
                bad(gp, "valid before the parent")
            if parent.get("validUntil") and (not g.get("validUntil") or g["validUntil"] > parent["validUntil"]):
                bad(gp, "valid after the parent")
        if g["mode"] == "forward" and not set(g["steps"]) <= set(CLERICAL):
            bad(gp, "forward-only grant with non-clerical steps")
    if modes != {"devolve", "authorize", "entrust", "forward"}:
        bad("/authority/grants", f"modes {sorted(modes)}")
    for i, r in enumerate(reg["revocations"]):
        if r["grant"] not in grants:
            bad(f"/authority/revocations/{i}", "unknown grant")
    approval = set()
    for i, s in enumerate(reg["seals"]):
        sp = f"/authority/seals/{i}"
        if s["owner"] not in orgs or any(p not in orgs for p in s.get("premises", [])):
            bad(sp, "unknown org")
        froms = [h["from"] for h in s.get("history", [])]
        if froms != sorted(froms):
            bad(sp, "history out of order")
        if any(h["status"] == "revoked" for h in s.get("history", [])[:-1]):
            bad(sp, "a change after revocation")
        if s["kind"] == "approval":
            approval.add(s["owner"])
    for code, o in orgs.items():
        if o["level"] in ("street", "community") and code not in approval:
            bad("/authority/seals", f"{code} has no approval seal")
    if len({s["code"] for s in reg["seals"]}) != len(reg["seals"]):
        bad("/authority/seals", "duplicate code")


# ---------------------------------------------------------------------------------------
# Policies (免申即享 / 政策匹配到人): eligibility rules over a person's or an enterprise's
# profile (the keys core/src/policy lists; the matching date is {"var": "$at"}). Conditions,
# thresholds and amounts are illustrative; the bases name documents without article numbers.

PERSON_FIELDS = {"residentId", "name", "birthDate", "sex", "household", "residence", "veteran", "unemployed",
                 "unemployedSince", "unemploymentInsuranceMonths", "employed", "graduateYear", "education",
                 "hardship", "incomePerCapita", "disabilityLevel", "disabilityCategory"}
ENTERPRISE_FIELDS = {"creditCode", "name", "division", "size", "creditRating", "industry", "establishedDate",
                     "insuredEmployees", "newHires", "newHireGraduates", "newHireHardship", "newHireVeterans",
                     "arrears", "dishonest"}
PROFILE_COMMON = {"kind", "$at", "extra"}

HOUSEHOLD_HERE = EQ({"substr": [V("household.division"), 0, 6]}, DISTRICT)
RESIDENCE_HERE = EQ({"substr": [V("residence.division"), 0, 6]}, DISTRICT)
REGISTERED_HERE = EQ({"substr": [V("division"), 0, 6]}, DISTRICT)
AGE = {"if": [V("birthDate"), {"age_at": [V("birthDate"), V("$at")]}, {"id_age": [V("residentId"), V("$at")]}]}
YEAR = {"substr": [V("$at"), 0, 4]}
HARDSHIP = ["subsistence", "extreme_poverty", "low_income"]

POLICIES = []


def cond(code, zh, en, rule):
    return {"code": code, "description": zh, "descriptionEn": en, "rule": rule}


def policy(abbr, seq, name, subject, text, amount, granted, basis, conditions, effective="2024-01-01"):
    p = {"code": f"{DISTRICT}-ZC-{abbr}-{seq:02d}", "name": name, "subject": subject, "department": dept(abbr),
         "benefit": {"text": text}}
    if amount is not None:
        p["benefit"]["amountFen"] = amount
    p["grantedWithoutApplication"] = granted
    p["basis"] = basis
    p["conditions"] = conditions
    p["effective"] = effective
    POLICIES.append(p)
    return p["code"]


C_HOUSEHOLD = cond("household", "户籍在海沧区", "Household registered in Haicang", HOUSEHOLD_HERE)
C_VETERAN = cond("veteran", "退役军人", "A veteran", {"===": [V("veteran"), True]})
C_UNEMPLOYED = cond("unemployed", "已办理失业登记", "Registered as unemployed", {"===": [V("unemployed"), True]})
C_WORKING_AGE = cond("working_age", "处于劳动年龄（16 至 59 周岁，示意）", "Of working age (16 to 59, illustrative)",
                     {"<=": [16, AGE, 59]})
C_CREDIT = cond("credit", "纳税信用等级非 D 级且未列入严重失信主体名单",
                "Tax credit rating above D and not on the serious dishonesty list",
                AND(NE(V("creditRating"), "D"), {"===": [V("dishonest"), False]}))
# What a profile must say, not what it may leave out: a 免申即享 condition that held on a
# missing value would grant on data nobody has (catalog.policy_missing_data).
C_NO_ARREARS = cond("no_arrears", "无欠缴社会保险费", "No social insurance arrears", {"===": [V("arrears"), False]})
C_REGISTERED = cond("registered", "注册地在海沧区", "Registered in Haicang", REGISTERED_HERE)

P_VET_HOLIDAY = policy(
    "TY", 1, "退役军人春节慰问金", "person", "春节前发放慰问金 800 元（示意）", 80000, True, "《中华人民共和国退役军人保障法》",
    [C_VETERAN, C_HOUSEHOLD])
P_VET_AID = policy(
    "TY", 2, "困难退役军人帮扶援助", "person", "按困难程度核定一次性帮扶援助金（示意）", None, False, "《中华人民共和国退役军人保障法》",
    [C_VETERAN, cond("hardship", "低保、特困或低保边缘家庭", "In a household on minimum living support, in extreme poverty "
                     "or on a low income", IN(V("hardship"), HARDSHIP)), C_HOUSEHOLD])
P_UNEMP_BENEFIT = policy(
    "RS", 1, "失业保险金", "person", "按月领取失业保险金，标准按本市规定执行", None, False, "《失业保险条例》",
    [C_UNEMPLOYED,
     cond("insured_a_year", "失业前累计缴纳失业保险费满 1 年", "Paid unemployment insurance for a year or more",
          {">=": [V("unemploymentInsuranceMonths"), 12]}),
     C_WORKING_AGE])
P_UNEMP_AID = policy(
    "RS", 2, "失业补助金", "person", "参保不满 1 年的失业人员按月领取失业补助金（示意）", None, True, "《失业保险条例》及本市阶段性政策",
    [C_UNEMPLOYED,
     cond("insured_under_a_year", "失业前累计缴纳失业保险费不满 1 年", "Paid unemployment insurance for less than a year",
          {"<=": [1, V("unemploymentInsuranceMonths"), 11]}),
     C_WORKING_AGE])
P_GRAD = policy(
    "RS", 3, "离校未就业高校毕业生一次性求职创业补贴", "person", "一次性补贴 1000 元（示意）", 100000, False,
    "本市促进高校毕业生就业有关政策",
    [cond("recent_graduate", "毕业 2 年内（含当年）", "Graduated this year or in the previous two",
          {"<=": [{"-": [YEAR, 2]}, V("graduateYear"), {"-": [YEAR, 0]}]}),
     cond("higher_education", "高校毕业（大专及以上）", "A college or university graduate",
          IN(V("education"), ["college", "bachelor", "master", "doctor"])),
     cond("not_employed", "尚未就业", "Not yet employed", {"===": [V("employed"), False]}),
     cond("local", "户籍或居住地在海沧区", "Household or residence in Haicang", OR(HOUSEHOLD_HERE, RESIDENCE_HERE))])
P_EXPAND = policy(
    "RS", 4, "一次性扩岗补助", "enterprise", "每招用 1 名离校未就业高校毕业生补助 1500 元（示意）", 150000, True,
    "人力资源社会保障部等部门关于一次性扩岗补助的通知",
    [cond("hired_graduates", "新招用离校未就业高校毕业生并参保", "Hired and insured recent graduates",
          {">=": [V("newHireGraduates"), 1]}), C_CREDIT, C_NO_ARREARS, C_REGISTERED])
P_HARDSHIP_HIRE = policy(
    "RS", 5, "用人单位吸纳就业困难人员社会保险补贴", "enterprise", "按实际缴纳的社会保险费给予补贴（示意）", None, False,
    "《就业促进法》及本市就业补助资金管理办法",
    [cond("hired_hardship", "新招用就业困难人员并参保", "Hired and insured people with difficulty finding work",
          {">=": [V("newHireHardship"), 1]}), C_NO_ARREARS, C_REGISTERED])
P_SMALL_HIRE = policy(
    "RS", 6, "小微企业吸纳就业补贴", "enterprise", "每新增参保就业 1 人补贴 1000 元（示意）", 100000, True,
    "本市稳就业有关政策",
    [cond("small", "小型或微型企业", "A small or micro enterprise", IN(V("size"), ["micro", "small"])),
     cond("new_hires", "新增参保就业 1 人以上", "At least one new insured employee", {">=": [V("newHires"), 1]}),
     C_CREDIT, C_REGISTERED])
P_FESTIVAL = policy(
    "MZ", 1, "困难群众春节一次性生活补贴", "person", "春节前一次性发放 500 元（示意）", 50000, True, "《社会救助暂行办法》",
    [cond("hardship", "低保或特困供养对象", "On minimum living support or in extreme poverty",
          IN(V("hardship"), ["subsistence", "extreme_poverty"])), C_HOUSEHOLD])
P_TEMP_AID = policy(
    "MZ", 2, "临时救助", "person", "根据困难情形给予临时救助金（示意）", None, False, "《社会救助暂行办法》",
    [cond("hardship", "低保、特困、低保边缘家庭，或家庭人均月收入不高于 1500 元（示意）",
          "In a household in hardship, or with a monthly income per head of at most 1,500 yuan (illustrative)",
          OR(IN(V("hardship"), HARDSHIP),
             AND({"!==": [V("incomePerCapita"), None]}, {"<=": [V("incomePerCapita"), 1500]}))),
     C_HOUSEHOLD])
P_DISABLED_LIVING = policy(
    "MZ", 3, "困难残疾人生活补贴", "person", "每人每月 90 元（示意）", 9000, True, "国务院关于全面建立困难残疾人生活补贴和重度残疾人护理补贴制度的意见",
    [cond("disabled", "持有第二代残疾人证", "Holds a disability certificate", {"<=": [1, V("disabilityLevel"), 4]}),
     cond("hardship", "低保或低保边缘家庭", "In a household on (or near) minimum living support",
          IN(V("hardship"), ["subsistence", "low_income"])), C_HOUSEHOLD])
P_DISABLED_NURSING = policy(
    "MZ", 4, "重度残疾人护理补贴", "person", "每人每月 90 元（示意）", 9000, True, "国务院关于全面建立困难残疾人生活补贴和重度残疾人护理补贴制度的意见",
    [cond("severe", "一、二级残疾，或三级智力、精神残疾", "Disability grade 1 or 2, or grade 3 intellectual or mental",
          OR({"<=": [1, V("disabilityLevel"), 2]},
             AND(EQ(V("disabilityLevel"), 3), IN(V("disabilityCategory"), ["intellectual", "mental"])))),
     C_HOUSEHOLD])
P_ELDERLY = policy(
    "MZ", 5, "高龄老人津贴", "person", "80 周岁以上每月 100 元（示意）", 10000, True, "本市高龄老人津贴有关规定",
    [cond("age_80", "年满 80 周岁", "Aged 80 or over", {">=": [AGE, 80]}), C_HOUSEHOLD])

HERE_HOUSEHOLD = {"division": DISTRICT}
# One profile each policy grants and one it does not (on POLICY_SAMPLE_AT), for the self-check.
POLICY_SAMPLE_AT = "2025-09-01"
POLICY_SAMPLES = {
    P_VET_HOLIDAY: ({"kind": "person", "residentId": MAN, "veteran": True, "household": HERE_HOUSEHOLD},
                    {"kind": "person", "residentId": MAN, "veteran": True, "household": {"division": "350203"}}),
    P_VET_AID: ({"kind": "person", "veteran": True, "hardship": "low_income", "household": HERE_HOUSEHOLD},
                {"kind": "person", "veteran": True, "household": HERE_HOUSEHOLD}),
    P_UNEMP_BENEFIT: ({"kind": "person", "residentId": DISABLED, "unemployed": True,
                       "unemploymentInsuranceMonths": 36},
                      {"kind": "person", "residentId": RETIREE, "unemployed": True,
                       "unemploymentInsuranceMonths": 36}),
    P_UNEMP_AID: ({"kind": "person", "birthDate": "1995-04-01", "unemployed": True, "unemploymentInsuranceMonths": 8},
                  {"kind": "person", "birthDate": "1995-04-01", "unemployed": True, "unemploymentInsuranceMonths": 0}),
    P_GRAD: ({"kind": "person", "residentId": GRAD, "graduateYear": 2025, "education": "bachelor", "employed": False,
              "residence": HERE_HOUSEHOLD},
             {"kind": "person", "residentId": GRAD, "graduateYear": 2022, "education": "bachelor", "employed": False,
              "residence": HERE_HOUSEHOLD}),
    P_EXPAND: ({"kind": "enterprise", "creditCode": CREDIT, "division": DISTRICT, "creditRating": "A",
                "newHireGraduates": 2, "arrears": False, "dishonest": False},
               {"kind": "enterprise", "creditCode": CREDIT, "division": DISTRICT, "creditRating": "A",
                "newHireGraduates": 2, "arrears": True}),
    P_HARDSHIP_HIRE: ({"kind": "enterprise", "division": DISTRICT, "newHireHardship": 1, "arrears": False},
                      {"kind": "enterprise", "division": "350203", "newHireHardship": 1, "arrears": False}),
    P_SMALL_HIRE: ({"kind": "enterprise", "division": DISTRICT, "size": "micro", "newHires": 3, "creditRating": "M",
                    "dishonest": False},
                   {"kind": "enterprise", "division": DISTRICT, "size": "medium", "newHires": 3, "creditRating": "A"}),
    P_FESTIVAL: ({"kind": "person", "hardship": "extreme_poverty", "household": HERE_HOUSEHOLD},
                 {"kind": "person", "hardship": "low_income", "household": HERE_HOUSEHOLD}),
    P_TEMP_AID: ({"kind": "person", "incomePerCapita": 1200, "household": HERE_HOUSEHOLD},
                 {"kind": "person", "household": HERE_HOUSEHOLD}),
    P_DISABLED_LIVING: ({"kind": "person", "residentId": DISABLED, "disabilityLevel": 2, "hardship": "subsistence",
                         "household": HERE_HOUSEHOLD},
                        {"kind": "person", "residentId": DISABLED, "disabilityLevel": 2,
                         "household": HERE_HOUSEHOLD}),
    P_DISABLED_NURSING: ({"kind": "person", "disabilityLevel": 3, "disabilityCategory": "mental",
                          "household": HERE_HOUSEHOLD},
                         {"kind": "person", "disabilityLevel": 3, "disabilityCategory": "physical",
                          "household": HERE_HOUSEHOLD}),
    P_ELDERLY: ({"kind": "person", "residentId": ELDER, "household": HERE_HOUSEHOLD},
                {"kind": "person", "residentId": RETIREE, "household": HERE_HOUSEHOLD}),
}


def check_policies(cat, bad):
    departments = {o["code"] for o in cat["orgs"] if o["level"] == "department"}
    codes = set()
    for i, p in enumerate(cat["policies"]):
        pp = f"/policies/{i}"
        if p["code"] in codes:
            bad(pp, "duplicate code")
        codes.add(p["code"])
        if p["department"] not in departments:
            bad(pp, "department")
        fields = (PERSON_FIELDS if p["subject"] == "person" else ENTERPRISE_FIELDS) | PROFILE_COMMON
        conds = [c["code"] for c in p["conditions"]]
        if len(set(conds)) != len(conds) or "subject" in conds:
            bad(pp, "condition codes")
        for j, c in enumerate(p["conditions"]):
            if not rule_vars(c["rule"], set()) <= fields:
                bad(f"{pp}/conditions/{j}", f"reads {rule_vars(c['rule'], set()) - fields}")
        sample = POLICY_SAMPLES.get(p["code"])
        if not sample:
            bad(pp, "no sample profiles")
            continue
        for profile, want in zip(sample, (True, False)):
            if profile["kind"] != p["subject"]:
                bad(pp, "sample of the wrong kind")
            data = dict(profile, **{"$at": POLICY_SAMPLE_AT})
            try:
                got = all(truthy(ev(c["rule"], data)) for c in p["conditions"])
                for c in p["conditions"]:
                    ev(c["rule"], {"kind": p["subject"], "$at": POLICY_SAMPLE_AT})
            except ValueError as e:
                bad(pp, f"rule fails: {e}")
                continue
            if got != want:
                bad(pp, f"sample profile {'not ' if want else ''}eligible")
    if len(cat["policies"]) < 8:
        bad("/policies", "fewer than 8")


NOTE = ("按厦门市海沧区“就近办、基层办”改革（福建省发展和改革委员会网站，2024-10-15）编写的示例目录："
        "区政府、13个区直部门、4个街道便民服务中心和48个社区便民服务站；社区名称部分为示意，机构与事项编码为本目录自拟。"
        "事项、材料与表单参照福建省、厦门市政务服务实施清单的通行做法简化，年龄、缴费年限等门槛及时限为示意，以现行政策为准。"
        "事项和一件事的检索词为常见俗称，供检索示意。金额均以分计。填单示范中的证件号码均为按校验规则生成的虚构号码。"
        "授权（直接下放、规范授权、委托办理、窗口前移）、撤销、印章及其启停用记录均为示意，文号为虚拟。"
        "政策（免申即享、政策匹配）的适用条件、年龄与收入门槛、补贴金额和是否免申均为示意，政策依据只列文件名称，以现行政策为准。")


def catalog():
    unknown = set(KEYWORDS) - {m["name"] for m in MATTERS}
    assert not unknown, f"KEYWORDS names no matter: {unknown}"
    return {
        "$schema": "./catalog.schema.json",
        "catalogVersion": "2024.10",
        "name": "厦门市海沧区政务服务事项目录（示例）",
        "note": NOTE,
        "orgs": orgs(),
        "dataSources": [{"code": c, "name": n} for c, n in DATA_SOURCES],
        "matters": MATTERS,
        "bundles": BUNDLES,
        "authority": authority(),
        "policies": POLICIES,
    }


# =======================================================================================
# Self-check: a small JsonLogic evaluator and form validator, mirroring core/src/form.

def truthy(v):
    if v is None or v is False:
        return False
    if isinstance(v, bool):
        return v
    if isinstance(v, (int, float)):
        return v != 0
    if isinstance(v, (str, list)):
        return len(v) > 0
    return True


def to_num(v):
    if v is None:
        return 0.0
    if isinstance(v, bool):
        return 1.0 if v else 0.0
    if isinstance(v, (int, float)):
        return float(v)
    if isinstance(v, str):
        try:
            return float(v.strip()) if v.strip() else 0.0
        except ValueError:
            return float("nan")
    if isinstance(v, list):
        return 0.0 if not v else (to_num(v[0]) if len(v) == 1 else float("nan"))
    return float("nan")


def to_str(v):
    if v is None:
        return "null"
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    if isinstance(v, list):
        return ",".join("" if x is None else to_str(x) for x in v)
    return str(v)


def loose_eq(a, b):
    if isinstance(a, bool) or isinstance(b, bool) or isinstance(a, (int, float)) or isinstance(b, (int, float)):
        if isinstance(a, str) and isinstance(b, str):
            return a == b
        if a is None or b is None:
            return a is None and b is None
        return to_num(a) == to_num(b)
    return a == b


def compare(a, b):
    if isinstance(a, str) and isinstance(b, str):
        return (a > b) - (a < b)
    x, y = to_num(a), to_num(b)
    if x != x or y != y:
        return None
    return (x > y) - (x < y)


def parse_date(s):
    if not isinstance(s, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", s):
        return None
    try:
        return dt.date.fromisoformat(s)
    except ValueError:
        return None


def id_facts(v):
    if not isinstance(v, str) or not valid_resident_id(v):
        return None
    birth = dt.date(int(v[6:10]), int(v[10:12]), int(v[12:14]))
    return birth, ("male" if int(v[16]) % 2 else "female")


def age_at(birth, at):
    if birth is None or at is None or birth > at:
        return None
    return at.year - birth.year - ((at.month, at.day) < (birth.month, birth.day))


def var(path, data, default=None):
    if path is None or path == "":
        return data
    cur = data
    for k in to_str(path).split("."):
        if isinstance(cur, dict) and k in cur:
            cur = cur[k]
        elif isinstance(cur, list) and k.isdigit() and int(k) < len(cur):
            cur = cur[int(k)]
        else:
            return default
    return cur


def ev(rule, data):
    if isinstance(rule, list):
        return [ev(r, data) for r in rule]
    if not isinstance(rule, dict):
        return rule
    (op, args), = rule.items()
    if not isinstance(args, list):
        args = [args]
    if op == "if":
        for i in range(0, len(args) - 1, 2):
            if truthy(ev(args[i], data)):
                return ev(args[i + 1], data)
        return ev(args[-1], data) if len(args) % 2 else None
    if op in ("and", "or"):
        last = None
        for a in args:
            last = ev(a, data)
            if truthy(last) == (op == "or"):
                break
        return last
    if op in ("all", "some", "none", "filter", "map", "reduce"):
        items = ev(args[0], data)
        if not isinstance(items, list):
            return ev(args[2], data) if op == "reduce" and len(args) > 2 else (None if op == "reduce" else
                                                                               (False if op in ("all", "some") else True if op == "none" else []))
        if op == "all":
            return bool(items) and all(truthy(ev(args[1], i)) for i in items)
        if op == "some":
            return any(truthy(ev(args[1], i)) for i in items)
        if op == "none":
            return not any(truthy(ev(args[1], i)) for i in items)
        if op == "filter":
            return [i for i in items if truthy(ev(args[1], i))]
        if op == "map":
            return [ev(args[1], i) for i in items]
        acc = ev(args[2], data) if len(args) > 2 else None
        for i in items:
            acc = ev(args[1], {"current": i, "accumulator": acc})
        return acc
    a = [ev(x, data) for x in args]
    if op == "var":
        return var(a[0] if a else None, data, a[1] if len(a) > 1 else None)
    if op == "missing":
        keys = a[0] if a and isinstance(a[0], list) else a
        return [k for k in keys if var(k, data) in (None, "")]
    if op == "==":
        return loose_eq(a[0], a[1])
    if op == "!=":
        return not loose_eq(a[0], a[1])
    if op == "===":
        return a[0] == a[1] and type(a[0]) is type(a[1])
    if op == "!==":
        return not (a[0] == a[1] and type(a[0]) is type(a[1]))
    if op == "!":
        return not truthy(a[0])
    if op == "!!":
        return truthy(a[0])
    if op in ("<", "<="):
        ok = (lambda c: c is not None and (c < 0 or (op == "<=" and c == 0)))
        return ok(compare(a[0], a[1])) and (len(a) < 3 or ok(compare(a[1], a[2])))
    if op == ">":
        return compare(a[0], a[1]) == 1
    if op == ">=":
        return compare(a[0], a[1]) in (0, 1)
    if op == "+":
        return sum(to_num(x) for x in a)
    if op == "-":
        return -to_num(a[0]) if len(a) == 1 else to_num(a[0]) - to_num(a[1])
    if op == "*":
        r = 1.0
        for x in a:
            r *= to_num(x)
        return r
    if op == "/":
        return to_num(a[0]) / to_num(a[1])
    if op == "in":
        if isinstance(a[1], str):
            return to_str(a[0]) in a[1]
        if isinstance(a[1], list):
            return any(a[0] == x and type(a[0]) is type(x) for x in a[1])
        return False
    if op == "cat":
        return "".join(to_str(x) for x in a if x is not None)
    if op == "substr":
        s = to_str(a[0])
        start = int(to_num(a[1]))
        s = s[start:] if start >= 0 else s[max(len(s) + start, 0):]
        if len(a) > 2:
            n = int(to_num(a[2]))
            s = s[:n] if n >= 0 else s[:max(len(s) + n, 0)]
        return s
    if op == "id_sex":
        f = id_facts(a[0])
        return f and f[1]
    if op == "id_birth_date":
        f = id_facts(a[0])
        return f and f[0].isoformat()
    if op in ("id_age", "age_at"):
        at = parse_date(a[1])
        if at is None:
            raise ValueError(f"{op}: reference date {a[1]!r} is not a date")
        birth = (id_facts(a[0]) or (None,))[0] if op == "id_age" else parse_date(a[0])
        return age_at(birth, at)
    if op == "days_between":
        x, y = parse_date(a[0]), parse_date(a[1])
        return None if x is None or y is None else (y - x).days
    raise ValueError(f"operator {op} not in the self-check")


def valid_resident_id(s):
    return bool(re.fullmatch(r"\d{17}[\dX]", s)) and rid(s[:17]) == s and parse_date(
        f"{s[6:10]}-{s[10:12]}-{s[12:14]}") is not None


def valid_credit_code(s):
    cs = "0123456789ABCDEFGHJKLMNPQRTUWXY"
    w = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
    if len(s) != 18 or any(c not in cs for c in s):
        return False
    return cs[(31 - sum(cs.index(c) * x for c, x in zip(s, w)) % 31) % 31] == s[17]


def luhn(s):
    if not s.isdigit():
        return False
    total = 0
    for i, c in enumerate(reversed(s)):
        d = int(c)
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


TYPE_CHECKS = {
    "resident_id": lambda v: isinstance(v, str) and valid_resident_id(v),
    "credit_code": lambda v: isinstance(v, str) and valid_credit_code(v),
    "mobile": lambda v: isinstance(v, str) and re.fullmatch(r"1[3-9]\d{9}", v),
    "phone": lambda v: isinstance(v, str) and (re.fullmatch(r"1[3-9]\d{9}", v) or re.fullmatch(r"0\d{2,3}-[2-9]\d{6,7}", v)),
    "postal_code": lambda v: isinstance(v, str) and re.fullmatch(r"\d{6}", v),
    "bank_card": lambda v: isinstance(v, str) and luhn(v) and 12 <= len(v) <= 19,
    "area_code": lambda v: isinstance(v, str) and re.fullmatch(r"[1-8]\d{5}", v),
    "date": lambda v: parse_date(v) is not None,
    "boolean": lambda v: isinstance(v, bool),
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "money": lambda v: isinstance(v, int) and not isinstance(v, bool) and v >= 0,
    "decimal": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
    "text": lambda v: isinstance(v, str),
    "address": lambda v: isinstance(v, str),
    "attachment": lambda v: isinstance(v, str),
}


def validate_object(fields, value, scope, path, errs):
    if not isinstance(value, dict):
        errs.append((path, "not an object"))
        return
    declared = {f["key"] for f in fields}
    for k in value:
        if k not in declared:
            errs.append((f"{path}/{k}", "unknown field"))
    for f in fields:
        p = f"{path}/{f['key']}"
        visible = truthy(ev(f["visibleIf"], scope)) if "visibleIf" in f else True
        v = value.get(f["key"])
        if not visible:
            if v is not None:
                errs.append((p, "hidden field in the example"))
            continue
        required = f.get("required", False) or ("requiredIf" in f and truthy(ev(f["requiredIf"], scope)))
        if v is None or (isinstance(v, str) and not v.strip()):
            if required:
                errs.append((p, "required"))
            continue
        validate_value(f, v, scope, p, errs)


def validate_value(f, v, scope, p, errs):
    t = f["type"]
    if t == "group":
        validate_object(f["fields"], v, scope, p, errs)
        return
    if t == "repeat":
        if not isinstance(v, list):
            errs.append((p, "not an array"))
            return
        n = len(v)
        if n < f.get("minItems", 0) or n > f.get("maxItems", 10 ** 9):
            errs.append((p, "item count"))
        for i, item in enumerate(v):
            validate_object(f["fields"], item, item, f"{p}/{i}", errs)
        return
    if t == "choice":
        if v not in [c["value"] for c in f["choices"]]:
            errs.append((p, "not a choice"))
        return
    if t == "multi_choice":
        values = [c["value"] for c in f["choices"]]
        if not isinstance(v, list) or any(x not in values for x in v) or len(set(v)) != len(v):
            errs.append((p, "bad multi choice"))
        elif len(v) < f.get("minItems", 0) or len(v) > f.get("maxItems", 10 ** 9):
            errs.append((p, "item count"))
        return
    if not TYPE_CHECKS[t](v):
        errs.append((p, f"invalid {t}"))
        return
    if t in ("text", "address", "attachment"):
        n = len(v.strip())
        if n < f.get("minLength", 0) or n > f.get("maxLength", 10 ** 9):
            errs.append((p, "length"))
        if "pattern" in f and not re.fullmatch(f"(?:{f['pattern']})", v.strip()):
            errs.append((p, "pattern"))
    if t in ("integer", "money", "decimal"):
        if v < f.get("min", -float("inf")) or v > f.get("max", float("inf")):
            errs.append((p, "range"))
    if t == "date" and v >= "2026-11-25":
        errs.append((p, "example date not before 2026-11-25"))


def rule_vars(rule, out):
    """Top-level keys a rule reads (the per-item rules of array operators excluded)."""
    if isinstance(rule, list):
        for r in rule:
            rule_vars(r, out)
        return out
    if not isinstance(rule, dict):
        return out
    (op, args), = rule.items()
    if not isinstance(args, list):
        args = [args]
    if op == "var" and args and isinstance(args[0], str) and args[0]:
        out.add(args[0].split(".")[0])
        return out
    for i, a in enumerate(args):
        if op in ("all", "some", "none", "filter", "map", "reduce") and i == 1:
            continue
        rule_vars(a, out)
    return out


def self_check(cat):
    problems = []

    def bad(path, msg):
        problems.append(f"{path}: {msg}")

    org_codes = {o["code"]: o for o in cat["orgs"]}
    departments = {c for c, o in org_codes.items() if o["level"] == "department"}
    sources = {d["code"] for d in cat["dataSources"]}
    levels = {}
    for o in cat["orgs"]:
        levels[o["level"]] = levels.get(o["level"], 0) + 1
    if levels != {"district": 1, "department": 13, "street": 4, "community": 48}:
        bad("/orgs", f"levels {levels}")
    seen = set()
    material_names = {}
    for i, m in enumerate(cat["matters"]):
        mp = f"/matters/{i}"
        if m["code"] in seen:
            bad(mp, "duplicate code")
        seen.add(m["code"])
        if m["department"] not in departments:
            bad(mp, "department")
        if m["promisedLimitDays"] > m["legalLimitDays"]:
            bad(mp, "promised over legal")
        if m.get("immediate") and m["promisedLimitDays"] != 0:
            bad(mp, "immediate but promised > 0")
        fields = m["form"]["fields"]
        keys = {f["key"] for f in fields}
        if not 4 <= len(fields) <= 15:
            bad(mp, f"{len(fields)} fields")
        for j, source in enumerate(m.get("issues", [])):
            if source not in sources:
                bad(f"{mp}/issues/{j}", "issues an unknown source")
        for j, mt in enumerate(m["materials"]):
            if mt.get("waivedBy") and mt["waivedBy"] not in sources:
                bad(f"{mp}/materials/{j}", "waivedBy")
            if "condition" in mt and not rule_vars(mt["condition"], set()) <= keys:
                bad(f"{mp}/materials/{j}", "condition reads unknown keys")
            if material_names.setdefault(mt["code"], mt["name"]) != mt["name"]:
                bad(f"{mp}/materials/{j}", "one code, two names")
        for f in fields:
            lib = FIELDS[f["key"]]
            if f["type"] != lib["type"]:
                bad(mp, f"{f['key']} type differs from the library")
            if f.get("prefill") and f["prefill"].split(".")[0] not in sources:
                bad(mp, f"{f['key']} prefill source")
            for r in ("visibleIf", "requiredIf"):
                if r in f and not rule_vars(f[r], set()) <= keys:
                    bad(mp, f"{f['key']}.{r} reads unknown keys")
            for s in f.get("fields", []):
                for r in ("visibleIf", "requiredIf"):
                    if r in s and not rule_vars(s[r], set()) <= {x["key"] for x in f["fields"]}:
                        bad(mp, f"{f['key']}.{s['key']}.{r} reads unknown keys")
        for c in m["form"].get("checks", []):
            if not rule_vars(c["rule"], set()) <= keys:
                bad(mp, f"check {c['code']} reads unknown keys")
        ex = m["form"]["example"]
        errs = []
        try:
            validate_object(fields, ex, ex, "", errs)
            for c in m["form"].get("checks", []):
                if not truthy(ev(c["rule"], ex)):
                    errs.append((c.get("path", ""), c["code"]))
        except ValueError as e:
            errs.append(("", str(e)))
        for p, msg in errs:
            bad(f"{mp}/form/example{p}", msg)
        # Every rule should also evaluate without error on an empty answer.
        try:
            for f in fields:
                for r in ("visibleIf", "requiredIf"):
                    if r in f:
                        ev(f[r], {})
            for c in m["form"].get("checks", []):
                ev(c["rule"], {})
        except ValueError as e:
            bad(mp, f"rule fails on an empty answer: {e}")
    matters = {m["code"]: m for m in cat["matters"]}
    for i, b in enumerate(cat["bundles"]):
        bp = f"/bundles/{i}"
        if b["leadDepartment"] not in departments:
            bad(bp, "lead department")
        types, keys = {}, set()
        for j, mem in enumerate(b["members"]):
            m = matters.get(mem["matter"])
            if not m:
                bad(f"{bp}/members/{j}", "unknown matter")
                continue
            for f in m["form"]["fields"]:
                keys.add(f["key"])
                if types.setdefault(f["key"], json.dumps({k: f.get(k) for k in ("type", "choices", "fields")},
                                                         sort_keys=True)) != json.dumps(
                        {k: f.get(k) for k in ("type", "choices", "fields")}, sort_keys=True):
                    bad(f"{bp}/members/{j}", f"key {f['key']} differs across the bundle")
        for j, mem in enumerate(b["members"]):
            if "condition" in mem and not rule_vars(mem["condition"], set()) <= keys:
                bad(f"{bp}/members/{j}/condition", "reads unknown keys")
    if len(cat["matters"]) < 60:
        bad("/matters", "fewer than 60")
    check_authority(cat, bad)
    check_policies(cat, bad)
    return problems


def dumps(value, indent=0):
    """Pretty JSON that keeps short values (rules, choices, materials, simple fields) on one line."""
    flat = json.dumps(value, ensure_ascii=False, separators=(", ", ": "))
    simple_field = isinstance(value, dict) and "key" in value and "fields" not in value
    if not isinstance(value, (dict, list)) or len(flat) + indent <= (180 if simple_field else 120):
        return flat
    pad, inner = " " * indent, " " * (indent + 2)
    if isinstance(value, dict):
        items = [f"{inner}{json.dumps(k, ensure_ascii=False)}: {dumps(v, indent + 2)}" for k, v in value.items()]
        return "{\n" + ",\n".join(items) + "\n" + pad + "}"
    items = [f"{inner}{dumps(v, indent + 2)}" for v in value]
    return "[\n" + ",\n".join(items) + "\n" + pad + "]"


def main():
    cat = catalog()
    problems = self_check(cat)
    for p in problems:
        print("SELF-CHECK:", p, file=sys.stderr)
    text = dumps(cat) + "\n"
    assert json.loads(text) == cat
    if "--check" in sys.argv:
        # The committed catalogue is this script's output: an edit by hand is lost at the
        # next run, so it is a problem too.
        with open(OUT, encoding="utf-8") as fh:
            if fh.read() != text:
                problems.append(f"{OUT} is not what this script writes: run it, or move the edit here")
                print("SELF-CHECK:", problems[-1], file=sys.stderr)
    else:
        with open(OUT, "w", encoding="utf-8") as fh:
            fh.write(text)
    by_dept = {}
    for m in cat["matters"]:
        by_dept[m["department"]] = by_dept.get(m["department"], 0) + 1
    reg = cat["authority"]
    print(f"{len(cat['orgs'])} orgs, {len(cat['matters'])} matters, {len(cat['bundles'])} bundles, "
          f"{len(reg['grants'])} grants, {len(reg['revocations'])} revocations, {len(reg['seals'])} seals, "
          f"{len(cat['policies'])} policies; "
          f"{len(problems)} self-check problems", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
