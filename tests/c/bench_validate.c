/*
 * Benchmark: validating the 出生一件事 (birth bundle) answer through the C ABI — the merged
 * 填单示范 (valid), as core/benches/forms.rs does — timed from C. tests/c/run.sh prints it
 * beside the same call made from Rust (bindings-c/src/bench.rs: Engine::validate with the
 * answer already parsed, and with the same text in and JSON text out as this call).
 * Prints figures; asserts nothing about time.
 *
 * Usage: bench_validate CATALOG.json [ITERATIONS]
 * Prints: "c_validate_ns N" (the mean of the fastest of 5 rounds, nanoseconds per call).
 */
#define _POSIX_C_SOURCE 200809L
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "doorstep.h"

#define AT "2026-11-25"
#define TARGET "{\"bundle\": \"birth\"}"

static char *read_all(const char *path) {
    FILE *f = fopen(path, "rb");
    char *text = NULL;
    long size;
    if (f != NULL && fseek(f, 0, SEEK_END) == 0 && (size = ftell(f)) >= 0 &&
        fseek(f, 0, SEEK_SET) == 0 && (text = malloc((size_t)size + 1)) != NULL) {
        text[fread(text, 1, (size_t)size, f)] = '\0';
    }
    if (f != NULL) {
        fclose(f);
    }
    return text;
}

static double now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

int main(int argc, char **argv) {
    char *catalog, *form_json = NULL, *answer, *report = NULL;
    doorstep_engine *engine = NULL;
    cJSON *form;
    long iterations = argc > 2 ? atol(argv[2]) : 2000, i;
    int round;
    double best = -1;
    if (argc < 2 || (catalog = read_all(argv[1])) == NULL) {
        fprintf(stderr, "usage: %s CATALOG.json [ITERATIONS]\n", argv[0]);
        return 2;
    }
    if (doorstep_engine_load(catalog, AT, &engine) != DOORSTEP_OK ||
        doorstep_engine_form(engine, TARGET, AT, &form_json) != DOORSTEP_OK) {
        fprintf(stderr, "cannot load the catalogue or the birth bundle's form: %s\n",
                doorstep_last_error_code());
        return 1;
    }
    free(catalog);
    form = cJSON_Parse(form_json);
    answer = cJSON_PrintUnformatted(cJSON_GetObjectItemCaseSensitive(form, "example"));
    cJSON_Delete(form);
    doorstep_string_free(form_json);
    if (doorstep_engine_validate(engine, TARGET, answer, AT, "zh-CN", &report) != DOORSTEP_OK ||
        strstr(report, "\"valid\":true") == NULL) {
        fprintf(stderr, "the merged example does not validate\n");
        return 1;
    }
    doorstep_string_free(report);
    for (round = 0; round < 5; round++) {
        double start = now_ns(), mean;
        for (i = 0; i < iterations; i++) {
            if (doorstep_engine_validate(engine, TARGET, answer, AT, "zh-CN", &report) !=
                DOORSTEP_OK) {
                return 1;
            }
            doorstep_string_free(report);
        }
        mean = (now_ns() - start) / (double)iterations;
        if (best < 0 || mean < best) {
            best = mean;
        }
    }
    printf("c_validate_ns %.0f\n", best);
    free(answer);
    doorstep_engine_free(engine);
    return 0;
}
