"""Short Chinese messages for validation and refused actions.

Longer user-facing texts (the receipt, the status look-up) are templates in
prompts/requests/. No message here may quote an applicant's personal data.
"""

from __future__ import annotations

from assistant.requests.vocabulary import Channel

# Field names as shown to the applicant.
FIELD_AGENCY = "受理机关"
FIELD_APPLICANT_TYPE = "申请人类型"
FIELD_NAME = "申请人姓名或名称"
FIELD_ID_CARD = "居民身份证号码"
FIELD_CREDIT_CODE = "统一社会信用代码"
FIELD_ID = "身份证明号码"
FIELD_PHONE = "联系电话"
FIELD_ADDRESS = "通信地址"
FIELD_EMAIL = "电子邮箱"
FIELD_CONTENT = "申请内容"
FIELD_FORM = "获取信息的形式"
FIELD_DELIVERY = "获取信息的方式"
FIELD_CHANNEL = "提交渠道"
FIELD_RECEIVED = "收到申请日期"
FIELD_STATUS = "办理状态"
FIELD_RESULT = "办理结果"
FIELD_CLOSED = "办结日期"

REQUIRED = "不能为空"
TOO_LONG = "不能超过{limit}个字"
NOT_TEXT = "应为文字"
FORBIDDEN_CHARACTERS = "含有不允许的控制字符或文字方向控制符，请删除后重新填写"
NOT_ONE_OF = "“{value}”无效，应为：{choices}"
CONTENT_HINT = "请填写所需政府信息的名称、文号或者便于查询的特征描述"
ID_CARD_FORMAT = "应为18位居民身份证号码（最后一位可为X）"
ID_CARD_BIRTH = "出生日期部分无效"
ID_CARD_CHECKSUM = "校验位不正确，请核对号码"
CREDIT_CODE_FORMAT = "应为18位统一社会信用代码（数字和大写字母，不含I、O、Z、S、V）"
CREDIT_CODE_CHECKSUM = "校验位不正确，请核对代码"
PHONE_FORMAT = "格式不正确：手机号码为11位数字，固定电话如0952-6013731"
EMAIL_FORMAT = "格式不正确，应如name@example.com"
ADDRESS_FOR_POST = "选择邮寄时必须填写"
EMAIL_FOR_DELIVERY = "选择电子邮件时必须填写"
PAPER_BY_EMAIL = "纸质形式不能通过电子邮件提供，请选择邮寄或自取"
DATE_FORMAT = "“{value}”不是有效日期，应如2025-09-30"
CLOSED_BEFORE_RECEIVED = "不能早于收到申请日期"
RESULT_WHILE_OPEN = "状态为“{status}”的申请尚未办结，应留空"
RESULT_REQUIRED = "状态为“{status}”的申请已办结，必须填写"
ABANDONED_RESULT_ONLY = "视为放弃的申请，办理结果只能是“{result}”"

CSV_MISSING_COLUMNS = "{source}：缺少列 {missing}（应有列：{expected}）"
CSV_COLUMN_COUNT = "列数与表头不一致"
FILE_UNREADABLE = "{path}：无法读取（{reason}）"
FILE_ENCODING = "{path}：既不是UTF-8也不是GB18030编码"

RECEIVED_DATE_MISSING: dict[Channel, str] = {
    Channel.IN_PERSON: "当面提交的申请须填写提交日期（第三十一条第（一）项）",
    Channel.POST: "邮寄的申请须填写签收日期，平常信函须填写与申请人确认的日期（第三十一条第（二）项）",
    Channel.ONLINE: "网络提交的申请须填写双方确认的日期（第三十一条第（三）项）",
    Channel.FAX: "传真提交的申请须填写双方确认的日期（第三十一条第（三）项）",
}

# Names no 受理编号: whoever knows a person's name and ID number must not learn from this
# that the person filed a request (the applicant has the number and code from the receipt).
DUPLICATE = "同一申请人已于24小时内提交过相同内容的申请，请勿重复提交；请用当时收到的受理编号和查询码查询进度"

