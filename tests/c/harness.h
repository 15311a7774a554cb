/*
 * What the C test programs (tests/c/test_*.c) share: the pass/fail counts and expect(),
 * reading files and JSON members, the matching rule's member comparison, the last-error
 * checks and the thread test's runner.
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

#endif /* DOORSTEP_TESTS_C_HARNESS_H */
