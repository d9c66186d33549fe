/* commands.c - the table of subcommands. Add one line per command. */
#include "commands.h"

const struct cli_command cli_commands[] = {
    {"version", cmd_version, "in phiên bản", "print the version"},
    {"deadline", cmd_deadline, "phân tích thời hạn nhiệm vụ", "parse task deadline expressions"},
    {"period", cmd_period, "kỳ báo cáo và ngày chốt số liệu", "reporting periods and cut-offs"},
    {0, 0, 0, 0},
};
