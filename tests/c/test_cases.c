/*
 * The shared case and calendar fixtures (tests/fixtures/cases.json, calendar.json), replay
 * of stored events, the misuse rules of the case and calendar calls, and one engine driven
 * from 8 threads at once, run through libdoorstep from C.
 *
 * Usage: test_cases PATH/TO/tests/fixtures
 * Prints one line per failure and, last, exactly "c: N passed, M failed"; exits non-zero
 * on any failure. Built by tests/c/run.sh (C99, -Wall -Wextra -Wpedantic -Werror, -pthread)
 * and run under valgrind and AddressSanitizer.
 *
 * How the fixtures run (as the Rust suites do):
 * - calendar.json (core/tests/calendar.rs): the case's input without its "lang" is the
 *   query of doorstep_calendar_query, input.lang its lang; the result is the report.
 *   With input.catalog, it goes (also without "catalog" and "patch") to
 *   doorstep_engine_calendar_query on an engine over input.catalog with input.patch applied,
 *   loaded at the file's "loadAt".
 * - cases.json (cases_fixtures in core/tests/case.rs): input.patch ([{"op": "set", "path":
 *   JSON Pointer, "value"}]) is applied to the catalogue input.catalog, which is loaded at
 *   CASES_LOADED_AT. Each step {command, context} is decided with doorstep_case_decide
 *   against the case so far (null at first): a refusal's outcome is its error code, an
 *   acceptance without events "noop", otherwise each event is applied with
 *   doorstep_case_evolve and the outcome is "ok". The result is {"outcomes", "status" and
 *   "version" of the case (null when there is none), "replayed": whether
 *   doorstep_case_replay over all the events, as JSON Lines, rebuilt the same case (and
 *   refused none)}, with "due", "light" and "escalation" of doorstep_case_deadline on
 *   input.now when it has a running deadline, and "actions" of doorstep_case_actions for the
 *   context input.actionsFor.
 * Matching rule: the one every suite uses (fixture_mismatches in harness.h).
 *
 * Under valgrind (which runs threads one at a time) the thread test makes fewer rounds.
 */
#define _POSIX_C_SOURCE 200809L

#include "harness.h"

#include <valgrind/valgrind.h>

/* The date the cases' catalogues are loaded (and their examples checked) at. */
#define CASES_LOADED_AT "2025-01-01"
/* The garbage event streams of the bad-input checks. */
#define GARBAGE_BYTES (10u * 1024u * 1024u)
/* The threads sharing one engine. */
#define SHARED_THREADS 8
/* Rounds over the thread test's calls, per thread: fewer under valgrind. */
#define SHARED_ROUNDS 6
#define SHARED_ROUNDS_VALGRIND 1

/* ---- Calls --------------------------------------------------------------------------- */

/* What a call calls. */
typedef enum {
    DECIDE,
    EVOLVE,
    ACTIONS,
    DEADLINE,
    REPLAY,
    CALENDAR,
    ENGINE_CALENDAR,
    VALIDATE,
    VERIFY_STAMP
} call_kind;

/* One call and its arguments (borrowed), and, for the thread test, the text it returned in
 * the single-threaded run (owned). */
typedef struct {
    call_kind kind;
    const doorstep_engine *engine;
    const char *text;  /* the request, events, query, target or stamp */
    const char *text2; /* validate's answer */
    const char *lang;
    char *result;
} call;

/* The date validate checks answers at. */
#define VALIDATE_AT "2025-10-09"

static call make(call_kind kind, const doorstep_engine *engine, const char *text,
                 const char *lang) {
    call c;
    memset(&c, 0, sizeof c);
    c.kind = kind;
    c.engine = engine;
    c.text = text;
    c.lang = lang;
    return c;
}

/* Makes the call; writes what it returned to *out on DOORSTEP_OK. */
static doorstep_status perform(const call *c, char **out) {
    switch (c->kind) {
    case DECIDE:
        return doorstep_case_decide(c->engine, c->text, c->lang, out);
    case EVOLVE:
        return doorstep_case_evolve(c->text, c->lang, out);
    case ACTIONS:
        return doorstep_case_actions(c->engine, c->text, out);
    case DEADLINE:
        return doorstep_case_deadline(c->engine, c->text, out);
    case REPLAY:
        return doorstep_case_replay(c->engine, c->text, c->lang, out);
    case CALENDAR:
        return doorstep_calendar_query(c->text, c->lang, out);
    case ENGINE_CALENDAR:
        return doorstep_engine_calendar_query(c->engine, c->text, c->lang, out);
    case VALIDATE:
        return doorstep_engine_validate(c->engine, c->text, c->text2, VALIDATE_AT, c->lang, out);
    case VERIFY_STAMP:
        return doorstep_engine_verify_stamp(c->engine, c->text, c->lang, out);
    }
    return DOORSTEP_ERR_INTERNAL;
}

/* The call's result as JSON text (free it): what it returned, or {"error": code} when it
 * failed. NULL when it wrote its out-parameter on failure. Counts nothing, so that threads
 * may call it. */
static char *outcome(const call *c) {
    char untouched = 0;
    char *out = &untouched;
    doorstep_status status = perform(c, &out);
    cJSON *result;
    char *text;
    if (status == DOORSTEP_OK) {
        text = strdup(out);
        doorstep_string_free(out);
        return text;
    }
    if (out != &untouched) {
        return NULL;
    }
    result = cJSON_CreateObject();
    cJSON_AddStringToObject(result, "error", doorstep_last_error_code());
    text = cJSON_PrintUnformatted(result);
    cJSON_Delete(result);
    return text;
}

/* The call's result, parsed (delete it); NULL, with a failure counted, when the call failed
 * or its result is not JSON. */
