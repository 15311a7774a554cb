/*
 * 预约 (the appointment book) from C: the shared fixture tests/fixtures/appointments.json and
 * the misuse rules of doorstep_appointment_decide and doorstep_appointment_evolve, run
 * through libdoorstep.
 *
 * Usage: test_appointments PATH/TO/tests/fixtures
 * Prints one line per failure and, last, exactly "c: N passed, M failed"; exits non-zero
 * on any failure. Built by tests/c/run.sh (C99, -Wall -Wextra -Wpedantic -Werror) and run
 * under valgrind and AddressSanitizer.
 *
 * How the fixture runs (as the Rust runner appointments_fixtures in core/tests/appointment.rs
 * does): the catalogue input.catalog, with input.patch applied, is loaded at LOADED_AT, and
 * every message is in input.lang (NULL, zh-CN, when there is none). The book starts as
 * input.book. Each step is either
 * - {command, at}: decided with doorstep_appointment_decide as {"book" (as it stands),
 *   "command", "at"}; a refusal's outcome is its error code (its message non-empty, kept in
 *   "messages"); an accepted event is then applied with doorstep_appointment_evolve as
 *   {"book", "event"}, which must apply it, and the outcome is "ok"; or
 * - {event}: a stored event applied with doorstep_appointment_evolve alone: "ok" when
 *   applied, else the refusal's code (its message non-empty, kept in "messages").
 * A request that cannot be read (a stored book that fails its checks: input.shape) is a
 * failed call: the outcome is the last error's code, its message (in lang, non-empty) kept
 * in "messages", and the book stays as it was.
 * The result: {"outcomes", "messages" (the refusals' messages, in order), "statuses" (every
 * appointment of the final book, id -> status), "cases" (id -> the case an arrival names),
 * "homeVisits" (ids of the home-visit appointments, in order), "taken" (slot -> its
 * appointments booked or arrived, counted here from the final book), "replayed" (the
 * accepted events applied again to input.book, one evolve request each, rebuild the final
 * book)}.
 * Matching rule: the one every suite uses (fixture_mismatches in harness.h).
 *
 * Then the decide requests of the cases on catalog/authority.json (unpatched) are decided
 * again on one engine by THREADS threads at once, each also making a call that fails: the
 * single-threaded results, and each thread its own last error.
 */
#define _POSIX_C_SOURCE 200809L

#include "harness.h"

/* The date the fixture's catalogues are loaded (and their examples checked) at. */
#define LOADED_AT "2025-01-01"
/* MAX_APPOINTMENT_REQUEST_BYTES: the largest request either call reads (4 MiB). */
#define MAX_REQUEST_BYTES ((size_t)4 << 20)
/* The catalogue whose cases' decisions the thread test replays on one shared engine. */
#define SHARED_CATALOG "catalog/authority.json"

/* A decide request kept for the thread test: its text, its language (NULL: zh-CN) and, once
 * the single-threaded run made it, its outcome (all owned). */
typedef struct {
    char *text;
    char *lang;
    char *outcome;
} kept_request;

/* The thread test's requests, and the engine they are decided on. */
typedef struct {
    kept_request *items;
    int count;
    const doorstep_engine *engine;
} kept_requests;

/* Sets member `key` of `object` to `value` (taking it), replacing any member of that name,
 * as a JSON map keeps the last value of a key. */
static void set_member(cJSON *object, const char *key, cJSON *value) {
    cJSON_DeleteItemFromObjectCaseSensitive(object, key);
    cJSON_AddItemToObject(object, key, value);
}

/* Applies `event` to `book` with doorstep_appointment_evolve: the call's status, and on
 * DOORSTEP_OK the evolution written to *evolution (delete it; NULL, with a failure
 * counted, when it is not JSON). */
static doorstep_status evolve(const char *name, const cJSON *book, const cJSON *event,
                              const char *lang, cJSON **evolution) {
    cJSON *request = cJSON_CreateObject();
    char *text, *out = NULL;
    doorstep_status status;
    cJSON_AddItemToObject(request, "book", dup_or_null(book));
    cJSON_AddItemToObject(request, "event", dup_or_null(event));
    text = print_and_delete(request);
    status = doorstep_appointment_evolve(text, lang, &out);
    free(text);
    *evolution = NULL;
    if (status == DOORSTEP_OK) {
        *evolution = cJSON_Parse(out);
        doorstep_string_free(out);
        expect(*evolution != NULL, "%s: the evolution is not JSON", name);
    }
    return status;
}

