/*
 * 一件事 bundle cases and 免申即办 successors from C: the shared fixture
 * tests/fixtures/bundles.json, run through libdoorstep.
 *
 * Usage: test_bundles PATH/TO/tests/fixtures
 * Prints one line per failure and, last, exactly "c: N passed, M failed"; exits non-zero
 * on any failure. Built by tests/c/run.sh (C99, -Wall -Wextra -Wpedantic -Werror) and run
 * under valgrind and AddressSanitizer.
 *
 * How the fixture runs (as bundles_fixtures in core/tests/bundles.rs does): input.catalog
 * (relative to tests/fixtures) is loaded as of input.at, and the cases are kept here by id.
 * Each step's command is decided with doorstep_case_decide against the case it names (null
 * when there is none) with, for a case that has members (a bundle case), its member cases
 * that are kept; a refusal's outcome is its code, an acceptance without events "noop",
 * otherwise every event is applied with doorstep_case_evolve to the case it names (which
 * may be another: submit_bundle opens the members, a conclusion its successors) and the
 * outcome is "ok". The result: {"outcomes", "statuses": for each id of input.statusOf the
 * status of that case (null: no such case)}, and with input.timeline, from
 * doorstep_case_timeline over all the events (as JSON Lines) for that case:
 * "bundleState" (the bundle's state, null when it is not a bundle), "rejected" (the
 * bundle's rejected matters) and "timelineCases" (the ids of the cases on it, in order).
 * Matching rule: the one every suite uses (fixture_mismatches in harness.h).
 */
#define _POSIX_C_SOURCE 200809L

#include "harness.h"

/* ---- The cases, kept by id ----------------------------------------------------------- */

typedef struct {
    char *id;
    cJSON *doc; /* the case as its events made it */
} kept_case;

typedef struct {
    kept_case *items;
    int count;
} store;

/* The case with this id, or NULL. */
static const cJSON *find(const store *s, const char *id) {
    int i;
    for (i = 0; id != NULL && i < s->count; i++) {
        if (strcmp(s->items[i].id, id) == 0) {
            return s->items[i].doc;
        }
    }
    return NULL;
}

/* Keeps `doc` (taken) as the case `id`, replacing what was kept; 0 when out of memory. */
static int keep(store *s, const char *id, cJSON *doc) {
    kept_case *grown;
    int i;
    for (i = 0; i < s->count; i++) {
        if (strcmp(s->items[i].id, id) == 0) {
            cJSON_Delete(s->items[i].doc);
            s->items[i].doc = doc;
            return 1;
        }
    }
    grown = realloc(s->items, (size_t)(s->count + 1) * sizeof *s->items);
    if (grown == NULL) {
        cJSON_Delete(doc);
        return 0;
    }
    s->items = grown;
    s->items[s->count].id = strdup(id);
    s->items[s->count].doc = doc;
    if (s->items[s->count].id == NULL) {
        cJSON_Delete(doc);
        return 0;
    }
    s->count++;
    return 1;
}

static void forget_all(store *s) {
    int i;
    for (i = 0; i < s->count; i++) {
        free(s->items[i].id);
        cJSON_Delete(s->items[i].doc);
    }
    free(s->items);
    s->items = NULL;
    s->count = 0;
}

/* ---- Steps --------------------------------------------------------------------------- */

/* The events as JSON Lines (free it); NULL when out of memory. */
static char *jsonl(const cJSON *events) {
    const cJSON *event;
    size_t used = 0;
    char *text = calloc(1, 1);
    cJSON_ArrayForEach(event, events) {
        char *line = cJSON_PrintUnformatted(event);
        size_t n = line == NULL ? 0 : strlen(line);
        char *grown = text == NULL || line == NULL ? NULL : realloc(text, used + n + 2);
        if (grown == NULL) {
            free(line);
            free(text);
            return NULL;
        }
        text = grown;
        memcpy(text + used, line, n);
        text[used + n] = '\n';
        text[used + n + 1] = '\0';
        used += n + 1;
        free(line);
    }
    return text;
}

/* The events as the district's one file of all events holds them: the first of `others`
 * (a review's and a complaint's events, input.otherEvents) before them and the rest after.
 * A new array: delete it. */
static cJSON *in_one_file(const cJSON *events, const cJSON *others) {
    cJSON *all = cJSON_CreateArray();
    const cJSON *e;
    int i = 0;
    cJSON_ArrayForEach(e, others) {
        if (i++ == 0) {
            cJSON_AddItemToArray(all, cJSON_Duplicate(e, 1));
        }
    }
    cJSON_ArrayForEach(e, events) {
        cJSON_AddItemToArray(all, cJSON_Duplicate(e, 1));
    }
    i = 0;
    cJSON_ArrayForEach(e, others) {
        if (i++ > 0) {
            cJSON_AddItemToArray(all, cJSON_Duplicate(e, 1));
        }
    }
    return all;
}

