"""Sub-commands of the `notice-archive` CLI, one module each (register + run)."""


def add_cache_option(parser) -> None:
    parser.add_argument("--cache-dir", default=None, metavar="THƯ_MỤC",
                        help="thư mục đệm (chỉ mục tìm kiếm, bộ nhớ tạm); mặc định: thư mục đệm "
                        "của người dùng, riêng cho từng kho lưu trữ")


def add_config_option(parser) -> None:
    """--config of every command; without it, mkdocs.yml is looked for upwards, as git does."""
    parser.add_argument("--config", "-f", default=None, metavar="TỆP",
                        help="tệp mkdocs.yml của dự án (mặc định: tìm mkdocs.yml ở thư mục "
                        "hiện tại rồi các thư mục cha)")
