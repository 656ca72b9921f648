"""A notice's front matter, declared once: each field's key, shape, allowed values and the
words an editor shows for it.

Everything else is made from these declarations: `check` reads its key tables from here
(validate/fields.py), `notice-archive schema` writes the JSON Schema editors use from here
(`json_schema`), and the allowed values are the model's own (model.py). Adding a field is one
entry below, then its parsing in validate/fields.py and its attribute on `Notice`;
`notice-archive schema -o generator/validate/notice.schema.json` rewrites the shipped copy,
which tests/test_check_schema.py compares with this.

The schema describes shapes and allowed values so an editor can complete and flag fields while
staff type; the rules that need the whole archive or judgement (references, Decree 30 form,
dates in the future) stay in `check`.
"""

from __future__ import annotations

from .model import CLASSIFICATIONS, DOCUMENT_TYPES, STATUSES, TASK_STATUSES

ALWAYS_REQUIRED = ("title", "type", "status", "classification")
REQUIRED_UNLESS_DRAFT = ("number", "date", "issuer", "signer")

# meeting: the meeting a conclusion notice reports.
MEETING: dict[str, dict] = {
    "date": {
        "type": "string",
        "format": "date",
        "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
        "title": "Ngày họp",
        "description": "Không sau ngày ban hành.",
    },
    "location": {"type": "string", "minLength": 1, "title": "Địa điểm"},
    "chair": {"type": "string", "minLength": 1, "title": "Người chủ trì"},
    "chair_title": {"type": "string", "minLength": 1, "title": "Chức vụ người chủ trì"},
}


# signer, as a mapping (a bare string is the name alone).
SIGNER: dict[str, dict] = {
    "name": {"type": "string", "minLength": 1, "title": "Họ tên người ký"},
    "title": {
        "type": "string",
        "minLength": 1,
        "title": "Chức vụ",
        "description": "Sau KT. X là Phó X.",
    },
    "authority": {
        "type": "string",
        "minLength": 1,
        "title": "Thẩm quyền ký",
        "description": "Dòng KT./TL./TM./Q./TUQ., ví dụ \"KT. Chánh Văn phòng\".",
    },
}


# One entry of tasks: an assignment as a person corrected it (NA711–NA713).
TASK: dict[str, dict] = {
    "lead": {
        "type": "string",
        "minLength": 1,
        "description": "Cơ quan chủ trì (tên hoặc slug trong notices/agencies.yml)",
    },
    "support": {"type": "array", "items": {"type": "string"}, "description": "Cơ quan phối hợp"},
    "action": {"type": "string", "minLength": 1, "description": "Nội dung nhiệm vụ"},
    "deadline": {
        "type": "string",
        "description": "Thời hạn: YYYY-MM-DD, hoặc cụm từ như “hằng tháng”",
    },
    "status": {"enum": list(TASK_STATUSES), "description": "Trạng thái"},
    "completed": {
        "type": "string",
        "format": "date",
        "description": "Ngày hoàn thành, YYYY-MM-DD",
    },
    "report": {"type": "string", "description": "Số thông báo/báo cáo xác nhận hoàn thành"},
    "point": {"type": "string", "description": "Mục, điểm của thông báo (ví dụ II.3)"},
}


# One entry of closes, as a mapping (a bare string is the notice's number).
CLOSING: dict[str, dict] = {
    "notice": {"type": "string", "minLength": 1, "description": "Số, ký hiệu của thông báo trước"},
    "point": {"type": ["string", "integer"], "description": "Điểm, ví dụ II.3"},
}


