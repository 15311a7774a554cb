/*
 * The shared form and lint fixtures (tests/fixtures/forms.json, lint.json), prefill from
 * shared data, and the engine API's misuse rules, run through libdoorstep from C.
 *
 * Usage: test_forms PATH/TO/tests/fixtures
 * Prints one line per failure and, last, exactly "c: N passed, M failed"; exits non-zero
 * on any failure. Built by tests/c/run.sh (C99, -Wall -Wextra -Wpedantic -Werror) and run
 * under valgrind and AddressSanitizer.
 *
 * How the fixtures run (as core/tests/fixtures.rs does):
 * - forms.json: input.catalog (a file under tests/fixtures) is loaded into an engine once;
 *   the case validates input.answer (or input.answerText, the answer's JSON text as it
 *   is; a refusal of the call is {"error": code}) for {"matter": input.matter} or {"bundle":
 *   input.bundle} with input.at and input.lang (with input.field: that one field,
 *   doorstep_engine_validate_field, a refusal as {"error": code}). Every case without
 *   input.field is also run through doorstep_engine_check, counted as a case of its own
 *   ("NAME: check"): its {"valid", "errors"} must match the case's expected "valid",
 *   "errors" and "errorPaths" (the other expected keys are validate's).
 * - labels.json: doorstep_labels in input.lang (absent: NULL, zh-CN).
 * - lint.json: input.patch ([{"op": "set", "path": JSON Pointer, "value"}]) is applied to
 *   the catalogue document, which is then linted at input.at; the actual result is
 *   {"valid": no problem, "errors": the problems}.
 * - queries.json: each input.catalog loaded once, as of the file's loadAt; input.op called
 *   on it and its report built as the file's description says (a refusal: {"error": code}).
 * Matching rule: the one every suite uses (fixture_mismatches in harness.h): each key of
 * expected other than "errors" and "errorPaths" deep-equals the result's key (missing =
 * null); "errors" is the list of the result's error codes and "errorPaths" of their paths,
 * in order; every error message is non-empty and does not contain the trimmed input.value
 * (when the case has one) when that is at least 6 bytes long.
 */
#define _POSIX_C_SOURCE 200809L

#include "harness.h"

/* A copy of a string member, or NULL when absent or null. */
static char *copy_string(const cJSON *object, const char *key) {
    const char *value = opt_string(object, key);
    return value == NULL ? NULL : strdup(value);
}

/* Counts a fixture case: passed when the result matches. */
static void expect_case(const char *name, const cJSON *input, const cJSON *expected,
                        const char *json) {
    cJSON *actual = json == NULL ? NULL : cJSON_Parse(json);
    char *value = case_value(input);
    if (expect(actual != NULL, "%s: the result is not JSON", name)) {
        count_case(fixture_mismatches(name, value, expected, actual));
    }
    free(value);
    cJSON_Delete(actual);
}

/* The engines of the fixtures' catalogues: one per catalogue, kept by input.catalog (the
 * file's string, which must outlive the lookups). */
#define CATALOGS 8

typedef struct {
    const char *catalog;
    doorstep_engine *engine;
} loaded;

/* The engine of input.catalog, loaded at `at` the first time a case names it; NULL (a
 * failure counted) when it cannot be. */
static doorstep_engine *catalog_engine(const char *dir, const cJSON *input, const char *name,
                                       const char *at, loaded *engines, int *count) {
    const char *catalog = opt_string(input, "catalog");
    int i;
    for (i = 0; catalog != NULL && i < *count; i++) {
        if (strcmp(engines[i].catalog, catalog) == 0) {
            return engines[i].engine;
        }
    }
    if (!expect(*count < CATALOGS, "%s: more than %d catalogues", name, CATALOGS)) {
        return NULL;
    }
    engines[*count].engine = fixture_engine(dir, input, name, at, NULL);
    if (engines[*count].engine == NULL) {
        return NULL;
    }
    engines[*count].catalog = catalog;
    return engines[(*count)++].engine;
}

/* One validation to make: a forms.json case as the engine's arguments, and its report. */
typedef struct {
    const doorstep_engine *engine;
    char *target;
    char *answer;
    char *at;
    char *lang;
    char *report; /* NULL when the call was refused (matched as {"error": code}) */
} validation;

typedef struct {
    doorstep_engine *engine; /* CATALOG's */
    loaded others[CATALOGS]; /* the other catalogues' */
    int other_count;
    validation *cases;
    int count;
} forms;

/* The catalogue most forms.json cases use (and the misuse and prefill tests), read from DIR. */
#define CATALOG "catalog/mini.json"

static char *catalog_text(const char *dir) {
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, CATALOG);
    return read_file(path);
}

/* Matches a call's outcome against EXPECTED: its REPORT when STATUS is DOORSTEP_OK, else
 * {"error": code}, the call refused for its arguments (DOORSTEP_ERR_INVALID_ARGUMENT or
 * DOORSTEP_ERR_INVALID_INPUT) with nothing written. */
static void expect_outcome(const char *name, const cJSON *input, const cJSON *expected,
                           doorstep_status status, const char *report) {
    cJSON *refusal;
    char *json;
    if (status == DOORSTEP_OK) {
        expect_case(name, input, expected, report);
        return;
    }
    expect((status == DOORSTEP_ERR_INVALID_ARGUMENT || status == DOORSTEP_ERR_INVALID_INPUT) &&
               report == NULL,
           "%s: status %d, or the out-parameter was written", name, (int)status);
    refusal = cJSON_CreateObject();
    cJSON_AddStringToObject(refusal, "error", doorstep_last_error_code());
    json = cJSON_PrintUnformatted(refusal);
    expect_case(name, input, expected, json);
    free(json);
    cJSON_Delete(refusal);
}

/* A case with input.field: that one field validated as the applicant types, the outcome
 * matched as {"error": code} when the call is refused. */
static void expect_field_case(const doorstep_engine *engine, const validation *v,
                              const char *field, const char *name, const cJSON *input,
                              const cJSON *expected) {
    char *report = NULL;
    doorstep_status status = doorstep_engine_validate_field(engine, v->target, v->answer, field,
                                                            v->at, v->lang, &report);
    expect_outcome(name, input, expected, status, report);
    doorstep_string_free(report);
}

/* The keys of a forms.json case's expected that doorstep_engine_check must match. */
static const char *const check_keys[] = {"valid", "errors", "errorPaths", "errorMatters",
                                          "error"};