/* Records a failed call (a request that cannot be read): the last error's code in
 * `outcomes`, its message in `lang` (checked non-empty) in `messages`. */
static void unreadable(const char *name, const char *lang, cJSON *outcomes, cJSON *messages) {
    char *message = NULL;
    cJSON_AddItemToArray(outcomes, cJSON_CreateString(doorstep_last_error_code()));
    if (expect(doorstep_last_error_message(lang, &message) == DOORSTEP_OK && message != NULL &&
                   message[0] != '\0',
               "%s: a failed call without a message", name)) {
        cJSON_AddItemToArray(messages, cJSON_CreateString(message));
    } else {
        cJSON_AddItemToArray(messages, cJSON_CreateNull());
    }
    doorstep_string_free(message);
}

/* Records a refusal: its code in `outcomes`, its message (checked non-empty) in `messages`. */
static void refused(const char *name, const cJSON *error, cJSON *outcomes, cJSON *messages) {
    const char *message = opt_string(error, "message");
    expect(message != NULL && message[0] != '\0', "%s: a refusal without a message", name);
    cJSON_AddItemToArray(outcomes, member(error, "code"));
    cJSON_AddItemToArray(messages, member(error, "message"));
}

/* The places of slot `slot` taken in `appointments`: those booked or arrived. */
static int taken(const cJSON *appointments, const char *slot) {
    const cJSON *a;
    int n = 0;
    cJSON_ArrayForEach(a, appointments) {
        if (string_is(a, "slot", slot) &&
            (string_is(a, "status", "booked") || string_is(a, "status", "arrived"))) {
            n++;
        }
    }
    return n;
}

/* The result of the final book `book` (see the top of the file); takes `outcomes` and
 * `messages`. */
static cJSON *result(const cJSON *book, cJSON *outcomes, cJSON *messages, int replayed) {
    const cJSON *appointments = cJSON_GetObjectItemCaseSensitive(book, "appointments");
    const cJSON *a, *s;
    cJSON *actual = cJSON_CreateObject();
    cJSON *statuses = cJSON_CreateObject(), *cases = cJSON_CreateObject();
    cJSON *home_visits = cJSON_CreateArray(), *places = cJSON_CreateObject();
    cJSON_ArrayForEach(a, appointments) {
        const char *id = opt_string(a, "id");
        const cJSON *status = cJSON_GetObjectItemCaseSensitive(a, "status");
        const cJSON *c = cJSON_GetObjectItemCaseSensitive(a, "case");
        if (id == NULL) {
            expect(0, "an appointment of the book without an id");
            continue;
        }
        /* As the Rust runner: a member given is listed, whatever its value. */
        if (status != NULL) {
            set_member(statuses, id, cJSON_Duplicate(status, 1));
        }
        if (c != NULL) {
            set_member(cases, id, cJSON_Duplicate(c, 1));
        }
        if (cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(a, "homeVisit"))) {
            cJSON_AddItemToArray(home_visits, cJSON_CreateString(id));
        }
    }
    cJSON_ArrayForEach(s, cJSON_GetObjectItemCaseSensitive(book, "slots")) {
        const char *id = opt_string(s, "id");
        if (id == NULL) {
            expect(0, "a slot of the book without an id");
            continue;
        }
        set_member(places, id, cJSON_CreateNumber(taken(appointments, id)));
    }
    cJSON_AddItemToObject(actual, "outcomes", outcomes);
    cJSON_AddItemToObject(actual, "messages", messages);
    cJSON_AddItemToObject(actual, "statuses", statuses);
    cJSON_AddItemToObject(actual, "cases", cases);
    cJSON_AddItemToObject(actual, "homeVisits", home_visits);
    cJSON_AddItemToObject(actual, "taken", places);
    cJSON_AddBoolToObject(actual, "replayed", replayed);
    return actual;
}

/* ---- appointments.json --------------------------------------------------------------- */