static cJSON *result_of(const char *what, const call *c) {
    char *out = NULL;
    cJSON *json = NULL;
    doorstep_status status = perform(c, &out);
    if (expect(status == DOORSTEP_OK, "%s: status %d (%s)", what, (int)status,
               doorstep_last_error_code())) {
        json = cJSON_Parse(out);
        doorstep_string_free(out);
        expect(json != NULL, "%s: the result is not JSON", what);
    }
    return json;
}

/* An object of the given members (each a new item, or NULL for null), printed (free it). */
static char *request2(const char *k1, cJSON *v1, const char *k2, cJSON *v2) {
    cJSON *object = cJSON_CreateObject();
    char *text;
    cJSON_AddItemToObject(object, k1, v1 == NULL ? cJSON_CreateNull() : v1);
    cJSON_AddItemToObject(object, k2, v2 == NULL ? cJSON_CreateNull() : v2);
    text = cJSON_PrintUnformatted(object);
    cJSON_Delete(object);
    return text;
}

/* A copy of `item` (NULL stays NULL). */
static cJSON *dup(const cJSON *item) {
    return item == NULL ? NULL : cJSON_Duplicate(item, 1);
}

/* ---- calendar.json ------------------------------------------------------------------- */

static void run_calendar(const char *dir) {
    cJSON *file = load_json(dir, "calendar.json");
    const cJSON *cases = cJSON_GetObjectItemCaseSensitive(file, "cases");
    const char *load_at = opt_string(file, "loadAt");
    const cJSON *k;
    int ran = 0, with_engine = 0;
    cJSON_ArrayForEach(k, cases) {
        const cJSON *input = cJSON_GetObjectItemCaseSensitive(k, "input");
        const char *name = opt_string(k, "name");
        cJSON *query = cJSON_Duplicate(input, 1);
        char *text, *value;
        cJSON *actual = NULL;
        doorstep_engine *engine = NULL;
        call c;
        name = name == NULL ? "(unnamed)" : name;
        cJSON_DeleteItemFromObjectCaseSensitive(query, "lang");
        cJSON_DeleteItemFromObjectCaseSensitive(query, "catalog");
        cJSON_DeleteItemFromObjectCaseSensitive(query, "patch");
        text = cJSON_PrintUnformatted(query);
        cJSON_Delete(query);
        if (cJSON_GetObjectItemCaseSensitive(input, "catalog") == NULL) {
            c = make(CALENDAR, NULL, text, opt_string(input, "lang"));
            actual = result_of(name, &c);
        } else if (expect(load_at != NULL, "calendar.json: no loadAt") &&
                   (engine = fixture_engine(dir, input, name, load_at, NULL)) != NULL) {
            c = make(ENGINE_CALENDAR, engine, text, opt_string(input, "lang"));
            actual = result_of(name, &c);
            with_engine++;
        }
        if (actual != NULL) {
            value = case_value(input);
            count_case(fixture_mismatches(name, value,
                                          cJSON_GetObjectItemCaseSensitive(k, "expected"),
                                          actual));
            free(value);
        }
        cJSON_Delete(actual);
        doorstep_engine_free(engine);
        free(text);
        ran++;
    }
    expect(ran > 0 && with_engine > 0, "calendar.json: %d cases, %d with an engine", ran,
           with_engine);
    cJSON_Delete(file);
}

/* ---- cases.json ---------------------------------------------------------------------- */

/* The requests the fixtures decided, kept for the thread test (printed, owned). */
typedef struct {
    char **texts;
    int count;
} requests;

static void keep_request(requests *r, const char *text) {
    char **grown = realloc(r->texts, (size_t)(r->count + 1) * sizeof *r->texts);
    if (expect(grown != NULL, "out of memory")) {
        r->texts = grown;
        r->texts[r->count] = strdup(text);
        r->count += r->texts[r->count] != NULL;
    }
}

/* The events as JSON Lines (free it). */
static char *jsonl(const cJSON *events) {
    const cJSON *event;
    size_t size = 1, used = 0;
    char *text = malloc(size);
    if (text == NULL) {
        return NULL;
    }
    text[0] = '\0';
    cJSON_ArrayForEach(event, events) {
        char *line = cJSON_PrintUnformatted(event);
        size_t n = line == NULL ? 0 : strlen(line);
        char *grown = realloc(text, size + n + 1);
        if (line == NULL || grown == NULL) {
            free(line);
            free(grown == NULL ? text : grown);
            return NULL;
        }
        text = grown;
        memcpy(text + used, line, n);
        text[used + n] = '\n';
        used += n + 1;
        text[used] = '\0';
        size += n + 1;
        free(line);
    }
    return text;
}

/* Whether replaying `events` rebuilds `case_` (null when none) with nothing refused. */
static int replayed(const char *name, const doorstep_engine *engine, const cJSON *events,
                    const cJSON *case_) {
    char *text = jsonl(events);
    call c = make(REPLAY, engine, text, NULL);
    cJSON *report = text == NULL ? NULL : result_of(name, &c);
    const cJSON *rebuilt = NULL, *item;
    int same;
    cJSON_ArrayForEach(item, cJSON_GetObjectItemCaseSensitive(report, "cases")) {
        const char *id = opt_string(item, "id");
        if (id != NULL && strcmp(id, "HC-1") == 0) {
            rebuilt = item;
        }
    }
    same = report != NULL &&
           cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(report, "rejected")) == 0 &&
           (rebuilt == NULL ? cJSON_IsNull(case_) : cJSON_Compare(rebuilt, case_, 1));
    cJSON_Delete(report);
    free(text);
    return same;
}

/* Decides one step against *case_, applying its events to *case_ and appending them to
 * `events`; the step's outcome (a new item). */