/* A case without input.field, through doorstep_engine_check: counted as the case
 * "NAME: check", matched against the expected valid, errors, errorPaths, errorMatters and
 * error only. */
static void expect_check_case(const doorstep_engine *engine, const validation *v,
                              const char *name, const cJSON *input, const cJSON *expected) {
    char *report = NULL;
    cJSON *wanted = cJSON_CreateObject();
    size_t size = strlen(name) + sizeof ": check";
    char *label = malloc(size);
    doorstep_status status;
    size_t k;
    if (!expect(wanted != NULL && label != NULL, "%s: check: out of memory", name)) {
        cJSON_Delete(wanted);
        free(label);
        return;
    }
    snprintf(label, size, "%s: check", name);
    for (k = 0; k < sizeof check_keys / sizeof *check_keys; k++) {
        const cJSON *want = cJSON_GetObjectItemCaseSensitive(expected, check_keys[k]);
        if (want != NULL) {
            cJSON_AddItemToObject(wanted, check_keys[k], cJSON_Duplicate(want, 1));
        }
    }
    status = doorstep_engine_check(engine, v->target, v->answer, v->at, v->lang, &report);
    expect_outcome(label, input, wanted, status, report);
    doorstep_string_free(report);
    cJSON_Delete(wanted);
    free(label);
}

static void run_forms(const char *dir, forms *f) {
    cJSON *file = load_json(dir, "forms.json");
    const cJSON *cases = cJSON_GetObjectItemCaseSensitive(file, "cases");
    const cJSON *c;
    int i = 0;
    f->count = cJSON_GetArraySize(cases);
    f->cases = calloc((size_t)(f->count > 0 ? f->count : 1), sizeof *f->cases);
    if (!expect(cJSON_IsArray(cases) && f->count > 0 && f->cases != NULL,
                "forms.json: no cases")) {
        f->count = 0;
        cJSON_Delete(file);
        return;
    }
    cJSON_ArrayForEach(c, cases) {
        const cJSON *input = cJSON_GetObjectItemCaseSensitive(c, "input");
        const char *name = opt_string(c, "name");
        const char *catalog = opt_string(input, "catalog");
        const char *matter = opt_string(input, "matter");
        validation *v = &f->cases[i++];
        cJSON *target = cJSON_CreateObject();
        doorstep_status status;
        if (!expect(name != NULL && catalog != NULL, "forms.json case %d: malformed", i - 1)) {
            cJSON_Delete(target);
            continue;
        }
        v->engine = strcmp(catalog, CATALOG) == 0
                        ? f->engine
                        : catalog_engine(dir, input, name, "2026-11-25", f->others,
                                         &f->other_count);
        if (v->engine == NULL) {
            cJSON_Delete(target);
            continue;
        }
        cJSON_AddStringToObject(target, matter != NULL ? "matter" : "bundle",
                                matter != NULL ? matter : opt_string(input, "bundle"));
        v->target = cJSON_PrintUnformatted(target);
        /* input.answerText: the answer's JSON text as a window system sends it. */
        v->answer = opt_string(input, "answerText") != NULL
                        ? strdup(opt_string(input, "answerText"))
                        : cJSON_PrintUnformatted(cJSON_GetObjectItemCaseSensitive(input, "answer"));
        v->at = copy_string(input, "at");
        v->lang = copy_string(input, "lang");
        cJSON_Delete(target);
        status = doorstep_engine_validate(v->engine, v->target, v->answer, v->at, v->lang,
                                          &v->report);
        if (opt_string(input, "field") != NULL) {
            if (expect(status == DOORSTEP_OK, "%s: status %d (%s)", name, (int)status,
                       doorstep_last_error_code())) {
                expect_field_case(v->engine, v, opt_string(input, "field"), name, input,
                                  cJSON_GetObjectItemCaseSensitive(c, "expected"));
            }
        } else {
            expect_outcome(name, input, cJSON_GetObjectItemCaseSensitive(c, "expected"), status,
                           v->report);
            expect_check_case(v->engine, v, name, input,
                              cJSON_GetObjectItemCaseSensitive(c, "expected"));
        }
    }
    cJSON_Delete(file);
}

static void run_lint(const char *dir) {
    cJSON *file = load_json(dir, "lint.json");
    const cJSON *cases = cJSON_GetObjectItemCaseSensitive(file, "cases");
    const cJSON *c;
    expect(cJSON_IsArray(cases) && cJSON_GetArraySize(cases) > 0, "lint.json: no cases");
    cJSON_ArrayForEach(c, cases) {
        const cJSON *input = cJSON_GetObjectItemCaseSensitive(c, "input");
        const char *name = opt_string(c, "name");
        const char *catalog = opt_string(input, "catalog");
        cJSON *doc = catalog == NULL ? NULL : load_json(dir, catalog);
        const cJSON *op;
        char *text, *json = NULL;
        int patched = doc != NULL && name != NULL;
        doorstep_status status;
        cJSON_ArrayForEach(op, cJSON_GetObjectItemCaseSensitive(input, "patch")) {
            const char *kind = opt_string(op, "op");
            const char *path = opt_string(op, "path");
            patched = patched && kind != NULL && strcmp(kind, "set") == 0 && path != NULL &&
                      pointer_set(&doc, path, cJSON_GetObjectItemCaseSensitive(op, "value"));
        }
        if (!expect(patched, "%s: the catalogue or its patch cannot be applied",
                    name == NULL ? "(unnamed)" : name)) {
            cJSON_Delete(doc);
            continue;
        }
        text = cJSON_PrintUnformatted(doc);
        cJSON_Delete(doc);
        status = doorstep_catalog_lint(text, opt_string(input, "at"), NULL, &json);
        free(text);
        if (expect(status == DOORSTEP_OK, "%s: status %d (%s)", name, (int)status,
                   doorstep_last_error_code())) {
            cJSON *problems = cJSON_Parse(json);
            cJSON *actual = cJSON_CreateObject();
            char *result;
            cJSON_AddBoolToObject(actual, "valid", cJSON_GetArraySize(problems) == 0);
            cJSON_AddItemToObject(actual, "errors", problems == NULL ? cJSON_CreateNull() : problems);
            result = cJSON_PrintUnformatted(actual);
            expect_case(name, input, cJSON_GetObjectItemCaseSensitive(c, "expected"), result);
            free(result);
            cJSON_Delete(actual);
        }
        doorstep_string_free(json);
    }
    cJSON_Delete(file);
}

