"""Sub-commands of the `notice-archive` CLI, one module each (register + run)."""


def add_config_option(parser) -> None:
    """--config of every command; without it, mkdocs.yml is looked for upwards, as git does."""
    parser.add_argument("--config", "-f", default=None, metavar="TỆP",
                        help="tệp mkdocs.yml của dự án (mặc định: tìm mkdocs.yml ở thư mục "
                        "hiện tại rồi các thư mục cha)")
