/*
 * The shared authority fixtures (tests/fixtures/authority/stamps.json, ledgers.json), the
 * stamp ledger made and checked from C, and the misuse rules of the authority calls, run
 * through libdoorstep from C.
 *
 * Usage: test_authority PATH/TO/tests/fixtures
 * Prints one line per failure and, last, exactly "c: N passed, M failed"; exits non-zero
 * on any failure. Built by tests/c/run.sh (C99, -Wall -Wextra -Wpedantic -Werror) and run
 * under valgrind and AddressSanitizer.
 *
 * How the fixtures run (as the Rust suites do):
 * - Every catalogue a case names (input.catalog, a file under tests/fixtures) is loaded
 *   into an engine once, at LOADED_AT.
 * - stamps.json: input.stamp (an object, printed unformatted) or input.stampText (the text
 *   as it is) goes to doorstep_engine_verify_stamp; input.query to doorstep_engine_authorize;
 *   with input.lang.
 * - ledgers.json: input.lines joined by "\n" plus a final "\n" ("" for no lines), with
 *   input.head (printed) or NULL and input.lang, goes to doorstep_engine_verify_ledger;
 *   input.append to doorstep_ledger_append, whose result is {line, head};
 *   input.content (its UTF-8 bytes) to doorstep_content_digest, whose result is {digest}.
 * - A call that fails gives {"error": the last error's code}.
 * Matching rule: the one every suite uses (fixture_mismatches in harness.h): "failures",
 * "problems" and "errors" compare code lists, "chain" the chain's grant ids, "errorLines"
 * the problems' lines, "errorPaths" the errors' paths, every other key deep-equals; no
 * message in those lists is empty or quotes the trimmed input.value.
 */
#define _POSIX_C_SOURCE 200809L

#include "harness.h"

/* The date every catalogue is loaded (and its filled-in examples checked) at. */
#define LOADED_AT "2026-11-25"
/* At most this many catalogues in the fixtures. */
#define MAX_CATALOGS 8
/* The garbage ledgers of the bad-input checks. */
#define GARBAGE_BYTES (10u * 1024u * 1024u)

/* The engines of the catalogues the fixtures name, each loaded once. */
typedef struct {
    const char *dir;
    char *names[MAX_CATALOGS];
    doorstep_engine *engines[MAX_CATALOGS];
    int count;
} catalogs;

/* The engine for catalogue `name` (a file under the fixtures), loading it the first time;
 * NULL (and a failure counted) when it cannot be loaded. */
static const doorstep_engine *engine_for(catalogs *c, const char *name) {
    char path[4096];
    char *text;
    doorstep_engine *engine = NULL;
    doorstep_status status;
    int i;
    if (name == NULL) {
        return NULL;
    }
    for (i = 0; i < c->count; i++) {
        if (strcmp(c->names[i], name) == 0) {
            return c->engines[i];
        }
    }
    if (!expect(c->count < MAX_CATALOGS, "more than %d catalogues", MAX_CATALOGS)) {
        return NULL;
    }
    snprintf(path, sizeof path, "%s/%s", c->dir, name);
    text = read_file(path);
    if (!expect(text != NULL, "%s: cannot read", path)) {
        return NULL;
    }
    status = doorstep_engine_load(text, LOADED_AT, &engine);
    free(text);
    if (!expect(status == DOORSTEP_OK && engine != NULL, "load %s: status %d (%s)", name,
                (int)status, doorstep_last_error_code())) {
        return NULL;
    }
    c->names[c->count] = strdup(name);
    c->engines[c->count] = engine;
    c->count++;
    return engine;
}

static void free_catalogs(catalogs *c) {
    int i;
    for (i = 0; i < c->count; i++) {
        free(c->names[i]);
        doorstep_engine_free(c->engines[i]);
    }
}

/* What a fixture case calls. */
typedef enum { VERIFY_STAMP, AUTHORIZE, VERIFY_LEDGER, APPEND, DIGEST } call_kind;

/* One call of a fixture case, its arguments, and the text it returned the first time (for
 * the thread test). */
typedef struct {
    const char *name;
    call_kind kind;
    const doorstep_engine *engine;
    char *text;       /* the stamp, query, ledger, request or content */
    char *head;       /* verify_ledger's head_json, or NULL */
    const char *lang; /* borrowed from the fixture file, or NULL */
    char *result;     /* the JSON text of the first run, or {"error": code} */
} call;

/* Makes the call; writes what it returned (a string to free with doorstep_string_free) to
 * *out on DOORSTEP_OK. */