/* Runs one case: decide and apply each step, then replay the accepted events. */
/* Keeps a copy of the decide request `text` in `keep` (when not NULL). */
static void keep_request(kept_requests *keep, const char *text, const char *lang) {
    kept_request *grown;
    if (keep == NULL) {
        return;
    }
    grown = realloc(keep->items, (size_t)(keep->count + 1) * sizeof *grown);
    if (expect(grown != NULL, "out of memory")) {
        keep->items = grown;
        grown[keep->count].text = strdup(text);
        grown[keep->count].lang = lang == NULL ? NULL : strdup(lang);
        grown[keep->count].outcome = NULL;
        keep->count++;
    }
}

/* Runs one case; its decide requests are kept in `keep` (when not NULL). */
static cJSON *run_case(const char *name, const doorstep_engine *engine, const cJSON *input,
                       kept_requests *keep) {
    const char *lang = opt_string(input, "lang");
    const cJSON *initial = cJSON_GetObjectItemCaseSensitive(input, "book");
    const cJSON *s, *event;
    cJSON *book = dup_or_null(initial), *replayed = dup_or_null(initial), *actual;
    cJSON *events = cJSON_CreateArray();
    cJSON *outcomes = cJSON_CreateArray(), *messages = cJSON_CreateArray();
    int same;
    cJSON_ArrayForEach(s, cJSON_GetObjectItemCaseSensitive(input, "steps")) {
        const cJSON *stored = cJSON_GetObjectItemCaseSensitive(s, "event");
        cJSON *step_event, *evolution = NULL;
        doorstep_status status;
        if (stored != NULL) {
            step_event = cJSON_Duplicate(stored, 1);
        } else {
            cJSON *request = cJSON_CreateObject(), *decision;
            char *text, *out = NULL;
            cJSON_AddItemToObject(request, "book", dup_or_null(book));
            cJSON_AddItemToObject(request, "command", member(s, "command"));
            cJSON_AddItemToObject(request, "at", member(s, "at"));
            text = print_and_delete(request);
            keep_request(keep, text, lang);
            status = doorstep_appointment_decide(engine, text, lang, &out);
            free(text);
            if (status != DOORSTEP_OK) {
                unreadable(name, lang, outcomes, messages);
                continue;
            }
            decision = cJSON_Parse(out);
            doorstep_string_free(out);
            if (string_is(decision, "outcome", "refused")) {
                refused(name, cJSON_GetObjectItemCaseSensitive(decision, "error"), outcomes,
                        messages);
                cJSON_Delete(decision);
                continue;
            }
            if (!expect(string_is(decision, "outcome", "accepted") &&
                            cJSON_IsObject(cJSON_GetObjectItemCaseSensitive(decision, "event")),
                        "%s: a decision neither accepted with an event nor refused", name)) {
                cJSON_AddItemToArray(outcomes, cJSON_CreateNull());
                cJSON_Delete(decision);
                continue;
            }
            step_event = cJSON_DetachItemFromObjectCaseSensitive(decision, "event");
            cJSON_Delete(decision);
        }
        status = evolve(name, book, step_event, lang, &evolution);
        if (string_is(evolution, "outcome", "applied")) {
            cJSON_Delete(book);
            book = cJSON_DetachItemFromObjectCaseSensitive(evolution, "book");
            cJSON_AddItemToArray(events, step_event);
            cJSON_AddItemToArray(outcomes, cJSON_CreateString("ok"));
        } else {
            if (stored == NULL) {
                expect(0, "%s: evolve did not apply an event decide gave (status %d, %s)", name,
                       (int)status, doorstep_last_error_code());
                cJSON_AddItemToArray(outcomes, cJSON_CreateNull());
            } else if (status != DOORSTEP_OK) {
                unreadable(name, lang, outcomes, messages);
            } else if (expect(string_is(evolution, "outcome", "refused"),
                              "%s: an evolution neither applied nor refused", name)) {
                refused(name, cJSON_GetObjectItemCaseSensitive(evolution, "error"), outcomes,
                        messages);
            } else {
                cJSON_AddItemToArray(outcomes, cJSON_CreateNull());
            }
            cJSON_Delete(step_event);
        }
        cJSON_Delete(evolution);
    }
    /* Replayed: the accepted events applied again to the initial book, each in its own
     * request; a refusal or a failed call leaves no book. */
    cJSON_ArrayForEach(event, events) {
        cJSON *evolution = NULL;
        if (replayed == NULL) {
            break;
        }
        evolve(name, replayed, event, lang, &evolution);
        cJSON_Delete(replayed);
        replayed = string_is(evolution, "outcome", "applied")
                       ? cJSON_DetachItemFromObjectCaseSensitive(evolution, "book")
                       : NULL;
        cJSON_Delete(evolution);
    }
    same = replayed != NULL && book != NULL && cJSON_Compare(replayed, book, 1);
    actual = result(book, outcomes, messages, same);
    cJSON_Delete(book);
    cJSON_Delete(replayed);
    cJSON_Delete(events);
    return actual;
}

