/*
 * The reference window program (综合受理窗口): what a community service station's counter
 * system does with doorstep, start to finish, for one citizen's form.
 *
 *   1. loads the district's catalogue once (a catalogue with any problem is refused here);
 *   2. reads the citizen's form, a JSON file in UTF-8 or GB18030 (detected, or --gb18030);
 *   3. validates it for a matter or a bundle (一件事) and prints the problems in zh-CN;
 *      an invalid form stops here: the citizen corrects it;
 *   4. for each matter: submits the case, accepts it at the front desk, and has the back
 *      office take it, review it and approve it with the station's seal (审核审批专用章);
 *   5. appends each seal's stamp to the 用印台账 (ledger, JSON Lines) after verifying the
 *      ledger so far, and keeps its new head;
 *   6. prints each step's status in the engine's words (doorstep_labels), and the case.
 *
 * Build against the installed library (bindings-c/install.sh PREFIX):
 *   cc -std=c99 counter.c $(pkg-config --cflags --libs doorstep) -lcjson
 * or with CMake (examples/c/CMakeLists.txt): find_package(doorstep), doorstep::doorstep.
 *
 * Run:
 *   counter [--gb18030] [--station ORG] [--at TIME] [--ledger FILE [--head FILE]]
 *           CATALOG.json FORM.json MATTER-OR-BUNDLE
 * e.g. counter --at 2025-06-10T09:30:00+08:00 catalogs/haicang.json \
 *              examples/c/forms/newborn-insurance.json 350205-YB-001
 *
 * --station  the station the counter belongs to (default 350205-HC-01); its seal is
 *            seal-ORG, and it must hold a grant for the matter's decide step.
 * --at       the time of the visit, RFC 3339 with +08:00 (default: now); doorstep reads no
 *            clock, the window system passes the time.
 * --ledger   the stamp ledger to append to (created when missing); --head the file its head
 *            is kept in (checked before, rewritten after). Without --ledger the entries are
 *            printed only.
 * Exit status: 0 done, 1 the form or a step was refused, 2 usage or a system error.
 */
#define _POSIX_C_SOURCE 200809L
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "doorstep.h"

/* What one run needs across the steps. */
typedef struct {
    const doorstep_engine *engine;
    const char *station;
    char seal[128];
    char at[32];
    char date[11];
    const char *ledger_path;
    const char *head_path;
    cJSON *head;  /* the ledger's head so far, NULL for a new ledger */
    cJSON *words; /* doorstep_labels: the words for the engine's codes, NULL: show codes */
    int seq;      /* the number of the next case */
} counter;

/* The engine's words for its codes (doorstep_labels, zh-CN), so a status reads as on the H5
 * page and at the kiosk; NULL when they cannot be had (the codes are shown instead). */
static cJSON *load_words(void) {
    char *json = NULL;
    cJSON *words = NULL;
    if (doorstep_labels("zh-CN", &json) == DOORSTEP_OK) {
        words = cJSON_Parse(json);
    }
    doorstep_string_free(json);
    return words;
}

/* The words for `code` in the labels' table `table` (e.g. "status"), or the code itself. */
static const char *word(const counter *c, const char *table, const char *code) {
    const char *words = cJSON_GetStringValue(
        cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(c->words, table), code));
    return words != NULL ? words : code;
}

/* Prints why a call failed: a configuration or programming error, not the citizen's. */
static void print_failure(const char *label, doorstep_status status) {
    char *message = NULL;
    fflush(stdout);
    if (doorstep_last_error_message("zh-CN", &message) == DOORSTEP_OK) {
        fprintf(stderr, "%s：doorstep 错误 %d [%s]：%s\n", label, (int)status,
                doorstep_last_error_code(), message);
        doorstep_string_free(message);
    }
}