static cJSON *step(const char *name, const doorstep_engine *engine, const cJSON *s,
                   cJSON **case_, cJSON *events, requests *kept) {
    cJSON *request = cJSON_Duplicate(s, 1);
    cJSON *decision, *result;
    const cJSON *event;
    const char *kind;
    char *text;
    call c;
    /* {case, command, context}: the step with the case so far. */
    cJSON_AddItemToObject(request, "case", *case_ == NULL ? cJSON_CreateNull() : dup(*case_));
    text = cJSON_PrintUnformatted(request);
    cJSON_Delete(request);
    if (!expect(text != NULL, "%s: out of memory", name)) {
        return cJSON_CreateString("(out of memory)");
    }
    keep_request(kept, text);
    c = make(DECIDE, engine, text, NULL);
    decision = result_of(name, &c);
    free(text);
    kind = opt_string(decision, "outcome");
    if (kind == NULL) {
        cJSON_Delete(decision);
        return cJSON_CreateString("(no decision)");
    }
    if (strcmp(kind, "refused") == 0) {
        const char *code = opt_string(cJSON_GetObjectItemCaseSensitive(decision, "error"), "code");
        result = cJSON_CreateString(code == NULL ? "(no code)" : code);
        cJSON_Delete(decision);
        return result;
    }
    if (cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(decision, "events")) == 0) {
        cJSON_Delete(decision);
        return cJSON_CreateString("noop");
    }
    result = cJSON_CreateString("ok");
    cJSON_ArrayForEach(event, cJSON_GetObjectItemCaseSensitive(decision, "events")) {
        cJSON *evolution;
        const char *applied;
        text = request2("case", dup(*case_), "event", dup(event));
        c = make(EVOLVE, NULL, text, NULL);
        evolution = result_of(name, &c);
        free(text);
        applied = opt_string(evolution, "outcome");
        if (expect(applied != NULL && strcmp(applied, "applied") == 0,
                   "%s: a decided event is not applied", name)) {
            cJSON_Delete(*case_);
            *case_ = cJSON_DetachItemFromObjectCaseSensitive(evolution, "case");
            cJSON_AddItemToArray(events, cJSON_Duplicate(event, 1));
        }
        cJSON_Delete(evolution);
    }
    cJSON_Delete(decision);
    return result;
}

/* Runs every case of cases.json, keeping the requests decided; writes the final case of the
 * first case (printed) to *first_case. */
static void run_cases(const char *dir, requests *kept, char **first_case) {
    cJSON *file = load_json(dir, "cases.json");
    const cJSON *cases = cJSON_GetObjectItemCaseSensitive(file, "cases");
    const cJSON *k;
    int ran = 0;
    cJSON_ArrayForEach(k, cases) {
        const cJSON *input = cJSON_GetObjectItemCaseSensitive(k, "input");
        const char *name = opt_string(k, "name");
        const char *now = opt_string(input, "now");
        const cJSON *who = cJSON_GetObjectItemCaseSensitive(input, "actionsFor");
        const cJSON *s;
        doorstep_engine *engine;
        cJSON *case_ = NULL, *events, *outcomes, *actual;
        ran++;
        if (!expect(name != NULL, "cases.json case %d: no name", ran)) {
            continue;
        }
        engine = fixture_engine(dir, input, name, CASES_LOADED_AT, NULL);
        if (engine == NULL) {
            continue;
        }
        events = cJSON_CreateArray();
        outcomes = cJSON_CreateArray();
        cJSON_ArrayForEach(s, cJSON_GetObjectItemCaseSensitive(input, "steps")) {
            cJSON_AddItemToArray(outcomes, step(name, engine, s, &case_, events, kept));
        }
        actual = cJSON_CreateObject();
        cJSON_AddItemToObject(actual, "outcomes", outcomes);
        cJSON_AddItemToObject(actual, "status",
                              case_ == NULL ? cJSON_CreateNull()
                                            : dup(cJSON_GetObjectItemCaseSensitive(case_, "status")));
        cJSON_AddItemToObject(actual, "version",
                              case_ == NULL ? cJSON_CreateNull()
                                            : dup(cJSON_GetObjectItemCaseSensitive(case_, "version")));
        cJSON_AddBoolToObject(actual, "replayed", replayed(name, engine, events, case_));
        if (case_ != NULL && now != NULL) {
            /* As the Rust runner: no running deadline, or none to be had, adds nothing. */
            char *text = request2("case", dup(case_), "now", cJSON_CreateString(now));
            call c = make(DEADLINE, engine, text, NULL);
            char *out = NULL;
            if (perform(&c, &out) == DOORSTEP_OK) {
                cJSON *status = cJSON_Parse(out);
                static const char *const keys[] = {"due", "light", "escalation"};
                size_t i;
                if (cJSON_IsObject(status)) {
                    for (i = 0; i < sizeof keys / sizeof *keys; i++) {
                        cJSON_AddItemToObject(
                            actual, keys[i],
                            dup(cJSON_GetObjectItemCaseSensitive(status, keys[i])));
                    }
                }
                cJSON_Delete(status);
                doorstep_string_free(out);
            }
            free(text);
        }
        if (case_ != NULL && who != NULL) {
            char *text = request2("case", dup(case_), "context", dup(who));
            call c = make(ACTIONS, engine, text, NULL);
            cJSON *actions = result_of(name, &c);
            cJSON_AddItemToObject(actual, "actions", actions == NULL ? cJSON_CreateNull() : actions);
            free(text);
        }
        count_case(fixture_mismatches(name, NULL, cJSON_GetObjectItemCaseSensitive(k, "expected"),
                                      actual));
        if (*first_case == NULL && case_ != NULL) {
            *first_case = cJSON_PrintUnformatted(case_);
        }
        cJSON_Delete(actual);
        cJSON_Delete(events);
        cJSON_Delete(case_);
        doorstep_engine_free(engine);
    }
    expect(ran > 0, "cases.json: no cases");
    cJSON_Delete(file);
}

/* ---- Replay -------------------------------------------------------------------------- */

