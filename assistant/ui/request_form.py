"""The 依申请公开 tab: the request form, per-field messages, the receipt."""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

import gradio as gr

from assistant.db import DatabaseUnavailable
from assistant.requests import DuplicateRequest, InvalidApplication, intake
from assistant.requests import messages as msg
from assistant.requests.agencies import known_agencies
from assistant.requests.deadlines import BUSINESS_TZ, business_date
from assistant.requests.errors import IntakeLimited
from assistant.requests.texts import render_receipt
from assistant.requests.validation import Application, validate_application
from assistant.requests.vocabulary import APPLICANT_TYPES, NATURAL_PERSON, Channel, Delivery, Form
from assistant.services import Services
from assistant.ui.rate import SlidingWindow
from assistant.ui.texts import text

log = logging.getLogger(__name__)

# Form fields in display order; the problems of `InvalidApplication` name them in Chinese.
FIELDS = (
    "agency",
    "applicant_type",
    "name",
    "id_number",
    "phone",
    "address",
    "email",
    "content",
    "form",
    "delivery",
)
_FIELD_OF_PROBLEM = {
    msg.FIELD_AGENCY: "agency",
    msg.FIELD_APPLICANT_TYPE: "applicant_type",
    msg.FIELD_NAME: "name",
    msg.FIELD_ID_CARD: "id_number",
    msg.FIELD_CREDIT_CODE: "id_number",
    msg.FIELD_ID: "id_number",
    msg.FIELD_PHONE: "phone",
    msg.FIELD_ADDRESS: "address",
    msg.FIELD_EMAIL: "email",
    msg.FIELD_CONTENT: "content",
    msg.FIELD_FORM: "form",
    msg.FIELD_DELIVERY: "delivery",
}
SUBMIT_API = "submit_request"
CONSENT_REQUIRED = "请阅读并勾选同意个人信息保护说明后再提交。"
ID_LABELS = {True: "居民身份证号码 *", False: "统一社会信用代码 *"}


def field_errors(problems: dict[str, str]) -> tuple[dict[str, str], list[str]]:
    """Problems by form field, and those no field shows (as “字段：原因”)."""
    by_field: dict[str, str] = {}
    general: list[str] = []
    for name, reason in problems.items():
        field = _FIELD_OF_PROBLEM.get(name)
        if field is None:
            general.append(f"{name}：{reason}")
        else:
            by_field[field] = f"{name}：{reason}"
    return by_field, general


def problems_of(application: Application) -> dict[str, str]:
    try:
        validate_application(application)
    except InvalidApplication as exc:
        return exc.problems
    return {}


def receipt_markdown(receipt: intake.Receipt) -> str:
    """The receipt, its number and code in bold: the applicant must note them down."""
    lines = [
        f"**{line}**" if line.startswith(("受理编号", "查询验证码")) else line
        for line in render_receipt(receipt).splitlines()
    ]
    return "### 提交成功\n\n" + "  \n".join(lines)