/* The whole file (free it), its length in *len; NULL when it cannot be read. */
static char *read_file(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    char *text = NULL;
    long size;
    if (f == NULL) {
        return NULL;
    }
    if (fseek(f, 0, SEEK_END) == 0 && (size = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0 &&
        (text = malloc((size_t)size + 1)) != NULL) {
        *len = fread(text, 1, (size_t)size, f);
        text[*len] = '\0';
    }
    fclose(f);
    return text;
}

/* 1 when the n bytes at s are UTF-8 (no overlongs, surrogates or values past U+10FFFF). */
static int is_utf8(const unsigned char *s, size_t n) {
    size_t i = 0;
    while (i < n) {
        unsigned char c = s[i];
        size_t len, k;
        unsigned long cp;
        if (c < 0x80) {
            i++;
            continue;
        } else if (c >= 0xC2 && c <= 0xDF) {
            len = 2;
            cp = c & 0x1F;
        } else if (c >= 0xE0 && c <= 0xEF) {
            len = 3;
            cp = c & 0x0F;
        } else if (c >= 0xF0 && c <= 0xF4) {
            len = 4;
            cp = c & 0x07;
        } else {
            return 0;
        }
        if (i + len > n) {
            return 0;
        }
        for (k = 1; k < len; k++) {
            if ((s[i + k] & 0xC0) != 0x80) {
                return 0;
            }
            cp = (cp << 6) | (s[i + k] & 0x3F);
        }
        if ((len == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) ||
            (len == 4 && (cp < 0x10000 || cp > 0x10FFFF))) {
            return 0;
        }
        i += len;
    }
    return 1;
}

/* The form as UTF-8 (free it), converted from GB18030 when asked or when it is not UTF-8. */
static char *read_form(const char *path, int gb18030) {
    size_t len = 0;
    char *bytes = read_file(path, &len), *utf8 = NULL;
    doorstep_status status;
    if (bytes == NULL) {
        fprintf(stderr, "无法读取表单文件 %s\n", path);
        return NULL;
    }
    if (!gb18030 && is_utf8((const unsigned char *)bytes, len)) {
        printf("表单编码：UTF-8\n");
        return bytes;
    }
    printf("表单编码：GB18030\n");
    status = doorstep_gb18030_to_utf8(bytes, len, &utf8);
    free(bytes);
    if (status != DOORSTEP_OK) {
        print_failure("表单编码转换", status);
        return NULL;
    }
    /* Ours to keep with malloc, so the caller frees both kinds alike. */
    bytes = malloc(strlen(utf8) + 1);
    if (bytes != NULL) {
        memcpy(bytes, utf8, strlen(utf8) + 1);
    }
    doorstep_string_free(utf8);
    return bytes;
}

/* Validates the answer for CODE, a matter or else a bundle; prints the problems. Returns the
 * report (delete it), or NULL on a failure; `target` receives the target's JSON text. */
static cJSON *validate(counter *c, const char *code, const char *answer, char *target,
                       size_t target_size) {
    char *report_json = NULL;
    cJSON *report;
    const cJSON *item;
    doorstep_status status;
    snprintf(target, target_size, "{\"matter\": \"%s\"}", code);
    status = doorstep_engine_validate(c->engine, target, answer, c->date, "zh-CN", &report_json);
    if (status == DOORSTEP_ERR_INVALID_ARGUMENT &&
        strcmp(doorstep_last_error_code(), "engine.unknown_matter") == 0) {
        snprintf(target, target_size, "{\"bundle\": \"%s\"}", code);
        status =
            doorstep_engine_validate(c->engine, target, answer, c->date, "zh-CN", &report_json);
    }
    if (status != DOORSTEP_OK) {
        print_failure("表单校验", status);
        return NULL;
    }
    report = cJSON_Parse(report_json);
    doorstep_string_free(report_json);
    if (report == NULL) {
        return NULL;
    }
    printf("办理事项：%s（%s）\n", code, target[2] == 'b' ? "一件事" : "单项事项");
    if (cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(report, "valid"))) {
        printf("[通过] 表单填写无误\n");
    } else {
        cJSON_ArrayForEach(item, cJSON_GetObjectItemCaseSensitive(report, "errors")) {
            printf("[退回] %s：%s（%s）\n",
                   cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(item, "path")),
                   cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(item, "message")),
                   cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(item, "code")));
        }
    }
    return report;
}

/* The context of a step: who acts, at the station's window, at the visit's time. */
static cJSON *context(const counter *c, const char *id, const char *role) {
    cJSON *ctx = cJSON_CreateObject(), *actor = cJSON_AddObjectToObject(ctx, "actor");
    cJSON_AddStringToObject(actor, "id", id);
    cJSON_AddStringToObject(actor, "role", role);
    cJSON_AddStringToObject(actor, "org", c->station);
    cJSON_AddStringToObject(ctx, "channel", "window");
    cJSON_AddStringToObject(ctx, "at", c->at);
    return ctx;
}

