/*
 * 好差评, 办不成事 and metrics from C: the shared fixtures tests/fixtures/reviews.json (its
 * review and its complaint cases) and metrics.json, the invitation to rate, and the misuse
 * rules of doorstep_review_*, doorstep_complaint_decide and doorstep_metrics, run through
 * libdoorstep.
 *
 * Usage: test_reviews PATH/TO/tests/fixtures
 * Prints one line per failure and, last, exactly "c: N passed, M failed"; exits non-zero
 * on any failure. Built by tests/c/run.sh (C99, -Wall -Wextra -Wpedantic -Werror) and run
 * under valgrind and AddressSanitizer.
 *
 * How the fixtures run (as the Rust runners do):
 * - reviews.json (reviews_fixtures in core/tests/reviews.rs): the catalogue input.catalog,
 *   with input.patch applied and input.reviews as its "reviews" settings, is loaded at
 *   LOADED_AT. Each step {command, context} is decided with doorstep_review_decide as
 *   {"review" (as it stands, null at first), "facts": input.facts, "command", "context"}:
 *   a refusal's outcome is its error code, an acceptance without events "noop", otherwise
 *   each event is applied with doorstep_review_evolve and the outcome is "ok". The result:
 *   {"outcomes", "status", "version", "rating", "rectifyBy" of the review (null when there
 *   is none), "onTime" (rectifiedOn <= rectifyBy; null before rectification), "replayed":
 *   whether evolving every event from null rebuilt the same review}.
 * - its complaint cases (kind "complaint"): each step is decided with
 *   doorstep_complaint_decide as {"complaint", "command", "context"}, in en, and each event
 *   applied with doorstep_complaint_evolve. The result: {"outcomes", "status", "version",
 *   "answerBy" of the complaint, "answeredOnTime" (answeredOn <= answerBy; null before the
 *   answer), "replayed"}.
 * - metrics.json (metrics_fixtures in core/tests/metrics.rs): the events, one per line,
 *   then input.lines, as JSON Lines, and the query {scope, from, to}, to doorstep_metrics.
 *   The outcome flattened: "outcome"; when refused, "errors": [the error]; on a report,
 *   "scope", "ignoredEvents", "problems" and each key of the report's "cases", "reviews"
 *   and "complaints" as "cases.KEY" etc.
 * Matching rule: the one every suite uses (fixture_mismatches in harness.h).
 */
#define _POSIX_C_SOURCE 200809L

#include "harness.h"

/* The date the fixtures' catalogues are loaded (and their examples checked) at. */
#define LOADED_AT "2025-01-01"

/* An evolve export: doorstep_review_evolve or doorstep_complaint_evolve. */
typedef doorstep_status (*evolve_fn)(const char *, const char *, char **);

/* Applies `event` to *record (null at first) through `evolve`, the record being the
 * request's and the outcome's member `key`: 1 when applied. */
static int evolve_record(const char *name, evolve_fn evolve, const char *key, cJSON **record,
                         const cJSON *event, const char *lang) {
    cJSON *request = cJSON_CreateObject();
    char *text, *out = NULL;
    cJSON *evolution;
    int applied;
    cJSON_AddItemToObject(request, key, dup_or_null(*record));
    cJSON_AddItemToObject(request, "event", cJSON_Duplicate(event, 1));
    text = print_and_delete(request);
    evolution = written(name, evolve(text, lang, &out), &out);
    free(text);
    applied = expect(string_is(evolution, "outcome", "applied"), "%s: an event is refused", name);
    if (applied) {
        cJSON_Delete(*record);
        *record = cJSON_DetachItemFromObjectCaseSensitive(evolution, key);
    }
    cJSON_Delete(evolution);
    return applied;
}

static int evolve_review(const char *name, cJSON **review, const cJSON *event, const char *lang) {
    return evolve_record(name, doorstep_review_evolve, "review", review, event, lang);
}

/* Whether date member `on` of `record` is on or before its member `by` ("YYYY-MM-DD"
 * compares as text): a new bool, or null when either is missing. */
static cJSON *on_or_before(const cJSON *record, const char *on, const char *by) {
    const char *a = record == NULL ? NULL : opt_string(record, on);
    const char *b = record == NULL ? NULL : opt_string(record, by);
    return a != NULL && b != NULL ? cJSON_CreateBool(strcmp(a, b) <= 0) : cJSON_CreateNull();
}

/* The outcome of a decision (a new item): its refusal's code (the message checked),
 * "noop", or "ok"; NULL when it is neither accepted nor refused. */
