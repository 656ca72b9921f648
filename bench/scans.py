"""Paper the way an office's scanner returns it: a Decree 30 page laid out and printed, then
rasterised at 200 or 300 dpi, fed a little crooked (0.3–1.5°), specked, blurred and saved as
JPEG at quality ~70. Used by bench/import_accuracy.py and by the import tests.

A document is given as a dict: issuer_lines, number, place_date, type_name, title_lines,
paragraphs, recipients, authority_lines, title, name (what a template's tables hold), and
optionally page_break (the paragraph that starts page 2), vv_lines (a công văn's trích yếu in
the header, instead of type_name and title_lines), heading (a decision's deciding body),
type_left (the type line typed flush left) and motto (the two motto lines as typed).
"""

from __future__ import annotations

import io
import random
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter, ImageFont

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
DPI = 300
A4 = (2480, 3508)            # pixels at 300 dpi
MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP, MARGIN_BOTTOM = 354, 236, 236, 236   # 30/20/20/20 mm
MOTTO = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc")


def _font(size: int, bold: bool = False, italic: bool = False) -> ImageFont.FreeTypeFont:
    name = "DejaVuSerif" + ("-Bold" if bold else "") + ("Italic" if italic and bold else
                                                          "-Italic" if italic else "")
    return ImageFont.truetype(str(FONT_DIR / f"{name}.ttf"), size)


class _Pages:
    def __init__(self):
        self.pages: list[Image.Image] = []
        self.new_page()

    def new_page(self):
        self.image = Image.new("L", A4, 255)
        self.draw = ImageDraw.Draw(self.image)
        self.pages.append(self.image)
        self.y = MARGIN_TOP

    def room(self, height: int) -> None:
        if self.y + height > A4[1] - MARGIN_BOTTOM:
            self.new_page()

    def text(self, x: float, text: str, font, centre: bool = False, y: float | None = None):
        width = self.draw.textlength(text, font=font)
        self.draw.text((x - width / 2 if centre else x, self.y if y is None else y), text,
                       font=font, fill=0)


def paint(doc: dict, size: int = 54) -> list[Image.Image]:
    """The document laid out on A4 pages at 300 dpi (13 pt Times-like serif)."""
    regular, bold, italic = _font(size), _font(size, bold=True), _font(size, italic=True)
    # The header's two table columns (about 6.5 and 9.5 cm) in a narrower size: DejaVu Serif
    # is wider than the Times New Roman of real templates.
    head, head_bold = _font(40), _font(40, bold=True)
    pages = _Pages()
    left_centre = MARGIN_LEFT + 430
    right_centre = A4[0] - MARGIN_RIGHT - 490
    line = int(size * 1.45)
    top = pages.y
    for k, text in enumerate(doc["issuer_lines"]):
        pages.text(left_centre, text, head_bold if k or len(doc["issuer_lines"]) == 1 else head,
                   centre=True, y=top + k * line)
    motto = doc.get("motto", MOTTO)    # as typed: offices vary it
    pages.text(right_centre, motto[0], head_bold, centre=True, y=top)
    pages.text(right_centre, motto[1], head_bold, centre=True, y=top + line)
    pages.y = top + max(len(doc["issuer_lines"]), 2) * line + line // 2
    pages.text(left_centre, f"Số: {doc['number']}", head, centre=True)
    pages.text(right_centre, doc["place_date"], _font(40, italic=True), centre=True)
    pages.y += 2 * line
    page_width = A4[0] - MARGIN_LEFT - MARGIN_RIGHT
    centre = MARGIN_LEFT + page_width / 2
    # type_left: the type line typed flush left, as some offices do ("all": the trích yếu too).
    left = doc.get("type_left")
    pages.text(MARGIN_LEFT if left else centre, doc["type_name"].upper(), bold, centre=not left)
    pages.y += line
    for text in doc["title_lines"]:
        pages.text(MARGIN_LEFT if left == "all" else centre, text, bold, centre=left != "all")
        pages.y += line
    pages.y += line
    for number, paragraph in enumerate(doc["paragraphs"]):
        if number == doc.get("page_break"):
            pages.new_page()         # the rest on page 2, as a long document would be
        words, current, first = paragraph.split(), "", True
        for word in words + [None]:
            trial = f"{current} {word}".strip() if word else current
            indent = 118 if first else 0
            fits = pages.draw.textlength(trial, font=regular) <= page_width - indent
            if word is not None and fits:
                current = trial
                continue
            pages.room(line)
            pages.text(MARGIN_LEFT + indent, current, regular)
            pages.y += line
            current, first = word or "", False
        pages.y += line // 3
    pages.y += line
    block = 1 + len(doc["recipients"])
    signing = doc["authority_lines"] + [doc["title"]]
    pages.room(line * max(block, len(signing) + 4))
    top = pages.y
    pages.text(MARGIN_LEFT, "Nơi nhận:", _font(int(size * 0.85), bold=True, italic=True), y=top)
    for k, item in enumerate(doc["recipients"]):
        end = ";" if k < len(doc["recipients"]) - 1 else "."
        pages.text(MARGIN_LEFT, f"- {item}{end}", _font(int(size * 0.8)),
                   y=top + (k + 1) * line * 0.8)
    for k, text in enumerate(signing):
        pages.text(right_centre, text.upper(), bold, centre=True, y=top + k * line)
    pages.text(right_centre, doc["name"], bold, centre=True, y=top + (len(signing) + 3) * line)
    return pages.pages