/* Decides one command against *kase and applies its events. Takes `command` (the inner
 * {"type", ...}). Returns 1 when applied, 0 when refused or failed (printed). */
static int step(const counter *c, cJSON **kase, const char *case_id, cJSON *command,
                const char *actor, const char *role, const char *label) {
    static int client_seq = 0;
    char client_id[32], *text, *decision_json = NULL;
    cJSON *request = cJSON_CreateObject(), *envelope, *decision, *event;
    const cJSON *version;
    doorstep_status status;
    int ok = 0;
    cJSON_AddItemToObject(request, "case",
                          *kase == NULL ? cJSON_CreateNull() : cJSON_Duplicate(*kase, 1));
    envelope = cJSON_AddObjectToObject(request, "command");
    cJSON_AddStringToObject(envelope, "case", case_id);
    version = *kase == NULL ? NULL : cJSON_GetObjectItemCaseSensitive(*kase, "version");
    cJSON_AddNumberToObject(envelope, "expectedVersion",
                            version == NULL ? 0 : cJSON_GetNumberValue(version));
    snprintf(client_id, sizeof client_id, "counter-%d", ++client_seq);
    cJSON_AddStringToObject(envelope, "clientId", client_id);
    cJSON_AddItemToObject(envelope, "command", command);
    cJSON_AddItemToObject(request, "context", context(c, actor, role));
    text = cJSON_PrintUnformatted(request);
    cJSON_Delete(request);
    status = doorstep_case_decide(c->engine, text, "zh-CN", &decision_json);
    free(text);
    if (status != DOORSTEP_OK) {
        print_failure(label, status);
        return 0;
    }
    decision = cJSON_Parse(decision_json);
    doorstep_string_free(decision_json);
    if (strcmp(cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(decision, "outcome")),
               "accepted") != 0) {
        const cJSON *error = cJSON_GetObjectItemCaseSensitive(decision, "error");
        printf("[拒绝] %s：%s（%s）\n", label,
               cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(error, "message")),
               cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(error, "code")));
        cJSON_Delete(decision);
        return 0;
    }
    ok = 1;
    cJSON_ArrayForEach(event, cJSON_GetObjectItemCaseSensitive(decision, "events")) {
        char *evolution_json = NULL;
        cJSON *evolve = cJSON_CreateObject(), *evolution;
        cJSON_AddItemToObject(evolve, "case",
                              *kase == NULL ? cJSON_CreateNull() : cJSON_Duplicate(*kase, 1));
        cJSON_AddItemToObject(evolve, "event", cJSON_Duplicate(event, 1));
        text = cJSON_PrintUnformatted(evolve);
        cJSON_Delete(evolve);
        status = doorstep_case_evolve(text, "zh-CN", &evolution_json);
        free(text);
        if (status != DOORSTEP_OK) {
            print_failure(label, status);
            ok = 0;
            break;
        }
        evolution = cJSON_Parse(evolution_json);
        doorstep_string_free(evolution_json);
        if (strcmp(cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(evolution, "outcome")),
                   "applied") != 0) {
            printf("[拒绝] %s：事件无法应用\n", label);
            cJSON_Delete(evolution);
            ok = 0;
            break;
        }
        cJSON_Delete(*kase);
        *kase = cJSON_DetachItemFromObjectCaseSensitive(evolution, "case");
        cJSON_Delete(evolution);
    }
    cJSON_Delete(decision);
    if (ok) {
        const char *status = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(*kase, "status"));
        printf("[完成] %s → %s（%s，第 %d 版）\n", label, word(c, "status", status), status,
               (int)cJSON_GetNumberValue(cJSON_GetObjectItemCaseSensitive(*kase, "version")));
    }
    return ok;
}

/* Appends a line (and "\n") to the ledger file and writes the head file. Returns 1 on
 * success. */
static int record(counter *c, const char *line, const cJSON *head) {
    FILE *f;
    char *text;
    if (c->ledger_path == NULL) {
        printf("       台账条目：%s\n", line);
        return 1;
    }
    f = fopen(c->ledger_path, "ab");
    if (f == NULL || fprintf(f, "%s\n", line) < 0 || fclose(f) != 0) {
        fprintf(stderr, "无法写入台账 %s\n", c->ledger_path);
        return 0;
    }
    if (c->head_path != NULL) {
        text = cJSON_Print(head);
        f = fopen(c->head_path, "wb");
        if (f == NULL || fprintf(f, "%s\n", text) < 0 || fclose(f) != 0) {
            free(text);
            fprintf(stderr, "无法写入台账头 %s\n", c->head_path);
            return 0;
        }
        free(text);
    }
    return 1;
}