/* Whether the replay report refuses exactly `want` ("code@line,code@line"). */
static int rejected_are(const cJSON *report, const char *want) {
    const cJSON *r;
    char got[1024] = "";
    size_t used = 0;
    cJSON_ArrayForEach(r, cJSON_GetObjectItemCaseSensitive(report, "rejected")) {
        const char *code = opt_string(r, "code");
        const cJSON *line = cJSON_GetObjectItemCaseSensitive(r, "line");
        int n = snprintf(got + used, sizeof got - used, "%s%s@%d", used == 0 ? "" : ",",
                         code == NULL ? "?" : code,
                         cJSON_IsNumber(line) ? (int)line->valuedouble : -1);
        if (n < 0 || (size_t)n >= sizeof got - used) {
            break;
        }
        used += (size_t)n;
    }
    if (strcmp(got, want) != 0) {
        printf("  rejected: %s, expected %s\n", got, want);
    }
    return strcmp(got, want) == 0;
}

/* The events of the first fixture case, decided again: submitted and accepted. */
static char *first_events(const char *dir, const doorstep_engine *engine) {
    cJSON *file = load_json(dir, "cases.json");
    const cJSON *input =
        cJSON_GetObjectItemCaseSensitive(cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(file, "cases"), 0), "input");
    const cJSON *s;
    cJSON *case_ = NULL, *events = cJSON_CreateArray(), *outcome_;
    requests ignored = {NULL, 0};
    char *text;
    int i;
    cJSON_ArrayForEach(s, cJSON_GetObjectItemCaseSensitive(input, "steps")) {
        outcome_ = step("first case", engine, s, &case_, events, &ignored);
        cJSON_Delete(outcome_);
    }
    text = cJSON_GetArraySize(events) == 2 ? jsonl(events) : NULL;
    for (i = 0; i < ignored.count; i++) {
        free(ignored.texts[i]);
    }
    free(ignored.texts);
    cJSON_Delete(case_);
    cJSON_Delete(events);
    cJSON_Delete(file);
    return text;
}

static void test_replay(const char *dir, const doorstep_engine *engine) {
    char *text = first_events(dir, engine);
    char *second, *stream;
    cJSON *report;
    call c;
    if (!expect(text != NULL, "the first case's two events")) {
        return;
    }
    second = strchr(text, '\n') + 1;
    c = make(REPLAY, engine, text, "en");
    report = result_of("replay", &c);
    expect(cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(report, "cases")) == 1 &&
               rejected_are(report, ""),
           "replay: one case, nothing refused");
    cJSON_Delete(report);

    /* Line 2 blank, line 3 cut short, the second event twice (lines 4 and 5). */
    stream = malloc(strlen(text) * 2 + 32);
    if (expect(stream != NULL, "out of memory")) {
        size_t first_len = (size_t)(second - text);
        memcpy(stream, text, first_len);
        stream[first_len] = '\0';
        strcat(stream, "\n{\"schema\":1,\"case\":\n");
        strcat(stream, second);
        strcat(stream, second);
        c = make(REPLAY, engine, stream, NULL);
        report = result_of("replay with refused lines", &c);
        expect(rejected_are(report, "input.malformed@3,case.event_version@5"),
               "replay: a truncated line and an event out of sequence, by line");
        expect(cJSON_GetNumberValue(cJSON_GetObjectItemCaseSensitive(
                   cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(report, "cases"), 0),
                   "version")) == 2.0,
               "replay: the case is at version 2");
        cJSON_Delete(report);
        /* Only the second event: its case does not exist. */
        c = make(REPLAY, engine, second, NULL);
        report = result_of("replay without the first event", &c);
        expect(rejected_are(report, "case.event_version@1"),
               "replay: an event of a case that never started");
        cJSON_Delete(report);
    }
    free(stream);
    c = make(REPLAY, engine, "", NULL);
    report = result_of("replay of nothing", &c);
    expect(cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(report, "cases")) == 0 &&
               rejected_are(report, ""),
           "replay of nothing: no cases");
    cJSON_Delete(report);
    free(text);
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

/* A call that must fail on a NULL argument, the last error naming it. */
static void expect_null(const char *what, const call *c, const char *name) {
    expect_fails(what, c, DOORSTEP_ERR_NULL_ARGUMENT, "ffi.null_argument");
    expect(params_name(name), "%s: params name %s", what, name);
}

/* A call that must fail on text that is not UTF-8, the last error naming the argument. */
static void expect_not_utf8(const char *what, const call *c, const char *name) {
    expect_fails(what, c, DOORSTEP_ERR_INVALID_UTF8, "ffi.invalid_utf8");
    expect(params_name(name), "%s: params name %s", what, name);
}

#define CONTEXT                                                                                \
    "{\"actor\":{\"id\":\"fd-01\",\"role\":\"front_desk\",\"org\":\"350205-001-01\"},"         \
    "\"channel\":\"window\",\"at\":\"2025-10-09T09:00:00+08:00\"}"
#define QUERY "{\"op\":\"isWorkingDay\",\"date\":\"2025-10-09\"}"

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

/* The lines of `text` that are not blank (as the core skips them). */
static size_t non_blank_lines(const char *text) {
    size_t lines = 0;
    int blank = 1;
    for (; *text != '\0'; text++) {
        if (*text == '\n') {
            lines += !blank;
            blank = 1;
        } else if (*text != ' ') {
            blank = 0;
        }
    }
    return lines + !blank;
}

/* doorstep::input::MAX_LINE_ERRORS: the most unreadable lines a replay lists one by one. */
#define MAX_LINE_ERRORS 10000