def degrade(page: Image.Image, dpi: int, angle: float, seed: int, jpeg: int | None = 70
            ) -> Image.Image:
    """A printed page as a scanner returns it: resampled to `dpi`, turned by `angle` degrees,
    with toner specks and a slight blur, then JPEG-compressed."""
    rng = random.Random(seed)
    image = page.resize((round(page.width * dpi / DPI), round(page.height * dpi / DPI)),
                        Image.LANCZOS)
    image = image.rotate(angle, resample=Image.BICUBIC, expand=False, fillcolor=255)
    draw = ImageDraw.Draw(image)
    for _ in range(int(image.width * image.height / 20000)):
        x, y = rng.randrange(image.width), rng.randrange(image.height)
        r = rng.choice((1, 1, 1, 2))
        draw.ellipse((x, y, x + r, y + r), fill=rng.randrange(0, 120))
    image = image.filter(ImageFilter.GaussianBlur(0.6 * dpi / DPI))
    if jpeg:
        buffer = io.BytesIO()
        image.save(buffer, "JPEG", quality=jpeg, dpi=(dpi, dpi))
        image = Image.open(io.BytesIO(buffer.getvalue()))
        image.load()
    image.info["dpi"] = (dpi, dpi)
    return image


# Originals from several issuers, written for this benchmark in the genre's wording (not the
# sample notices): VPCP, a Bộ, UBND and Văn phòng UBND of other provinces, a Sở, Công an.
DOCUMENTS = [
    dict(issuer_lines=["VĂN PHÒNG CHÍNH PHỦ"], number="447/TB-VPCP",
         place_date="Hà Nội, ngày 21 tháng 9 năm 2017", type_name="Thông báo",
         title_lines=["Kết luận của Thủ tướng Chính phủ tại cuộc họp về",
                      "phát triển dịch vụ công trực tuyến"],
         paragraphs=[
             "Ngày 15 tháng 9 năm 2017, tại Trụ sở Chính phủ, Thủ tướng Chính phủ Nguyễn Xuân "
             "Phúc chủ trì cuộc họp về phát triển dịch vụ công trực tuyến. Tham dự có đại diện "
             "các bộ, ngành liên quan.",
             "Sau khi nghe báo cáo và ý kiến các đại biểu, Thủ tướng Chính phủ kết luận như sau:",
             "1. Các bộ, cơ quan ngang bộ khẩn trương rà soát, đơn giản hóa thủ tục hành chính, "
             "cung cấp dịch vụ công trực tuyến mức độ 3, mức độ 4, hoàn thành trước ngày 30 "
             "tháng 9 năm 2017.",
             "2. Bộ Thông tin và Truyền thông chủ trì, phối hợp với Văn phòng Chính phủ hướng "
             "dẫn kết nối, chia sẻ dữ liệu giữa các hệ thống thông tin.",
             "Văn phòng Chính phủ xin thông báo để các cơ quan liên quan biết, thực hiện./."],
         recipients=["Thủ tướng, các Phó Thủ tướng", "Các Bộ, cơ quan ngang Bộ",
                     "Lưu: VT, KSTT"],
         authority_lines=["KT. BỘ TRƯỞNG, CHỦ NHIỆM"], title="PHÓ CHỦ NHIỆM",
         name="Nguyễn Cao Lục", issuer="Văn phòng Chính phủ", type="thong-bao"),
    dict(issuer_lines=["UBND TỈNH QUẢNG NINH", "SỞ Y TẾ"], number="215/TB-SYT",
         place_date="Quảng Ninh, ngày 08 tháng 5 năm 2023", type_name="Thông báo",
         title_lines=["Kết luận của Giám đốc Sở tại buổi làm việc",
                      "về công tác tiêm chủng mở rộng"],
         paragraphs=[
             "Ngày 05 tháng 5 năm 2023, Giám đốc Sở Y tế chủ trì buổi làm việc với các đơn vị "
             "về công tác tiêm chủng mở rộng trên địa bàn tỉnh.",
             "1. Trung tâm Kiểm soát bệnh tật tỉnh rà soát số trẻ chưa được tiêm đủ liều, báo "
             "cáo Sở Y tế trước ngày 31 tháng 5 năm 2023.",
             "2. Các bệnh viện tuyến huyện bảo đảm vắc xin, vật tư và nhân lực cho các điểm "
             "tiêm chủng.",
             "Sở Y tế thông báo để các đơn vị biết, thực hiện./."],
         recipients=["Các đơn vị trực thuộc", "Lưu: VT, NVY"],
         authority_lines=["KT. GIÁM ĐỐC"], title="PHÓ GIÁM ĐỐC", name="Trần Thị Thu Hằng",
         issuer="Sở Y tế tỉnh Quảng Ninh", type="thong-bao", page_break=2),
    dict(issuer_lines=["BỘ CÔNG AN", "CÔNG AN TỈNH NGHỆ AN"], number="1203/TB-CAT",
         place_date="Nghệ An, ngày 14 tháng 11 năm 2022", type_name="Thông báo",
         title_lines=["Kết luận của Giám đốc Công an tỉnh tại hội nghị",
                      "sơ kết công tác bảo đảm trật tự an toàn giao thông"],
         paragraphs=[
             "Ngày 10 tháng 11 năm 2022, Đại tá Phạm Thế Tùng, Giám đốc Công an tỉnh chủ trì "
             "hội nghị sơ kết công tác bảo đảm trật tự an toàn giao thông.",
             "1. Phòng Cảnh sát giao thông tăng cường tuần tra, kiểm soát, xử lý nghiêm vi phạm "
             "nồng độ cồn và tốc độ trên các tuyến quốc lộ.",
             "2. Công an các huyện, thị xã, thành phố phối hợp với chính quyền địa phương tuyên "
             "truyền pháp luật về giao thông.",
             "Công an tỉnh thông báo để các đơn vị biết, thực hiện./."],
         recipients=["Đồng chí Giám đốc", "Các phòng nghiệp vụ", "Lưu: VT, PV01"],
         authority_lines=["KT. GIÁM ĐỐC"], title="PHÓ GIÁM ĐỐC", name="Nguyễn Đức Hải",
         issuer="Công an tỉnh Nghệ An", type="thong-bao"),
]
DOCUMENTS += [
    dict(issuer_lines=["BỘ GIÁO DỤC VÀ ĐÀO TẠO"], number="3031/TB-BGDĐT",
         place_date="Hà Nội, ngày 12 tháng 8 năm 2024", type_name="Thông báo",
         title_lines=["Kết luận của Thứ trưởng tại cuộc họp về chuẩn bị",
                      "năm học mới và công tác tuyển sinh"],
         paragraphs=[
             "Ngày 08 tháng 8 năm 2024, tại Bộ Giáo dục và Đào tạo, Thứ trưởng Phạm Ngọc Thưởng "
             "chủ trì cuộc họp về chuẩn bị năm học mới và công tác tuyển sinh.",
             "1. Các sở giáo dục và đào tạo rà soát đội ngũ giáo viên, cơ sở vật chất, sách giáo "
             "khoa, bảo đảm khai giảng đúng thời gian quy định.",
             "2. Vụ Giáo dục Đại học theo dõi, đôn đốc các trường hoàn thành xét tuyển trước "
             "ngày 15 tháng 9 năm 2024.",
             "Bộ Giáo dục và Đào tạo thông báo để các đơn vị biết, thực hiện./."],
         recipients=["Bộ trưởng (để báo cáo)", "Các sở giáo dục và đào tạo", "Lưu: VT, VP"],
         authority_lines=["TL. BỘ TRƯỞNG"], title="CHÁNH VĂN PHÒNG", name="Nguyễn Xuân Thành",
         issuer="Bộ Giáo dục và Đào tạo", type="thong-bao"),
    dict(issuer_lines=["UBND TỈNH LÀO CAI", "VĂN PHÒNG"], number="88/TB-VPUBND",
         place_date="Lào Cai, ngày 03 tháng 4 năm 2024", type_name="Thông báo",
         title_lines=["Ý kiến chỉ đạo của Chủ tịch UBND tỉnh về",
                      "công tác phòng cháy chữa cháy rừng"],
         paragraphs=[
             "Ngày 01 tháng 4 năm 2024, Chủ tịch UBND tỉnh Trịnh Xuân Trường chủ trì cuộc họp "
             "về công tác phòng cháy chữa cháy rừng mùa khô.",
             "1. Sở Nông nghiệp và Phát triển nông thôn chỉ đạo lực lượng kiểm lâm trực ban "
             "nghiêm túc, kiểm tra các khu rừng có nguy cơ cháy cao.",
             "2. UBND các huyện, thị xã, thành phố chuẩn bị lực lượng, phương tiện, sẵn sàng "
             "chữa cháy khi có tình huống xảy ra.",
             "Văn phòng UBND tỉnh thông báo để các cơ quan, đơn vị biết, thực hiện./."],
         recipients=["Chủ tịch, các PCT UBND tỉnh", "Các sở, ban, ngành", "Lưu: VT, NLN"],
         authority_lines=["KT. CHÁNH VĂN PHÒNG"], title="PHÓ CHÁNH VĂN PHÒNG",
         name="Lê Văn Hùng", issuer="Văn phòng UBND tỉnh Lào Cai", type="thong-bao"),
]