static cJSON *decision_outcome(const char *name, const cJSON *decision) {
    const cJSON *error = cJSON_GetObjectItemCaseSensitive(decision, "error");
    if (string_is(decision, "outcome", "refused")) {
        const char *message = opt_string(error, "message");
        expect(message != NULL && message[0] != '\0', "%s: a refusal without a message", name);
        return member(error, "code");
    }
    if (!expect(string_is(decision, "outcome", "accepted"), "%s: neither accepted nor refused",
                name)) {
        return NULL;
    }
    return cJSON_CreateString(
        cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(decision, "events")) == 0 ? "noop"
                                                                                      : "ok");
}

/* ---- reviews.json: reviews ----------------------------------------------------------- */

static cJSON *run_review(const char *name, const doorstep_engine *engine, const cJSON *input) {
    const cJSON *facts = cJSON_GetObjectItemCaseSensitive(input, "facts");
    const cJSON *s, *event;
    cJSON *review = NULL, *replayed = NULL;
    cJSON *events = cJSON_CreateArray(), *outcomes = cJSON_CreateArray(), *actual;
    cJSON_ArrayForEach(s, cJSON_GetObjectItemCaseSensitive(input, "steps")) {
        cJSON *request = cJSON_CreateObject(), *decision, *outcome;
        char *text, *out = NULL;
        cJSON_AddItemToObject(request, "review", dup_or_null(review));
        cJSON_AddItemToObject(request, "facts", dup_or_null(facts));
        cJSON_AddItemToObject(request, "command", member(s, "command"));
        cJSON_AddItemToObject(request, "context", member(s, "context"));
        text = print_and_delete(request);
        decision = written(name, doorstep_review_decide(engine, text, NULL, &out), &out);
        free(text);
        outcome = decision_outcome(name, decision);
        cJSON_AddItemToArray(outcomes, outcome == NULL ? cJSON_CreateNull() : outcome);
        if (string_is(decision, "outcome", "accepted")) {
            cJSON_ArrayForEach(event, cJSON_GetObjectItemCaseSensitive(decision, "events")) {
                if (evolve_review(name, &review, event, NULL)) {
                    cJSON_AddItemToArray(events, cJSON_Duplicate(event, 1));
                }
            }
        }
        cJSON_Delete(decision);
    }
    /* Replayed: every event evolved again from null. */
    cJSON_ArrayForEach(event, events) {
        evolve_review(name, &replayed, event, "en");
    }
    actual = cJSON_CreateObject();
    cJSON_AddItemToObject(actual, "outcomes", outcomes);
    cJSON_AddItemToObject(actual, "status", member(review, "status"));
    cJSON_AddItemToObject(actual, "version", member(review, "version"));
    cJSON_AddItemToObject(actual, "rating", member(review, "rating"));
    cJSON_AddItemToObject(actual, "rectifyBy", member(review, "rectifyBy"));
    cJSON_AddItemToObject(actual, "onTime", on_or_before(review, "rectifiedOn", "rectifyBy"));
    cJSON_AddBoolToObject(actual, "replayed",
                          review == NULL ? replayed == NULL
                                         : replayed != NULL && cJSON_Compare(replayed, review, 1));
    cJSON_Delete(review);
    cJSON_Delete(replayed);
    cJSON_Delete(events);
    return actual;
}

/* ---- reviews.json: complaints -------------------------------------------------------- */

/* Runs a complaint case: decide each step, apply each event, replay them all. */
static cJSON *run_complaint(const char *name, const doorstep_engine *engine, const cJSON *input) {
    const cJSON *s, *event;
    cJSON *complaint = NULL, *replayed = NULL;
    cJSON *events = cJSON_CreateArray(), *outcomes = cJSON_CreateArray(), *actual;
    cJSON_ArrayForEach(s, cJSON_GetObjectItemCaseSensitive(input, "steps")) {
        cJSON *request = cJSON_CreateObject(), *decision, *outcome;
        char *text, *out = NULL;
        cJSON_AddItemToObject(request, "complaint", dup_or_null(complaint));
        cJSON_AddItemToObject(request, "command", member(s, "command"));
        cJSON_AddItemToObject(request, "context", member(s, "context"));
        text = print_and_delete(request);
        decision = written(name, doorstep_complaint_decide(engine, text, "en", &out), &out);
        free(text);
        outcome = decision_outcome(name, decision);
        cJSON_AddItemToArray(outcomes, outcome == NULL ? cJSON_CreateNull() : outcome);
        if (string_is(decision, "outcome", "accepted")) {
            cJSON_ArrayForEach(event, cJSON_GetObjectItemCaseSensitive(decision, "events")) {
                if (evolve_record(name, doorstep_complaint_evolve, "complaint", &complaint,
                                  event, "en")) {
                    cJSON_AddItemToArray(events, cJSON_Duplicate(event, 1));
                }
            }
        }
        cJSON_Delete(decision);
    }
    cJSON_ArrayForEach(event, events) {
        evolve_record(name, doorstep_complaint_evolve, "complaint", &replayed, event, "en");
    }
    actual = cJSON_CreateObject();
    cJSON_AddItemToObject(actual, "outcomes", outcomes);
    cJSON_AddItemToObject(actual, "status", member(complaint, "status"));
    cJSON_AddItemToObject(actual, "version", member(complaint, "version"));
    cJSON_AddItemToObject(actual, "answerBy", member(complaint, "answerBy"));
    cJSON_AddItemToObject(actual, "answeredOnTime", on_or_before(complaint, "answeredOn", "answerBy"));
    cJSON_AddBoolToObject(actual, "replayed",
                          complaint == NULL
                              ? replayed == NULL
                              : replayed != NULL && cJSON_Compare(replayed, complaint, 1));
    cJSON_Delete(complaint);
    cJSON_Delete(replayed);
    cJSON_Delete(events);
    return actual;
}