static void test_garbage_events(const doorstep_engine *engine) {
    char *text = malloc(GARBAGE_BYTES + 1);
    cJSON *report;
    const cJSON *r, *summary = NULL;
    double omitted = -1;
    size_t lines;
    int all_coded = 1, count = 0;
    call c;
    if (!expect(text != NULL, "out of memory")) {
        return;
    }

    /* 10 MB of printable garbage in lines, about 20,000: every line refused with an input.*
     * code, the first MAX_LINE_ERRORS listed, the rest counted in one input.too_many_errors. */
    garbage(text, GARBAGE_BYTES, 1, 1);
    lines = non_blank_lines(text);
    c = make(REPLAY, engine, text, "en");
    report = result_of("10 MB of garbage events", &c);
    cJSON_ArrayForEach(r, cJSON_GetObjectItemCaseSensitive(report, "rejected")) {
        const char *code = opt_string(r, "code");
        if (++count > MAX_LINE_ERRORS) {
            summary = r;
            continue;
        }
        all_coded = all_coded && code != NULL && strncmp(code, "input.", 6) == 0 &&
                    cJSON_IsNumber(cJSON_GetObjectItemCaseSensitive(r, "line"));
    }
    if (summary != NULL && opt_string(summary, "code") != NULL &&
        strcmp(opt_string(summary, "code"), "input.too_many_errors") == 0) {
        omitted = cJSON_GetNumberValue(cJSON_GetObjectItemCaseSensitive(
            cJSON_GetObjectItemCaseSensitive(summary, "params"), "omitted"));
    }
    expect(report != NULL &&
               cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(report, "cases")) == 0 &&
               lines > MAX_LINE_ERRORS && count == MAX_LINE_ERRORS + 1 && all_coded &&
               omitted == (double)(lines - MAX_LINE_ERRORS),
           "10 MB of garbage events: %d refused for %lu lines, the first %d input.*, then "
           "input.too_many_errors omitting %.0f",
           count, (unsigned long)lines, MAX_LINE_ERRORS, omitted);
    cJSON_Delete(report);

    /* One 10 MB line: over the line limit. */
    garbage(text, GARBAGE_BYTES, 0, 1);
    c = make(REPLAY, engine, text, NULL);
    report = result_of("one 10 MB event line", &c);
    expect(rejected_are(report, "input.too_large@1"), "one 10 MB event line: input.too_large");
    cJSON_Delete(report);

    /* 10 MB of random bytes in lines: each line refused on its own, most as not UTF-8
     * text, the first MAX_LINE_ERRORS listed and the rest counted, as printable garbage. */
    garbage(text, GARBAGE_BYTES, 1, 0);
    c = make(REPLAY, engine, text, NULL);
    report = result_of("10 MB of random bytes as events", &c);
    r = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(report, "rejected"), 0);
    summary = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(report, "rejected"),
                                 MAX_LINE_ERRORS);
    expect(report != NULL &&
               cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(report, "cases")) == 0 &&
               opt_string(r, "code") != NULL &&
               strcmp(opt_string(r, "code"), "input.not_utf8") == 0 &&
               opt_string(summary, "code") != NULL &&
               strcmp(opt_string(summary, "code"), "input.too_many_errors") == 0,
           "10 MB of random bytes as events: lines refused one by one (input.not_utf8 first), "
           "then input.too_many_errors");
    cJSON_Delete(report);
    free(text);
}