# Round 3: six more, modelled on real notices found on provincial portals (wording adapted, not
# copied): decisions with the deciding body under the trích yếu, công văn with their V/v in the
# header table, a Bộ, a Sở that signs without KT., Công an with a unit code, and a long
# thông báo kết luận from the archive's own seed notice running over two pages. `vv_lines`
# (a công văn's trích yếu in the left header cell) replaces the type line and title; `heading`
# is a decision's deciding body, printed centred under the trích yếu.
DOCUMENTS += [
    dict(issuer_lines=["ỦY BAN NHÂN DÂN", "TỈNH HÀ GIANG"], number="1209/QĐ-UBND",
         place_date="Hà Giang, ngày 24 tháng 6 năm 2013", type_name="Quyết định",
         title_lines=["Về việc ban hành Quy chế hoạt động của Ban Chỉ đạo",
                      "công tác dân số tỉnh Hà Giang, giai đoạn 2013 - 2015"],
         heading="CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH HÀ GIANG",
         paragraphs=[
             "Căn cứ Luật Tổ chức Hội đồng nhân dân và Ủy ban nhân dân ngày 26 tháng 11 năm "
             "2003;",
             "Căn cứ Quyết định số 807/QĐ-UBND ngày 06 tháng 5 năm 2013 của Ủy ban nhân dân "
             "tỉnh về việc kiện toàn Ban Chỉ đạo công tác dân số tỉnh Hà Giang;",
             "Xét đề nghị của Giám đốc Sở Y tế tại Tờ trình số 66/TTr-SYT ngày 17 tháng 5 năm "
             "2013,",
             "Điều 1. Ban hành kèm theo Quyết định này Quy chế hoạt động của Ban Chỉ đạo công "
             "tác dân số tỉnh Hà Giang, giai đoạn 2013 - 2015.",
             "Điều 2. Quyết định này có hiệu lực kể từ ngày ký. Chánh Văn phòng Ủy ban nhân dân "
             "tỉnh, Giám đốc các sở, ban, ngành và các thành viên Ban Chỉ đạo căn cứ Quyết định "
             "thi hành./."],
         recipients=["Như Điều 2", "Bộ Y tế", "Chủ tịch, các PCT UBND tỉnh", "Lưu: VT, VX"],
         authority_lines=["KT. CHỦ TỊCH"], title="PHÓ CHỦ TỊCH", name="Nguyễn Minh Tiến",
         issuer="Ủy ban nhân dân tỉnh Hà Giang", type="quyet-dinh"),
    dict(issuer_lines=["ỦY BAN NHÂN DÂN", "TỈNH BẮC GIANG"], number="722/UBND-MT",
         place_date="Bắc Giang, ngày 28 tháng 3 năm 2013",
         vv_lines=["V/v rà soát cơ sở gây ô nhiễm", "môi trường nghiêm trọng"],
         paragraphs=[
             "Kính gửi: Sở Tài nguyên và Môi trường.",
             "Thực hiện Công văn số 1017/BTNMT-TCMT ngày 22 tháng 3 năm 2013 của Bộ Tài nguyên "
             "và Môi trường về việc đôn đốc phân loại cơ sở gây ô nhiễm môi trường nghiêm trọng, "
             "Phó Chủ tịch UBND tỉnh Lại Thanh Sơn có ý kiến như sau:",
             "Sở Tài nguyên và Môi trường chủ trì, phối hợp với các cơ quan liên quan rà soát, "
             "phân loại, lập danh mục cơ sở gây ô nhiễm môi trường nghiêm trọng trên địa bàn "
             "tỉnh; báo cáo Bộ Tài nguyên và Môi trường, Chủ tịch UBND tỉnh trước ngày 15 tháng "
             "4 năm 2013./."],
         recipients=["Như trên", "Chủ tịch, các PCT UBND tỉnh", "Lưu: VT, MT"],
         authority_lines=["TL. CHỦ TỊCH"], title="CHÁNH VĂN PHÒNG", name="Phạm Văn Thịnh",
         issuer="Ủy ban nhân dân tỉnh Bắc Giang", type="cong-van"),
    dict(issuer_lines=["UBND TỈNH LẠNG SƠN", "VĂN PHÒNG"], number="3585/VP-KTN",
         place_date="Lạng Sơn, ngày 23 tháng 10 năm 2017",
         vv_lines=["V/v báo cáo tình hình ô nhiễm môi trường", "do chất thải tại khu vực",
                   "nông thôn"],
         paragraphs=[
             "Kính gửi: Sở Tài nguyên và Môi trường.",
             "Thực hiện Công văn số 11034/VPCP-KGVX ngày 17 tháng 10 năm 2017 của Văn phòng "
             "Chính phủ về tình hình ô nhiễm môi trường do chất thải tại khu vực nông thôn, "
             "đồng chí Lý Vinh Quang, Phó Chủ tịch UBND tỉnh có ý kiến như sau:",
             "Giao Sở Tài nguyên và Môi trường chủ trì, phối hợp với Sở Nông nghiệp và Phát "
             "triển nông thôn, UBND các huyện, thành phố chủ động thực hiện các nội dung và "
             "trực tiếp báo cáo Bộ Tài nguyên và Môi trường theo yêu cầu tại Công văn trên.",
             "Văn phòng UBND tỉnh thông báo để Sở Tài nguyên và Môi trường, các cơ quan liên "
             "quan thực hiện./."],
         recipients=["Như trên", "Sở Nông nghiệp và PTNT", "Lưu: VT, KTN"],
         authority_lines=["KT. CHÁNH VĂN PHÒNG"], title="PHÓ CHÁNH VĂN PHÒNG",
         name="Hoàng Văn Tuấn", issuer="Văn phòng UBND tỉnh Lạng Sơn", type="cong-van"),
    dict(issuer_lines=["BỘ TÀI NGUYÊN VÀ MÔI TRƯỜNG"], number="1017/BTNMT-TCMT",
         place_date="Hà Nội, ngày 22 tháng 3 năm 2013",
         vv_lines=["V/v đôn đốc phân loại cơ sở gây", "ô nhiễm môi trường nghiêm trọng"],
         paragraphs=[
             "Kính gửi: Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương.",
             "Thực hiện Nghị quyết số 35/NQ-CP ngày 18 tháng 3 năm 2013 của Chính phủ, Bộ Tài "
             "nguyên và Môi trường đề nghị Ủy ban nhân dân các tỉnh, thành phố chỉ "
             "đạo các cơ quan chức năng rà soát, phân loại cơ sở gây ô nhiễm môi trường nghiêm "
             "trọng trên địa bàn.",
             "Kết quả gửi về Bộ Tài nguyên và Môi trường (qua Tổng cục Môi trường) trước ngày 30 "
             "tháng 4 năm 2013 để tổng hợp, báo cáo Thủ tướng Chính phủ./."],
         recipients=["Như trên", "Bộ trưởng (để báo cáo)", "Lưu: VT, TCMT"],
         authority_lines=["KT. BỘ TRƯỞNG"], title="THỨ TRƯỞNG", name="Bùi Cách Tuyến",
         issuer="Bộ Tài nguyên và Môi trường", type="cong-van"),
    dict(issuer_lines=["UBND TỈNH BÌNH ĐỊNH", "SỞ NỘI VỤ"], number="56/QĐ-SNV",
         place_date="Bình Định, ngày 15 tháng 3 năm 2024", type_name="Quyết định",
         title_lines=["Về việc thành lập Tổ kiểm tra công tác văn thư,",
                      "lưu trữ năm 2024"],
         heading="GIÁM ĐỐC SỞ NỘI VỤ",
         paragraphs=[
             "Căn cứ Quyết định số 32/2021/QĐ-UBND ngày 11 tháng 6 năm 2021 của Ủy ban nhân dân "
             "tỉnh quy định chức năng, nhiệm vụ, quyền hạn và cơ cấu tổ chức của Sở Nội vụ;",
             "Theo đề nghị của Chi cục trưởng Chi cục Văn thư - Lưu trữ,",
             "Điều 1. Thành lập Tổ kiểm tra công tác văn thư, lưu trữ năm 2024 tại các sở, ban, "
             "ngành và Ủy ban nhân dân các huyện, thị xã, thành phố.",
             "Điều 2. Tổ kiểm tra hoàn thành việc kiểm tra trước ngày 30 tháng 10 năm 2024 và "
             "báo cáo Giám đốc Sở kết quả kiểm tra.",
             "Điều 3. Chánh Văn phòng Sở, Chi cục trưởng Chi cục Văn thư - Lưu trữ và các thành "
             "viên Tổ kiểm tra chịu trách nhiệm thi hành Quyết định này./."],
         recipients=["Như Điều 3", "UBND tỉnh (để báo cáo)", "Lưu: VT, VTLT"],
         authority_lines=[], title="GIÁM ĐỐC", name="Nguyễn Thị Thu Hương",
         issuer="Sở Nội vụ tỉnh Bình Định", type="quyet-dinh"),
    dict(issuer_lines=["BỘ CÔNG AN", "CÔNG AN TỈNH BẮC NINH"], number="2154/CAT-PC08",
         place_date="Bắc Ninh, ngày 18 tháng 01 năm 2024",
         vv_lines=["V/v bảo đảm trật tự an toàn giao thông", "dịp Tết Nguyên đán Giáp Thìn"],
         paragraphs=[
             "Kính gửi: Công an các huyện, thị xã, thành phố.",
             "Để bảo đảm trật tự an toàn giao thông trước, trong và sau Tết Nguyên đán Giáp Thìn "
             "năm 2024, Giám đốc Công an tỉnh yêu cầu Công an các huyện, thị xã, thành phố thực "
             "hiện tốt các nội dung sau:",
             "1. Tăng cường tuần tra, kiểm soát, xử lý nghiêm các hành vi vi phạm về nồng độ "
             "cồn, tốc độ, chở quá số người quy định.",
             "2. Phối hợp với các cơ quan báo chí tuyên truyền để người dân chấp hành pháp luật "
             "về trật tự an toàn giao thông./."],
         recipients=["Như trên", "Đồng chí Giám đốc (để báo cáo)", "Lưu: VT, PC08"],
         authority_lines=["KT. GIÁM ĐỐC"], title="PHÓ GIÁM ĐỐC", name="Nguyễn Quốc Toản",
         issuer="Công an tỉnh Bắc Ninh", type="cong-van"),
    dict(issuer_lines=["UBND TỈNH HẬU GIANG", "VĂN PHÒNG"], number="152/TB-VPUBND",
         place_date="Hậu Giang, ngày 19 tháng 7 năm 2024", type_name="Thông báo",
         title_lines=["Kết luận của Phó Chủ tịch UBND tỉnh Nguyễn Văn Hòa tại Hội nghị",
                      "sơ kết công tác Đảng và công tác Công an 6 tháng đầu năm 2024"],
         paragraphs=[
             "Ngày 12 tháng 7 năm 2024, tại Hội trường Công an tỉnh, Phó Chủ tịch UBND tỉnh "
             "Nguyễn Văn Hòa tham dự Hội nghị sơ kết công tác Đảng và công tác Công an 6 tháng "
             "đầu năm 2024, triển khai nhiệm vụ 6 tháng cuối năm 2024. Cùng dự có đại diện lãnh "
             "đạo Ban Nội chính Tỉnh ủy, Ban Dân vận Tỉnh ủy, Bộ Chỉ huy Quân sự tỉnh và Văn "
             "phòng UBND tỉnh.",
             "Sau khi nghe Công an tỉnh thông qua dự thảo Báo cáo sơ kết và ý kiến phát biểu của "
             "các đơn vị dự họp, Phó Chủ tịch UBND tỉnh kết luận như sau:",
             "1. Công an tỉnh đã tham mưu tốt cho Tỉnh ủy, UBND tỉnh lãnh đạo, chỉ đạo thực hiện "
             "nhiệm vụ bảo đảm an ninh, trật tự; kịp thời phát hiện và giải quyết ổn định các vụ "
             "việc liên quan đến an ninh kinh tế, an ninh mạng, không để bị động, bất ngờ.",
             "2. Chỉ đạo thực hiện hiệu quả công tác đấu tranh, phòng chống tội phạm và vi phạm "
             "pháp luật; điều tra, khám phá nhanh các vụ án nghiêm trọng, được các cấp, các "
             "ngành và Nhân dân ghi nhận, đánh giá cao.",
             "3. Phát huy tốt vai trò Thường trực Tổ giúp việc thực hiện Đề án 06 của Chính phủ "
             "trên địa bàn tỉnh; tiếp tục làm sạch dữ liệu dân cư, hoàn thành trước ngày 30 "
             "tháng 9 năm 2024.",
             "4. Các sở, ban, ngành tỉnh và UBND các huyện, thị xã, thành phố phối hợp chặt chẽ "
             "với Công an tỉnh trong công tác bảo đảm an ninh, trật tự những tháng cuối năm.",
             "Văn phòng UBND tỉnh thông báo để Công an tỉnh và các cơ quan, đơn vị có liên quan "
             "biết, thực hiện./."],
         recipients=["Công an tỉnh", "Các sở, ban, ngành tỉnh", "UBND các huyện, thị xã, "
                     "thành phố", "Lưu: VT, NC"],
         authority_lines=["KT. CHÁNH VĂN PHÒNG"], title="PHÓ CHÁNH VĂN PHÒNG",
         name="Trần Văn Huyến", issuer="Văn phòng UBND tỉnh Hậu Giang", type="thong-bao"),
]