/* Applies `event` to the case it names with doorstep_case_evolve: 1 when applied. */
static int apply(const char *name, store *cases, const cJSON *event) {
    const char *id = opt_string(event, "case");
    cJSON *request = cJSON_CreateObject(), *evolution;
    char *text, *out = NULL;
    int applied;
    cJSON_AddItemToObject(request, "case", dup_or_null(find(cases, id)));
    cJSON_AddItemToObject(request, "event", cJSON_Duplicate(event, 1));
    text = cJSON_PrintUnformatted(request);
    cJSON_Delete(request);
    evolution = written(name, doorstep_case_evolve(text, NULL, &out), &out);
    free(text);
    applied = expect(id != NULL && string_is(evolution, "outcome", "applied"),
                     "%s: an event of %s is refused", name, id == NULL ? "(no case)" : id);
    applied = applied &&
              expect(keep(cases, id, cJSON_DetachItemFromObjectCaseSensitive(evolution, "case")),
                     "out of memory");
    cJSON_Delete(evolution);
    return applied;
}

/* Decides one step against the case it names (with its members) and applies the events;
 * returns the step's outcome (a new item). */
static cJSON *step(const char *name, const doorstep_engine *engine, const cJSON *s,
                   store *cases, cJSON *events) {
    const cJSON *command = cJSON_GetObjectItemCaseSensitive(s, "command");
    const cJSON *case_ = find(cases, opt_string(command, "case"));
    const cJSON *m, *event;
    cJSON *request = cJSON_CreateObject(), *members = cJSON_CreateArray(), *decision, *result;
    char *text, *out = NULL;
    /* A bundle case's members, those that are kept (as the Rust runner's filter_map). */
    cJSON_ArrayForEach(m, cJSON_GetObjectItemCaseSensitive(case_, "members")) {
        const cJSON *member = find(cases, opt_string(m, "case"));
        if (member != NULL) {
            cJSON_AddItemToArray(members, cJSON_Duplicate(member, 1));
        }
    }
    cJSON_AddItemToObject(request, "case", dup_or_null(case_));
    cJSON_AddItemToObject(request, "members", members);
    cJSON_AddItemToObject(request, "command", dup_or_null(command));
    cJSON_AddItemToObject(request, "context",
                          dup_or_null(cJSON_GetObjectItemCaseSensitive(s, "context")));
    text = cJSON_PrintUnformatted(request);
    cJSON_Delete(request);
    decision = written(name, doorstep_case_decide(engine, text, NULL, &out), &out);
    free(text);
    if (string_is(decision, "outcome", "refused")) {
        const cJSON *error = cJSON_GetObjectItemCaseSensitive(decision, "error");
        const char *message = opt_string(error, "message");
        expect(message != NULL && message[0] != '\0', "%s: a refusal without a message", name);
        result = dup_or_null(cJSON_GetObjectItemCaseSensitive(error, "code"));
    } else if (expect(string_is(decision, "outcome", "accepted"),
                      "%s: a decision neither accepted nor refused", name)) {
        const cJSON *new_events = cJSON_GetObjectItemCaseSensitive(decision, "events");
        result = cJSON_CreateString(cJSON_GetArraySize(new_events) == 0 ? "noop" : "ok");
        cJSON_ArrayForEach(event, new_events) {
            if (apply(name, cases, event)) {
                cJSON_AddItemToArray(events, cJSON_Duplicate(event, 1));
            }
        }
    } else {
        result = cJSON_CreateNull();
    }
    cJSON_Delete(decision);
    return result;
}

/* Adds bundleState, rejected and timelineCases of the case `id`'s timeline to `actual`. */
static void add_timeline(const char *name, const cJSON *events, const char *id, cJSON *actual) {
    char *text = jsonl(events), *out = NULL;
    cJSON *outcome, *cases_on;
    const cJSON *timeline, *bundle, *c;
    if (!expect(text != NULL, "out of memory")) {
        return;
    }
    outcome = written(name, doorstep_case_timeline(text, id, NULL, &out), &out);
    free(text);
    expect(string_is(outcome, "outcome", "found"), "%s: the timeline of %s is not found", name,
           id);
    timeline = cJSON_GetObjectItemCaseSensitive(outcome, "timeline");
    bundle = cJSON_GetObjectItemCaseSensitive(timeline, "bundle");
    cJSON_AddItemToObject(actual, "bundleState",
                          dup_or_null(cJSON_GetObjectItemCaseSensitive(bundle, "state")));
    cJSON_AddItemToObject(actual, "rejected",
                          dup_or_null(cJSON_GetObjectItemCaseSensitive(bundle, "rejected")));
    cases_on = cJSON_CreateArray();
    cJSON_ArrayForEach(c, cJSON_GetObjectItemCaseSensitive(timeline, "cases")) {
        cJSON_AddItemToArray(cases_on, dup_or_null(cJSON_GetObjectItemCaseSensitive(c, "case")));
    }
    cJSON_AddItemToObject(actual, "timelineCases", cases_on);
    cJSON_Delete(outcome);
}