static void run_reviews(const char *dir) {
    cJSON *file = load_json(dir, "reviews.json");
    const cJSON *k;
    int ran = 0, complaints = 0;
    cJSON_ArrayForEach(k, cJSON_GetObjectItemCaseSensitive(file, "cases")) {
        const cJSON *input = cJSON_GetObjectItemCaseSensitive(k, "input");
        const cJSON *expected = cJSON_GetObjectItemCaseSensitive(k, "expected");
        const char *name = opt_string(k, "name");
        doorstep_engine *engine = fixture_engine(dir, input, name == NULL ? "(unnamed)" : name, LOADED_AT, "reviews");
        cJSON *actual;
        ran++;
        if (engine == NULL) {
            continue;
        }
        if (string_is(input, "kind", "complaint")) {
            complaints++;
            actual = run_complaint(name, engine, input);
        } else {
            actual = run_review(name, engine, input);
        }
        if (actual != NULL) {
            count_case(fixture_mismatches(name, NULL, expected, actual));
        }
        cJSON_Delete(actual);
        doorstep_engine_free(engine);
    }
    expect(ran > 0 && complaints > 0, "reviews.json: %d cases, %d of complaints", ran,
           complaints);
    cJSON_Delete(file);
}

/* ---- metrics.json -------------------------------------------------------------------- */

/* Appends `line` and a newline to the growing text *text of *used bytes. */
static int append_line(char **text, size_t *used, const char *line) {
    size_t n = strlen(line);
    char *grown = realloc(*text, *used + n + 2);
    if (grown == NULL) {
        return 0;
    }
    memcpy(grown + *used, line, n);
    grown[*used + n] = '\n';
    grown[*used + n + 1] = '\0';
    *text = grown;
    *used += n + 1;
    return 1;
}

/* The metrics outcome flattened for the matching rule (a new object). */
static cJSON *flatten(const cJSON *outcome) {
    static const char *const parts[] = {"cases", "reviews", "complaints"};
    const cJSON *report = cJSON_GetObjectItemCaseSensitive(outcome, "report");
    const cJSON *error = cJSON_GetObjectItemCaseSensitive(outcome, "error");
    cJSON *out = cJSON_CreateObject();
    size_t p;
    cJSON_AddItemToObject(out, "outcome", member(outcome, "outcome"));
    if (error != NULL) {
        cJSON *errors = cJSON_AddArrayToObject(out, "errors");
        cJSON_AddItemToArray(errors, cJSON_Duplicate(error, 1));
        return out;
    }
    cJSON_AddItemToObject(out, "scope", member(report, "scope"));
    cJSON_AddItemToObject(out, "ignoredEvents", member(report, "ignoredEvents"));
    cJSON_AddItemToObject(out, "problems", member(outcome, "problems"));
    for (p = 0; p < sizeof parts / sizeof *parts; p++) {
        const cJSON *item;
        cJSON_ArrayForEach(item, cJSON_GetObjectItemCaseSensitive(report, parts[p])) {
            char key[256];
            snprintf(key, sizeof key, "%s.%s", parts[p], item->string);
            cJSON_AddItemToObject(out, key, cJSON_Duplicate(item, 1));
        }
    }
    return out;
}