static void run_appointments(const char *dir, kept_requests *keep) {
    cJSON *file = load_json(dir, "appointments.json");
    const cJSON *k;
    int ran = 0;
    cJSON_ArrayForEach(k, cJSON_GetObjectItemCaseSensitive(file, "cases")) {
        const cJSON *input = cJSON_GetObjectItemCaseSensitive(k, "input");
        const cJSON *expected = cJSON_GetObjectItemCaseSensitive(k, "expected");
        const char *name = opt_string(k, "name");
        doorstep_engine *engine;
        cJSON *actual;
        name = name == NULL ? "(unnamed)" : name;
        engine = fixture_engine(dir, input, name, LOADED_AT, NULL);
        ran++;
        if (engine == NULL) {
            continue;
        }
        /* The thread test's requests: those of the cases on the shared catalogue as it is. */
        actual = run_case(name, engine, input,
                          string_is(input, "catalog", SHARED_CATALOG) &&
                                  cJSON_GetObjectItemCaseSensitive(input, "patch") == NULL
                              ? keep
                              : NULL);
        count_case(fixture_mismatches(name, NULL, expected, actual));
        cJSON_Delete(actual);
        doorstep_engine_free(engine);
    }
    expect(ran > 0, "appointments.json: %d cases", ran);
    cJSON_Delete(file);
}

/* ---- Misuse -------------------------------------------------------------------------- */

#define BOOK                                                                                   \
    "{\"slots\":[{\"id\":\"wed\",\"station\":\"350205-001-01\",\"date\":\"2025-05-07\","     \
    "\"start\":\"18:00:00\",\"end\":\"19:00:00\",\"capacity\":2}]}"
#define BOOK_A1                                                                                \
    "{\"type\":\"book\",\"id\":\"a1\",\"slot\":\"wed\",\"applicant\":\"u-1\","                 \
    "\"matter\":\"MED-INSURE\"}"
#define AT ",\"at\":\"2025-05-06T10:00:00+08:00\"}"
/* A booking of a1 in wed, decided and (as an event) applied. */
#define DECIDE_A1 "{\"book\":" BOOK ",\"command\":" BOOK_A1 AT
#define EVOLVE_A1 "{\"book\":" BOOK ",\"event\":{\"command\":" BOOK_A1 AT "}"
/* A booking in a slot the book does not have. */
#define DECIDE_NOPE                                                                            \
    "{\"book\":" BOOK ",\"command\":{\"type\":\"book\",\"id\":\"a1\",\"slot\":\"nope\","       \
    "\"applicant\":\"u-1\",\"matter\":\"MED-INSURE\"}" AT

/* A call that must fail with `status` / `code`, leave its out-parameter alone, and say
 * why (in both languages). */
static void expect_failure(const char *what, doorstep_status got, const char *out,
                           const char *untouched, doorstep_status status, const char *code) {
    expect(got == status, "%s: status %d, expected %d", what, (int)got, (int)status);
    expect(out == untouched, "%s: the out-parameter was written on failure", what);
    expect_last_error(what, status, code);
}

/* `head` followed by spaces up to `size` bytes (free it); NULL when it cannot be made. */
static char *padded(const char *head, size_t size) {
    size_t n = strlen(head);
    char *text = n > size ? NULL : malloc(size + 1);
    if (text != NULL) {
        memcpy(text, head, n);
        memset(text + n, ' ', size - n);
        text[size] = '\0';
    }
    return text;
}

/* Whether `outcome` (deleted here; NULL when the call failed) is a refusal with `code` and
 * a message, that message then copied to `message` (of `size` bytes) unless it is NULL. */
