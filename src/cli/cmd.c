/* cmd.c - the table of subcommands. Add one line per command. */
#include "cmd.h"

#include "base/banned.h"

const struct cmd_entry cmd_table[] = {
    {"audit", cmd_audit, "nhật ký kiểm toán: verify, list", "audit log: verify, list"},
    {"calendar", cmd_calendar, "lịch âm, lịch làm việc, tính hạn", "calendars, deadlines"},
    {"db", cmd_db, "cơ sở dữ liệu: migrate, check, copy, backup",
     "database: migrate, check, copy, backup"},
    {"deadline", cmd_deadline, "phân tích thời hạn nhiệm vụ", "parse task deadline expressions"},
    {"doc", cmd_doc, "xem tệp kế hoạch đã đọc (docx/pdf/txt)", "show how a plan file is read"},
    {"feedback", cmd_feedback, "phản ánh, kiến nghị: add, event, show, list",
     "citizen feedback: add, event, show, list"},
    {"gen", cmd_gen, "sinh dữ liệu giả lập: dossiers", "synthetic data: dossiers"},
    {"index766", cmd_index766, "chỉ số phục vụ (766) và xếp hạng",
     "service-quality index (766), ranking"},
    {"ingest", cmd_ingest, "nhập dữ liệu: procedures, dossiers", "import: procedures, dossiers"},
    {"kpi", cmd_kpi, "chỉ tiêu từ hồ sơ TTHC", "indicators from the dossier ledger"},
    {"par", cmd_par, "chấm điểm Chỉ số CCHC: framework, campaign, score, appraise, results",
     "PAR Index scoring: framework, campaign, score, appraise, results"},
    {"plan", cmd_plan, "kế hoạch: parse, import, list, show", "plans: parse, import, list, show"},
    {"period", cmd_period, "kỳ báo cáo và ngày chốt số liệu", "reporting periods and cut-offs"},
    {"report", cmd_report,
     "báo cáo định kỳ: calendar, create, show, submit, return, accept, export",
     "periodic reports: calendar, create, show, submit, return, accept, export"},
    {"serve", cmd_serve, "chạy máy chủ web và API", "serve the web UI and the API"},
    {"target", cmd_target, "chỉ tiêu: list, summary, measure",
     "plan targets: list, summary, measure"},
    {"task", cmd_task, "nhiệm vụ: list, show, update, progress, start",
     "plan tasks: list, show, update, progress, start"},
    {"unit", cmd_unit, "đơn vị: import, list, resolve, export, assign-user",
     "units: import, list, resolve, export, assign-user"},
    {"user", cmd_user, "người dùng: add, list, passwd, disable",
     "users: add, list, passwd, disable"},
    {"version", cmd_version, "in phiên bản", "print the version"},
    {0, 0, 0, 0},
};
