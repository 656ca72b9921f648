"""Vietnamese surnames, to tell a person's name from a place's or a body's: shared by the
importer (who chairs a meeting) and the task register (where an agency's name ends)."""

SURNAMES = frozenset("""Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Lâm
Đồng Tô Lưu Trương Đinh Mai Trịnh Đào Cao Hà Tạ Châu Thái Lương Quách Kiều Triệu Văn Đoàn
Nghiêm Thạch Danh Sơn Kim La Lại Mạc Phùng Tăng Từ Diệp Giang Hứa Khổng Quan Âu Chu Tôn
Chử""".split())

# Military and police ranks written before a name: "Trung tướng Đoàn Duy Khương".
RANKS = frozenset({("đại", "tướng"), ("thượng", "tướng"), ("trung", "tướng"),
                   ("thiếu", "tướng"), ("đại", "tá"), ("thượng", "tá"), ("trung", "tá"),
                   ("thiếu", "tá")})