ILLEGAL_TRANSITION = "不能将申请{number}从“{current}”改为“{target}”：{reason}"
# For a step that keeps the status (an extension during a consultation, an appeal).
STEP_REFUSED = "不能对申请{number}办理“{step}”（当前状态“{current}”）：{reason}"
NO_WAY_OUT = (
    "“{current}”是办结状态，不能再变更；对处理决定提起的行政复议、行政诉讼可另行登记（第五十一条）"
)
ALLOWED_NEXT = "“{current}”之后只能是：{allowed}"
SUPPLEMENT_TOO_LATE = "补正须在收到申请之日起7个工作日内（最迟{deadline}）一次性告知（第三十条）"
SUPPLEMENT_ONCE = "补正只能一次性告知（第三十条），本申请已告知过补正"
SUPPLEMENT_NOTICE_WHEN = (
    "补正须在受理后、延期和征求意见之前，于收到申请之日起7个工作日内一次性告知（第三十条）"
)
SUPPLEMENT_NOT_REQUESTED = (
    "本申请没有待补正的告知：答复期限只在一次性告知补正后才自收到补正之日起重新计算（第三十条）"
)
ABANDON_WHEN = (
    "只有告知补正后逾期不补正（第三十条）或收到收费通知后逾期未缴费"
    "（第四十二条、《政府信息公开信息处理费管理办法》）的申请才能视为放弃"
)
WAITING_FOR_SUPPLEMENT = "申请人尚未补正，应先登记收到补正，或在补正期限届满后视为放弃（第三十条）"
WAITING_FOR_OPINION = "正在征求第三方意见，应先登记收到第三方意见（第三十二条）"
WAITING_FOR_FEE = "申请人尚未缴纳信息处理费，应先登记缴费，或在缴费期限届满后视为放弃（第四十二条）"
CONSULT_WHEN = "征求第三方意见须在办理中或延期后进行（第三十二条）"
NOT_CONSULTING = "本申请没有在征求第三方意见，不能登记收到第三方意见（第三十二条）"
EXTEND_WHEN = "答复期限只能在办理中或征求意见期间延长，且只能延长一次（第三十三条）"
EXTENSION_ONCE = "答复期限只能延长一次（第三十三条），本申请已于{on}延长{days}个工作日"
FEE_NOTICE_WHEN = "收费通知须在答复期限内、办理中或延期后发出（第四十二条）"
FEE_ONCE = "本申请已于{on}发出过收费通知（第四十二条）"
FEE_NOT_NOTIFIED = "本申请没有待缴的信息处理费，不能登记缴费（第四十二条）"
FEE_AMOUNT = "信息处理费金额须大于0元且最多两位小数（第四十二条）"
FEE_BASIS = "收费依据应为：{choices}（《政府信息公开信息处理费管理办法》第三条）"
FEE_TOO_LATE = (
    "收费通知须在答复期限{due}届满前发出（第四十二条、《政府信息公开信息处理费管理办法》）"
)
FEE_PAID_LATE = "缴费期限{due}已届满，逾期未缴纳的视为放弃申请（第四十二条、《政府信息公开信息处理费管理办法》）"
FEE_NOT_OVERDUE = (
    "缴费期限{due}尚未届满，不能视为放弃申请"
    "（收到收费通知次日起20个工作日内缴纳，《政府信息公开信息处理费管理办法》）"
)
SUPPLEMENT_DUE_PAST = "补正期限{due}不能早于告知日期{on}"
SUPPLEMENT_NOT_OVERDUE = "补正期限{due}尚未届满，不能视为放弃申请（第三十条）"
EXTENSION_TOO_LONG = "延长的期限最长不得超过{max}个工作日（第三十三条）"
EXTENSION_TOO_LATE = "延期须在原答复期限{due}届满前决定并告知申请人（第三十三条）"
EXTENSION_NEEDS_APPROVER = "延期须经政府信息公开工作机构负责人同意，请写明批准人（第三十三条）"
BEFORE_RECEIVED = "办理日期{on}不能早于收到申请日期{received}"
BEFORE_LAST_STEP = "办理日期{on}不能早于上一步的日期{last}"
UNKNOWN_RESULT = "“{result}”不是有效的办理结果，应为2021年格式年报表三“本年度办理结果”的一项"
ABANDONED_NEEDS_SUPPLEMENT_PATH = "“逾期不补正”只能通过“视为放弃”办结，不能作为答复结果（第三十条）"
FEE_RESULT_NEEDS_FEE_PATH = "“逾期未按收费通知要求缴纳费用”只能在收费通知后通过“视为放弃”办结，不能作为答复结果（第四十二条）"
REPLY_REQUIRED = "答复内容不能为空"
UNKNOWN_NUMBER = "没有受理编号为{number}的申请"

UNKNOWN_AGENCY = "请从列表中选择受理机关"
AGENCY_LENGTH = "机关名称须为2至{limit}个字"
AGENCY_CHARACTERS = "机关名称不能含空格、控制字符或文字方向控制符"
AGENCY_SYMBOLS = '机关名称不能含“/ \\ : * ? " < > |”或“..”，也不能以“= + - @”开头'
AGENCY_EXISTS = "“{name}”已在受理机关列表中"

SPAM_NEEDS_REASON = "标记为垃圾申请须在备注中写明理由"
ALREADY_SPAM = "申请{number}已标记为垃圾申请"
TOO_MANY_FOR_PERSON = "同一身份证明号码或联系电话24小时内最多提交{limit}件申请，请24小时后再提交"
TOO_MANY_FROM_CLIENT = "提交过于频繁：同一网络地址每小时最多提交{limit}件申请，请稍后再提交"
