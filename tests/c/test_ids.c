/*
 * The shared identifier fixtures (tests/fixtures/ids.json) and the C API's misuse rules,
 * run through libdoorstep from C.
 *
 * Usage: test_ids PATH/TO/ids.json
 * Prints one line per failure and, last, exactly "c: N passed, M failed"; exits non-zero
 * on any failure. Built by tests/c/run.sh (C99, -Wall -Wextra -Wpedantic -Werror) and run
 * under valgrind and AddressSanitizer.
 *
 * Matching rule: the one every suite uses (fixture_mismatches in harness.h), with value =
 * input.value repeated input.repeat times: each key of expected other than "errors"
 * deep-equals the report's key (missing = null); "errors" is the list of the report's error
 * codes, in order; every error message is non-empty and does not contain the trimmed input
 * when that is at least 6 bytes long.
 */
#define _POSIX_C_SOURCE 200809L

#include "harness.h"

/* The fixture cases, with each one's report from the first run (for the thread test). */
typedef struct {
    const cJSON *cases;
    char **reports;
    int count;
} fixtures;

static void run_fixtures(fixtures *f) {
    int i;
    for (i = 0; i < f->count; i++) {
        const cJSON *c = cJSON_GetArrayItem(f->cases, i);
        const cJSON *input = cJSON_GetObjectItemCaseSensitive(c, "input");
        const char *name = opt_string(c, "name");
        char *value = case_value(input);
        char *json = NULL;
        cJSON *actual;
        doorstep_status status;
        if (name == NULL || value == NULL) {
            expect(0, "case %d: malformed fixture", i);
            free(value);
            continue;
        }
        status = doorstep_id_check(value, opt_string(input, "kind"), opt_string(input, "at"),
                                   opt_string(input, "lang"), &json);
        if (!expect(status == DOORSTEP_OK && json != NULL, "%s: status %d (%s)", name,
                    (int)status, doorstep_last_error_code())) {
            free(value);
            continue;
        }
        actual = cJSON_Parse(json);
        if (expect(actual != NULL, "%s: the report is not JSON", name)) {
            count_case(
                fixture_mismatches(name, value, cJSON_GetObjectItemCaseSensitive(c, "expected"),
                                   actual));
            cJSON_Delete(actual);
        }
        f->reports[i] = json;
        free(value);
    }
}

/* A call that must fail with `status` / `code`, leave the out-parameter alone, and say why. */
static void expect_check_fails(const char *what, const char *value, const char *kind,
                               const char *at, const char *lang, doorstep_status status,
                               const char *code) {
    char untouched = 0;
    char *out = &untouched;
    doorstep_status got = doorstep_id_check(value, kind, at, lang, &out);
    expect(got == status, "%s: status %d, expected %d", what, (int)got, (int)status);
    expect(out == &untouched, "%s: the out-parameter was written on failure", what);
    expect_last_error(what, status, code);
}

