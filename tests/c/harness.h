/*
 * What the C test programs (tests/c/test_*.c) share: the pass/fail counts and expect(),
 * reading files and JSON members, the fixtures' matching rule (fixture_mismatches), the
 * fixtures' catalogue patches (pointer_set), the last-error checks and the thread test's
 * runner.
 *
 * Include it first, after defining _POSIX_C_SOURCE. Everything here is `static inline`
 * (or a macro), so a program that does not use a helper still builds with -Werror.
 */
#ifndef DOORSTEP_TESTS_C_HARNESS_H
#define DOORSTEP_TESTS_C_HARNESS_H

#include <cjson/cJSON.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "doorstep.h"

static int passed;
static int failed;

/* Counts one check; prints a line when it fails. */
static inline int expect(int ok, const char *format, ...) {
    if (ok) {
        passed++;
    } else {
        va_list args;
        failed++;
        printf("FAIL: ");
        va_start(args, format);
        vprintf(format, args);
        va_end(args);
        printf("\n");
    }
    return ok;
}

/* Counts one fixture case: passed when its matching found no mismatch. */
static inline void count_case(int mismatches) {
    if (mismatches == 0) {
        passed++;
    } else {
        failed++;
    }
}

/* The whole file at `path`, NUL-terminated (free it), or NULL when it cannot be read. */
static inline char *read_file(const char *path) {
    FILE *f = fopen(path, "rb");
    char *text = NULL;
    long size;
    if (f == NULL) {
        return NULL;
    }
    if (fseek(f, 0, SEEK_END) == 0 && (size = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0) {
        text = malloc((size_t)size + 1);
        if (text != NULL && fread(text, 1, (size_t)size, f) == (size_t)size) {
            text[size] = '\0';
        } else {
            free(text);
            text = NULL;
        }
    }
    fclose(f);
    return text;
}

/* A string member, or NULL when absent or null. */
static inline const char *opt_string(const cJSON *object, const char *key) {
    return cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(object, key));
}

/* The matching rule for one key of expected: `got` (NULL when missing, = null) deep-equals
 * `want`. Returns 0 when it does, else prints the mismatch and returns 1. */
static inline int member_mismatch(const char *name, const char *key, const cJSON *want,
                                  const cJSON *got) {
    char *got_text, *wanted;
    if (got == NULL ? cJSON_IsNull(want) : cJSON_Compare(got, want, 1)) {
        return 0;
    }
    got_text = got == NULL ? NULL : cJSON_PrintUnformatted(got);
    wanted = cJSON_PrintUnformatted(want);
    printf("FAIL: %s: %s: expected %s, got %s\n", name, key, wanted,
           got_text == NULL ? "null" : got_text);
    free(got_text);
    free(wanted);
    return 1;
}

/* Length in bytes of the white-space character (Rust's char::is_whitespace) at p, or 0. */
static inline size_t space_at(const unsigned char *p, size_t avail) {
    unsigned long c;
    size_t n;
    if (avail == 0) {
        return 0;
    }
    if (p[0] < 0x80) {
        c = p[0];
        n = 1;
    } else if ((p[0] & 0xE0) == 0xC0 && avail >= 2) {
        c = ((p[0] & 0x1Ful) << 6) | (p[1] & 0x3Ful);
        n = 2;
    } else if ((p[0] & 0xF0) == 0xE0 && avail >= 3) {
        c = ((p[0] & 0x0Ful) << 12) | ((p[1] & 0x3Ful) << 6) | (p[2] & 0x3Ful);
        n = 3;
    } else {
        return 0;
    }
    if ((c >= 0x09 && c <= 0x0D) || c == 0x20 || c == 0x85 || c == 0xA0 || c == 0x1680 ||
        (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F ||
        c == 0x205F || c == 0x3000) {
        return n;
    }
    return 0;
}

/* A copy of s without leading and trailing white space (as Rust's str::trim); free it. */
static inline char *trimmed(const char *s) {
    const unsigned char *start = (const unsigned char *)s;
    const unsigned char *end = start + strlen(s);
    size_t n;
    char *out;
    while ((n = space_at(start, (size_t)(end - start))) > 0) {
        start += n;
    }
    while (end > start) {
        const unsigned char *last = end - 1;
        while (last > start && (*last & 0xC0) == 0x80) {
            last--;
        }
        if (space_at(last, (size_t)(end - last)) != (size_t)(end - last)) {
            break;
        }
        end = last;
    }
    out = malloc((size_t)(end - start) + 1);
    if (out != NULL) {
        memcpy(out, start, (size_t)(end - start));
        out[end - start] = '\0';
    }
    return out;
}

/* input.value repeated input.repeat times (free it), or NULL when there is no input.value. */
static inline char *case_value(const cJSON *input) {
    const char *unit = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(input, "value"));
    const cJSON *repeat = cJSON_GetObjectItemCaseSensitive(input, "repeat");
    size_t times = cJSON_IsNumber(repeat) ? (size_t)repeat->valuedouble : 1;
    size_t len, i;
    char *value;
    if (unit == NULL) {
        return NULL;
    }
    len = strlen(unit);
    value = malloc(len * times + 1);
    if (value == NULL) {
        return NULL;
    }
    for (i = 0; i < times; i++) {
        memcpy(value + i * len, unit, len);
    }
    value[len * times] = '\0';
    return value;
}