static doorstep_status perform(const call *c, char **out) {
    switch (c->kind) {
    case VERIFY_STAMP:
        return doorstep_engine_verify_stamp(c->engine, c->text, c->lang, out);
    case AUTHORIZE:
        return doorstep_engine_authorize(c->engine, c->text, c->lang, out);
    case VERIFY_LEDGER:
        return doorstep_engine_verify_ledger(c->engine, c->text, c->head, c->lang, out);
    case APPEND:
        return doorstep_ledger_append(c->text, out);
    case DIGEST:
        return doorstep_content_digest((const uint8_t *)c->text, strlen(c->text), out);
    }
    return DOORSTEP_ERR_INTERNAL;
}

/* The call's result as the fixtures see it, as JSON text (free it): what it returned (for a
 * digest, {"digest": hex}), or {"error": code} when it failed. NULL when it wrote its
 * out-parameter on failure. Counts nothing, so that threads may call it. */
static char *outcome(const call *c) {
    char untouched = 0;
    char *out = &untouched;
    doorstep_status status = perform(c, &out);
    cJSON *result;
    char *text;
    if (status != DOORSTEP_OK) {
        if (out != &untouched) {
            return NULL;
        }
        result = cJSON_CreateObject();
        cJSON_AddStringToObject(result, "error", doorstep_last_error_code());
    } else if (c->kind == DIGEST) {
        result = cJSON_CreateObject();
        cJSON_AddStringToObject(result, "digest", out);
        doorstep_string_free(out);
    } else {
        text = strdup(out);
        doorstep_string_free(out);
        return text;
    }
    text = cJSON_PrintUnformatted(result);
    cJSON_Delete(result);
    return text;
}

/* input.lines joined by "\n", each line ending with "\n" ("" for no lines); NULL when
 * input.lines is not a list of strings. */
static char *joined_lines(const cJSON *lines) {
    const cJSON *line;
    size_t size = 1, used = 0;
    char *text;
    if (!cJSON_IsArray(lines)) {
        return NULL;
    }
    cJSON_ArrayForEach(line, lines) {
        if (!cJSON_IsString(line)) {
            return NULL;
        }
        size += strlen(line->valuestring) + 1;
    }
    text = malloc(size);
    if (text == NULL) {
        return NULL;
    }
    cJSON_ArrayForEach(line, lines) {
        size_t n = strlen(line->valuestring);
        memcpy(text + used, line->valuestring, n);
        text[used + n] = '\n';
        used += n + 1;
    }
    text[used] = '\0';
    return text;
}

/* Sets up the call of one case of stamps.json or ledgers.json; 0 when the case is
 * malformed. */
static int prepare(call *c, catalogs *catalogs, const cJSON *input) {
    const cJSON *stamp = cJSON_GetObjectItemCaseSensitive(input, "stamp");
    const cJSON *query = cJSON_GetObjectItemCaseSensitive(input, "query");
    const cJSON *lines = cJSON_GetObjectItemCaseSensitive(input, "lines");
    const cJSON *head = cJSON_GetObjectItemCaseSensitive(input, "head");
    const cJSON *request = cJSON_GetObjectItemCaseSensitive(input, "append");
    const char *stamp_text = opt_string(input, "stampText");
    const char *content = opt_string(input, "content");
    c->lang = opt_string(input, "lang");
    if (request != NULL) {
        c->kind = APPEND;
        c->text = cJSON_PrintUnformatted(request);
        return c->text != NULL;
    }
    if (content != NULL) {
        c->kind = DIGEST;
        c->text = strdup(content);
        return c->text != NULL;
    }
    c->engine = engine_for(catalogs, opt_string(input, "catalog"));
    if (c->engine == NULL) {
        return 0;
    }
    if (stamp != NULL) {
        c->kind = VERIFY_STAMP;
        c->text = cJSON_PrintUnformatted(stamp);
    } else if (stamp_text != NULL) {
        c->kind = VERIFY_STAMP;
        c->text = strdup(stamp_text);
    } else if (query != NULL) {
        c->kind = AUTHORIZE;
        c->text = cJSON_PrintUnformatted(query);
    } else if (lines != NULL) {
        c->kind = VERIFY_LEDGER;
        c->text = joined_lines(lines);
        c->head = head == NULL || cJSON_IsNull(head) ? NULL : cJSON_PrintUnformatted(head);
    }
    return c->text != NULL;
}

/* The calls of every fixture case, for the thread test. */
typedef struct {
    call *calls;
    int count;
} fixtures;