/* Makes the ledger entry for a stamp, continuing from c->head. Returns 1 on success. */
static int append_stamp(counter *c, const cJSON *stamp) {
    cJSON *request = cJSON_CreateObject(), *result, *head;
    char *text, *out = NULL;
    doorstep_status status;
    int ok;
    if (c->head != NULL) {
        cJSON_AddItemToObject(request, "head", cJSON_Duplicate(c->head, 1));
    }
    cJSON_AddItemToObject(request, "stamp", cJSON_Duplicate(stamp, 1));
    text = cJSON_PrintUnformatted(request);
    cJSON_Delete(request);
    status = doorstep_ledger_append(text, &out);
    free(text);
    if (status != DOORSTEP_OK) {
        print_failure("用印台账", status);
        return 0;
    }
    result = cJSON_Parse(out);
    doorstep_string_free(out);
    head = cJSON_DetachItemFromObjectCaseSensitive(result, "head");
    ok = record(c, cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(result, "line")), head);
    if (ok) {
        printf("[台账] 第 %d 条，哈希 %.16s…\n",
               (int)cJSON_GetNumberValue(cJSON_GetObjectItemCaseSensitive(head, "entries")),
               cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(head, "hash")));
        cJSON_Delete(c->head);
        c->head = head;
    } else {
        cJSON_Delete(head);
    }
    cJSON_Delete(result);
    return ok;
}

/* Verifies the ledger so far (against its kept head when there is one) and takes its head.
 * Returns 1 when the ledger can be continued. */
static int open_ledger(counter *c) {
    size_t len = 0;
    char *ledger, *head_text = NULL, *report_json = NULL;
    cJSON *report;
    doorstep_status status;
    int valid;
    if (c->ledger_path == NULL) {
        return 1;
    }
    ledger = read_file(c->ledger_path, &len);
    if (ledger == NULL) {
        ledger = calloc(1, 1); /* a new ledger */
    }
    if (c->head_path != NULL) {
        head_text = read_file(c->head_path, &len);
    }
    status = doorstep_engine_verify_ledger(c->engine, ledger == NULL ? "" : ledger, head_text,
                                           "zh-CN", &report_json);
    free(ledger);
    free(head_text);
    if (status != DOORSTEP_OK) {
        print_failure("台账核验", status);
        return 0;
    }
    report = cJSON_Parse(report_json);
    doorstep_string_free(report_json);
    valid = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(report, "valid"));
    printf("[台账] %s：%d 条，%s\n", c->ledger_path,
           (int)cJSON_GetNumberValue(cJSON_GetObjectItemCaseSensitive(report, "entries")),
           valid ? "核验通过" : "核验未通过，停止办理");
    if (valid) {
        const cJSON *head = cJSON_GetObjectItemCaseSensitive(report, "head");
        int entries = (int)cJSON_GetNumberValue(cJSON_GetObjectItemCaseSensitive(head, "entries"));
        c->head = entries > 0 ? cJSON_Duplicate(head, 1) : NULL;
        c->seq = entries + 1;
    }
    cJSON_Delete(report);
    return valid;
}

/* The part of a bundle's answer that belongs to one member matter: the fields of its own
 * form (a case is per matter, and its form takes no other field). NULL on a failure. */
static cJSON *member_answer(const counter *c, const char *matter, const cJSON *answer) {
    char target[128], *form_json = NULL;
    cJSON *form, *own;
    const cJSON *field;
    doorstep_status status;
    snprintf(target, sizeof target, "{\"matter\": \"%s\"}", matter);
    status = doorstep_engine_form(c->engine, target, c->date, &form_json);
    if (status != DOORSTEP_OK) {
        print_failure("事项表单", status);
        return NULL;
    }
    form = cJSON_Parse(form_json);
    doorstep_string_free(form_json);
    own = cJSON_CreateObject();
    cJSON_ArrayForEach(field, cJSON_GetObjectItemCaseSensitive(form, "fields")) {
        const char *key = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(field, "key"));
        const cJSON *value = key == NULL ? NULL : cJSON_GetObjectItemCaseSensitive(answer, key);
        if (value != NULL) {
            cJSON_AddItemToObject(own, key, cJSON_Duplicate(value, 1));
        }
    }
    cJSON_Delete(form);
    return own;
}