static void test_misuse(const doorstep_engine *engine, const char *case_json) {
    char *decide = request2("case", NULL, "command", cJSON_Parse("{\"case\":\"HC-9\","
                                                                  "\"expectedVersion\":0,"
                                                                  "\"clientId\":\"m1\","
                                                                  "\"command\":{\"type\":\"accept\"}}"));
    char *evolve = request2("case", NULL, "event", cJSON_CreateObject());
    char *actions = request2("case", cJSON_Parse(case_json), "context", cJSON_Parse(CONTEXT));
    char *deadline = request2("case", cJSON_Parse(case_json), "now", cJSON_CreateString("2025-10-09"));
    char *late = request2("case", cJSON_Parse(case_json), "now", cJSON_CreateString("2031-01-06"));
    char *huge = malloc(3u * 1024u * 1024u);
    cJSON *parsed, *report;
    call c;
    if (!expect(decide != NULL && evolve != NULL && actions != NULL && deadline != NULL &&
                    late != NULL && huge != NULL,
                "out of memory")) {
        goto done;
    }
    {
        /* decide's request needs its context: added here. */
        cJSON *d = cJSON_Parse(decide);
        cJSON_AddItemToObject(d, "context", cJSON_Parse(CONTEXT));
        free(decide);
        decide = cJSON_PrintUnformatted(d);
        cJSON_Delete(d);
    }

    /* The requests work: a refusal is an outcome, not a failure. */
    c = make(DECIDE, engine, decide, "en");
    parsed = result_of("decide on a case that does not exist", &c);
    expect(string_is(parsed, "outcome", "refused") &&
               string_is(cJSON_GetObjectItemCaseSensitive(parsed, "error"), "code",
                         "case.not_found"),
           "decide on a case that does not exist: refused, case.not_found");
    cJSON_Delete(parsed);
    expect(doorstep_last_error_status() == DOORSTEP_OK && doorstep_last_error_code()[0] == '\0',
           "a refusal clears the last error");
    c = make(ACTIONS, engine, actions, NULL);
    parsed = result_of("actions", &c);
    expect(cJSON_IsArray(parsed), "actions: an array");
    cJSON_Delete(parsed);
    c = make(DEADLINE, engine, deadline, NULL);
    parsed = result_of("deadline", &c);
    expect(string_is(parsed, "due", "2025-10-14"), "deadline: due 2025-10-14");
    cJSON_Delete(parsed);

    /* NULL in every pointer argument. */
    c = make(DECIDE, NULL, decide, NULL);
    expect_null("decide(NULL engine)", &c, "engine");
    c = make(DECIDE, engine, NULL, NULL);
    expect_null("decide(NULL request)", &c, "request_json");
    c = make(DECIDE, engine, decide, NULL);
    expect_null_out_fails("decide", &c);
    c = make(EVOLVE, NULL, NULL, NULL);
    expect_null("evolve(NULL request)", &c, "request_json");
    c = make(EVOLVE, NULL, evolve, NULL);
    expect_null_out_fails("evolve", &c);
    c = make(ACTIONS, NULL, actions, NULL);
    expect_null("actions(NULL engine)", &c, "engine");
    c = make(ACTIONS, engine, NULL, NULL);
    expect_null("actions(NULL request)", &c, "request_json");
    c = make(ACTIONS, engine, actions, NULL);
    expect_null_out_fails("actions", &c);
    c = make(DEADLINE, NULL, deadline, NULL);
    expect_null("deadline(NULL engine)", &c, "engine");
    c = make(DEADLINE, engine, NULL, NULL);
    expect_null("deadline(NULL request)", &c, "request_json");
    c = make(DEADLINE, engine, deadline, NULL);
    expect_null_out_fails("deadline", &c);
    c = make(REPLAY, NULL, "", NULL);
    expect_null("replay(NULL engine)", &c, "engine");
    c = make(REPLAY, engine, NULL, NULL);
    expect_null("replay(NULL events)", &c, "events_jsonl");
    c = make(REPLAY, engine, "", NULL);
    expect_null_out_fails("replay", &c);
    c = make(CALENDAR, NULL, NULL, NULL);
    expect_null("calendar(NULL query)", &c, "query_json");
    c = make(CALENDAR, NULL, QUERY, NULL);
    expect_null_out_fails("calendar", &c);
    c = make(ENGINE_CALENDAR, NULL, QUERY, NULL);
    expect_null("engine calendar(NULL engine)", &c, "engine");
    c = make(ENGINE_CALENDAR, engine, NULL, NULL);
    expect_null("engine calendar(NULL query)", &c, "query_json");
    c = make(ENGINE_CALENDAR, engine, QUERY, NULL);
    expect_null_out_fails("engine calendar", &c);

    /* Invalid UTF-8 in every string argument. */
    c = make(DECIDE, engine, "{\"case\":\"\xff\"}", NULL);
    expect_not_utf8("decide(request not UTF-8)", &c, "request_json");
    c = make(DECIDE, engine, decide, "zh\xe4\xb8");
    expect_not_utf8("decide(lang not UTF-8)", &c, "lang");
    c = make(EVOLVE, NULL, "{\"event\":\"\xc3\x28\"}", NULL);
    expect_not_utf8("evolve(request not UTF-8)", &c, "request_json");
    c = make(EVOLVE, NULL, evolve, "\xff");
    expect_not_utf8("evolve(lang not UTF-8)", &c, "lang");
    c = make(ACTIONS, engine, "[\"\xfe\"]", NULL);
    expect_not_utf8("actions(request not UTF-8)", &c, "request_json");
    c = make(DEADLINE, engine, "{\"now\":\"\xff\"}", NULL);
    expect_not_utf8("deadline(request not UTF-8)", &c, "request_json");
    /* A line that is not UTF-8 is refused on its own, as any other bad line. */
    c = make(REPLAY, engine, "\xfe\n", NULL);
    report = result_of("replay(a line not UTF-8)", &c);
    expect(rejected_are(report, "input.not_utf8@1"), "replay(a line not UTF-8): input.not_utf8@1");
    cJSON_Delete(report);
    c = make(REPLAY, engine, "", "e\xffn");
    expect_not_utf8("replay(lang not UTF-8)", &c, "lang");
    c = make(CALENDAR, NULL, "{\"op\":\"\xff\"}", NULL);
    expect_not_utf8("calendar(query not UTF-8)", &c, "query_json");
    c = make(CALENDAR, NULL, QUERY, "\xff");
    expect_not_utf8("calendar(lang not UTF-8)", &c, "lang");
    c = make(ENGINE_CALENDAR, engine, "{\"op\":\"\xff\"}", NULL);
    expect_not_utf8("engine calendar(query not UTF-8)", &c, "query_json");
    c = make(ENGINE_CALENDAR, engine, QUERY, "\xff");
    expect_not_utf8("engine calendar(lang not UTF-8)", &c, "lang");

    /* Truncated JSON. */
    decide[strlen(decide) / 2] = '\0';
    c = make(DECIDE, engine, decide, NULL);
    expect_fails("decide(truncated)", &c, DOORSTEP_ERR_INVALID_INPUT, "input.malformed");
    evolve[strlen(evolve) - 3] = '\0';
    c = make(EVOLVE, NULL, evolve, NULL);
    expect_fails("evolve(truncated)", &c, DOORSTEP_ERR_INVALID_INPUT, "input.malformed");
    actions[strlen(actions) - 10] = '\0';
    c = make(ACTIONS, engine, actions, NULL);
    expect_fails("actions(truncated)", &c, DOORSTEP_ERR_INVALID_INPUT, "input.malformed");
    c = make(DEADLINE, engine, "{\"case\":{\"id\":\"HC-1\",", NULL);
    expect_fails("deadline(truncated)", &c, DOORSTEP_ERR_INVALID_INPUT, "input.malformed");
    c = make(CALENDAR, NULL, "{\"op\":\"isWorkingDay\",\"date\":", NULL);
    expect_fails("calendar(truncated)", &c, DOORSTEP_ERR_INVALID_INPUT, "input.malformed");
    c = make(ENGINE_CALENDAR, engine, "{\"op\":\"isWorkingDay\",\"date\":", NULL);
    expect_fails("engine calendar(truncated)", &c, DOORSTEP_ERR_INVALID_INPUT,
                 "input.malformed");

    /* JSON of the wrong shape, too large, an unknown lang. */
    c = make(DECIDE, engine, "{}", NULL);
    expect_fails("decide({})", &c, DOORSTEP_ERR_INVALID_INPUT, "input.shape");
    c = make(EVOLVE, NULL, "{\"event\":{}}", NULL);
    expect_fails("evolve(an event of the wrong shape)", &c, DOORSTEP_ERR_INVALID_INPUT,
                 "input.shape");
    c = make(ACTIONS, engine, "{\"case\":null,\"context\":" CONTEXT "}", NULL);
    expect_fails("actions(no case)", &c, DOORSTEP_ERR_INVALID_INPUT, "input.shape");
    c = make(DEADLINE, engine, "{\"case\":{},\"now\":\"2025-10-09\"}", NULL);
    expect_fails("deadline(a case of the wrong shape)", &c, DOORSTEP_ERR_INVALID_INPUT,
                 "input.shape");
    c = make(CALENDAR, NULL, "{\"op\":\"isHoliday\",\"date\":\"2025-10-09\"}", NULL);
    expect_fails("calendar(unknown op)", &c, DOORSTEP_ERR_INVALID_INPUT, "input.shape");
    c = make(CALENDAR, NULL, "{\"op\":\"isWorkingDay\",\"date\":\"2025-02-30\"}", NULL);
    expect_fails("calendar(impossible date)", &c, DOORSTEP_ERR_INVALID_INPUT, "input.shape");
    c = make(ENGINE_CALENDAR, engine, "{\"op\":\"isHoliday\",\"date\":\"2025-10-09\"}", NULL);
    expect_fails("engine calendar(unknown op)", &c, DOORSTEP_ERR_INVALID_INPUT, "input.shape");
    memset(huge, ' ', 3u * 1024u * 1024u - 1);
    huge[0] = '{';
    huge[3u * 1024u * 1024u - 2] = '}';
    huge[3u * 1024u * 1024u - 1] = '\0';
    c = make(DECIDE, engine, huge, NULL);
    expect_fails("decide(3 MB)", &c, DOORSTEP_ERR_INVALID_INPUT, "input.too_large");
    c = make(EVOLVE, NULL, huge, NULL);
    expect_fails("evolve(3 MB)", &c, DOORSTEP_ERR_INVALID_INPUT, "input.too_large");
    c = make(CALENDAR, NULL, huge, NULL);
    expect_fails("calendar(3 MB)", &c, DOORSTEP_ERR_INVALID_INPUT, "input.too_large");
    c = make(ENGINE_CALENDAR, engine, huge, NULL);
    expect_fails("engine calendar(3 MB)", &c, DOORSTEP_ERR_INVALID_INPUT, "input.too_large");
    c = make(DECIDE, engine, "{}", "fr");
    expect_fails("decide(unknown lang)", &c, DOORSTEP_ERR_INVALID_ARGUMENT, "arg.unknown_lang");
    c = make(EVOLVE, NULL, "{}", "fr");
    expect_fails("evolve(unknown lang)", &c, DOORSTEP_ERR_INVALID_ARGUMENT, "arg.unknown_lang");
    c = make(REPLAY, engine, "", "fr");
    expect_fails("replay(unknown lang)", &c, DOORSTEP_ERR_INVALID_ARGUMENT, "arg.unknown_lang");
    c = make(CALENDAR, NULL, QUERY, "fr");
    expect_fails("calendar(unknown lang)", &c, DOORSTEP_ERR_INVALID_ARGUMENT,
                 "arg.unknown_lang");
    c = make(ENGINE_CALENDAR, engine, QUERY, "fr");
    expect_fails("engine calendar(unknown lang)", &c, DOORSTEP_ERR_INVALID_ARGUMENT,
                 "arg.unknown_lang");

    /* A day the calendar has no arrangement for: a coded failure, the known years in the
     * params. A calendar query outside it is a report. */
    c = make(DEADLINE, engine, late, NULL);
    expect_fails("deadline(2031)", &c, DOORSTEP_ERR_INVALID_ARGUMENT, "calendar.out_of_range");
    {
        char *json = NULL;
        cJSON *params = NULL;
        if (doorstep_last_error_params(&json) == DOORSTEP_OK) {
            params = cJSON_Parse(json);
        }
        expect(cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(params, "knownYears")) == 3,
               "deadline(2031): the known years in the params");
        cJSON_Delete(params);
        doorstep_string_free(json);
    }
    c = make(CALENDAR, NULL, "{\"op\":\"isWorkingDay\",\"date\":\"2031-01-06\"}", "en");
    parsed = result_of("calendar(2031)", &c);
    expect(parsed != NULL && cJSON_GetObjectItemCaseSensitive(parsed, "workingDay") == NULL &&
               string_is(cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(parsed, "errors"), 0),
                         "code", "calendar.out_of_range"),
           "calendar(2031): a report with calendar.out_of_range");
    cJSON_Delete(parsed);

    test_garbage_events(engine);
