"""Sub-commands of the `notice-archive` CLI, one module each (register + run)."""


def add_cache_option(parser) -> None:
    parser.add_argument("--cache-dir", default=None, metavar="THƯ_MỤC",
                        help="thư mục đệm (chỉ mục tìm kiếm, bộ nhớ tạm); mặc định: thư mục đệm "
                        "của người dùng, riêng cho từng kho lưu trữ")