/* Runs one matter's case from submission to approval. Returns 1 when approved. */
static int handle_case(counter *c, const char *matter, const cJSON *answer) {
    char case_id[96], front[32], back[32], *answer_text, *digest = NULL, *out;
    cJSON *kase = NULL, *command, *stamp, *operator_;
    doorstep_status status;
    int ok;
    const char *suffix = strrchr(c->station, '-');
    /* Staff ids as the sample ledger has them: HC01-005 for 350205-HC-01. */
    char prefix[16] = "";
    const char *p = strchr(c->station, '-');
    if (p != NULL && suffix != NULL && suffix > p) {
        snprintf(prefix, sizeof prefix, "%.*s%s", (int)(suffix - p - 1), p + 1, suffix + 1);
    }
    snprintf(front, sizeof front, "%s-005", prefix);
    snprintf(back, sizeof back, "%s-009", prefix);
    snprintf(case_id, sizeof case_id, "%s-%.4s-%05d", c->station, c->date, c->seq++);
    printf("\n== 办件 %s：事项 %s\n", case_id, matter);

    command = cJSON_CreateObject();
    cJSON_AddStringToObject(command, "type", "submit");
    cJSON_AddStringToObject(command, "matter", matter);
    cJSON_AddStringToObject(command, "applicant", "citizen");
    cJSON_AddItemToObject(command, "answer", cJSON_Duplicate(answer, 1));
    ok = step(c, &kase, case_id, command, "citizen", "applicant", "申请（submit）");
    if (ok) {
        command = cJSON_CreateObject();
        cJSON_AddStringToObject(command, "type", "accept");
        ok = step(c, &kase, case_id, command, front, "front_desk", "前台受理（accept）");
    }
    if (ok) {
        command = cJSON_CreateObject();
        cJSON_AddStringToObject(command, "type", "claim");
        ok = step(c, &kase, case_id, command, back, "back_office", "后台认领（claim）");
    }
    if (ok) {
        command = cJSON_CreateObject();
        cJSON_AddStringToObject(command, "type", "start_review");
        ok = step(c, &kase, case_id, command, back, "back_office", "审核（start_review）");
    }
    if (!ok) {
        cJSON_Delete(kase);
        return 0;
    }
    /* The seal goes on the answer as stored: its SHA-256 is the stamp's digest. */
    answer_text = cJSON_PrintUnformatted(answer);
    status = doorstep_content_digest((const uint8_t *)answer_text, strlen(answer_text), &digest);
    free(answer_text);
    if (status != DOORSTEP_OK) {
        print_failure("内容摘要", status);
        cJSON_Delete(kase);
        return 0;
    }
    stamp = cJSON_CreateObject();
    cJSON_AddStringToObject(stamp, "seal", c->seal);
    cJSON_AddStringToObject(stamp, "case", case_id);
    cJSON_AddStringToObject(stamp, "matter", matter);
    cJSON_AddStringToObject(stamp, "step", "decide");
    operator_ = cJSON_AddObjectToObject(stamp, "operator");
    cJSON_AddStringToObject(operator_, "id", back);
    cJSON_AddStringToObject(operator_, "role", "back_office");
    cJSON_AddStringToObject(stamp, "acceptedBy", front);
    cJSON_AddStringToObject(stamp, "place", c->station);
    cJSON_AddStringToObject(stamp, "at", c->at);
    cJSON_AddStringToObject(stamp, "digest", digest);
    doorstep_string_free(digest);
    command = cJSON_CreateObject();
    cJSON_AddStringToObject(command, "type", "approve");
    cJSON_AddItemToObject(command, "stamp", cJSON_Duplicate(stamp, 1));
    ok = step(c, &kase, case_id, command, back, "back_office", "审批用印（approve）") &&
         append_stamp(c, stamp);
    cJSON_Delete(stamp);
    if (ok) {
        printf("办件：\n");
        out = cJSON_Print(kase);
        printf("%s\n", out);
        free(out);
    }
    cJSON_Delete(kase);
    return ok;
}