static void run_metrics(const char *dir) {
    cJSON *file = load_json(dir, "metrics.json");
    const cJSON *k;
    int ran = 0;
    cJSON_ArrayForEach(k, cJSON_GetObjectItemCaseSensitive(file, "cases")) {
        const cJSON *input = cJSON_GetObjectItemCaseSensitive(k, "input");
        const char *name = opt_string(k, "name");
        doorstep_engine *engine = fixture_engine(dir, input, name == NULL ? "(unnamed)" : name, LOADED_AT, "reviews");
        const cJSON *item;
        cJSON *query, *outcome, *actual;
        char *events = NULL, *query_text, *out = NULL;
        size_t used = 0;
        int ok = 1;
        ran++;
        if (engine == NULL) {
            continue;
        }
        events = calloc(1, 1);
        ok = events != NULL;
        cJSON_ArrayForEach(item, cJSON_GetObjectItemCaseSensitive(input, "events")) {
            char *line = cJSON_PrintUnformatted(item);
            ok = ok && line != NULL && append_line(&events, &used, line);
            free(line);
        }
        cJSON_ArrayForEach(item, cJSON_GetObjectItemCaseSensitive(input, "lines")) {
            ok = ok && cJSON_IsString(item) && append_line(&events, &used, item->valuestring);
        }
        query = cJSON_CreateObject();
        cJSON_AddItemToObject(query, "scope", member(input, "scope"));
        cJSON_AddItemToObject(query, "from", member(input, "from"));
        cJSON_AddItemToObject(query, "to", member(input, "to"));
        query_text = print_and_delete(query);
        if (expect(ok, "%s: the events cannot be written as JSON Lines", name)) {
            outcome = written(name, doorstep_metrics(engine, query_text, events, NULL, &out), &out);
            if (outcome != NULL) {
                actual = flatten(outcome);
                count_case(fixture_mismatches(name, NULL,
                                              cJSON_GetObjectItemCaseSensitive(k, "expected"),
                                              actual));
                cJSON_Delete(actual);
            }
            cJSON_Delete(outcome);
        }
        free(query_text);
        free(events);
        doorstep_engine_free(engine);
    }
    expect(ran > 0, "metrics.json: no cases");
    cJSON_Delete(file);
}

/* ---- The invitation, and misuse ------------------------------------------------------ */

#define FACTS                                                                                  \
    "{\"case\":\"HC-1\",\"matter\":\"MED-INSURE\",\"org\":\"350205-001-01\","                  \
    "\"channel\":\"window\",\"applicant\":\"u-lin\""
#define CONCLUDED ",\"concludedAt\":\"2025-09-30T10:00:00+08:00\"}"
#define QUERY "{\"scope\":\"350205-001-01\",\"from\":\"2025-09-01\",\"to\":\"2025-10-31\"}"

/* A call that must fail with `status` / `code`, leave its out-parameter alone, and say
 * why (in both languages). */
static void expect_failure(const char *what, doorstep_status got, const char *out,
                           const char *untouched, doorstep_status status, const char *code) {
    expect(got == status, "%s: status %d, expected %d", what, (int)got, (int)status);
    expect(out == untouched, "%s: the out-parameter was written on failure", what);
    expect_last_error(what, status, code);
}