/* labels.json: the words for the engine's codes, in each case's input.lang (none: zh-CN). */
static void run_labels(const char *dir) {
    cJSON *file = load_json(dir, "labels.json");
    const cJSON *cases = cJSON_GetObjectItemCaseSensitive(file, "cases");
    const cJSON *c;
    char *json = NULL;
    expect(cJSON_IsArray(cases) && cJSON_GetArraySize(cases) > 0, "labels.json: no cases");
    cJSON_ArrayForEach(c, cases) {
        const cJSON *input = cJSON_GetObjectItemCaseSensitive(c, "input");
        const char *name = opt_string(c, "name");
        doorstep_status status = doorstep_labels(opt_string(input, "lang"), &json);
        if (expect(status == DOORSTEP_OK, "%s: status %d (%s)", name, (int)status,
                   doorstep_last_error_code())) {
            expect_case(name, input, cJSON_GetObjectItemCaseSensitive(c, "expected"), json);
        }
        doorstep_string_free(json);
        json = NULL;
    }
    cJSON_Delete(file);
}

/* queries.json: what a page asks besides validation, each call's report as the file's
 * description defines it, matched by the shared rule (fixture_mismatches). */
static void run_queries(const char *dir) {
    cJSON *file = load_json(dir, "queries.json");
    const cJSON *cases = cJSON_GetObjectItemCaseSensitive(file, "cases");
    const char *load_at = opt_string(file, "loadAt");
    loaded engines[CATALOGS];
    int count = 0, i;
    const cJSON *c;
    expect(cJSON_IsArray(cases) && cJSON_GetArraySize(cases) > 0, "queries.json: no cases");
    cJSON_ArrayForEach(c, cases) {
        const cJSON *input = cJSON_GetObjectItemCaseSensitive(c, "input");
        const char *name = opt_string(c, "name");
        const char *op = opt_string(input, "op");
        const cJSON *expected = cJSON_GetObjectItemCaseSensitive(c, "expected");
        const char *at = opt_string(input, "at");
        const char *key = NULL; /* the report's member for what the call wrote */
        static const char *const targets[] = {"matter", "bundle"};
        doorstep_engine *engine;
        cJSON *target, *report, *result;
        char *target_json, *answer, *extra = NULL, *out = NULL;
        doorstep_status status = DOORSTEP_OK;
        size_t k;
        if (!expect(name != NULL && op != NULL, "queries.json: a case without name or op") ||
            (engine = catalog_engine(dir, input, name, load_at, engines, &count)) == NULL) {
            continue;
        }
        /* The target names only what the input has: both, or neither, is the engine's to
         * refuse. */
        target = cJSON_CreateObject();
        for (k = 0; k < sizeof targets / sizeof *targets; k++) {
            const cJSON *code = cJSON_GetObjectItemCaseSensitive(input, targets[k]);
            if (code != NULL) {
                cJSON_AddItemToObject(target, targets[k], cJSON_Duplicate(code, 1));
            }
        }
        target_json = print_and_delete(target);
        /* Absent documents stay NULL (the engine's defaults). */
        answer = cJSON_PrintUnformatted(cJSON_GetObjectItemCaseSensitive(input, "answer"));
        if (strcmp(op, "matters") == 0) {
            key = "matters";
            status = doorstep_engine_matters(engine, opt_string(input, "query"), at, &out);
        } else if (strcmp(op, "bundles") == 0) {
            key = "bundles";
            status = doorstep_engine_bundles(engine, &out);
        } else if (strcmp(op, "findBundles") == 0) {
            key = "bundles";
            status = doorstep_engine_find_bundles(engine, opt_string(input, "query"), at, &out);
        } else if (strcmp(op, "form") == 0) {
            key = "form";
            status = doorstep_engine_form(engine, target_json, at, &out);
        } else if (strcmp(op, "materials") == 0) {
            key = "materials";
            extra = cJSON_PrintUnformatted(cJSON_GetObjectItemCaseSensitive(input, "available"));
            status = doorstep_engine_materials(engine, target_json, answer, extra, at, &out);
        } else if (strcmp(op, "prefill") == 0) {
            key = "answer";
            extra = cJSON_PrintUnformatted(cJSON_GetObjectItemCaseSensitive(input, "shared"));
            status = doorstep_engine_prefill(engine, target_json, extra, answer, at, &out);
        } else {
            expect(0, "%s: unknown op \"%s\"", name, op);
        }
        report = cJSON_CreateObject();
        if (key != NULL && status != DOORSTEP_OK) {
            /* Read before any other call can replace the thread's last error. */
            cJSON_AddStringToObject(report, "error", doorstep_last_error_code());
            count_case(fixture_mismatches(name, NULL, expected, report));
        } else if (key != NULL && (result = written(name, status, &out)) != NULL) {
            if (strcmp(op, "form") == 0) {
                cJSON_AddItemToObject(
                    report, "keys",
                    field_list(cJSON_GetObjectItemCaseSensitive(result, "fields"), "key", NULL));
            } else if (strcmp(op, "prefill") != 0) {
                cJSON_AddItemToObject(report, "codes", field_list(result, "code", NULL));
            }
            cJSON_AddItemToObject(report, key, result);
            count_case(fixture_mismatches(name, NULL, expected, report));
        }
        cJSON_Delete(report);
        doorstep_string_free(out);
        free(target_json);
        free(answer);
        free(extra);
    }
    for (i = 0; i < count; i++) {
        doorstep_engine_free(engines[i].engine);
    }
    cJSON_Delete(file);
}

/* The last error's params, parsed (an empty object when there are none). */
static cJSON *last_params(void) {
    char *json = NULL;
    cJSON *params = NULL;
    if (doorstep_last_error_params(&json) == DOORSTEP_OK) {
        params = cJSON_Parse(json);
    }
    doorstep_string_free(json);
    return params;
}

/* A validation that must fail with `status` / `code` and leave the out-parameter alone. */
static void expect_validate_fails(const char *what, const doorstep_engine *engine,
                                  const char *target, const char *answer, const char *lang,
                                  doorstep_status status, const char *code) {
    char untouched = 0;
    char *out = &untouched;
    doorstep_status got =
        doorstep_engine_validate(engine, target, answer, "2026-11-25", lang, &out);
    expect(got == status, "%s: status %d, expected %d", what, (int)got, (int)status);
    expect(out == &untouched, "%s: the out-parameter was written on failure", what);
    expect_last_error(what, status, code);
}