/* The visit's time: --at, else now in China Standard Time. */
static void now_cst(char *out, size_t size) {
    time_t t = time(NULL) + 8 * 3600;
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(out, size, "%Y-%m-%dT%H:%M:%S+08:00", &tm);
}

static int usage(const char *argv0) {
    fprintf(stderr,
            "usage: %s [--gb18030] [--station ORG] [--at TIME] [--ledger FILE [--head FILE]]\n"
            "          CATALOG.json FORM.json MATTER-OR-BUNDLE\n",
            argv0);
    return 2;
}

int main(int argc, char **argv) {
    counter c;
    const char *args[3];
    int nargs = 0, gb18030 = 0, i, ok = 1;
    size_t len = 0;
    char *catalog, *answer_text, target[160];
    doorstep_engine *engine = NULL;
    doorstep_status status;
    cJSON *report, *normalized;
    const cJSON *matter;
    memset(&c, 0, sizeof c);
    c.station = "350205-HC-01";
    c.seq = 1;
    for (i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--gb18030") == 0) {
            gb18030 = 1;
        } else if (strcmp(argv[i], "--station") == 0 && i + 1 < argc) {
            c.station = argv[++i];
        } else if (strcmp(argv[i], "--at") == 0 && i + 1 < argc) {
            snprintf(c.at, sizeof c.at, "%s", argv[++i]);
        } else if (strcmp(argv[i], "--ledger") == 0 && i + 1 < argc) {
            c.ledger_path = argv[++i];
        } else if (strcmp(argv[i], "--head") == 0 && i + 1 < argc) {
            c.head_path = argv[++i];
        } else if (argv[i][0] == '-' || nargs == 3) {
            return usage(argv[0]);
        } else {
            args[nargs++] = argv[i];
        }
    }
    if (nargs != 3) {
        return usage(argv[0]);
    }
    if (c.at[0] == '\0') {
        now_cst(c.at, sizeof c.at);
    }
    memcpy(c.date, c.at, 10);
    c.date[10] = '\0';
    snprintf(c.seal, sizeof c.seal, "seal-%s", c.station);

    /* The header and the library must be the same release. */
    if (strcmp(doorstep_version(), DOORSTEP_VERSION_STRING) != 0) {
        fprintf(stderr, "libdoorstep %s does not match doorstep.h %s\n", doorstep_version(),
                DOORSTEP_VERSION_STRING);
        return 2;
    }
    printf("doorstep %s，窗口：%s，时间：%s\n", doorstep_version(), c.station, c.at);

    catalog = read_file(args[0], &len);
    if (catalog == NULL) {
        fprintf(stderr, "无法读取事项目录 %s\n", args[0]);
        return 2;
    }
    status = doorstep_engine_load(catalog, c.date, &engine);
    free(catalog);
    if (status != DOORSTEP_OK) {
        print_failure("加载事项目录", status);
        return 2;
    }
    c.engine = engine;

    answer_text = read_form(args[1], gb18030);
    if (answer_text == NULL) {
        doorstep_engine_free(engine);
        return 2;
    }
    report = validate(&c, args[2], answer_text, target, sizeof target);
    free(answer_text);
    if (report == NULL) {
        doorstep_engine_free(engine);
        return 2;
    }
    if (!cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(report, "valid"))) {
        printf("请申请人核对后重新填写\n");
        cJSON_Delete(report);
        doorstep_engine_free(engine);
        return 1;
    }
    if (!open_ledger(&c)) {
        cJSON_Delete(report);
        doorstep_engine_free(engine);
        return 1;
    }
    c.words = load_words();
    normalized = cJSON_GetObjectItemCaseSensitive(report, "normalized");
    cJSON_ArrayForEach(matter, cJSON_GetObjectItemCaseSensitive(report, "matters")) {
        cJSON *own = member_answer(&c, cJSON_GetStringValue(matter), normalized);
        ok &= own != NULL && handle_case(&c, cJSON_GetStringValue(matter), own);
        cJSON_Delete(own);
    }
    printf("\n%s\n", ok ? "办结：全部事项已审批用印并登记台账" : "未办结：见上方拒绝原因");
    cJSON_Delete(c.words);
    cJSON_Delete(c.head);
    cJSON_Delete(report);
    doorstep_engine_free(engine);
    return ok ? 0 : 1;
}