class RequestForm:
    """The rendered form. `inputs` are its fields by name, `number` the 受理编号 of the last
    request filed; `fill` pre-fills agency and content from the chat."""

    def __init__(self, services: Services, agencies: list[str]) -> None:
        self.services = services
        gr.Markdown(text("form_intro.md"))
        inputs: dict[str, gr.components.Component] = {}
        errors: dict[str, gr.Markdown] = {}

        def error_slot(field: str) -> None:
            errors[field] = gr.Markdown(visible=False, elem_classes=["field-error"])

        with gr.Row():
            with gr.Column():
                inputs["agency"] = gr.Dropdown(
                    agencies,
                    label="受理机关 *",
                    # Only listed agencies: a typed name would reach exports and logs.
                    allow_custom_value=False,
                    value=None,
                    info="请从列表中选择受理机关",
                    elem_id="apply-agency",
                )
                error_slot("agency")
                inputs["applicant_type"] = gr.Radio(
                    list(APPLICANT_TYPES), value=NATURAL_PERSON, label="申请人类型 *"
                )
                error_slot("applicant_type")
                inputs["name"] = gr.Textbox(label="申请人姓名或名称 *")
                error_slot("name")
                inputs["id_number"] = gr.Textbox(label=ID_LABELS[True])
                error_slot("id_number")
                inputs["phone"] = gr.Textbox(label="联系电话 *")
                error_slot("phone")
                inputs["address"] = gr.Textbox(label="通信地址（选择邮寄时必填）")
                error_slot("address")
                inputs["email"] = gr.Textbox(label="电子邮箱（选择电子邮件时必填）")
                error_slot("email")
            with gr.Column():
                inputs["content"] = gr.Textbox(
                    label="所需政府信息的名称、文号或特征描述 *",
                    lines=6,
                    placeholder=msg.CONTENT_HINT,
                )
                error_slot("content")
                inputs["form"] = gr.Radio(
                    [f.value for f in Form], value=Form.ELECTRONIC.value, label="获取信息的形式 *"
                )
                error_slot("form")
                inputs["delivery"] = gr.Radio(
                    [d.value for d in Delivery],
                    value=Delivery.EMAIL.value,
                    label="获取信息的方式 *",
                )
                error_slot("delivery")
                gr.Markdown(text("privacy.md"))
                consent = gr.Checkbox(label="我已阅读并同意上述个人信息保护说明")
                general = gr.Markdown(visible=False, elem_classes=["field-error"])
                submit = gr.Button("提交申请", variant="primary")
                self.result = gr.Markdown(elem_id="receipt")
        self.inputs = inputs
        self.number = gr.State("")  # the new 受理编号, for the status tab

        inputs["applicant_type"].change(
            lambda kind: gr.Textbox(label=ID_LABELS[kind == NATURAL_PERSON]),
            inputs["applicant_type"],
            inputs["id_number"],
            api_visibility="private",
        )
        self.per_client = SlidingWindow(services.settings.intake_per_client_per_hour, 3600)

        # Named parameters (not *values) so gradio can hand over the request, whose client
        # address the per-client limit counts.
        def submit_online(
            request: gr.Request,
            agency: Any,
            applicant_type: Any,
            name: Any,
            id_number: Any,
            phone: Any,
            address: Any,
            email: Any,
            content: Any,
            form: Any,
            delivery: Any,
            consent: Any,
        ) -> list[Any]:
            client = request.client.host if request.client else "unknown"
            values = (agency, applicant_type, name, id_number, phone, address, email, content)
            return self.submit(*values, form, delivery, consent, client=client)

        submit.click(
            submit_online,
            [*(inputs[f] for f in FIELDS), consent],
            [self.result, *(errors[f] for f in FIELDS), general, self.number],
            # Hidden from the API docs, but with a fixed name: benchmarks/load.py files
            # requests through exactly what the browser calls.
            api_name=SUBMIT_API,
            api_visibility="private",
        )

    def submit(self, *values: Any, client: str | None = None) -> list[Any]:
        """Validate and register; `client` (the caller's address) counts towards the
        per-client limit when given."""
        *fields, consent = values
        given = dict(zip(FIELDS, (v or "" for v in fields), strict=True))
        application = Application(
            agency=given["agency"],
            applicant_type=given["applicant_type"],
            applicant_name=given["name"],
            id_number=given["id_number"],
            phone=given["phone"],
            address=given["address"],
            email=given["email"],
            content=given["content"],
            channel=Channel.ONLINE.value,
            form=given["form"],
            delivery=given["delivery"],
            # 第三十一条: an online request is received on the day both sides confirm it.
            confirmed_on=business_date(datetime.now(BUSINESS_TZ)),
        )
        if not consent:  # nothing is stored, but every field problem is shown at once
            by_field, general = field_errors(problems_of(application))
            return self._show(by_field, [*general, CONSENT_REQUIRED])
        if client is not None and self.per_client.full(client):
            limit = self.per_client.limit
            return self._show({}, [msg.TOO_MANY_FROM_CLIENT.format(limit=limit)])
        try:
            receipt = intake.submit(
                self.services.db,
                application,
                actor="申请人（网上）",
                agencies=known_agencies(self.services.db),
                per_person_limit=self.services.settings.intake_per_person_per_day,
            )
        except InvalidApplication as exc:
            return self._show(*field_errors(exc.problems))
        except (DuplicateRequest, IntakeLimited, DatabaseUnavailable) as exc:
            return self._show({}, [str(exc)])
        except Exception:  # e.g. a database error: its text names tables, never shown
            log.exception("request intake failed")
            return self._show({}, [text("error_plain.txt")])
        if client is not None:
            self.per_client.add(client)
        return self._show({}, [], receipt_markdown(receipt), receipt.number)

    def _show(
        self, by_field: dict[str, str], general: list[str], result: str = "", number: Any = None
    ) -> list[Any]:
        updates: list[Any] = [result]
        updates += [
            gr.Markdown(f"⚠ {by_field[f]}", visible=True)
            if f in by_field
            else gr.Markdown(visible=False)
            for f in FIELDS
        ]
        updates.append(
            gr.Markdown("⚠ " + "；".join(general), visible=True)
            if general
            else gr.Markdown(visible=False)
        )
        updates.append(gr.skip() if number is None else number)
        return updates

    @staticmethod
    def fill(wanted: dict[str, Any] | None) -> tuple[Any, Any]:
        """Pre-fill content and agency from the chat; keeps what the person typed otherwise."""
        if not wanted:
            return gr.skip(), gr.skip()
        content = wanted.get("content") or gr.skip()
        agency = wanted.get("agency") or gr.skip()
        return agency, content