/* A string member of the item at `index` of the JSON array `json`, compared with `want`. */
static int item_is(const char *json, int index, const char *key, const char *want) {
    cJSON *list = cJSON_Parse(json);
    int same = string_is(cJSON_GetArrayItem(list, index), key, want);
    cJSON_Delete(list);
    return same;
}

static int array_size(const char *json) {
    cJSON *list = cJSON_Parse(json);
    int n = cJSON_IsArray(list) ? cJSON_GetArraySize(list) : -1;
    cJSON_Delete(list);
    return n;
}

#define BIRTH "{\"matter\":\"BIRTH-CERT\"}"
#define HUGE_ANSWER_BYTES (50u * 1024u * 1024u)

/* A string of `n` opening brackets followed by `n` closing ones. */
static char *nested(size_t n) {
    char *text = malloc(2 * n + 1);
    if (text != NULL) {
        memset(text, '[', n);
        memset(text + n, ']', n);
        text[2 * n] = '\0';
    }
    return text;
}

/* A JSON string of `n` bytes in all: "aaa...a". */
static char *huge_string(size_t n) {
    char *text = malloc(n + 1);
    if (text != NULL) {
        memset(text, 'a', n);
        text[0] = '"';
        text[n - 1] = '"';
        text[n] = '\0';
    }
    return text;
}

