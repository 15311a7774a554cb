/*
 * The shared rule fixture (tests/fixtures/rules.json: JsonLogic with the engine's domain
 * operators), run through doorstep_rule_evaluate from C (a case with input.catalog through
 * doorstep_engine_evaluate_rule on an engine over that catalogue), and the calls' misuse
 * rules.
 *
 * Usage: test_rules PATH/TO/tests/fixtures
 * Prints one line per failure and, last, exactly "c: N passed, M failed"; exits non-zero
 * on any failure. Built by tests/c/run.sh and run under valgrind and AddressSanitizer.
 *
 * As rules_fixtures in core/tests/rules.rs: each case's {rule, data} is evaluated; the result
 * is {"result": VALUE} or {"error": CODE}, compared with the expected one, numbers by value
 * (cJSON_Compare compares numbers as doubles).
 */
#define _POSIX_C_SOURCE 200809L

#include "harness.h"

/* What evaluating `input` gives, in the fixture's shape; NULL when the call broke the rules.
 * With input.catalog the engine over it (files under `dir`) evaluates. */
static cJSON *evaluate(const char *dir, const char *name, const cJSON *input) {
    cJSON *request = cJSON_CreateObject(), *outcome, *actual = NULL;
    const cJSON *data = cJSON_GetObjectItemCaseSensitive(input, "data");
    char *text, *out = NULL;
    doorstep_status status;
    doorstep_engine *engine = NULL;
    if (opt_string(input, "catalog") != NULL) {
        engine = fixture_engine(dir, input, name, "2026-11-25", NULL);
        if (engine == NULL) {
            cJSON_Delete(request);
            return NULL;
        }
    }
    cJSON_AddItemToObject(request, "rule",
                          cJSON_Duplicate(cJSON_GetObjectItemCaseSensitive(input, "rule"), 1));
    cJSON_AddItemToObject(request, "data",
                          data == NULL ? cJSON_CreateNull() : cJSON_Duplicate(data, 1));
    text = cJSON_PrintUnformatted(request);
    cJSON_Delete(request);
    status = engine == NULL ? doorstep_rule_evaluate(text, "en", &out)
                            : doorstep_engine_evaluate_rule(engine, text, "en", &out);
    free(text);
    doorstep_engine_free(engine);
    if (!expect(status == DOORSTEP_OK && out != NULL, "%s: status %d (%s)", name, (int)status,
                doorstep_last_error_code())) {
        return NULL;
    }
    outcome = cJSON_Parse(out);
    doorstep_string_free(out);
    if (outcome == NULL) {
        expect(0, "%s: the outcome is not JSON", name);
        return NULL;
    }
    actual = cJSON_CreateObject();
    if (strcmp(opt_string(outcome, "outcome") == NULL ? "" : opt_string(outcome, "outcome"),
               "evaluated") == 0) {
        cJSON_AddItemToObject(actual, "result", cJSON_DetachItemFromObject(outcome, "result"));
    } else {
        const cJSON *error = cJSON_GetObjectItemCaseSensitive(outcome, "error");
        const char *code = opt_string(error, "code");
        const char *message = opt_string(error, "message");
        expect(message != NULL && message[0] != '\0', "%s: a refusal without a message", name);
        cJSON_AddStringToObject(actual, "error", code == NULL ? "" : code);
    }
    cJSON_Delete(outcome);
    return actual;
}

/* A call that must fail with `status` and last-error `code`, writing nothing. */
static void misuse(const char *what, doorstep_status got, char **out, doorstep_status status,
                   const char *code) {
    expect(got == status, "%s: status %d, expected %d", what, (int)got, (int)status);
    expect(*out == NULL, "%s: the out-parameter is left untouched", what);
    expect_last_error(what, status, code);
}