/* Runs every case of the fixture file DIR/NAME, appending its calls to `f`. */
static void run_file(const char *dir, const char *name, catalogs *catalogs, fixtures *f,
                     cJSON *file) {
    const cJSON *cases = cJSON_GetObjectItemCaseSensitive(file, "cases");
    const cJSON *k;
    int n = cJSON_GetArraySize(cases);
    call *grown;
    if (!expect(cJSON_IsArray(cases) && n > 0, "%s/%s: no cases", dir, name)) {
        return;
    }
    grown = realloc(f->calls, (size_t)(f->count + n) * sizeof *f->calls);
    if (!expect(grown != NULL, "out of memory")) {
        return;
    }
    f->calls = grown;
    cJSON_ArrayForEach(k, cases) {
        const cJSON *input = cJSON_GetObjectItemCaseSensitive(k, "input");
        call *c = &f->calls[f->count];
        cJSON *actual;
        char *value;
        memset(c, 0, sizeof *c);
        c->name = opt_string(k, "name");
        if (!expect(c->name != NULL && prepare(c, catalogs, input), "%s: case %s: malformed",
                    name, c->name == NULL ? "(unnamed)" : c->name)) {
            free(c->text);
            free(c->head);
            continue;
        }
        f->count++;
        c->result = outcome(c);
        actual = c->result == NULL ? NULL : cJSON_Parse(c->result);
        if (expect(actual != NULL, "%s: no result, or not JSON (written on failure?)",
                   c->name)) {
            value = case_value(input);
            count_case(fixture_mismatches(c->name, value,
                                          cJSON_GetObjectItemCaseSensitive(k, "expected"),
                                          actual));
            free(value);
        }
        cJSON_Delete(actual);
    }
}

static void free_fixtures(fixtures *f) {
    int i;
    for (i = 0; i < f->count; i++) {
        free(f->calls[i].text);
        free(f->calls[i].head);
        free(f->calls[i].result);
    }
    free(f->calls);
}

/* ---- The ledger made and checked from C ---------------------------------------------- */

/* A valid stamp of catalog/authority.json for case `case_id`. */
static char *stamp_json(const char *case_id) {
    char text[1024];
    snprintf(text, sizeof text,
             "{\"seal\":\"seal-st1\",\"case\":\"%s\",\"matter\":\"MED-INSURE\",\"step\":\"decide\","
             "\"operator\":{\"id\":\"op-0101\",\"role\":\"back_office\"},"
             "\"place\":\"350205-001-01\",\"at\":\"2025-05-01T10:00:00+08:00\","
             "\"digest\":\"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08\"}",
             case_id);
    return strdup(text);
}

/* The JSON member `key` of the object `json`, printed (free it); NULL when absent. */
static char *member_text(const char *json, const char *key) {
    cJSON *object = cJSON_Parse(json);
    const cJSON *member = cJSON_GetObjectItemCaseSensitive(object, key);
    char *text = member == NULL ? NULL : cJSON_PrintUnformatted(member);
    cJSON_Delete(object);
    return text;
}

/* Appends a stamp for case `case_id` to the ledger `*ledger` (grown, "\n"-terminated lines)
 * whose head is `*head` (NULL: empty), replacing `*head` with the new head. */
static int append_stamp(const char *case_id, char **ledger, char **head) {
    char *stamp = stamp_json(case_id);
    char *request = malloc(strlen(stamp) + (*head == NULL ? 0 : strlen(*head)) + 32);
    char *out = NULL, *line = NULL, *grown;
    cJSON *parsed;
    doorstep_status status;
    int ok = 0;
    if (stamp == NULL || request == NULL) {
        free(stamp);
        free(request);
        return 0;
    }
    if (*head == NULL) {
        sprintf(request, "{\"stamp\":%s}", stamp);
    } else {
        sprintf(request, "{\"head\":%s,\"stamp\":%s}", *head, stamp);
    }
    status = doorstep_ledger_append(request, &out);
    if (expect(status == DOORSTEP_OK, "append %s: status %d (%s)", case_id, (int)status,
               doorstep_last_error_code())) {
        parsed = cJSON_Parse(out);
        line = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(parsed, "line"));
        grown = line == NULL ? NULL
                             : realloc(*ledger, strlen(*ledger) + strlen(line) + 2);
        if (grown != NULL) {
            strcat(grown, line);
            strcat(grown, "\n");
            *ledger = grown;
            free(*head);
            *head = member_text(out, "head");
            ok = *head != NULL;
        }
        cJSON_Delete(parsed);
        doorstep_string_free(out);
    }
    free(stamp);
    free(request);
    return ok;
}

/* Verifies `ledger` against `head` (NULL: none): the report, parsed (delete it). */
static cJSON *verify_ledger(const doorstep_engine *engine, const char *ledger, const char *head) {
    char *out = NULL;
    cJSON *report = NULL;
    doorstep_status status = doorstep_engine_verify_ledger(engine, ledger, head, "en", &out);
    if (expect(status == DOORSTEP_OK, "verify_ledger: status %d (%s)", (int)status,
               doorstep_last_error_code())) {
        report = cJSON_Parse(out);
        doorstep_string_free(out);
    }
    return report;
}

/* Whether the report is valid:false with exactly the problem codes/lines given in `want`
 * ("code@line,code@line"). */