static void test_calls(const char *dir) {
    cJSON *file = load_json(dir, "reviews.json");
    const cJSON *first = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(file, "cases"), 0);
    const cJSON *input = cJSON_GetObjectItemCaseSensitive(first, "input");
    doorstep_engine *engine = input == NULL ? NULL : fixture_engine(dir, input, "the invitation", LOADED_AT, "reviews");
    char untouched = 0;
    char *out = &untouched;
    cJSON *result;
    doorstep_status status;
    cJSON_Delete(file);
    if (!expect(engine != NULL, "reviews.json: the first case's engine")) {
        return;
    }

    /* The invitation: the day of conclusion, both channels, 满意 by default. */
    out = NULL;
    result = written("invitation", doorstep_review_invitation(engine, FACTS CONCLUDED, NULL, &out),
                     &out);
    expect(string_is(result, "outcome", "invited") &&
               string_is(cJSON_GetObjectItemCaseSensitive(result, "invitation"), "lastDay",
                         "2025-09-30") &&
               string_is(cJSON_GetObjectItemCaseSensitive(result, "invitation"), "defaultRating",
                         "satisfied") &&
               cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(
                   cJSON_GetObjectItemCaseSensitive(result, "invitation"), "channels")) == 2,
           "invitation: the last day 2025-09-30, on site and online, satisfied by default");
    cJSON_Delete(result);
    out = NULL;
    result = written("invitation (open)", doorstep_review_invitation(engine, FACTS "}", "en", &out),
                     &out);
    expect(string_is(result, "outcome", "refused") &&
               string_is(cJSON_GetObjectItemCaseSensitive(result, "error"), "code",
                         "review.not_concluded"),
           "invitation of a case not concluded: refused, review.not_concluded");
    cJSON_Delete(result);
    expect(doorstep_last_error_status() == DOORSTEP_OK, "a refusal is no failure");

    /* Metrics: a refused query is an outcome, an unreadable one a failure. */
    out = NULL;
    result = written("metrics (unknown scope)",
                     doorstep_metrics(engine,
                                      "{\"scope\":\"nowhere\",\"from\":\"2025-09-01\","
                                      "\"to\":\"2025-10-31\"}",
                                      "", "en", &out),
                     &out);
    expect(string_is(result, "outcome", "refused") &&
               string_is(cJSON_GetObjectItemCaseSensitive(result, "error"), "code",
                         "metrics.unknown_scope"),
           "metrics of an unknown scope: refused, metrics.unknown_scope");
    cJSON_Delete(result);
    out = NULL;
    result = written("metrics (no events)", doorstep_metrics(engine, QUERY, "\n", NULL, &out),
                     &out);
    expect(string_is(result, "outcome", "report") &&
               cJSON_GetNumberValue(cJSON_GetObjectItemCaseSensitive(
                   cJSON_GetObjectItemCaseSensitive(
                       cJSON_GetObjectItemCaseSensitive(result, "report"), "cases"),
                   "received")) == 0.0,
           "metrics of no events: a report of nothing received");
    cJSON_Delete(result);

    out = &untouched;
    status = doorstep_metrics(engine, "{\"scope\":", "", NULL, &out);
    expect_failure("metrics(truncated query)", status, out, &untouched, DOORSTEP_ERR_INVALID_INPUT,
                   "input.malformed");
    status = doorstep_metrics(engine, "{\"scope\":\"350205\"}", "", NULL, &out);
    expect_failure("metrics(a query without its period)", status, out, &untouched,
                   DOORSTEP_ERR_INVALID_INPUT, "input.shape");
    /* A line that is not UTF-8 is skipped and listed, as any other bad line. */
    out = NULL;
    result = written("metrics (a line not UTF-8)",
                     doorstep_metrics(engine, QUERY, "{\"case\":\"\xff\"}\n", NULL, &out), &out);
    expect(string_is(result, "outcome", "report") &&
               string_is(cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(result, "problems"), 0),
                         "code", "input.not_utf8"),
           "metrics of a line not UTF-8: a report, the line in problems as input.not_utf8");
    cJSON_Delete(result);
    out = &untouched;
    status = doorstep_metrics(engine, QUERY, "", "fr", &out);
    expect_failure("metrics(unknown lang)", status, out, &untouched,
                   DOORSTEP_ERR_INVALID_ARGUMENT, "arg.unknown_lang");
    status = doorstep_review_decide(engine, "{}", NULL, &out);
    expect_failure("review decide({})", status, out, &untouched, DOORSTEP_ERR_INVALID_INPUT,
                   "input.shape");
    status = doorstep_review_evolve("{\"review\":null,\"event\":", NULL, &out);
    expect_failure("review evolve(truncated)", status, out, &untouched,
                   DOORSTEP_ERR_INVALID_INPUT, "input.malformed");
    status = doorstep_review_invitation(engine, "{\"case\":\"HC-1\"}", NULL, &out);
    expect_failure("invitation(facts without their matter)", status, out, &untouched,
                   DOORSTEP_ERR_INVALID_INPUT, "input.shape");
    status = doorstep_complaint_decide(engine, "{\"complaint\":null}", "zh", &out);
    expect_failure("complaint decide(no command)", status, out, &untouched,
                   DOORSTEP_ERR_INVALID_INPUT, "input.shape");
    status = doorstep_complaint_decide(engine, "{}", "de", &out);
    expect_failure("complaint decide(unknown lang)", status, out, &untouched,
                   DOORSTEP_ERR_INVALID_ARGUMENT, "arg.unknown_lang");
    status = doorstep_review_decide(NULL, "{}", NULL, &out);
    expect_failure("review decide(NULL engine)", status, out, &untouched,
                   DOORSTEP_ERR_NULL_ARGUMENT, "ffi.null_argument");
    doorstep_engine_free(engine);
}

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: %s tests/fixtures\n", argv[0]);
        return 2;
    }
    run_reviews(argv[1]);
    run_metrics(argv[1]);
    test_calls(argv[1]);
    printf("c: %d passed, %d failed\n", passed, failed);
    return failed == 0 ? 0 : 1;
}
