/*
 * The shared policy fixture (tests/fixtures/policies.json), the policies in effect on a day,
 * and the misuse rules of the policy calls, run through libdoorstep from C.
 *
 * Usage: test_policies PATH/TO/tests/fixtures
 * Prints one line per failure and, last, exactly "c: N passed, M failed"; exits non-zero
 * on any failure. Built by tests/c/run.sh (C99, -Wall -Wextra -Wpedantic -Werror, -pthread)
 * and run under valgrind and AddressSanitizer.
 *
 * How the fixture runs (as policies_fixtures in core/tests/policy.rs): the catalogue
 * input.catalog is loaded at LOADED_AT; the profile is input.profile serialised, or
 * input.value (repeated input.repeat times) when the case gives text; it is matched with
 * doorstep_engine_match_policies on input.at in input.lang (NULL when absent). The result is
 * the report; for a profile that cannot be matched (DOORSTEP_ERR_INVALID_INPUT) it is the
 * report Engine::policy_report gives, made from the last error: {"eligible": [], "matches":
 * [], "errors": [{"code", "message"}]}, the message in input.lang.
 * Matching rule: the one every suite uses (fixture_mismatches in harness.h).
 */
#define _POSIX_C_SOURCE 200809L

#include "harness.h"

/* The date the catalogue is loaded at (as core/tests/policy.rs). */
#define LOADED_AT "2025-09-01"

/* The engine of the catalogue DIR/NAME, or NULL (counted as a failure). */
static doorstep_engine *load_engine(const char *dir, const char *name) {
    char path[4096];
    char *text = NULL;
    doorstep_engine *engine = NULL;
    if (snprintf(path, sizeof path, "%s/%s", dir, name) < (int)sizeof path) {
        text = read_file(path);
    }
    if (expect(text != NULL, "%s: read", name)) {
        expect(doorstep_engine_load(text, LOADED_AT, &engine) == DOORSTEP_OK && engine != NULL,
               "%s: load: %s", name, doorstep_last_error_code());
    }
    free(text);
    return engine;
}

/* What matching `profile` gives (delete it): the report, or the one made from the last
 * error; NULL (counted as a failure) when the call broke the rules. */
static cJSON *match(const char *name, const doorstep_engine *engine, const char *profile,
                    const char *at, const char *lang) {
    char untouched = 0;
    char *out = &untouched;
    char *message = NULL;
    cJSON *report, *error, *errors;
    doorstep_status status = doorstep_engine_match_policies(engine, profile, at, lang, &out);
    if (status == DOORSTEP_OK) {
        report = cJSON_Parse(out);
        doorstep_string_free(out);
        expect(report != NULL, "%s: the report is JSON", name);
        return report;
    }
    if (!expect(status == DOORSTEP_ERR_INVALID_INPUT && out == &untouched,
                "%s: status %d (%s), out-parameter %s", name, (int)status,
                doorstep_last_error_code(), out == &untouched ? "untouched" : "written")) {
        return NULL;
    }
    expect(doorstep_last_error_message(lang, &message) == DOORSTEP_OK, "%s: message", name);
    report = cJSON_CreateObject();
    cJSON_AddItemToObject(report, "eligible", cJSON_CreateArray());
    cJSON_AddItemToObject(report, "matches", cJSON_CreateArray());
    errors = cJSON_AddArrayToObject(report, "errors");
    error = cJSON_CreateObject();
    cJSON_AddStringToObject(error, "code", doorstep_last_error_code());
    cJSON_AddStringToObject(error, "message", message == NULL ? "" : message);
    cJSON_AddItemToArray(errors, error);
    doorstep_string_free(message);
    return report;
}