static int problems_are(const cJSON *report, const char *want) {
    const cJSON *problem;
    char got[1024] = "";
    size_t used = 0;
    cJSON_ArrayForEach(problem, cJSON_GetObjectItemCaseSensitive(report, "problems")) {
        const char *code = opt_string(problem, "code");
        const cJSON *line = cJSON_GetObjectItemCaseSensitive(problem, "line");
        int n = snprintf(got + used, sizeof got - used, "%s%s@%d", used == 0 ? "" : ",",
                         code == NULL ? "?" : code,
                         cJSON_IsNumber(line) ? (int)line->valuedouble : -1);
        if (n < 0 || (size_t)n >= sizeof got - used) {
            break;
        }
        used += (size_t)n;
    }
    if (strcmp(got, want) != 0) {
        printf("  problems: %s, expected %s\n", got, want);
    }
    return cJSON_IsFalse(cJSON_GetObjectItemCaseSensitive(report, "valid")) &&
           strcmp(got, want) == 0;
}

static void test_ledger_round_trip(const doorstep_engine *engine) {
    char *ledger = calloc(1, 1);
    char *head = NULL;
    char *changed, *at;
    cJSON *report;
    int ok = ledger != NULL && append_stamp("HC-2025-000001", &ledger, &head) &&
             append_stamp("HC-2025-000002", &ledger, &head) &&
             append_stamp("HC-2025-000003", &ledger, &head);
    if (!expect(ok, "three stamps appended")) {
        free(ledger);
        free(head);
        return;
    }
    report = verify_ledger(engine, ledger, head);
    expect(cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(report, "valid")) &&
               cJSON_GetNumberValue(cJSON_GetObjectItemCaseSensitive(report, "entries")) == 3.0,
           "the appended ledger verifies against its head");
    cJSON_Delete(report);

    /* One byte changed on line 2: found there. */
    changed = strdup(ledger);
    at = changed == NULL ? NULL : strstr(changed, "HC-2025-000002");
    if (expect(at != NULL, "the second case in the ledger")) {
        at[strlen("HC-2025-00000")] = '9';
        report = verify_ledger(engine, changed, head);
        expect(problems_are(report, "ledger.hash_mismatch@2"), "one byte changed: line 2");
        cJSON_Delete(report);
    }
    free(changed);

    /* The last line cut off: only the kept head notices. */
    changed = strdup(ledger);
    if (expect(changed != NULL, "out of memory")) {
        at = strstr(changed, "\n");
        at = at == NULL ? NULL : strstr(at + 1, "\n");
        if (expect(at != NULL, "two lines")) {
            at[1] = '\0';
            report = verify_ledger(engine, changed, NULL);
            expect(cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(report, "valid")),
                   "two lines, no head: valid");
            cJSON_Delete(report);
            report = verify_ledger(engine, changed, head);
            expect(problems_are(report, "ledger.head_mismatch@2"), "two lines, head of three");
            cJSON_Delete(report);
            /* A line cut in half: unreadable. */
            at[-10] = '\n';
            at[-9] = '\0';
            report = verify_ledger(engine, changed, NULL);
            expect(problems_are(report, "ledger.malformed@2"), "truncated line: malformed");
            cJSON_Delete(report);
        }
    }
    free(changed);

    report = verify_ledger(engine, "", NULL);
    expect(cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(report, "valid")) &&
               cJSON_GetNumberValue(cJSON_GetObjectItemCaseSensitive(report, "entries")) == 0.0,
           "an empty ledger is valid");
    cJSON_Delete(report);
    free(ledger);
    free(head);
}