static void test_misuse(const doorstep_engine *engine, const char *catalog) {
    static long long sentinel;
    char untouched = 0;
    char *out = &untouched;
    doorstep_engine *kept = (doorstep_engine *)(void *)&sentinel;
    doorstep_engine *loaded = kept;
    char *deep = nested(10000);
    char *huge = huge_string(HUGE_ANSWER_BYTES);
    cJSON *params;
    doorstep_status status;

    /* NULL engine, NULL and wrong targets. */
    expect_validate_fails("NULL engine", NULL, BIRTH, "{}", NULL, DOORSTEP_ERR_NULL_ARGUMENT,
                          "ffi.null_argument");
    params = last_params();
    expect(cJSON_IsObject(params) && opt_string(params, "name") != NULL &&
               strcmp(opt_string(params, "name"), "engine") == 0,
           "NULL engine: params name the argument");
    cJSON_Delete(params);
    expect_validate_fails("NULL target", engine, NULL, "{}", NULL, DOORSTEP_ERR_NULL_ARGUMENT,
                          "ffi.null_argument");
    expect_validate_fails("NULL answer", engine, BIRTH, NULL, NULL, DOORSTEP_ERR_NULL_ARGUMENT,
                          "ffi.null_argument");
    status = doorstep_engine_validate(engine, BIRTH, "{}", NULL, NULL, NULL);
    expect(status == DOORSTEP_ERR_NULL_ARGUMENT, "NULL out: status %d", (int)status);
    expect_validate_fails("unknown matter", engine, "{\"matter\":\"NO-SUCH\"}", "{}", NULL,
                          DOORSTEP_ERR_INVALID_ARGUMENT, "engine.unknown_matter");
    expect_validate_fails("unknown bundle", engine, "{\"bundle\":\"NO-SUCH\"}", "{}", NULL,
                          DOORSTEP_ERR_INVALID_ARGUMENT, "engine.unknown_bundle");
    expect_validate_fails("empty target", engine, "{}", "{}", NULL, DOORSTEP_ERR_INVALID_ARGUMENT,
                          "engine.target");
    expect_validate_fails("matter and bundle", engine,
                          "{\"matter\":\"BIRTH-CERT\",\"bundle\":\"birth\"}", "{}", NULL,
                          DOORSTEP_ERR_INVALID_ARGUMENT, "engine.target");
    expect_validate_fails("target with an unknown key", engine, "{\"matters\":\"BIRTH-CERT\"}",
                          "{}", NULL, DOORSTEP_ERR_INVALID_INPUT, "input.shape");
    expect_validate_fails("target not JSON", engine, "BIRTH-CERT", "{}", NULL,
                          DOORSTEP_ERR_INVALID_INPUT, "input.malformed");
    expect_validate_fails("target not UTF-8", engine, "{\"matter\":\"\xff\"}", "{}", NULL,
                          DOORSTEP_ERR_INVALID_UTF8, "ffi.invalid_utf8");
    /* A key holding NUL (`\u0000`), quoted by the message: escaped, so that it can cross. */
    expect_validate_fails("target with a NUL in a key", engine,
                          "{\"matter\":\"BIRTH-CERT\",\"a\\u0000b\":1}", "{}", NULL,
                          DOORSTEP_ERR_INVALID_INPUT, "input.shape");
    {
        char *message = NULL;
        status = doorstep_last_error_message("en", &message);
        expect(status == DOORSTEP_OK && message != NULL && strstr(message, "a\\u{0}b") != NULL,
               "NUL in a key: the message names it escaped (status %d: %s)", (int)status,
               message != NULL ? message : "none");
        if (status == DOORSTEP_OK) {
            doorstep_string_free(message);
        }
    }
    /* A bundle none of whose matters is in effect on the date names no matter. */
    status = doorstep_engine_validate(engine, "{\"bundle\":\"birth\"}", "{}", "2020-01-01", NULL,
                                      &out);
    expect(status == DOORSTEP_ERR_INVALID_ARGUMENT && out == &untouched,
           "bundle not yet in effect: status %d", (int)status);
    expect_last_error("bundle not yet in effect", DOORSTEP_ERR_INVALID_ARGUMENT,
                      "engine.unknown_matter");
    /* Documents of the wrong type: an answer or shared data that is not an object. */
    status = doorstep_engine_materials(engine, BIRTH, "[1, 2]", NULL, NULL, &out);
    expect(status == DOORSTEP_ERR_INVALID_INPUT && out == &untouched,
           "materials of an answer that is not an object: status %d", (int)status);
    expect_last_error("materials of [1, 2]", DOORSTEP_ERR_INVALID_INPUT, "input.shape");
    status = doorstep_engine_prefill(engine, BIRTH, "[]", "{}", NULL, &out);
    expect(status == DOORSTEP_ERR_INVALID_INPUT && out == &untouched,
           "prefill from shared data that is not an object: status %d", (int)status);
    expect_last_error("prefill from []", DOORSTEP_ERR_INVALID_INPUT, "input.shape");

    /* Answers that cannot be read. */
    expect_validate_fails("malformed answer", engine, BIRTH, "{\"applicantName\": ", NULL,
                          DOORSTEP_ERR_INVALID_INPUT, "input.malformed");
    params = last_params();
    expect(cJSON_IsNumber(cJSON_GetObjectItemCaseSensitive(params, "line")) &&
               cJSON_IsNumber(cJSON_GetObjectItemCaseSensitive(params, "column")),
           "malformed answer: params give line and column");
    cJSON_Delete(params);
    if (expect(deep != NULL && huge != NULL, "out of memory")) {
        expect_validate_fails("10,000 levels deep", engine, BIRTH, deep, NULL,
                              DOORSTEP_ERR_INVALID_INPUT, "input.too_deep");
        expect_validate_fails("50 MB answer", engine, BIRTH, huge, NULL,
                              DOORSTEP_ERR_INVALID_INPUT, "input.too_large");
        params = last_params();
        expect(cJSON_GetNumberValue(cJSON_GetObjectItemCaseSensitive(params, "max")) == 1048576.0,
               "50 MB answer: params give the limit");
        cJSON_Delete(params);
        status = doorstep_engine_load(huge, NULL, &loaded);
        expect(status == DOORSTEP_ERR_INVALID_INPUT && loaded == kept,
               "50 MB catalogue: status %d", (int)status);
        expect_last_error("50 MB catalogue", DOORSTEP_ERR_INVALID_INPUT, "input.too_large");
        /* Linting reports an unreadable document as its one problem, not as a failure. */
        status = doorstep_catalog_lint(huge, NULL, "en", &out);
        expect(status == DOORSTEP_OK && array_size(out) == 1 &&
                   item_is(out, 0, "code", "input.too_large") && item_is(out, 0, "path", ""),
               "lint(50 MB catalogue): one problem, input.too_large at \"\"");
        if (status == DOORSTEP_OK) {
            doorstep_string_free(out);
        }
        out = &untouched;
    }
    expect_validate_fails("unknown lang", engine, BIRTH, "{}", "fr",
                          DOORSTEP_ERR_INVALID_ARGUMENT, "arg.unknown_lang");
    status = doorstep_engine_validate(engine, BIRTH, "{}", "2026-02-30", NULL, &out);
    expect(status == DOORSTEP_ERR_INVALID_ARGUMENT && out == &untouched,
           "impossible date: status %d", (int)status);
    expect_last_error("impossible date", DOORSTEP_ERR_INVALID_ARGUMENT, "arg.invalid_date");

    /* An invalid answer is not a failure, and a success clears the last error. */
    status = doorstep_engine_validate(engine, BIRTH, "[1, 2]", "2026-11-25", "en", &out);
    expect(status == DOORSTEP_OK && out != &untouched && strstr(out, "\"valid\":false") != NULL,
           "an answer that is not an object: DOORSTEP_OK with valid=false");
    if (status == DOORSTEP_OK) {
        doorstep_string_free(out);
    }
    out = &untouched;
    expect(doorstep_last_error_status() == DOORSTEP_OK && doorstep_last_error_code()[0] == '\0',
           "success clears the last error");
    params = last_params();
    expect(cJSON_IsObject(params) && cJSON_GetArraySize(params) == 0,
           "no last error: params {}");
    cJSON_Delete(params);

    /* The other calls check their arguments the same way. */
    status = doorstep_engine_matters(NULL, NULL, NULL, &out);
    expect(status == DOORSTEP_ERR_NULL_ARGUMENT && out == &untouched,
           "matters(NULL engine): status %d", (int)status);
    status = doorstep_engine_bundles(NULL, &out);
    expect(status == DOORSTEP_ERR_NULL_ARGUMENT && out == &untouched,
           "bundles(NULL engine): status %d", (int)status);
    status = doorstep_engine_find_bundles(NULL, NULL, NULL, &out);
    expect(status == DOORSTEP_ERR_NULL_ARGUMENT && out == &untouched,
           "find_bundles(NULL engine): status %d", (int)status);
    status = doorstep_engine_find_bundles(engine, NULL, NULL, NULL);
    expect(status == DOORSTEP_ERR_NULL_ARGUMENT, "find_bundles(NULL out): status %d", (int)status);
    status = doorstep_engine_form(NULL, BIRTH, NULL, &out);
    expect(status == DOORSTEP_ERR_NULL_ARGUMENT && out == &untouched,
           "form(NULL engine): status %d", (int)status);
    status = doorstep_engine_form(engine, NULL, NULL, &out);
    expect(status == DOORSTEP_ERR_NULL_ARGUMENT && out == &untouched,
           "form(NULL target): status %d", (int)status);
    status = doorstep_engine_form(engine, "{\"bundle\":\"NO-SUCH\"}", NULL, &out);
    expect(status == DOORSTEP_ERR_INVALID_ARGUMENT && out == &untouched,
           "form(unknown bundle): status %d", (int)status);
    status = doorstep_engine_materials(NULL, BIRTH, "{}", NULL, NULL, &out);
    expect(status == DOORSTEP_ERR_NULL_ARGUMENT && out == &untouched,
           "materials(NULL engine): status %d", (int)status);
    status = doorstep_engine_materials(engine, BIRTH, "{}", "{\"identity\":true}", NULL, &out);
    expect(status == DOORSTEP_ERR_INVALID_INPUT && out == &untouched,
           "materials(available not a list): status %d", (int)status);
    expect_last_error("materials(available not a list)", DOORSTEP_ERR_INVALID_INPUT,
                      "input.shape");
    status = doorstep_catalog_lint(NULL, NULL, NULL, &out);
    expect(status == DOORSTEP_ERR_NULL_ARGUMENT && out == &untouched,
           "lint(NULL): status %d", (int)status);
    status = doorstep_catalog_lint("{}", NULL, "fr", &out);
    expect(status == DOORSTEP_ERR_INVALID_ARGUMENT && out == &untouched,
           "lint(unknown lang): status %d", (int)status);
    status = doorstep_engine_load(NULL, NULL, &loaded);
    expect(status == DOORSTEP_ERR_NULL_ARGUMENT && loaded == kept,
           "load(NULL): status %d", (int)status);
    status = doorstep_engine_load(catalog, NULL, NULL);
    expect(status == DOORSTEP_ERR_NULL_ARGUMENT, "load(NULL out): status %d", (int)status);

    /* A catalogue that is not JSON, and one that fails lint, are refused. */
    status = doorstep_engine_load("{\"name\": ", "2026-11-25", &loaded);
    expect(status == DOORSTEP_ERR_INVALID_INPUT && loaded == kept,
           "load(malformed): status %d", (int)status);
    expect_last_error("load(malformed)", DOORSTEP_ERR_INVALID_INPUT, "input.malformed");
    status = doorstep_engine_load("{\"name\": \"x\"}", "2026-11-25", &loaded);
    expect(status == DOORSTEP_ERR_INVALID_INPUT && loaded == kept,
           "load(not a catalogue): status %d", (int)status);
    expect_last_error("load(not a catalogue)", DOORSTEP_ERR_INVALID_INPUT, "input.shape");

    free(deep);
    free(huge);
}