done:
    free(decide);
    free(evolve);
    free(actions);
    free(deadline);
    free(late);
    free(huge);
}

/* ---- One engine, eight threads ------------------------------------------------------- */

/* The thread test's calls, each with its single-threaded result. */
typedef struct {
    call *calls;
    int count;
} workload;

static void add_call(workload *w, call c) {
    call *grown = realloc(w->calls, (size_t)(w->count + 1) * sizeof *w->calls);
    if (expect(grown != NULL, "out of memory")) {
        w->calls = grown;
        c.result = outcome(&c);
        expect(c.result != NULL, "thread test: a call wrote its out-parameter on failure");
        w->calls[w->count++] = c;
    }
}

/* Each thread runs every call SHARED_ROUNDS times (fewer under valgrind), in an order of its
 * own, and fails on a result other than the single-threaded one, and on a last error that
 * is not its own. */
static void *shared_work(void *arg) {
    worker *me = arg;
    const workload *w = me->fixtures;
    const doorstep_engine *engine = w->calls[0].engine;
    int rounds = RUNNING_ON_VALGRIND ? SHARED_ROUNDS_VALGRIND : SHARED_ROUNDS;
    const char *code;
    const char *wrong = wrong_document(me, &code);
    int round, i;
    for (round = 0; round < rounds; round++) {
        for (i = 0; i < w->count; i++) {
            const call *c = &w->calls[(i + me->index * 7) % w->count];
            char *out = NULL;
            char *result;
            if (doorstep_case_decide(engine, wrong, NULL, &out) == DOORSTEP_OK ||
                strcmp(doorstep_last_error_code(), code) != 0) {
                me->failures++;
            }
            result = outcome(c);
            if (result == NULL || c->result == NULL || strcmp(result, c->result) != 0) {
                me->failures++;
            }
            free(result);
        }
    }
    return NULL;
}

