/* commands.c - the table of subcommands. Add one line per command. */
#include "commands.h"

const struct cli_command cli_commands[] = {
    {"version", cmd_version, "in phiên bản", "print the version"},
    {"doc", cmd_doc, "xem tệp kế hoạch đã đọc (docx/pdf/txt)", "show how a plan file is read"},
    {0, 0, 0, 0},
};