/* The mini catalogue with a matter's code duplicated: three lint problems. */
/* A NUL in an answer's text, written as the escape `\u0000` (which the fixtures reach C
 * through cJSON, whose strings end at a NUL, cannot carry): refused at its field as any
 * control character is (forms.json has the others). */
static void test_control_character(const doorstep_engine *engine) {
    char *out = NULL;
    cJSON *report = NULL, *errors;
    doorstep_status status = doorstep_engine_validate(
        engine, BIRTH,
        "{\"applicantName\":\"林\\u0000小红\",\"applicantId\":\"350205199003071239\","
        "\"applicantMobile\":\"13912345678\",\"childName\":\"林一一\","
        "\"childBirthDate\":\"2024-08-01\",\"childSex\":\"female\",\"married\":false,"
        "\"applyInsurance\":false}",
        "2026-11-25", NULL, &out);
    if (status == DOORSTEP_OK) {
        report = cJSON_Parse(out);
    }
    errors = cJSON_GetObjectItemCaseSensitive(report, "errors");
    expect(status == DOORSTEP_OK && cJSON_GetArraySize(errors) == 1 &&
               string_is(cJSON_GetArrayItem(errors, 0), "code", "form.control_character") &&
               string_is(cJSON_GetArrayItem(errors, 0), "path", "/applicantName"),
           "a NUL in a name: form.control_character at /applicantName (status %d: %s)",
           (int)status, out != NULL ? out : doorstep_last_error_code());
    cJSON_Delete(report);
    doorstep_string_free(out);
}

static void test_unlinted_catalogue(const char *catalog) {
    cJSON *doc = cJSON_Parse(catalog);
    cJSON *code = cJSON_CreateString("BIRTH-CERT");
    doorstep_engine *engine = NULL;
    char *text, *problems = NULL, *message = NULL;
    cJSON *params, *listed;
    doorstep_status status;
    int ok = doc != NULL && pointer_set(&doc, "/matters/1/code", code);
    cJSON_Delete(code);
    if (!expect(ok, "patching the catalogue")) {
        cJSON_Delete(doc);
        return;
    }
    text = cJSON_PrintUnformatted(doc);
    cJSON_Delete(doc);
    status = doorstep_engine_load(text, "2026-11-25", &engine);
    expect(status == DOORSTEP_ERR_INVALID_INPUT && engine == NULL,
           "a catalogue that fails lint is refused: status %d", (int)status);
    expect_last_error("catalogue fails lint", DOORSTEP_ERR_INVALID_INPUT,
                      "engine.catalog_invalid");
    if (doorstep_last_error_message("en", &message) == DOORSTEP_OK) {
        expect(strstr(message, "2") != NULL, "the message counts the problems: %s", message);
    }
    doorstep_string_free(message);
    params = last_params();
    status = doorstep_catalog_lint(text, "2026-11-25", "en", &problems);
    listed = status == DOORSTEP_OK ? cJSON_Parse(problems) : NULL;
    expect(cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(params, "problems")) == 2 &&
               cJSON_GetArraySize(listed) == 2,
           "the params and lint give the two problems");
    expect(string_is(cJSON_GetArrayItem(listed, 0), "path", "/matters/1/code"),
           "lint gives each problem's path");
    cJSON_Delete(params);
    cJSON_Delete(listed);
    doorstep_string_free(problems);
    doorstep_engine_free(engine);
    free(text);
}

static void test_queries(const doorstep_engine *engine) {
    const char *answer = "{\"married\": true}";
    char *out = NULL;
    doorstep_status status;

    status = doorstep_engine_matters(engine, NULL, "2026-11-25", &out);
    expect(status == DOORSTEP_OK && array_size(out) == 3, "matters(all)");
    doorstep_string_free(out);
    out = NULL;
    status = doorstep_engine_matters(engine, "户口", "2026-11-25", &out);
    expect(status == DOORSTEP_OK && array_size(out) == 1 && item_is(out, 0, "code", "HUKOU-BIRTH"),
           "matters(\"户口\")");
    doorstep_string_free(out);
    out = NULL;
    status = doorstep_engine_matters(engine, NULL, "1990-01-01", &out);
    expect(status == DOORSTEP_OK && array_size(out) == 0, "matters before any took effect");
    doorstep_string_free(out);
    out = NULL;
    status = doorstep_engine_bundles(engine, &out);
    expect(status == DOORSTEP_OK && array_size(out) == 1 && item_is(out, 0, "code", "birth") &&
               strstr(out, "\"conditional\":[\"MED-INSURE\"]") != NULL,
           "bundles, with the members that apply under a condition");
    doorstep_string_free(out);
    out = NULL;
    /* A search by a member's 检索词, and one in invalid UTF-8 (refused, nothing written). */
    status = doorstep_engine_find_bundles(engine, "报户口", "2026-11-25", &out);
    expect(status == DOORSTEP_OK && array_size(out) == 1 && item_is(out, 0, "code", "birth"),
           "find_bundles(\"报户口\")");
    doorstep_string_free(out);
    out = NULL;
    status = doorstep_engine_find_bundles(engine, "\xff", "2026-11-25", &out);
    expect(status == DOORSTEP_ERR_INVALID_UTF8 && out == NULL, "find_bundles(invalid UTF-8): %d",
           (int)status);
    status = doorstep_engine_form(engine, "{\"bundle\":\"birth\"}", "2026-11-25", &out);
    expect(status == DOORSTEP_OK && strstr(out, "\"fields\":[") != NULL &&
               strstr(out, "\"householdAddress\"") != NULL,
           "form(bundle): the merged form");
    doorstep_string_free(out);
    out = NULL;

    status = doorstep_engine_materials(engine, BIRTH, answer, NULL, "2026-11-25", &out);
    expect(status == DOORSTEP_OK && array_size(out) == 2 &&
               item_is(out, 0, "code", "applicant_id_card") &&
               item_is(out, 1, "code", "marriage_certificate"),
           "materials: the ID card, and the marriage certificate once married");
    doorstep_string_free(out);
    out = NULL;
    status = doorstep_engine_materials(engine, BIRTH, answer, "[\"identity\"]", "2026-11-25", &out);
    expect(status == DOORSTEP_OK && array_size(out) == 1 &&
               item_is(out, 0, "code", "marriage_certificate"),
           "materials: the ID card waived by shared identity data");
    doorstep_string_free(out);
}