static void test_misuse(void) {
    const char *id = "11010519491231002X";
    char *out = NULL;
    char *message = NULL;
    char untouched = 0;
    char *kept = &untouched;
    doorstep_status status;

    expect_check_fails("NULL value", NULL, NULL, "2024-10-15", NULL, DOORSTEP_ERR_NULL_ARGUMENT,
                       "ffi.null_argument");
    status = doorstep_id_check(id, NULL, NULL, NULL, NULL);
    expect(status == DOORSTEP_ERR_NULL_ARGUMENT, "NULL out: status %d", (int)status);
    expect_last_error("NULL out", DOORSTEP_ERR_NULL_ARGUMENT, "ffi.null_argument");

    expect_check_fails("invalid UTF-8 value", "\xff\xfe", NULL, NULL, NULL,
                       DOORSTEP_ERR_INVALID_UTF8, "ffi.invalid_utf8");
    expect_check_fails("invalid UTF-8 kind", id, "resident\xff", NULL, NULL,
                       DOORSTEP_ERR_INVALID_UTF8, "ffi.invalid_utf8");
    expect_check_fails("invalid UTF-8 date", id, NULL, "2024\xc3\x28", NULL,
                       DOORSTEP_ERR_INVALID_UTF8, "ffi.invalid_utf8");
    expect_check_fails("invalid UTF-8 lang", id, NULL, NULL, "\xe4\xb8", DOORSTEP_ERR_INVALID_UTF8,
                       "ffi.invalid_utf8");
    expect_check_fails("unknown kind", id, "passport", "2024-10-15", NULL,
                       DOORSTEP_ERR_INVALID_ARGUMENT, "arg.unknown_kind");
    expect_check_fails("impossible date", id, NULL, "1999-02-30", NULL,
                       DOORSTEP_ERR_INVALID_ARGUMENT, "arg.invalid_date");
    expect_check_fails("badly written date", id, NULL, "2024-2-9", NULL,
                       DOORSTEP_ERR_INVALID_ARGUMENT, "arg.invalid_date");
    expect_check_fails("unknown lang", id, NULL, "2024-10-15", "fr", DOORSTEP_ERR_INVALID_ARGUMENT,
                       "arg.unknown_lang");

    /* No message about a failed call quotes the identifier. */
    status = doorstep_id_check(id, "passport", NULL, NULL, &out);
    expect(status == DOORSTEP_ERR_INVALID_ARGUMENT, "unknown kind again: status %d", (int)status);
    if (doorstep_last_error_message("en", &message) == DOORSTEP_OK) {
        expect(strstr(message, id) == NULL && strstr(message, "resident_id") != NULL,
               "unknown kind message lists the kinds, not the value: %s", message);
        doorstep_string_free(message);
        message = NULL;
    }

    /* Reading the last error wrongly fails without replacing it. */
    status = doorstep_last_error_message("fr", &kept);
    expect(status == DOORSTEP_ERR_INVALID_ARGUMENT && kept == &untouched,
           "last_error_message(\"fr\"): status %d", (int)status);
    status = doorstep_last_error_message(NULL, NULL);
    expect(status == DOORSTEP_ERR_NULL_ARGUMENT, "last_error_message(NULL out): status %d",
           (int)status);
    expect(strcmp(doorstep_last_error_code(), "arg.unknown_kind") == 0,
           "reading the last error kept it: %s", doorstep_last_error_code());

    /* A successful call clears it; an invalid identifier is not a failure. */
    status = doorstep_id_check("11010519491231002Y", NULL, "2024-10-15", "en", &out);
    expect(status == DOORSTEP_OK && out != NULL && strstr(out, "\"valid\":false") != NULL,
           "invalid identifier: DOORSTEP_OK with valid=false");
    doorstep_string_free(out);
    out = NULL;
    expect(doorstep_last_error_status() == DOORSTEP_OK, "success clears the last error status");
    expect(strcmp(doorstep_last_error_code(), "") == 0, "success clears the last error code");
    expect(doorstep_last_error_message(NULL, &message) == DOORSTEP_OK && message != NULL &&
               message[0] == '\0',
           "no last error: empty message");
    doorstep_string_free(message);
    message = NULL;

    /* Defaults: kind detected, today's date, zh-CN. */
    status = doorstep_id_check(id, NULL, NULL, NULL, &out);
    expect(status == DOORSTEP_OK && out != NULL && strstr(out, "\"valid\":true") != NULL &&
               strstr(out, "\"age\":") != NULL,
           "defaults (kind, today, zh-CN)");
    doorstep_string_free(out);
    out = NULL;

    doorstep_string_free(NULL);
    expect(1, "doorstep_string_free(NULL)");
}

static void expect_mask(const char *value, const char *kind, const char *want) {
    char *out = NULL;
    doorstep_status status = doorstep_id_mask(value, kind, &out);
    expect(status == DOORSTEP_OK && out != NULL && strcmp(out, want) == 0,
           "mask(%s): expected %s, got %s (status %d)", kind == NULL ? "detect" : kind, want,
           out == NULL ? "(nothing)" : out, (int)status);
    doorstep_string_free(out);
}