/* ---- bundles.json -------------------------------------------------------------------- */

/* The engine the cases share while their catalogue and date are the same. */
typedef struct {
    char *catalog;
    char *at;
    doorstep_engine *engine;
} engine_cache;

static doorstep_engine *engine_for(const char *dir, engine_cache *cache, const char *catalog,
                                   const char *at, const char *name) {
    cJSON *doc;
    char *text;
    doorstep_status status;
    if (cache->engine != NULL && strcmp(cache->catalog, catalog) == 0 &&
        strcmp(cache->at, at) == 0) {
        return cache->engine;
    }
    doorstep_engine_free(cache->engine);
    free(cache->catalog);
    free(cache->at);
    cache->engine = NULL;
    cache->catalog = strdup(catalog);
    cache->at = strdup(at);
    doc = load_json(dir, catalog);
    text = doc == NULL ? NULL : cJSON_PrintUnformatted(doc);
    cJSON_Delete(doc);
    if (!expect(text != NULL && cache->catalog != NULL && cache->at != NULL,
                "%s: the catalogue %s cannot be read", name, catalog)) {
        free(text);
        return NULL;
    }
    status = doorstep_engine_load(text, at, &cache->engine);
    free(text);
    expect(status == DOORSTEP_OK, "%s: load: status %d (%s)", name, (int)status,
           doorstep_last_error_code());
    return status == DOORSTEP_OK ? cache->engine : NULL;
}

static void run_bundles(const char *dir) {
    cJSON *file = load_json(dir, "bundles.json");
    const cJSON *k;
    engine_cache cache = {NULL, NULL, NULL};
    int ran = 0;
    cJSON_ArrayForEach(k, cJSON_GetObjectItemCaseSensitive(file, "cases")) {
        const cJSON *input = cJSON_GetObjectItemCaseSensitive(k, "input");
        const char *name = opt_string(k, "name");
        const char *catalog = opt_string(input, "catalog");
        const char *at = opt_string(input, "at");
        const char *timeline = opt_string(input, "timeline");
        const cJSON *status_of = cJSON_GetObjectItemCaseSensitive(input, "statusOf");
        const cJSON *s, *id;
        const doorstep_engine *engine;
        store cases = {NULL, 0};
        cJSON *events, *outcomes, *actual;
        ran++;
        name = name == NULL ? "(unnamed)" : name;
        if (!expect(catalog != NULL && at != NULL, "%s: no catalog or at", name) ||
            (engine = engine_for(dir, &cache, catalog, at, name)) == NULL) {
            continue;
        }
        events = cJSON_CreateArray();
        outcomes = cJSON_CreateArray();
        cJSON_ArrayForEach(s, cJSON_GetObjectItemCaseSensitive(input, "steps")) {
            cJSON_AddItemToArray(outcomes, step(name, engine, s, &cases, events));
        }
        actual = cJSON_CreateObject();
        cJSON_AddItemToObject(actual, "outcomes", outcomes);
        if (cJSON_IsArray(status_of)) {
            cJSON *statuses = cJSON_AddObjectToObject(actual, "statuses");
            cJSON_ArrayForEach(id, status_of) {
                const char *case_id = cJSON_GetStringValue(id);
                const cJSON *case_ = find(&cases, case_id);
                if (case_id != NULL) {
                    cJSON_AddItemToObject(
                        statuses, case_id,
                        dup_or_null(case_ == NULL
                                        ? NULL
                                        : cJSON_GetObjectItemCaseSensitive(case_, "status")));
                }
            }
        }
        if (timeline != NULL) {
            cJSON *file =
                in_one_file(events, cJSON_GetObjectItemCaseSensitive(input, "otherEvents"));
            add_timeline(name, file, timeline, actual);
            cJSON_Delete(file);
        }
        count_case(fixture_mismatches(name, NULL, cJSON_GetObjectItemCaseSensitive(k, "expected"),
                                      actual));
        cJSON_Delete(actual);
        cJSON_Delete(events);
        forget_all(&cases);
    }
    expect(ran > 0, "bundles.json: no cases");
    doorstep_engine_free(cache.engine);
    free(cache.catalog);
    free(cache.at);
    cJSON_Delete(file);
}

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: %s tests/fixtures\n", argv[0]);
        return 2;
    }
    run_bundles(argv[1]);
    printf("c: %d passed, %d failed\n", passed, failed);
    return failed == 0 ? 0 : 1;
}