#define SHARED "{\"identity\":{\"residentId\":\"350205199003071239\",\"name\":\"林小红\"}}"

/* A prefill that must fail with `status` / `code` and leave the out-parameter alone. */
static void expect_prefill_fails(const char *what, const doorstep_engine *engine,
                                 const char *target, const char *shared, const char *answer,
                                 const char *at, doorstep_status status, const char *code) {
    char untouched = 0;
    char *out = &untouched;
    doorstep_status got = doorstep_engine_prefill(engine, target, shared, answer, at, &out);
    expect(got == status, "prefill(%s): status %d, expected %d", what, (int)got, (int)status);
    expect(out == &untouched, "prefill(%s): the out-parameter was written on failure", what);
    expect_last_error(what, status, code);
}

/* Whether the JSON object `json` has the string member `key` equal to `want`. */
static int member_is(const char *json, const char *key, const char *want) {
    cJSON *object = cJSON_Parse(json);
    int same = cJSON_IsObject(object) && string_is(object, key, want);
    cJSON_Delete(object);
    return same;
}

/* Fields with a shared-data source are filled when empty, entered values kept, and the
 * filled answer validates; then the misuse of every argument. */
static void test_prefill(const doorstep_engine *engine, const char *catalog) {
    const char *id = "350205199003071239";
    cJSON *doc = cJSON_Parse(catalog);
    cJSON *example = cJSON_Duplicate(
        cJSON_GetObjectItemCaseSensitive(
            cJSON_GetObjectItemCaseSensitive(
                cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(doc, "matters"), 0), "form"),
            "example"),
        1);
    char *answer = NULL, *out = NULL, *report = NULL;
    cJSON *filled, *params;
    doorstep_status status;
    cJSON_Delete(doc);
    if (!expect(cJSON_IsObject(example) && string_is(example, "applicantId", id),
                "prefill: the example of BIRTH-CERT")) {
        cJSON_Delete(example);
        return;
    }

    /* The example without applicantId: filled from the shared identity, then valid. */
    cJSON_DeleteItemFromObjectCaseSensitive(example, "applicantId");
    answer = cJSON_PrintUnformatted(example);
    status = doorstep_engine_prefill(engine, BIRTH, SHARED, answer, "2026-11-25", &out);
    if (expect(status == DOORSTEP_OK, "prefill: status %d (%s)", (int)status,
               doorstep_last_error_code())) {
        filled = cJSON_Parse(out);
        cJSON_AddStringToObject(example, "applicantId", id);
        expect(cJSON_Compare(filled, example, 1), "prefill: the example with applicantId filled");
        cJSON_Delete(filled);
        status = doorstep_engine_validate(engine, BIRTH, out, "2026-11-25", NULL, &report);
        expect(status == DOORSTEP_OK && strstr(report, "\"valid\":true") != NULL,
               "prefill: the filled answer validates: %s", status == DOORSTEP_OK ? report : "");
        if (status == DOORSTEP_OK) {
            doorstep_string_free(report);
        }
        doorstep_string_free(out);
    }
    free(answer);
    cJSON_Delete(example);
    out = NULL;

    /* NULL answer is {}; an entered value is kept; blank text is empty. */
    status = doorstep_engine_prefill(engine, BIRTH, SHARED, NULL, "2026-11-25", &out);
    expect(status == DOORSTEP_OK && strcmp(out, "{\"applicantId\":\"350205199003071239\"}") == 0,
           "prefill(NULL answer): only the filled field: %s", status == DOORSTEP_OK ? out : "");
    if (status == DOORSTEP_OK) {
        doorstep_string_free(out);
    }
    out = NULL;
    status = doorstep_engine_prefill(engine, BIRTH, SHARED,
                                     "{\"applicantId\":\"11010519491231002X\"}", "2026-11-25", &out);
    expect(status == DOORSTEP_OK && member_is(out, "applicantId", "11010519491231002X"),
           "prefill: an entered value is kept");
    if (status == DOORSTEP_OK) {
        doorstep_string_free(out);
    }
    out = NULL;
    status = doorstep_engine_prefill(engine, "{\"bundle\":\"birth\"}", SHARED,
                                     "{\"applicantId\":\"  \"}", "2026-11-25", &out);
    expect(status == DOORSTEP_OK && member_is(out, "applicantId", id),
           "prefill(bundle): blank text is filled");
    if (status == DOORSTEP_OK) {
        doorstep_string_free(out);
    }
    out = NULL;
    status = doorstep_engine_prefill(engine, BIRTH, "{\"identity\":{\"name\":\"林小红\"}}",
                                     "{}", NULL, &out);
    expect(status == DOORSTEP_OK && strcmp(out, "{}") == 0,
           "prefill: a source the shared data lacks leaves the field empty");
    if (status == DOORSTEP_OK) {
        doorstep_string_free(out);
    }

    /* Misuse: NULL, malformed and wrong arguments, the out-parameter left alone. */
    expect_prefill_fails("NULL engine", NULL, BIRTH, SHARED, "{}", NULL,
                         DOORSTEP_ERR_NULL_ARGUMENT, "ffi.null_argument");
    expect_prefill_fails("NULL target", engine, NULL, SHARED, "{}", NULL,
                         DOORSTEP_ERR_NULL_ARGUMENT, "ffi.null_argument");
    expect_prefill_fails("NULL shared", engine, BIRTH, NULL, "{}", NULL,
                         DOORSTEP_ERR_NULL_ARGUMENT, "ffi.null_argument");
    params = last_params();
    expect(string_is(params, "name", "shared_json"), "prefill(NULL shared): params name it");
    cJSON_Delete(params);
    status = doorstep_engine_prefill(engine, BIRTH, SHARED, "{}", NULL, NULL);
    expect(status == DOORSTEP_ERR_NULL_ARGUMENT, "prefill(NULL out): status %d", (int)status);
    expect_prefill_fails("malformed shared", engine, BIRTH, "{\"identity\": ", "{}", NULL,
                         DOORSTEP_ERR_INVALID_INPUT, "input.malformed");
    expect_prefill_fails("malformed answer", engine, BIRTH, SHARED, "{\"applicantId\": ", NULL,
                         DOORSTEP_ERR_INVALID_INPUT, "input.malformed");
    expect_prefill_fails("shared not UTF-8", engine, BIRTH, "{\"identity\":\"\xff\"}", "{}", NULL,
                         DOORSTEP_ERR_INVALID_UTF8, "ffi.invalid_utf8");
    expect_prefill_fails("target not JSON", engine, "BIRTH-CERT", SHARED, "{}", NULL,
                         DOORSTEP_ERR_INVALID_INPUT, "input.malformed");
    expect_prefill_fails("unknown matter", engine, "{\"matter\":\"NO-SUCH\"}", SHARED, "{}", NULL,
                         DOORSTEP_ERR_INVALID_ARGUMENT, "engine.unknown_matter");
    expect_prefill_fails("impossible date", engine, BIRTH, SHARED, "{}", "2026-02-30",
                         DOORSTEP_ERR_INVALID_ARGUMENT, "arg.invalid_date");
}