static int refusal_is(cJSON *outcome, const char *code, char *message, size_t size) {
    const cJSON *error = cJSON_GetObjectItemCaseSensitive(outcome, "error");
    const char *text = opt_string(error, "message");
    int is = string_is(outcome, "outcome", "refused") && string_is(error, "code", code) &&
             text != NULL && text[0] != '\0';
    if (is && message != NULL) {
        snprintf(message, size, "%s", text);
    }
    cJSON_Delete(outcome);
    return is;
}

static void test_calls(const char *dir) {
    cJSON *file = load_json(dir, "appointments.json");
    const cJSON *first = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(file, "cases"), 0);
    const cJSON *input = cJSON_GetObjectItemCaseSensitive(first, "input");
    doorstep_engine *engine = input == NULL ? NULL : fixture_engine(dir, input, "the calls", LOADED_AT, NULL);
    char untouched = 0;
    char *out = NULL, *big;
    char zh[256] = "", en[256] = "";
    cJSON *result;
    doorstep_status status;
    cJSON_Delete(file);
    if (!expect(engine != NULL, "appointments.json: the first case's engine")) {
        return;
    }

    /* Accepted, applied; a refused command and a refused event are outcomes, not failures,
     * worded in the language asked for. */
    result = written("decide", doorstep_appointment_decide(engine, DECIDE_A1, NULL, &out), &out);
    expect(string_is(result, "outcome", "accepted") &&
               cJSON_IsObject(cJSON_GetObjectItemCaseSensitive(result, "event")),
           "decide: a booking of a free slot is accepted, with its event");
    cJSON_Delete(result);
    result = written("evolve", doorstep_appointment_evolve(EVOLVE_A1, "zh", &out), &out);
    expect(string_is(result, "outcome", "applied") &&
               cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(
                   cJSON_GetObjectItemCaseSensitive(result, "book"), "appointments")) == 1,
           "evolve: the booking applied, the book has its appointment");
    cJSON_Delete(result);
    expect(refusal_is(written("decide (unknown slot)",
                              doorstep_appointment_decide(engine, DECIDE_NOPE, NULL, &out), &out),
                      "appointment.unknown_slot", zh, sizeof zh),
           "decide in a slot the book does not have: refused, appointment.unknown_slot");
    expect(doorstep_last_error_status() == DOORSTEP_OK, "a refused command is no failure");
    expect(refusal_is(written("decide (unknown slot, en)",
                              doorstep_appointment_decide(engine, DECIDE_NOPE, "en", &out), &out),
                      "appointment.unknown_slot", en, sizeof en),
           "decide in a slot the book does not have, in en: refused, appointment.unknown_slot");
    expect(strcmp(zh, en) != 0 && strcmp(en, "No such slot") == 0,
           "the refusal in zh-CN by default (\"%s\") and in en on request (\"%s\")", zh, en);
    expect(refusal_is(written("evolve (cancel unknown)",
                              doorstep_appointment_evolve(
                                  "{\"book\":" BOOK ",\"event\":{\"command\":{\"type\":"
                                  "\"cancel\",\"id\":\"a9\"}" AT "}",
                                  "en", &out),
                              &out),
                      "appointment.unknown", NULL, 0),
           "evolve cancelling an appointment the book does not have: refused, "
           "appointment.unknown");
    expect(doorstep_last_error_status() == DOORSTEP_OK, "a refused event is no failure");

    /* Failures: the out-parameter untouched, the last error set. */
    out = &untouched;
    status = doorstep_appointment_decide(NULL, DECIDE_A1, NULL, &out);
    expect_failure("decide(NULL engine)", status, out, &untouched, DOORSTEP_ERR_NULL_ARGUMENT,
                   "ffi.null_argument");
    status = doorstep_appointment_decide(engine, NULL, NULL, &out);
    expect_failure("decide(NULL request)", status, out, &untouched, DOORSTEP_ERR_NULL_ARGUMENT,
                   "ffi.null_argument");
    status = doorstep_appointment_decide(engine, DECIDE_A1, NULL, NULL);
    expect_failure("decide(NULL out)", status, NULL, NULL, DOORSTEP_ERR_NULL_ARGUMENT,
                   "ffi.null_argument");
    status = doorstep_appointment_evolve(NULL, NULL, &out);
    expect_failure("evolve(NULL request)", status, out, &untouched, DOORSTEP_ERR_NULL_ARGUMENT,
                   "ffi.null_argument");
    status = doorstep_appointment_evolve(EVOLVE_A1, NULL, NULL);
    expect_failure("evolve(NULL out)", status, NULL, NULL, DOORSTEP_ERR_NULL_ARGUMENT,
                   "ffi.null_argument");
    status = doorstep_appointment_decide(engine, "{\"book\":\"\xff\xfe\"}", NULL, &out);
    expect_failure("decide(not UTF-8)", status, out, &untouched, DOORSTEP_ERR_INVALID_UTF8,
                   "ffi.invalid_utf8");
    status = doorstep_appointment_evolve("{\"book\":\"\xc3\x28\"}", NULL, &out);
    expect_failure("evolve(not UTF-8)", status, out, &untouched, DOORSTEP_ERR_INVALID_UTF8,
                   "ffi.invalid_utf8");
    status = doorstep_appointment_decide(engine, DECIDE_A1, "\xff", &out);
    expect_failure("decide(lang not UTF-8)", status, out, &untouched, DOORSTEP_ERR_INVALID_UTF8,
                   "ffi.invalid_utf8");
    status = doorstep_appointment_decide(engine, "{\"book\":{\"slots\":[", NULL, &out);
    expect_failure("decide(truncated)", status, out, &untouched, DOORSTEP_ERR_INVALID_INPUT,
                   "input.malformed");
    status = doorstep_appointment_evolve("{\"book\":" BOOK ",\"event\":", NULL, &out);
    expect_failure("evolve(truncated)", status, out, &untouched, DOORSTEP_ERR_INVALID_INPUT,
                   "input.malformed");
    status = doorstep_appointment_decide(engine, "{}", NULL, &out);
    expect_failure("decide({})", status, out, &untouched, DOORSTEP_ERR_INVALID_INPUT,
                   "input.shape");
    status = doorstep_appointment_decide(
        engine, "{\"book\":" BOOK ",\"command\":{\"type\":\"reschedule\",\"id\":\"a1\"}" AT,
        NULL, &out);
    expect_failure("decide(an unknown command)", status, out, &untouched,
                   DOORSTEP_ERR_INVALID_INPUT, "input.shape");
    status = doorstep_appointment_decide(
        engine,
        "{\"book\":{\"slots\":[{\"id\":\"wed\",\"station\":\"350205-001-01\","
        "\"date\":\"2025-05-07\",\"start\":\"19:00:00\",\"end\":\"18:00:00\","
        "\"capacity\":2}]},\"command\":" BOOK_A1 AT,
        NULL, &out);
    expect_failure("decide(a slot ending before it starts)", status, out, &untouched,
                   DOORSTEP_ERR_INVALID_INPUT, "input.shape");
    status = doorstep_appointment_evolve("{\"book\":" BOOK "}", NULL, &out);
    expect_failure("evolve(no event)", status, out, &untouched, DOORSTEP_ERR_INVALID_INPUT,
                   "input.shape");
    status = doorstep_appointment_decide(engine, DECIDE_A1, "fr", &out);
    expect_failure("decide(unknown lang)", status, out, &untouched,
                   DOORSTEP_ERR_INVALID_ARGUMENT, "arg.unknown_lang");
    status = doorstep_appointment_evolve(EVOLVE_A1, "de", &out);
    expect_failure("evolve(unknown lang)", status, out, &untouched,
                   DOORSTEP_ERR_INVALID_ARGUMENT, "arg.unknown_lang");

    /* The size limit: a request of MAX_REQUEST_BYTES is read, one byte more is not. */
    big = padded(DECIDE_A1, MAX_REQUEST_BYTES);
    if (expect(big != NULL, "a request of 4 MiB")) {
        out = NULL;
        result = written("decide (4 MiB)", doorstep_appointment_decide(engine, big, NULL, &out),
                         &out);
        expect(string_is(result, "outcome", "accepted"),
               "decide: a request of exactly 4 MiB is read");
        cJSON_Delete(result);
        free(big);
    }
    big = padded(DECIDE_A1, MAX_REQUEST_BYTES + 1);
    if (expect(big != NULL, "a request of 4 MiB and a byte")) {
        out = &untouched;
        status = doorstep_appointment_decide(engine, big, NULL, &out);
        expect_failure("decide(too large)", status, out, &untouched, DOORSTEP_ERR_INVALID_INPUT,
                       "input.too_large");
        free(big);
    }
    big = padded(EVOLVE_A1, MAX_REQUEST_BYTES + 1);
    if (expect(big != NULL, "an evolve request of 4 MiB and a byte")) {
        out = &untouched;
        status = doorstep_appointment_evolve(big, NULL, &out);
        expect_failure("evolve(too large)", status, out, &untouched, DOORSTEP_ERR_INVALID_INPUT,
                       "input.too_large");
        free(big);
    }
    /* A success clears the last error. */
    out = NULL;
    result = written("evolve (after a failure)",
                     doorstep_appointment_evolve(EVOLVE_A1, NULL, &out), &out);
    cJSON_Delete(result);
    expect(doorstep_last_error_status() == DOORSTEP_OK, "a success clears the last error");
    doorstep_engine_free(engine);
}