/* Every case of policies.json; the engine of its catalogue is loaded once. */
static void run_fixture(const char *dir, const doorstep_engine *engine) {
    cJSON *file = load_json(dir, "policies.json");
    const cJSON *item;
    int count = 0;
    if (!expect(file != NULL, "policies.json: read and parsed")) {
        return;
    }
    cJSON_ArrayForEach(item, cJSON_GetObjectItemCaseSensitive(file, "cases")) {
        const char *name = opt_string(item, "name");
        const cJSON *input = cJSON_GetObjectItemCaseSensitive(item, "input");
        const cJSON *profile = cJSON_GetObjectItemCaseSensitive(input, "profile");
        const char *catalog = opt_string(input, "catalog");
        char *value = case_value(input);
        char *text = profile != NULL ? cJSON_PrintUnformatted(profile) : NULL;
        cJSON *actual;
        count++;
        if (!expect(catalog != NULL && strcmp(catalog, "catalog/policies.json") == 0,
                    "%s: the catalogue is catalog/policies.json", name)) {
            free(value);
            free(text);
            continue;
        }
        actual = match(name, engine, text != NULL ? text : value, opt_string(input, "at"),
                       opt_string(input, "lang"));
        if (actual == NULL) {
            count_case(1);
        } else {
            count_case(fixture_mismatches(name, value, cJSON_GetObjectItemCaseSensitive(item,
                                                                                        "expected"),
                                          actual));
        }
        cJSON_Delete(actual);
        free(value);
        free(text);
    }
    expect(count >= 20, "policies.json: %d cases", count);
    cJSON_Delete(file);
}

/* The policies in effect on LOADED_AT are those a profile is matched against, in order. */
static void test_policies(const doorstep_engine *engine) {
    char *out = NULL;
    cJSON *listed = NULL, *report, *codes, *matched;
    if (expect(doorstep_engine_policies(engine, LOADED_AT, &out) == DOORSTEP_OK,
               "policies: %s", doorstep_last_error_code())) {
        listed = cJSON_Parse(out);
        doorstep_string_free(out);
    }
    report = match("policies", engine, "{\"kind\": \"person\"}", LOADED_AT, NULL);
    codes = field_list(listed, "code", NULL);
    matched = field_list(cJSON_GetObjectItemCaseSensitive(report, "matches"), "code", NULL);
    expect(cJSON_GetArraySize(codes) > 0 && cJSON_Compare(codes, matched, 1),
           "policies: the policies in effect are those matched");
    expect(cJSON_IsArray(cJSON_GetObjectItemCaseSensitive(cJSON_GetArrayItem(listed, 0),
                                                          "conditions")),
           "policies: with their conditions");
    cJSON_Delete(listed);
    cJSON_Delete(report);
    cJSON_Delete(codes);
    cJSON_Delete(matched);
    out = NULL;
    expect(doorstep_engine_policies(engine, NULL, &out) == DOORSTEP_OK && out != NULL,
           "policies: today");
    doorstep_string_free(out);
}

/* A failed call: its status, the out-parameter untouched, the last error. */
static void expect_failed(const char *what, doorstep_status got, const char *out,
                          const char *untouched, doorstep_status status, const char *code) {
    expect(got == status, "%s: status %d, expected %d", what, (int)got, (int)status);
    expect(out == untouched, "%s: the out-parameter was written on failure", what);
    expect_last_error(what, status, code);
}

/* Whether the last error's params name the argument `name`. */
static int params_name(const char *name) {
    char *json = NULL;
    cJSON *params;
    int same;
    if (doorstep_last_error_params(&json) != DOORSTEP_OK) {
        return 0;
    }
    params = cJSON_Parse(json);
    same = opt_string(params, "name") != NULL && strcmp(opt_string(params, "name"), name) == 0;
    cJSON_Delete(params);
    doorstep_string_free(json);
    return same;
}

#define PERSON "{\"kind\": \"person\"}"