#define STAMP                                                                                  \
    "{\"seal\":\"seal-st1\",\"case\":\"HC-2025-000001\",\"matter\":\"MED-INSURE\","           \
    "\"step\":\"decide\",\"operator\":{\"id\":\"op-0101\",\"role\":\"back_office\"},"          \
    "\"place\":\"350205-001-01\",\"at\":\"2025-05-01T10:00:00+08:00\","                        \
    "\"digest\":\"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08\"}"

static void test_threads(const doorstep_engine *engine, const requests *kept) {
    static const char *const targets[] = {"{\"matter\":\"MED-INSURE\"}",
                                          "{\"matter\":\"BIRTH-CERT\"}"};
    static const char *const answers[] = {
        "{\"applicantName\":\"林小红\",\"applicantId\":\"350205199003071239\","
        "\"childName\":\"林一一\"}",
        "{\"applicantName\":\"\",\"applicantId\":\"350205199003071238\"}", "[]"};
    static const char *const stamps[] = {
        STAMP, "{\"seal\":\"seal-none\"}",
        "{\"seal\":\"seal-st1\",\"case\":\"HC-2025-000001\",\"matter\":\"MED-INSURE\","
        "\"step\":\"decide\",\"operator\":{\"id\":\"op-9999\",\"role\":\"back_office\"},"
        "\"place\":\"350205-001-01\",\"at\":\"2030-05-01T10:00:00+08:00\","
        "\"digest\":\"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08\"}"};
    static const char *const queries[] = {
        QUERY, "{\"op\":\"addWorkingDays\",\"date\":\"2025-09-30\",\"days\":3}",
        "{\"op\":\"isWorkingDay\",\"date\":\"2031-01-06\"}"};
    workload w = {NULL, 0};
    pthread_t threads[SHARED_THREADS];
    worker workers[SHARED_THREADS];
    size_t t, a;
    int i, started = 0, refused = 0, accepted = 0;
    for (i = 0; i < kept->count; i++) {
        add_call(&w, make(DECIDE, engine, kept->texts[i], i % 2 == 0 ? NULL : "en"));
        if (w.count > 0 && strstr(w.calls[w.count - 1].result, "\"outcome\":\"refused\"") != NULL) {
            refused++;
        } else if (w.count > 0 &&
                   strstr(w.calls[w.count - 1].result, "\"outcome\":\"accepted\"") != NULL) {
            accepted++;
        }
    }
    for (t = 0; t < sizeof targets / sizeof *targets; t++) {
        for (a = 0; a < sizeof answers / sizeof *answers; a++) {
            call c = make(VALIDATE, engine, targets[t], (t + a) % 2 == 0 ? NULL : "en");
            c.text2 = answers[a];
            add_call(&w, c);
        }
    }
    for (t = 0; t < sizeof stamps / sizeof *stamps; t++) {
        add_call(&w, make(VERIFY_STAMP, engine, stamps[t], t % 2 == 0 ? "en" : NULL));
    }
    for (t = 0; t < sizeof queries / sizeof *queries; t++) {
        add_call(&w, make(ENGINE_CALENDAR, engine, queries[t], t % 2 == 0 ? NULL : "en"));
    }
    if (!expect(w.count > 20 && refused > 0 && accepted > 0,
                "thread test: %d calls (%d decisions refused, %d accepted)", w.count, refused,
                accepted)) {
        goto done;
    }
    for (i = 0; i < SHARED_THREADS; i++) {
        workers[i].fixtures = &w;
        workers[i].index = i;
        workers[i].failures = 0;
        if (pthread_create(&threads[i], NULL, shared_work, &workers[i]) != 0) {
            break;
        }
        started++;
    }
    expect(started == SHARED_THREADS, "threads: started %d of %d", started, SHARED_THREADS);
    for (i = 0; i < started; i++) {
        pthread_join(threads[i], NULL);
        expect(workers[i].failures == 0,
               "thread %d: %d results differ from the single-threaded run", i,
               workers[i].failures);
    }
done:
    for (i = 0; i < w.count; i++) {
        free(w.calls[i].result);
    }
    free(w.calls);
}

int main(int argc, char **argv) {
    requests kept = {NULL, 0};
    char *first_case = NULL;
    cJSON *file;
    doorstep_engine *engine = NULL;
    int i;
    if (argc != 2) {
        fprintf(stderr, "usage: %s tests/fixtures\n", argv[0]);
        return 2;
    }
    run_calendar(argv[1]);
    run_cases(argv[1], &kept, &first_case);

    /* The engine of the first case (MED-INSURE a 承诺件 of 5 working days), for the rest. */
    file = load_json(argv[1], "cases.json");
    if (expect(file != NULL && first_case != NULL, "cases.json: the first case")) {
        engine = fixture_engine(
            argv[1],
            cJSON_GetObjectItemCaseSensitive(
                cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(file, "cases"), 0), "input"),
            "the shared engine", CASES_LOADED_AT, NULL);
    }
    cJSON_Delete(file);
    if (engine != NULL) {
        test_replay(argv[1], engine);
        test_misuse(engine, first_case);
        test_threads(engine, &kept);
    }

    doorstep_engine_free(engine);
    for (i = 0; i < kept.count; i++) {
        free(kept.texts[i]);
    }
    free(kept.texts);
    free(first_case);
    printf("c: %d passed, %d failed\n", passed, failed);
    return failed == 0 ? 0 : 1;
}