int main(int argc, char **argv) {
    cJSON *file;
    const cJSON *k;
    int ran = 0;
    char *out = NULL;
    if (argc != 2) {
        fprintf(stderr, "usage: test_rules PATH/TO/tests/fixtures\n");
        return 2;
    }
    file = load_json(argv[1], "rules.json");
    expect(file != NULL, "rules.json: read and parse");
    cJSON_ArrayForEach(k, cJSON_GetObjectItemCaseSensitive(file, "cases")) {
        const char *name = opt_string(k, "name");
        cJSON *actual = evaluate(argv[1], name == NULL ? "(unnamed)" : name,
                                 cJSON_GetObjectItemCaseSensitive(k, "input"));
        const cJSON *expected = cJSON_GetObjectItemCaseSensitive(k, "expected");
        ran++;
        if (actual != NULL) {
            count_case(!cJSON_Compare(expected, actual, 1));
            if (!cJSON_Compare(expected, actual, 1)) {
                char *got = cJSON_PrintUnformatted(actual);
                printf("%s: got %s\n", name, got == NULL ? "?" : got);
                free(got);
            }
        }
        cJSON_Delete(actual);
    }
    expect(ran > 100, "rules.json: %d cases", ran);
    cJSON_Delete(file);
    /* Misuse: a request that is not one, an unknown field, an unknown lang, NULL. */
    misuse("rule(malformed)", doorstep_rule_evaluate("{\"rule\":", NULL, &out), &out,
           DOORSTEP_ERR_INVALID_INPUT, "input.malformed");
    misuse("rule(unknown field)", doorstep_rule_evaluate("{\"rule\":1,\"x\":2}", NULL, &out),
           &out, DOORSTEP_ERR_INVALID_INPUT, "input.shape");
    misuse("rule(lang)", doorstep_rule_evaluate("{\"rule\":1}", "de", &out), &out,
           DOORSTEP_ERR_INVALID_ARGUMENT, "arg.unknown_lang");
    misuse("rule(NULL)", doorstep_rule_evaluate(NULL, NULL, &out), &out,
           DOORSTEP_ERR_NULL_ARGUMENT, "ffi.null_argument");
    misuse("engine rule(NULL engine)", doorstep_engine_evaluate_rule(NULL, "{\"rule\":1}", NULL, &out),
           &out, DOORSTEP_ERR_NULL_ARGUMENT, "ffi.null_argument");
    /* Numbers as the library reads them from text, in the build the window systems link
     * (not the tests' Rust build, where a dev-dependency turns on serde_json's exact float
     * parser): a whole number written with ".0" is that number, past 2^53 / 10 too
     * (vendor/serde_json/PATCHED.md: 8999999999999999.0 was read as 8999999999999998). */
    {
        static const char *const numbers[][2] = {
            {"8999999999999999.0", "8999999999999999"},
            {"9007199254740991.000", "9007199254740991"},
            {"-12.50", "-12.5"},
            {"100.50", "100.5"},
        };
        size_t i;
        for (i = 0; i < sizeof numbers / sizeof numbers[0]; i++) {
            char request[128];
            cJSON *outcome;
            const cJSON *result;
            int ok;
            snprintf(request, sizeof request, "{\"rule\":{\"var\":\"v\"},\"data\":{\"v\":%s}}",
                     numbers[i][0]);
            out = NULL;
            expect(doorstep_rule_evaluate(request, "en", &out) == DOORSTEP_OK, "number %s", numbers[i][0]);
            outcome = out == NULL ? NULL : cJSON_Parse(out);
            result = cJSON_GetObjectItemCaseSensitive(outcome, "result");
            /* Compared as text: the outcome's number as the library wrote it. */
            ok = out != NULL && strstr(out, numbers[i][1]) != NULL && cJSON_IsNumber(result);
            count_case(!ok);
            if (!ok) {
                printf("number %s: got %s\n", numbers[i][0], out == NULL ? "?" : out);
            }
            cJSON_Delete(outcome);
            doorstep_string_free(out);
        }
    }
    printf("c: %d passed, %d failed\n", passed, failed);
    return failed == 0 ? 0 : 1;
}