/* ---- One engine, many threads ------------------------------------------------------- */

/* A decide call's result as text (free it): what it wrote, or "error <code>". */
static char *decided(const doorstep_engine *engine, const char *text, const char *lang) {
    char *out = NULL, *copy;
    char line[128];
    if (doorstep_appointment_decide(engine, text, lang, &out) == DOORSTEP_OK) {
        copy = strdup(out);
        doorstep_string_free(out);
        return copy;
    }
    snprintf(line, sizeof line, "error %s", doorstep_last_error_code());
    return strdup(line);
}

/* Each thread decides every kept request ROUNDS times, in an order of its own, after a
 * request that fails (its own last error checked each time): the single-threaded result
 * each time. */
static void *work(void *arg) {
    worker *me = arg;
    const kept_requests *k = me->fixtures;
    const char *code;
    const char *wrong = wrong_document(me, &code);
    int round, i;
    for (round = 0; round < ROUNDS; round++) {
        for (i = 0; i < k->count; i++) {
            const kept_request *r = &k->items[(i + me->index * 5) % k->count];
            char *out = NULL, *result;
            if (doorstep_appointment_decide(k->engine, wrong, NULL, &out) == DOORSTEP_OK ||
                strcmp(doorstep_last_error_code(), code) != 0) {
                me->failures++;
            }
            result = decided(k->engine, r->text, r->lang);
            if (result == NULL || r->outcome == NULL || strcmp(result, r->outcome) != 0) {
                me->failures++;
            }
            free(result);
        }
    }
    return NULL;
}