# Round 4: two more, labelled before any import of them (the blind check against fitting the
# rules to the twelve above), from forms not yet here: a Tổng cục under a Bộ answering a
# province's department (công văn, modelled on a real Tổng cục Thuế reply about invoices), and
# a kế hoạch of a centrally-run city signed TM. + KT. (modelled on a real Ho Chi Minh City plan
# on rating the handling of administrative procedures). Wording adapted, not copied.
NEW_IN_ROUND_4 = len(DOCUMENTS)
DOCUMENTS += [
    dict(issuer_lines=["BỘ TÀI CHÍNH", "TỔNG CỤC THUẾ"], number="2728/TCT-DNL",
         place_date="Hà Nội, ngày 18 tháng 7 năm 2014",
         vv_lines=["V/v thực hiện quy định về hóa đơn", "dịch vụ viễn thông trả sau"],
         paragraphs=[
             "Kính gửi: Cục Thuế tỉnh Đắk Nông.",
             "Trả lời Công văn số 636/CT-THNVDT ngày 25 tháng 4 năm 2014 của Cục Thuế tỉnh Đắk "
             "Nông hỏi về việc sử dụng hóa đơn của Chi nhánh Tập đoàn Bưu chính Viễn thông Việt "
             "Nam tại tỉnh Đắk Nông, Tổng cục Thuế có ý kiến như sau:",
             "Tổng cục Thuế đã có Công văn số 3909/TCT-DNL ngày 31 tháng 10 năm 2011 hướng dẫn "
             "Tập đoàn Bưu chính Viễn thông Việt Nam thực hiện hóa đơn đối với dịch vụ viễn "
             "thông, công nghệ thông tin cước trả sau. Theo đó, đơn vị được thay thế liên 1 hóa "
             "đơn bằng bảng kê chi tiết số hóa đơn thực tế đã lập.",
             "Đề nghị Cục Thuế tỉnh Đắk Nông căn cứ hướng dẫn nêu trên và tình hình thực tế tại "
             "đơn vị để hướng dẫn thực hiện theo đúng quy định./."],
         recipients=["Như trên", "Vụ Pháp chế (BTC)", "Vụ Pháp chế (TCT)", "Lưu: VT, DNL"],
         authority_lines=["KT. TỔNG CỤC TRƯỞNG"], title="PHÓ TỔNG CỤC TRƯỞNG",
         name="Cao Anh Tuấn", issuer="Tổng cục Thuế", type="cong-van"),
    dict(issuer_lines=["ỦY BAN NHÂN DÂN", "THÀNH PHỐ HỒ CHÍ MINH"], number="1576/KH-UBND",
         place_date="Thành phố Hồ Chí Minh, ngày 26 tháng 3 năm 2019", type_name="Kế hoạch",
         title_lines=["Triển khai đánh giá sự hài lòng của người dân, doanh nghiệp",
                      "về giải quyết thủ tục hành chính trên địa bàn Thành phố"],
         paragraphs=[
             "Thực hiện Nghị định số 61/2018/NĐ-CP ngày 23 tháng 4 năm 2018 của Chính phủ về "
             "thực hiện cơ chế một cửa, một cửa liên thông trong giải quyết thủ tục hành chính, "
             "Ủy ban nhân dân Thành phố ban hành Kế hoạch triển khai như sau:",
             "1. Đánh giá sự hài lòng về giải quyết thủ tục hành chính một cách khách quan, khoa "
             "học, thống nhất trên toàn Thành phố.",
             "2. Xây dựng hệ thống đánh giá và triển khai đến các sở, ban, ngành, Ủy ban nhân dân "
             "quận, huyện, xã, phường, thị trấn, bảo đảm thông tin đánh giá được thu nhận đầy "
             "đủ, chính xác.",
             "3. Sở Thông tin và Truyền thông chủ trì, phối hợp với Văn phòng Ủy ban nhân dân "
             "Thành phố vận hành chính thức hệ thống trước ngày 30 tháng 6 năm 2019.",
             "Trong quá trình thực hiện, nếu có khó khăn, vướng mắc, các cơ quan, đơn vị báo cáo "
             "Ủy ban nhân dân Thành phố (qua Văn phòng Ủy ban nhân dân Thành phố) để xem xét, "
             "giải quyết./."],
         recipients=["Văn phòng Chính phủ", "Thường trực Thành ủy", "Các sở, ban, ngành Thành "
                     "phố", "UBND các quận, huyện", "Lưu: VT, KSTT"],
         authority_lines=["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH"], title="PHÓ CHỦ TỊCH",
         name="Võ Văn Hoan", issuer="Ủy ban nhân dân thành phố Hồ Chí Minh", type="ke-hoach"),
]