/* A new array of member `key` of each item of `list`, or of that member's member `sub`
 * when `sub` is not NULL (null where an item lacks it; empty when `list` is missing or not
 * an array). */
static inline cJSON *field_list(const cJSON *list, const char *key, const char *sub) {
    cJSON *fields = cJSON_CreateArray();
    const cJSON *item;
    if (!cJSON_IsArray(list)) {
        return fields;
    }
    cJSON_ArrayForEach(item, list) {
        const cJSON *field = cJSON_GetObjectItemCaseSensitive(item, key);
        if (sub != NULL) {
            field = cJSON_GetObjectItemCaseSensitive(field, sub);
        }
        cJSON_AddItemToArray(fields,
                             field == NULL ? cJSON_CreateNull() : cJSON_Duplicate(field, 1));
    }
    return fields;
}

/*
 * The matching rule of every suite (core/src/conformance.rs, `mismatches`): each key of
 * `expected` deep-equals the same key of `actual` (missing = null), except
 *   - "errors", "failures", "problems": the codes of that list of `actual`, in order;
 *   - "errorPaths": the paths of `actual`'s "errors", in order;
 *   - "errorMatters": the member matters (params.matters) of `actual`'s "errors", in order;
 *   - "errorLines": the lines of `actual`'s "problems", in order;
 *   - "chain": the grant ids of `actual`'s "chain", in order.
 * No message in `actual`'s "errors", "failures" or "problems" is empty or contains `value`
 * (the case's input.value, trimmed; NULL when it has none) when that is 6 bytes or longer.
 * Returns the number of mismatches, each printed with the case's `name`.
 */
static inline int fixture_mismatches(const char *name, const char *value, const cJSON *expected,
                                     const cJSON *actual) {
    static const char *const coded[] = {"errors", "failures", "problems"};
    int bad = 0;
    size_t k;
    const cJSON *want;
    char *trim = value == NULL ? NULL : trimmed(value);
    cJSON_ArrayForEach(want, expected) {
        const char *key = want->string;
        cJSON *list = NULL;
        const cJSON *got;
        int is_coded = 0;
        for (k = 0; k < sizeof coded / sizeof *coded; k++) {
            is_coded = is_coded || strcmp(key, coded[k]) == 0;
        }
        if (is_coded) {
            got = list = field_list(cJSON_GetObjectItemCaseSensitive(actual, key), "code", NULL);
        } else if (strcmp(key, "chain") == 0) {
            got = list = field_list(cJSON_GetObjectItemCaseSensitive(actual, "chain"), "grant", NULL);
        } else if (strcmp(key, "errorLines") == 0) {
            got = list = field_list(cJSON_GetObjectItemCaseSensitive(actual, "problems"), "line", NULL);
        } else if (strcmp(key, "errorPaths") == 0) {
            got = list = field_list(cJSON_GetObjectItemCaseSensitive(actual, "errors"), "path", NULL);
        } else if (strcmp(key, "errorMatters") == 0) {
            got = list = field_list(cJSON_GetObjectItemCaseSensitive(actual, "errors"), "params",
                                    "matters");
        } else {
            got = cJSON_GetObjectItemCaseSensitive(actual, key);
        }
        bad += member_mismatch(name, key, want, got);
        cJSON_Delete(list);
    }
    for (k = 0; k < sizeof coded / sizeof *coded; k++) {
        const cJSON *list = cJSON_GetObjectItemCaseSensitive(actual, coded[k]);
        const cJSON *error;
        if (!cJSON_IsArray(list)) {
            continue;
        }
        cJSON_ArrayForEach(error, list) {
            const char *message = opt_string(error, "message");
            if (message == NULL || message[0] == '\0' ||
                (trim != NULL && strlen(trim) >= 6 && strstr(message, trim) != NULL)) {
                printf("FAIL: %s: %s: a message is empty or quotes the input: %s\n", name,
                       coded[k], message == NULL ? "(none)" : message);
                bad++;
            }
        }
    }
    free(trim);
    return bad;
}