/* The fixture's decisions on the shared catalogue, made again on one engine by THREADS
 * threads at once. */
static void test_threads(const char *dir, kept_requests *keep) {
    cJSON *input = cJSON_CreateObject();
    doorstep_engine *engine;
    int i, refused = 0, accepted = 0;
    cJSON_AddStringToObject(input, "catalog", SHARED_CATALOG);
    engine = fixture_engine(dir, input, "the shared engine", LOADED_AT, NULL);
    cJSON_Delete(input);
    if (engine == NULL) {
        return;
    }
    for (i = 0; i < keep->count; i++) {
        kept_request *r = &keep->items[i];
        r->outcome = decided(engine, r->text, r->lang);
        if (r->outcome != NULL && strstr(r->outcome, "\"refused\"") != NULL) {
            refused++;
        } else if (r->outcome != NULL && strstr(r->outcome, "\"accepted\"") != NULL) {
            accepted++;
        }
    }
    if (expect(keep->count >= 20 && refused > 0 && accepted > 0,
               "thread test: %d requests (%d refused, %d accepted)", keep->count, refused,
               accepted)) {
        keep->engine = engine;
        run_threads(work, keep);
    }
    doorstep_engine_free(engine);
}

int main(int argc, char **argv) {
    kept_requests keep = {NULL, 0, NULL};
    int i;
    if (argc != 2) {
        fprintf(stderr, "usage: %s tests/fixtures\n", argv[0]);
        return 2;
    }
    run_appointments(argv[1], &keep);
    test_threads(argv[1], &keep);
    for (i = 0; i < keep.count; i++) {
        free(keep.items[i].text);
        free(keep.items[i].lang);
        free(keep.items[i].outcome);
    }
    free(keep.items);
    test_calls(argv[1]);
    printf("c: %d passed, %d failed\n", passed, failed);
    return failed == 0 ? 0 : 1;
}