# Every top-level key, in the order editors list them and `check` reads them.
FIELDS: dict[str, dict] = {
    "number": {
        "type": "string",
        "minLength": 1,
        "title": "Số, ký hiệu",
        "description": ("Số, ký hiệu như in trên văn bản: <số>/<mã loại>-<mã cơ quan>, ví dụ "
                        "125/TB-VPUBND; công văn: 3653/UBND-TNMT; văn bản QPPL: 84/2012/QĐ-UBND. "
                        "Chỉ dự thảo mới được bỏ trống."),
        "pattern": "^[0-9]{0,9}/([0-9]{4}/)?[^/]+$",
        "examples": ["125/TB-VPUBND", "06/CT-UBND"],
    },
    "type": {
        "title": "Loại văn bản",
        "description": ("Loại văn bản (Nghị định 30/2020/NĐ-CP, Phụ lục III); mã loại trong số ký"
                        " hiệu phải khớp."),
        "enum": list(DOCUMENT_TYPES),
        "x-type-codes": {key: code for key, (code, _) in DOCUMENT_TYPES.items()},
    },
    "title": {
        "type": "string",
        "minLength": 1,
        "title": "Trích yếu",
        "description": "Trích yếu nội dung: thông báo về việc gì; là tiêu đề trang.",
    },
    "issuer": {"type": "string", "minLength": 1, "title": "Cơ quan ban hành"},
    "place": {
        "type": "string",
        "minLength": 1,
        "title": "Địa danh",
        "description": "Địa danh ở dòng địa danh, ngày tháng (Hậu Giang, ngày …).",
    },
    "date": {
        "type": "string",
        "format": "date",
        "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
        "title": "Ngày ban hành",
        "description": "Ngày ban hành, YYYY-MM-DD; không ở tương lai.",
    },
    "meeting": {
        "type": "object",
        "title": "Cuộc họp",
        "description": "Cuộc họp mà thông báo kết luận.",
        "additionalProperties": False,
        "properties": MEETING,
    },
    "signer": {
        "title": "Người ký",
        "oneOf": [
            {
                "type": "object",
                "additionalProperties": False,
                "required": ["name"],
                "properties": SIGNER,
            },
            {"type": "string", "minLength": 1, "description": "Chỉ họ tên người ký."},
        ],
    },
    "recipients": {
        "oneOf": [
            {"type": "array", "items": {"type": "string", "minLength": 1}},
            {"type": "string", "minLength": 1},
        ],
        "title": "Nơi nhận",
        "description": "Mỗi dòng của phần Nơi nhận là một phần tử.",
    },
    "topics": {
        "title": "Chủ đề",
        "description": "Slug chủ đề trong notices/topics.yml.",
        "oneOf": [
            {"type": "array", "items": {"type": "string", "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$"}},
            {"type": "string", "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$"},
        ],
    },
    "related": {
        "oneOf": [
            {"type": "array", "items": {"type": "string", "minLength": 1}},
            {"type": "string", "minLength": 1},
        ],
        "title": "Văn bản liên quan",
        "description": "Số, ký hiệu của thông báo khác trong kho.",
    },
    "supersedes": {
        "type": "string",
        "minLength": 1,
        "title": "Thay thế văn bản",
        "description": ("Số, ký hiệu của thông báo bị thay thế (thông báo đó phải có status: "
                        "superseded)."),
        "pattern": "^[0-9]{0,9}/([0-9]{4}/)?[^/]+$",
    },
    "original": {
        "type": "string",
        "minLength": 1,
        "title": "Bản gốc",
        "description": ("Đường dẫn tệp bản gốc (PDF, ảnh quét) trong kho, ví dụ "
                        "originals/2024/125-tb-vpubnd.pdf; công bố theo đúng độ mật của thông "
                        "báo."),
        "pattern": "^(?!/)(?!.*(^|/)\\.\\.(/|$))[^\\\\]+$",
    },
    "status": {
        "title": "Trạng thái",
        "enum": list(STATUSES),
        "description": ("draft: dự thảo; issued: đã ban hành; superseded: đã được thay thế; "
                        "revoked: đã bị bãi bỏ."),
    },
    "classification": {
        "title": "Độ mật / phạm vi",
        "enum": list(CLASSIFICATIONS),
        "description": "public: công khai; internal: nội bộ; secret: mật (không xuất bản).",
    },
    "review": {
        "type": "array",
        "items": {"type": "string", "minLength": 1},
        "title": "Cần đối chiếu",
        "description": ("Các trường mà lệnh nhập không chắc chắn (ví dụ [number, title]); đối "
                        "chiếu với bản gốc, sửa trường rồi xóa tên trường khỏi danh sách."),
    },
    "closes": {
        "type": "array",
        "title": "Hoàn thành nhiệm vụ của thông báo trước",
        "description": ("Số thông báo (hoặc số và điểm) có nhiệm vụ được thông báo này báo cáo đã"
                        " hoàn thành."),
        "items": {
            "oneOf": [
                {"type": "string", "minLength": 1},
                {
                    "type": "object",
                    "additionalProperties": False,
                    "required": ["notice"],
                    "properties": CLOSING,
                },
            ],
        },
    },
    "tasks": {
        "type": "array",
        "title": "Nhiệm vụ được giao",
        "description": ("Khi có, thay cho nhiệm vụ tự trích từ nội dung. 'notice-archive tasks "
                        "--write TỆP' ghi sẵn để sửa."),
        "items": {
            "type": "object",
            "additionalProperties": False,
            "required": ["lead", "action"],
            "properties": TASK,
        },
    },
}

TOP_KEYS = tuple(FIELDS)
MEETING_KEYS = tuple(MEETING)
SIGNER_KEYS = tuple(SIGNER)
TASK_KEYS = tuple(TASK)
CLOSING_KEYS = tuple(CLOSING)


def json_schema() -> dict:
    """The JSON Schema (2020-12) of the front matter, for yaml-language-server."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Front matter của một thông báo (notice-archive)",
        "description": ("Các trường YAML ở đầu tệp notices/<năm>/<tên>.md. Xuất bằng "
                        "'notice-archive schema'."),
        "type": "object",
        "additionalProperties": False,
        "required": list(ALWAYS_REQUIRED),
        "properties": FIELDS,
        # A draft may leave out what only an issued notice has.
        "if": {"properties": {"status": {"const": "draft"}}, "required": ["status"]},
        "else": {"required": list(REQUIRED_UNLESS_DRAFT)},
    }