/* The member or element of `parent` that the reference token `token` names, or NULL. */
static inline cJSON *pointer_child(const cJSON *parent, const char *token) {
    if (cJSON_IsArray(parent)) {
        char *end;
        long index;
        if (token[0] == '\0' || (token[0] == '0' && token[1] != '\0')) {
            return NULL;
        }
        index = strtol(token, &end, 10);
        if (*end != '\0' || index < 0 || index >= cJSON_GetArraySize(parent)) {
            return NULL;
        }
        return cJSON_GetArrayItem(parent, (int)index);
    }
    return cJSON_IsObject(parent) ? cJSON_GetObjectItemCaseSensitive(parent, token) : NULL;
}

/*
 * Replaces the value at JSON Pointer `pointer` (RFC 6901) of *doc with a copy of `value`,
 * as the fixtures' "set" does: the value must exist. Returns 0 when it does not.
 * (cJSON_Utils has cJSONUtils_GetPointer, but Debian's libcjson-dev does not ship it.)
 */
static inline int pointer_set(cJSON **doc, const char *pointer, const cJSON *value) {
    cJSON *copy = cJSON_Duplicate(value, 1);
    cJSON *parent = NULL, *current = *doc;
    char *tokens, *token, *next;
    int ok = 1;
    if (copy == NULL) {
        return 0;
    }
    if (pointer[0] == '\0') {
        cJSON_Delete(*doc);
        *doc = copy;
        return 1;
    }
    if (pointer[0] != '/' || (tokens = malloc(strlen(pointer))) == NULL) {
        cJSON_Delete(copy);
        return 0;
    }
    memcpy(tokens, pointer + 1, strlen(pointer));
    for (token = tokens; ok && token != NULL; token = next) {
        char *read, *write;
        next = strchr(token, '/');
        if (next != NULL) {
            *next++ = '\0';
        }
        /* ~1 is "/" and ~0 is "~", in that order. */
        for (read = write = token; *read != '\0'; read++, write++) {
            if (read[0] == '~' && (read[1] == '0' || read[1] == '1')) {
                *write = read[1] == '1' ? '/' : '~';
                read++;
            } else {
                *write = *read;
            }
        }
        *write = '\0';
        parent = current;
        current = pointer_child(parent, token);
        ok = current != NULL;
        if (ok && next == NULL) {
            ok = cJSON_IsArray(parent)
                     ? cJSON_ReplaceItemInArray(parent, (int)strtol(token, NULL, 10), copy)
                     : cJSON_ReplaceItemInObjectCaseSensitive(parent, token, copy);
            copy = ok ? NULL : copy;
        }
    }
    free(tokens);
    cJSON_Delete(copy);
    return ok;
}

/* The last error's status and code, and its messages (zh-CN, en) non-empty and different. */
static inline void expect_last_error(const char *what, doorstep_status status,
                                     const char *code) {
    char *zh = NULL, *en = NULL;
    expect(doorstep_last_error_status() == status, "%s: last error status %d, expected %d",
           what, (int)doorstep_last_error_status(), (int)status);
    expect(strcmp(doorstep_last_error_code(), code) == 0,
           "%s: last error code \"%s\", expected \"%s\"", what, doorstep_last_error_code(),
           code);
    expect(doorstep_last_error_message(NULL, &zh) == DOORSTEP_OK && zh != NULL && zh[0] != '\0',
           "%s: zh-CN message", what);
    expect(doorstep_last_error_message("en", &en) == DOORSTEP_OK && en != NULL && en[0] != '\0',
           "%s: en message", what);
    if (zh != NULL && en != NULL) {
        expect(strcmp(zh, en) != 0, "%s: zh-CN and en messages differ", what);
    }
    doorstep_string_free(zh);
    doorstep_string_free(en);
}

/* The thread test: THREADS threads at once, each running `work` on its own worker, each
 * worker ROUNDS times over the program's fixtures. */
#define THREADS 4
#define ROUNDS 3

typedef struct {
    const void *fixtures; /* the program's own fixtures (what run_threads was given) */
    int index;
    int failures;
} worker;

/* The unreadable document a worker sends between its good calls — truncated JSON from even
 * workers, an empty object from odd ones — and, in *code, the code it must leave as that
 * thread's last error: threads failing differently at once must not see each other's. */
static inline const char *wrong_document(const worker *w, const char **code) {
    *code = (w->index % 2 == 0) ? "input.malformed" : "input.shape";
    return (w->index % 2 == 0) ? "{" : "{}";
}

/* Starts THREADS threads on `work` with `fixtures`, waits for them, and expects each one to
 * report no failure. */