def expected_fields(doc: dict) -> dict:
    """What a correct import of `doc` gives, field by field."""
    import datetime as dt
    import re as _re
    day, month, year = map(int, _re.search(r"ngày (\d+) tháng (\d+) năm (\d+)",
                                           doc["place_date"]).groups())
    authority = ", ".join(_office(a) for a in doc["authority_lines"])
    signer = {"name": doc["name"], "title": _office(doc["title"])}
    if authority:
        signer["authority"] = authority
    title = " ".join(doc.get("vv_lines") or doc["title_lines"])
    return {"number": doc["number"], "date": dt.date(year, month, day), "issuer": doc["issuer"],
            "type": doc["type"], "title": title, "signer": signer,
            "recipients": list(doc["recipients"])}


def _office(text: str) -> str:
    """"KT. BỘ TRƯỞNG, CHỦ NHIỆM" → "KT. Bộ trưởng, Chủ nhiệm" (the importer's casing)."""
    from generator.ingest.casing import office_case
    prefix, _, rest = text.partition(". ")
    if rest and prefix in ("KT", "TL", "TM", "Q", "TUQ"):
        return f"{prefix}. {office_case(rest)}"
    return office_case(text)


def write_docx(doc: dict, path: Path) -> None:
    """The document as a Word file made from the usual template: a two-column header table,
    the type and trích yếu centred, the body justified, the Nơi nhận | signing table."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt
    document = docx.Document()
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin, section.right_margin = Cm(3), Cm(2)
    section.top_margin = section.bottom_margin = Cm(2)
    style = document.styles["Normal"]
    # Times New Roman in the office; here the condensed DejaVu Serif, about as wide, so the
    # header cells do not wrap where Times would not (the only serif this machine has).
    style.font.name, style.font.size = "DejaVu Serif Condensed", Pt(13)

    def cell_lines(cell, lines, bold=False, italic=False, size=13):
        cell.paragraphs[0].text = ""
        for k, text in enumerate(lines):
            p = cell.paragraphs[0] if k == 0 else cell.add_paragraph()
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            run = p.add_run(text)
            run.bold, run.italic, run.font.size = bold if k or len(lines) == 1 else False, \
                italic, Pt(size)

    def widths(table, *cm):
        # Word reads the cells' widths, LibreOffice the grid's: set both, layout fixed.
        table.autofit = False
        for column, width in zip(table.columns, cm):
            column.width = Cm(width)
        for row in table.rows:
            for cell, width in zip(row.cells, cm):
                cell.width = Cm(width)

    header = document.add_table(rows=2, cols=2)
    widths(header, 6.5, 9.5)
    cell_lines(header.cell(0, 0), doc["issuer_lines"], bold=True, size=12)
    cell_lines(header.cell(0, 1), list(MOTTO), bold=True, size=12)
    cell_lines(header.cell(1, 0), [f"Số: {doc['number']}"], size=13)
    if doc.get("vv_lines"):   # a công văn: its trích yếu under the number, no type line
        for text in doc["vv_lines"]:
            p = header.cell(1, 0).add_paragraph()
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            p.add_run(text).font.size = Pt(12)
    cell_lines(header.cell(1, 1), [doc["place_date"]], italic=True, size=13)
    centred = [] if doc.get("vv_lines") else \
        [doc["type_name"].upper()] + list(doc["title_lines"])
    if doc.get("heading"):
        centred.append(doc["heading"])
    for text in centred:
        p = document.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.add_run(text).bold = True
    for paragraph in doc["paragraphs"]:
        p = document.add_paragraph(paragraph)
        p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        p.paragraph_format.first_line_indent = Cm(1)
    closing = document.add_table(rows=1, cols=2)
    widths(closing, 7.5, 8.5)
    left = closing.cell(0, 0)
    left.paragraphs[0].add_run("Nơi nhận:").bold = True
    for k, item in enumerate(doc["recipients"]):
        end = ";" if k < len(doc["recipients"]) - 1 else "."
        left.add_paragraph().add_run(f"- {item}{end}").font.size = Pt(11)
    right = closing.cell(0, 1)
    cell_lines(right, [a for a in doc["authority_lines"]] + [doc["title"], "", "", "",
                                                             doc["name"]], bold=True)
    for p in right.paragraphs:
        for r in p.runs:
            r.bold = True
    document.save(path)


def to_pdf(docx_files: list[Path], outdir: Path) -> None:
    """Word → PDF with LibreOffice, as an office prints or exports it (one run for all)."""
    import subprocess
    import tempfile
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless",
                        "--convert-to", "pdf", "--outdir", str(outdir),
                        *map(str, docx_files)], check=True, capture_output=True, timeout=300)


def rasterise(pdf: Path, dpi: int) -> list[Image.Image]:
    """The PDF's pages as the grey images a scanner at `dpi` would see (pdftoppm)."""
    import subprocess
    import tempfile
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", "-png", str(pdf), f"{tmp}/p"],
                       check=True, timeout=300)
        images = []
        for p in sorted(Path(tmp).glob("p*.png")):
            with Image.open(p) as im:
                images.append(im.copy())
        return images