/* NULL arguments, text that is not UTF-8, truncated JSON. */
static void test_misuse(const doorstep_engine *engine) {
    char untouched = 0;
    char *out = &untouched;
    doorstep_status got;

    got = doorstep_engine_policies(NULL, LOADED_AT, &out);
    expect_failed("policies: NULL engine", got, out, &untouched, DOORSTEP_ERR_NULL_ARGUMENT,
                  "ffi.null_argument");
    expect(params_name("engine"), "policies: NULL engine named");
    got = doorstep_engine_policies(engine, LOADED_AT, NULL);
    expect_failed("policies: NULL out", got, NULL, NULL, DOORSTEP_ERR_NULL_ARGUMENT,
                  "ffi.null_argument");
    expect(params_name("out_json"), "policies: NULL out named");
    got = doorstep_engine_policies(engine, "2025-09-\xff", &out);
    expect_failed("policies: at not UTF-8", got, out, &untouched, DOORSTEP_ERR_INVALID_UTF8,
                  "ffi.invalid_utf8");
    expect(params_name("at"), "policies: at named");
    got = doorstep_engine_policies(engine, "2025-02-30", &out);
    expect_failed("policies: impossible date", got, out, &untouched,
                  DOORSTEP_ERR_INVALID_ARGUMENT, "arg.invalid_date");

    got = doorstep_engine_match_policies(NULL, PERSON, NULL, NULL, &out);
    expect_failed("match: NULL engine", got, out, &untouched, DOORSTEP_ERR_NULL_ARGUMENT,
                  "ffi.null_argument");
    expect(params_name("engine"), "match: NULL engine named");
    got = doorstep_engine_match_policies(engine, NULL, NULL, NULL, &out);
    expect_failed("match: NULL profile", got, out, &untouched, DOORSTEP_ERR_NULL_ARGUMENT,
                  "ffi.null_argument");
    expect(params_name("profile_json"), "match: NULL profile named");
    got = doorstep_engine_match_policies(engine, PERSON, NULL, NULL, NULL);
    expect_failed("match: NULL out", got, NULL, NULL, DOORSTEP_ERR_NULL_ARGUMENT,
                  "ffi.null_argument");
    expect(params_name("out_report_json"), "match: NULL out named");
    got = doorstep_engine_match_policies(engine, "{\"kind\": \"\xff\"}", NULL, NULL, &out);
    expect_failed("match: profile not UTF-8", got, out, &untouched, DOORSTEP_ERR_INVALID_UTF8,
                  "ffi.invalid_utf8");
    expect(params_name("profile_json"), "match: profile named");
    got = doorstep_engine_match_policies(engine, PERSON, "\xff", NULL, &out);
    expect_failed("match: at not UTF-8", got, out, &untouched, DOORSTEP_ERR_INVALID_UTF8,
                  "ffi.invalid_utf8");
    expect(params_name("at"), "match: at named");
    got = doorstep_engine_match_policies(engine, PERSON, NULL, "e\xffn", &out);
    expect_failed("match: lang not UTF-8", got, out, &untouched, DOORSTEP_ERR_INVALID_UTF8,
                  "ffi.invalid_utf8");
    expect(params_name("lang"), "match: lang named");
    got = doorstep_engine_match_policies(engine, "{\"kind\": \"person\", \"veteran\": tr",
                                         LOADED_AT, NULL, &out);
    expect_failed("match: truncated JSON", got, out, &untouched, DOORSTEP_ERR_INVALID_INPUT,
                  "input.malformed");
    got = doorstep_engine_match_policies(engine, "", LOADED_AT, NULL, &out);
    expect_failed("match: empty text", got, out, &untouched, DOORSTEP_ERR_INVALID_INPUT,
                  "input.malformed");
    got = doorstep_engine_match_policies(engine, PERSON, LOADED_AT, "fr", &out);
    expect_failed("match: unknown lang", got, out, &untouched, DOORSTEP_ERR_INVALID_ARGUMENT,
                  "arg.unknown_lang");
    /* A success clears the last error. */
    out = NULL;
    got = doorstep_engine_match_policies(engine, PERSON, NULL, "en", &out);
    expect(got == DOORSTEP_OK && out != NULL, "match: today, en");
    expect(doorstep_last_error_status() == DOORSTEP_OK, "match: success clears the last error");
    doorstep_string_free(out);
}

int main(int argc, char **argv) {
    doorstep_engine *engine;
    if (argc != 2) {
        fprintf(stderr, "usage: %s tests/fixtures\n", argv[0]);
        return 2;
    }
    engine = load_engine(argv[1], "catalog/policies.json");
    if (engine != NULL) {
        run_fixture(argv[1], engine);
        test_policies(engine);
        test_misuse(engine);
    }
    doorstep_engine_free(engine);
    printf("c: %d passed, %d failed\n", passed, failed);
    return failed == 0 ? 0 : 1;
}