static void test_digest(void) {
    char *out = NULL;
    doorstep_status status = doorstep_content_digest((const uint8_t *)"test", 4, &out);
    expect(status == DOORSTEP_OK &&
               strcmp(out, "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08") ==
                   0,
           "digest(\"test\")");
    if (status == DOORSTEP_OK) {
        doorstep_string_free(out);
    }
    out = NULL;
    status = doorstep_content_digest(NULL, 0, &out);
    expect(status == DOORSTEP_OK &&
               strcmp(out, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855") ==
                   0,
           "digest(NULL, 0): the empty content");
    if (status == DOORSTEP_OK) {
        doorstep_string_free(out);
    }
    out = NULL;
    /* Bytes with NULs and high bits: hashed as they are. */
    status = doorstep_content_digest((const uint8_t *)"\0\xff\0", 3, &out);
    expect(status == DOORSTEP_OK && strlen(out) == 64, "digest of binary content");
    if (status == DOORSTEP_OK) {
        doorstep_string_free(out);
    }
}

/* ---- Misuse -------------------------------------------------------------------------- */

/* A call that must fail with `status` / `code`, leave the out-parameter alone, and say why. */
static void expect_fails(const char *what, const call *c, doorstep_status status,
                         const char *code) {
    char untouched = 0;
    char *out = &untouched;
    doorstep_status got = perform(c, &out);
    expect(got == status, "%s: status %d, expected %d", what, (int)got, (int)status);
    expect(out == &untouched, "%s: the out-parameter was written on failure", what);
    if (got == DOORSTEP_OK && out != &untouched) {
        doorstep_string_free(out);
    }
    expect_last_error(what, status, code);
}

/* The same with a NULL out-parameter. */
static void expect_null_out_fails(const char *what, const call *c) {
    doorstep_status got = perform(c, NULL);
    expect(got == DOORSTEP_ERR_NULL_ARGUMENT, "%s (NULL out): status %d", what, (int)got);
    expect_last_error(what, DOORSTEP_ERR_NULL_ARGUMENT, "ffi.null_argument");
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

/* A call with its kind and arguments. */
static call make(call_kind kind, const doorstep_engine *engine, const char *text,
                 const char *head, const char *lang) {
    call c;
    memset(&c, 0, sizeof c);
    c.name = "misuse";
    c.kind = kind;
    c.engine = engine;
    c.text = (char *)text; /* never freed: the misuse calls own nothing */
    c.head = (char *)head;
    c.lang = lang;
    return c;
}

#define QUERY                                                                                  \
    "{\"org\":\"350205-001-01\",\"matter\":\"MED-INSURE\",\"step\":\"decide\","               \
    "\"at\":\"2025-05-01T10:00:00+08:00\"}"
#define HEAD "{\"entries\":0,\"hash\":\"0000000000000000000000000000000000000000000000000000000000000000\"}"

/* Fills `n` bytes of `text` with pseudo-random bytes, never NUL (printable ASCII, or any
 * byte), with a newline about every 512 bytes when asked, and terminates it. */
static void garbage(char *text, size_t n, int with_newlines, int printable) {
    unsigned long state = 20251126ul;
    size_t i;
    for (i = 0; i < n; i++) {
        state = (state * 1103515245ul + 12345ul) & 0x7ffffffful;
        if (with_newlines && (state >> 8) % 512 == 0) {
            text[i] = '\n';
        } else if (printable) {
            text[i] = (char)(0x20 + (state >> 16) % 95);
        } else {
            text[i] = (char)(1 + (state >> 16) % 255); /* no NUL */
        }
    }
    text[n] = '\0';
}

/* doorstep::input::MAX_LINE_ERRORS: the most problems a ledger report lists one by one. */
#define MAX_LINE_ERRORS 10000

static void test_garbage_ledgers(const doorstep_engine *engine) {
    char *text = malloc(GARBAGE_BYTES + 1);
    char *out = NULL;
    cJSON *report;
    const cJSON *problem;
    size_t lines = 1, i;
    int all_coded = 1, count = 0;
    doorstep_status status;
    if (!expect(text != NULL, "out of memory")) {
        return;
    }

    /* 10 MB of printable garbage in lines, about 20,000: every line a problem, nothing read;
     * the first MAX_LINE_ERRORS listed, the rest counted in one ledger.too_many_problems. */
    garbage(text, GARBAGE_BYTES, 1, 1);
    for (i = 0; i + 1 < GARBAGE_BYTES; i++) {
        lines += text[i] == '\n';
    }
    status = doorstep_engine_verify_ledger(engine, text, NULL, "en", &out);
    if (expect(status == DOORSTEP_OK, "10 MB of garbage lines: status %d (%s)", (int)status,
               doorstep_last_error_code())) {
        const cJSON *summary = NULL;
        double omitted = -1;
        report = cJSON_Parse(out);
        doorstep_string_free(out);
        out = NULL;
        cJSON_ArrayForEach(problem, cJSON_GetObjectItemCaseSensitive(report, "problems")) {
            const char *code = opt_string(problem, "code");
            if (++count > MAX_LINE_ERRORS) {
                summary = problem;
                continue;
            }
            all_coded = all_coded && code != NULL &&
                        (strcmp(code, "ledger.malformed") == 0 ||
                         strcmp(code, "ledger.too_large") == 0);
        }
        if (summary != NULL && opt_string(summary, "code") != NULL &&
            strcmp(opt_string(summary, "code"), "ledger.too_many_problems") == 0) {
            omitted = cJSON_GetNumberValue(cJSON_GetObjectItemCaseSensitive(
                cJSON_GetObjectItemCaseSensitive(summary, "params"), "omitted"));
        }
        expect(cJSON_IsFalse(cJSON_GetObjectItemCaseSensitive(report, "valid")) &&
                   cJSON_GetNumberValue(cJSON_GetObjectItemCaseSensitive(report, "entries")) ==
                       0.0 &&
                   lines > MAX_LINE_ERRORS && count == MAX_LINE_ERRORS + 1 && all_coded &&
                   omitted == (double)(lines - MAX_LINE_ERRORS),
               "10 MB of garbage lines: %d problems for %lu lines, the first %d ledger.malformed "
               "or ledger.too_large, then ledger.too_many_problems omitting %.0f",
               count, (unsigned long)lines, MAX_LINE_ERRORS, omitted);
        cJSON_Delete(report);
    }

    /* One 10 MB line: over the line limit. */
    garbage(text, GARBAGE_BYTES, 0, 1);
    status = doorstep_engine_verify_ledger(engine, text, NULL, NULL, &out);
    if (expect(status == DOORSTEP_OK, "one 10 MB line: status %d", (int)status)) {
        report = cJSON_Parse(out);
        doorstep_string_free(out);
        out = NULL;
        expect(problems_are(report, "ledger.too_large@1"), "one 10 MB line: ledger.too_large");
        cJSON_Delete(report);
    }

    /* 10 MB of random bytes: not UTF-8 text. */
    garbage(text, GARBAGE_BYTES, 1, 0);
    {
        call c = make(VERIFY_LEDGER, engine, text, NULL, NULL);
        expect_fails("10 MB of random bytes", &c, DOORSTEP_ERR_INVALID_UTF8, "ffi.invalid_utf8");
    }
    free(text);
}

static void test_misuse(const doorstep_engine *engine) {
    char *stamp = stamp_json("HC-2025-000001");
    char *request = malloc(strlen(stamp == NULL ? "" : stamp) + 16);
    char *huge = malloc(20000);
    char untouched = 0;
    char *out = &untouched;
    doorstep_status status;
    call c;
    if (!expect(stamp != NULL && request != NULL && huge != NULL, "out of memory")) {
        free(stamp);
        free(request);
        free(huge);
        return;
    }
    sprintf(request, "{\"stamp\":%s}", stamp);
    memset(huge, ' ', 19999);
    huge[0] = '{';
    huge[19997] = '}';
    huge[19998] = '\0';

    /* NULL in every pointer argument. */
    c = make(VERIFY_STAMP, NULL, stamp, NULL, NULL);
    expect_fails("verify_stamp(NULL engine)", &c, DOORSTEP_ERR_NULL_ARGUMENT, "ffi.null_argument");
    expect(params_name("engine"), "verify_stamp(NULL engine): params name it");
    c = make(VERIFY_STAMP, engine, NULL, NULL, NULL);
    expect_fails("verify_stamp(NULL stamp)", &c, DOORSTEP_ERR_NULL_ARGUMENT, "ffi.null_argument");
    expect(params_name("stamp_json"), "verify_stamp(NULL stamp): params name it");
    c = make(VERIFY_STAMP, engine, stamp, NULL, NULL);
    expect_null_out_fails("verify_stamp", &c);
    c = make(AUTHORIZE, NULL, QUERY, NULL, NULL);
    expect_fails("authorize(NULL engine)", &c, DOORSTEP_ERR_NULL_ARGUMENT, "ffi.null_argument");
    c = make(AUTHORIZE, engine, NULL, NULL, NULL);
    expect_fails("authorize(NULL query)", &c, DOORSTEP_ERR_NULL_ARGUMENT, "ffi.null_argument");
    expect(params_name("query_json"), "authorize(NULL query): params name it");
    c = make(AUTHORIZE, engine, QUERY, NULL, NULL);
    expect_null_out_fails("authorize", &c);
    c = make(VERIFY_LEDGER, NULL, "", NULL, NULL);
    expect_fails("verify_ledger(NULL engine)", &c, DOORSTEP_ERR_NULL_ARGUMENT,
                 "ffi.null_argument");
    c = make(VERIFY_LEDGER, engine, NULL, HEAD, NULL);
    expect_fails("verify_ledger(NULL ledger)", &c, DOORSTEP_ERR_NULL_ARGUMENT,
                 "ffi.null_argument");
    expect(params_name("ledger_text"), "verify_ledger(NULL ledger): params name it");
    c = make(VERIFY_LEDGER, engine, "", HEAD, NULL);
    expect_null_out_fails("verify_ledger", &c);
    c = make(APPEND, NULL, NULL, NULL, NULL);
    expect_fails("append(NULL request)", &c, DOORSTEP_ERR_NULL_ARGUMENT, "ffi.null_argument");
    expect(params_name("request_json"), "append(NULL request): params name it");
    c = make(APPEND, NULL, request, NULL, NULL);
    expect_null_out_fails("append", &c);
    c = make(DIGEST, NULL, "test", NULL, NULL);
    expect_null_out_fails("digest", &c);
    status = doorstep_content_digest(NULL, 4, &out);
    expect(status == DOORSTEP_ERR_NULL_ARGUMENT && out == &untouched,
           "digest(NULL bytes, 4): status %d", (int)status);
    expect_last_error("digest(NULL bytes, 4)", DOORSTEP_ERR_NULL_ARGUMENT, "ffi.null_argument");
    expect(params_name("bytes"), "digest(NULL bytes, 4): params name it");

    /* The optional pointers: NULL lang is zh-CN, NULL head no kept head. */
    c = make(VERIFY_LEDGER, engine, "", NULL, NULL);
    out = NULL;
    status = perform(&c, &out);
    expect(status == DOORSTEP_OK && strstr(out, "\"valid\":true") != NULL,
           "verify_ledger(\"\", NULL head, NULL lang): valid");
    if (status == DOORSTEP_OK) {
        doorstep_string_free(out);
    }
    out = &untouched;

    /* Invalid UTF-8 in every string argument. */
    c = make(VERIFY_STAMP, engine, "{\"seal\":\"\xff\"}", NULL, NULL);
    expect_fails("verify_stamp(stamp not UTF-8)", &c, DOORSTEP_ERR_INVALID_UTF8,
                 "ffi.invalid_utf8");
    expect(params_name("stamp_json"), "verify_stamp(stamp not UTF-8): params name it");
    c = make(VERIFY_STAMP, engine, stamp, NULL, "zh\xe4\xb8");
    expect_fails("verify_stamp(lang not UTF-8)", &c, DOORSTEP_ERR_INVALID_UTF8,
                 "ffi.invalid_utf8");
    expect(params_name("lang"), "verify_stamp(lang not UTF-8): params name it");
    c = make(AUTHORIZE, engine, "{\"org\":\"\xc3\x28\"}", NULL, NULL);
    expect_fails("authorize(query not UTF-8)", &c, DOORSTEP_ERR_INVALID_UTF8,
                 "ffi.invalid_utf8");
    c = make(AUTHORIZE, engine, QUERY, NULL, "\xff");
    expect_fails("authorize(lang not UTF-8)", &c, DOORSTEP_ERR_INVALID_UTF8, "ffi.invalid_utf8");
    c = make(VERIFY_LEDGER, engine, "\xfe\n", NULL, NULL);
    expect_fails("verify_ledger(ledger not UTF-8)", &c, DOORSTEP_ERR_INVALID_UTF8,
                 "ffi.invalid_utf8");
    c = make(VERIFY_LEDGER, engine, "", "{\"hash\":\"\xff\"}", NULL);
    expect_fails("verify_ledger(head not UTF-8)", &c, DOORSTEP_ERR_INVALID_UTF8,
                 "ffi.invalid_utf8");
    expect(params_name("head_json"), "verify_ledger(head not UTF-8): params name it");
    c = make(VERIFY_LEDGER, engine, "", NULL, "e\xffn");
    expect_fails("verify_ledger(lang not UTF-8)", &c, DOORSTEP_ERR_INVALID_UTF8,
                 "ffi.invalid_utf8");
    c = make(APPEND, NULL, "{\"stamp\":\"\xff\"}", NULL, NULL);
    expect_fails("append(request not UTF-8)", &c, DOORSTEP_ERR_INVALID_UTF8, "ffi.invalid_utf8");

    /* Truncated JSON. */
    stamp[strlen(stamp) / 2] = '\0';
    c = make(VERIFY_STAMP, engine, stamp, NULL, NULL);
    expect_fails("verify_stamp(truncated)", &c, DOORSTEP_ERR_INVALID_INPUT, "input.malformed");
    c = make(AUTHORIZE, engine, "{\"org\":\"350205-001-01\",\"matter\":", NULL, NULL);
    expect_fails("authorize(truncated)", &c, DOORSTEP_ERR_INVALID_INPUT, "input.malformed");
    c = make(VERIFY_LEDGER, engine, "", "{\"entries\":0,", NULL);
    expect_fails("verify_ledger(truncated head)", &c, DOORSTEP_ERR_INVALID_INPUT,
                 "input.malformed");
    request[strlen(request) - 5] = '\0';
    c = make(APPEND, NULL, request, NULL, NULL);
    expect_fails("append(truncated)", &c, DOORSTEP_ERR_INVALID_INPUT, "input.malformed");

    /* JSON of the wrong shape, too large, an unknown lang. */
    c = make(VERIFY_STAMP, engine, "{}", NULL, NULL);
    expect_fails("verify_stamp({})", &c, DOORSTEP_ERR_INVALID_INPUT, "input.shape");
    c = make(VERIFY_STAMP, engine, huge, NULL, NULL);
    expect_fails("verify_stamp(20 KB)", &c, DOORSTEP_ERR_INVALID_INPUT, "input.too_large");
    c = make(AUTHORIZE, engine,
             "{\"org\":\"x\",\"matter\":\"y\",\"step\":\"sign\",\"at\":\"2025-05-01T10:00:00+08:00\"}",
             NULL, NULL);
    expect_fails("authorize(unknown step)", &c, DOORSTEP_ERR_INVALID_INPUT, "input.shape");
    c = make(VERIFY_LEDGER, engine, "", "{\"entries\":\"one\",\"hash\":\"\"}", NULL);
    expect_fails("verify_ledger(head of the wrong shape)", &c, DOORSTEP_ERR_INVALID_INPUT,
                 "input.shape");
    c = make(APPEND, NULL, "{\"alg\":\"md5\"}", NULL, NULL);
    expect_fails("append(unknown alg)", &c, DOORSTEP_ERR_INVALID_INPUT, "input.shape");
    c = make(VERIFY_STAMP, engine, "{}", NULL, "fr");
    expect_fails("verify_stamp(unknown lang)", &c, DOORSTEP_ERR_INVALID_ARGUMENT,
                 "arg.unknown_lang");
    c = make(AUTHORIZE, engine, QUERY, NULL, "fr");
    expect_fails("authorize(unknown lang)", &c, DOORSTEP_ERR_INVALID_ARGUMENT,
                 "arg.unknown_lang");
    c = make(VERIFY_LEDGER, engine, "", NULL, "fr");
    expect_fails("verify_ledger(unknown lang)", &c, DOORSTEP_ERR_INVALID_ARGUMENT,
                 "arg.unknown_lang");

    /* A success clears the last error; an unknown matter is a verdict, not a failure. */
    c = make(AUTHORIZE, engine,
             "{\"org\":\"350205-001-01\",\"matter\":\"NO-SUCH\",\"step\":\"decide\","
             "\"at\":\"2025-05-01T10:00:00+08:00\"}",
             NULL, "en");
    out = NULL;
    status = perform(&c, &out);
    expect(status == DOORSTEP_OK && strstr(out, "\"valid\":false") != NULL &&
               strstr(out, "stamp.unknown_matter") != NULL,
           "authorize(unknown matter): a verdict");
    if (status == DOORSTEP_OK) {
        doorstep_string_free(out);
    }
    expect(doorstep_last_error_status() == DOORSTEP_OK && doorstep_last_error_code()[0] == '\0',
           "success clears the last error");

    test_garbage_ledgers(engine);
    free(stamp);
    free(request);
    free(huge);
}

/* ---- Threads ------------------------------------------------------------------------- */

/* One engine shared by many threads running every case at once: the same results, and each
 * thread its own last error. */
static void *work(void *arg) {
    worker *w = arg;
    const fixtures *f = w->fixtures;
    const char *code;
    const char *wrong = wrong_document(w, &code);
    int round, i;
    for (round = 0; round < ROUNDS; round++) {
        for (i = 0; i < f->count; i++) {
            const call *c = &f->calls[i];
            char *result;
            char *out = NULL;
            if (c->engine != NULL) {
                if (doorstep_engine_verify_stamp(c->engine, wrong, NULL, &out) == DOORSTEP_OK ||
                    strcmp(doorstep_last_error_code(), code) != 0) {
                    w->failures++;
                }
            }
            result = outcome(c);
            if (result == NULL || c->result == NULL || strcmp(result, c->result) != 0) {
                w->failures++;
            }
            free(result);
        }
    }
    return NULL;
}

int main(int argc, char **argv) {
    catalogs catalogs;
    fixtures f = {NULL, 0};
    cJSON *stamps, *ledgers;
    const doorstep_engine *engine;
    if (argc != 2) {
        fprintf(stderr, "usage: %s tests/fixtures\n", argv[0]);
        return 2;
    }
    memset(&catalogs, 0, sizeof catalogs);
    catalogs.dir = argv[1];

    stamps = load_json(argv[1], "authority/stamps.json");
    if (expect(stamps != NULL, "%s/authority/stamps.json: cannot read", argv[1])) {
        run_file(argv[1], "authority/stamps.json", &catalogs, &f, stamps);
    }
    ledgers = load_json(argv[1], "authority/ledgers.json");
    if (expect(ledgers != NULL, "%s/authority/ledgers.json: cannot read", argv[1])) {
        run_file(argv[1], "authority/ledgers.json", &catalogs, &f, ledgers);
    }

    engine = engine_for(&catalogs, "catalog/authority.json");
    if (engine != NULL) {
        test_ledger_round_trip(engine);
        test_misuse(engine);
    }
    test_digest();
    if (f.count > 0) {
        run_threads(work, &f);
    }

    free_fixtures(&f);
    free_catalogs(&catalogs);
    cJSON_Delete(stamps);
    cJSON_Delete(ledgers);
    printf("c: %d passed, %d failed\n", passed, failed);
    return failed == 0 ? 0 : 1;
}