static inline void run_threads(void *(*work)(void *), const void *fixtures) {
    pthread_t threads[THREADS];
    worker workers[THREADS];
    int i, started = 0;
    for (i = 0; i < THREADS; i++) {
        workers[i].fixtures = fixtures;
        workers[i].index = i;
        workers[i].failures = 0;
        if (pthread_create(&threads[i], NULL, work, &workers[i]) == 0) {
            started++;
        } else {
            break;
        }
    }
    expect(started == THREADS, "threads: started %d of %d", started, THREADS);
    for (i = 0; i < started; i++) {
        pthread_join(threads[i], NULL);
        expect(workers[i].failures == 0, "thread %d: %d failures", i, workers[i].failures);
    }
}

/* Reads and parses DIR/NAME; NULL when it cannot. */
static inline cJSON *load_json(const char *dir, const char *name) {
    char path[4096];
    char *text;
    cJSON *json;
    if (snprintf(path, sizeof path, "%s/%s", dir, name) >= (int)sizeof path) {
        return NULL;
    }
    text = read_file(path);
    json = text == NULL ? NULL : cJSON_Parse(text);
    free(text);
    return json;
}

/* A copy of `item` (NULL and a missing item are null). */
static inline cJSON *dup_or_null(const cJSON *item) {
    return item == NULL ? cJSON_CreateNull() : cJSON_Duplicate(item, 1);
}

/* The member `key` of `object` copied (null when it or the object is missing). */
static inline cJSON *member(const cJSON *object, const char *key) {
    return dup_or_null(object == NULL ? NULL : cJSON_GetObjectItemCaseSensitive(object, key));
}

/* What a call wrote to *out, parsed (delete it); NULL, with a failure counted, when the
 * call failed or wrote something that is not JSON. Frees what the call wrote. (*out is read
 * here, after the call: an argument `out` could be read before the call writes it.) */
static inline cJSON *written(const char *what, doorstep_status status, char **out) {
    cJSON *json = NULL;
    if (expect(status == DOORSTEP_OK, "%s: status %d (%s)", what, (int)status,
               doorstep_last_error_code())) {
        json = cJSON_Parse(*out);
        doorstep_string_free(*out);
        *out = NULL;
        expect(json != NULL, "%s: the result is not JSON", what);
    }
    return json;
}

/* Whether the string member `key` of `object` is `want`. */
static inline int string_is(const cJSON *object, const char *key, const char *want) {
    const char *value = opt_string(object, key);
    return value != NULL && strcmp(value, want) == 0;
}

/* An object printed (free it); the object is deleted. */
static inline char *print_and_delete(cJSON *object) {
    char *text = cJSON_PrintUnformatted(object);
    cJSON_Delete(object);
    return text;
}

/* The engine of a fixture input: input.catalog with input.patch applied and, when `key` is
 * not NULL and the input has it, input[key] as the catalogue's member `key` (reviews.json's
 * 好差评 settings), loaded at `at`; NULL (and a failure counted) when it cannot be made. */
static inline doorstep_engine *fixture_engine(const char *dir, const cJSON *input,
                                              const char *name, const char *at,
                                              const char *key) {
    const char *catalog = opt_string(input, "catalog");
    const cJSON *extra = key == NULL ? NULL : cJSON_GetObjectItemCaseSensitive(input, key);
    cJSON *doc = catalog == NULL ? NULL : load_json(dir, catalog);
    const cJSON *op;
    doorstep_engine *engine = NULL;
    doorstep_status status;
    char *text;
    int patched = doc != NULL;
    cJSON_ArrayForEach(op, cJSON_GetObjectItemCaseSensitive(input, "patch")) {
        const char *kind = opt_string(op, "op");
        const char *path = opt_string(op, "path");
        patched = patched && kind != NULL && strcmp(kind, "set") == 0 && path != NULL &&
                  pointer_set(&doc, path, cJSON_GetObjectItemCaseSensitive(op, "value"));
    }
    if (patched && extra != NULL) {
        cJSON_DeleteItemFromObjectCaseSensitive(doc, key);
        cJSON_AddItemToObject(doc, key, cJSON_Duplicate(extra, 1));
    }
    if (!expect(patched, "%s: the catalogue or its patch cannot be applied", name)) {
        cJSON_Delete(doc);
        return NULL;
    }
    text = cJSON_PrintUnformatted(doc);
    cJSON_Delete(doc);
    status = doorstep_engine_load(text, at, &engine);
    free(text);
    if (!expect(status == DOORSTEP_OK, "%s: load: status %d (%s)", name, (int)status,
                doorstep_last_error_code())) {
        return NULL;
    }
    return engine;
}

#endif /* DOORSTEP_TESTS_C_HARNESS_H */