static void test_mask(void) {
    char untouched = 0;
    char *kept = &untouched;
    doorstep_status status;
    expect_mask("11010519491231002x", NULL, "110105********002X");
    expect_mask("11010519491231002X", "resident_id", "110105********002X");
    expect_mask("+86 139-1234-5678", NULL, "139****5678");
    expect_mask("6217001234567890122", "bank_card", "6217***********0122");
    expect_mask("9144030071526726XG", NULL, "9144030071526726XG");
    /* Not valid as the kind asked for: masked whatever it is, never shown whole. */
    expect_mask("11010519491231002X", "credit_code", "110***********002X");
    expect_mask("  hello ", NULL, "*****");
    /* A pasted document comes back as a line: its first 64 bytes masked, then an ellipsis. */
    {
        char pasted[1001];
        memset(pasted, '1', 1000);
        pasted[1000] = '\0';
        expect_mask(pasted, NULL,
                    "111*********************************************************1111\xE2\x80\xA6");
    }
    status = doorstep_id_mask("11010519491231002X", "passport", &kept);
    expect(status == DOORSTEP_ERR_INVALID_ARGUMENT && kept == &untouched,
           "mask with unknown kind: status %d", (int)status);
    expect_last_error("mask with unknown kind", DOORSTEP_ERR_INVALID_ARGUMENT, "arg.unknown_kind");
    status = doorstep_id_mask(NULL, NULL, &kept);
    expect(status == DOORSTEP_ERR_NULL_ARGUMENT && kept == &untouched, "mask(NULL): status %d",
           (int)status);
    status = doorstep_id_mask("13912345678", NULL, NULL);
    expect(status == DOORSTEP_ERR_NULL_ARGUMENT, "mask(NULL out): status %d", (int)status);
    status = doorstep_id_mask("\xff", NULL, &kept);
    expect(status == DOORSTEP_ERR_INVALID_UTF8 && kept == &untouched,
           "mask(invalid UTF-8): status %d", (int)status);
}

static void test_version(void) {
    char want[64];
    snprintf(want, sizeof want, "%d.%d.%d", DOORSTEP_VERSION_MAJOR, DOORSTEP_VERSION_MINOR,
             DOORSTEP_VERSION_PATCH);
    expect(strcmp(doorstep_version(), want) == 0, "doorstep_version() %s, header %s",
           doorstep_version(), want);
}

/* Many threads at once: the same reports, and each thread its own last error. */
static void *work(void *arg) {
    worker *w = arg;
    const fixtures *f = w->fixtures;
    const char *kind = (w->index % 2 == 0) ? "passport" : NULL;
    const char *at = (w->index % 2 == 0) ? "2024-10-15" : "1999-02-30";
    const char *code = (w->index % 2 == 0) ? "arg.unknown_kind" : "arg.invalid_date";
    int round, i;
    for (round = 0; round < ROUNDS; round++) {
        for (i = 0; i < f->count; i++) {
            const cJSON *input =
                cJSON_GetObjectItemCaseSensitive(cJSON_GetArrayItem(f->cases, i), "input");
            char *value = case_value(input);
            char *json = NULL;
            char *wrong = NULL;
            if (doorstep_id_check(value, kind, at, NULL, &wrong) == DOORSTEP_OK ||
                strcmp(doorstep_last_error_code(), code) != 0) {
                w->failures++;
            }
            doorstep_string_free(wrong);
            if (doorstep_id_check(value, opt_string(input, "kind"), opt_string(input, "at"),
                                  opt_string(input, "lang"), &json) != DOORSTEP_OK ||
                f->reports[i] == NULL || strcmp(json, f->reports[i]) != 0) {
                w->failures++;
            }
            doorstep_string_free(json);
            free(value);
        }
    }
    return NULL;
}

int main(int argc, char **argv) {
    char *text;
    cJSON *file;
    fixtures f = {NULL, NULL, 0};
    int i;
    if (argc != 2) {
        fprintf(stderr, "usage: %s tests/fixtures/ids.json\n", argv[0]);
        return 2;
    }
    text = read_file(argv[1]);
    file = text == NULL ? NULL : cJSON_Parse(text);
    free(text);
    f.cases = cJSON_GetObjectItemCaseSensitive(file, "cases");
    f.count = cJSON_GetArraySize(f.cases);
    if (expect(cJSON_IsArray(f.cases) && f.count > 0, "%s: no cases", argv[1])) {
        f.reports = calloc((size_t)f.count, sizeof *f.reports);
        if (expect(f.reports != NULL, "out of memory")) {
            run_fixtures(&f);
        }
    }
    test_misuse();
    test_mask();
    test_version();
    if (f.reports != NULL) {
        run_threads(work, &f);
        for (i = 0; i < f.count; i++) {
            doorstep_string_free(f.reports[i]);
        }
        free(f.reports);
    }
    cJSON_Delete(file);
    printf("c: %d passed, %d failed\n", passed, failed);
    return failed == 0 ? 0 : 1;
}