/* One engine shared by many threads validating (and searching) at once: the same reports,
 * and each thread its own last error. */
static void *work(void *arg) {
    worker *w = arg;
    const forms *f = w->fixtures;
    const char *target = (w->index % 2 == 0) ? "{\"matter\":\"NO-SUCH\"}" : "{}";
    const char *code = (w->index % 2 == 0) ? "engine.unknown_matter" : "engine.target";
    int round, i;
    for (round = 0; round < ROUNDS; round++) {
        for (i = 0; i < f->count; i++) {
            const validation *v = &f->cases[i];
            char *json = NULL;
            char *wrong = NULL;
            if (doorstep_engine_validate(f->engine, target, "{}", NULL, NULL, &wrong) ==
                    DOORSTEP_OK ||
                strcmp(doorstep_last_error_code(), code) != 0) {
                w->failures++;
            }
            doorstep_string_free(wrong);
            /* A search on the same engine, between validations. */
            wrong = NULL;
            if (doorstep_engine_find_bundles(f->engine, "报户口", "2026-11-25", &wrong) !=
                    DOORSTEP_OK ||
                array_size(wrong) != 1 || !item_is(wrong, 0, "code", "birth")) {
                w->failures++;
            }
            doorstep_string_free(wrong);
            if (v->report == NULL) {
                continue; /* refused: checked once, in run_forms */
            }
            if (doorstep_engine_validate(v->engine, v->target, v->answer, v->at, v->lang,
                                         &json) != DOORSTEP_OK ||
                strcmp(json, v->report) != 0) {
                w->failures++;
            }
            doorstep_string_free(json);
        }
    }
    return NULL;
}

/* doorstep_engine_load_file: the catalogue by its path; a path to nothing, NULL. */
static void test_load_file(const char *dir) {
    char path[4096];
    doorstep_engine *engine = NULL;
    doorstep_status status;
    if (snprintf(path, sizeof path, "%s/" CATALOG, dir) >= (int)sizeof path) {
        expect(0, "load_file: path too long");
        return;
    }
    status = doorstep_engine_load_file(path, "2026-11-25", &engine);
    expect(status == DOORSTEP_OK && engine != NULL, "load_file " CATALOG ": status %d (%s)",
           (int)status, doorstep_last_error_code());
    doorstep_engine_free(engine);
    engine = NULL;
    status = doorstep_engine_load_file("/nonexistent/doorstep/catalog.json", NULL, &engine);
    expect(status == DOORSTEP_ERR_INVALID_ARGUMENT && engine == NULL,
           "load_file(missing): status %d", (int)status);
    expect_last_error("load_file(missing)", DOORSTEP_ERR_INVALID_ARGUMENT, "ffi.file");
    status = doorstep_engine_load_file(NULL, NULL, &engine);
    expect(status == DOORSTEP_ERR_NULL_ARGUMENT && engine == NULL, "load_file(NULL)");
}

int main(int argc, char **argv) {
    forms f = {0};
    char *catalog;
    doorstep_status status;
    int i;
    if (argc != 2) {
        fprintf(stderr, "usage: %s tests/fixtures\n", argv[0]);
        return 2;
    }
    catalog = catalog_text(argv[1]);
    if (expect(catalog != NULL, "%s/" CATALOG ": cannot read", argv[1])) {
        status = doorstep_engine_load(catalog, "2026-11-25", &f.engine);
        expect(status == DOORSTEP_OK && f.engine != NULL, "load " CATALOG ": status %d (%s)",
               (int)status, doorstep_last_error_code());
    }
    if (f.engine != NULL) {
        run_forms(argv[1], &f);
        test_misuse(f.engine, catalog);
        test_control_character(f.engine);
        test_queries(f.engine);
        test_prefill(f.engine, catalog);
        run_threads(work, &f);
    }
    run_lint(argv[1]);
    run_labels(argv[1]);
    run_queries(argv[1]);
    test_load_file(argv[1]);
    if (catalog != NULL) {
        test_unlinted_catalogue(catalog);
    }
    doorstep_engine_free(NULL);
    expect(1, "doorstep_engine_free(NULL)");

    for (i = 0; i < f.count; i++) {
        free(f.cases[i].target);
        free(f.cases[i].answer);
        free(f.cases[i].at);
        free(f.cases[i].lang);
        doorstep_string_free(f.cases[i].report);
    }
    free(f.cases);
    doorstep_engine_free(f.engine);
    for (i = 0; i < f.other_count; i++) {
        doorstep_engine_free(f.others[i].engine);
    }
    free(catalog);
    printf("c: %d passed, %d failed\n", passed, failed);
    return failed == 0 ? 0 : 1;
}
