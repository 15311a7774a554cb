/*
 * The bad-input suite: every export of include/doorstep.h (the calls are generated from the
 * header by tests/c/gen_bad_input.sh into bad_input_calls.h, so a new export is covered
 * without editing this file), called with
 *   - NULL in each pointer argument,
 *   - invalid UTF-8 in each string argument (refused, but for JSON Lines, *_jsonl: those
 *     are read line by line, and a line that is not UTF-8 is a line refused in the report),
 *   - truncated JSON in each JSON document argument (*_json),
 *   - 10 MB of text in each string argument,
 * and for each call: no crash (valgrind and ASan run this), a status, and on a failure the
 * thread's last error with the same status and a code, the out-parameters untouched; a NULL
 * out-parameter is DOORSTEP_ERR_NULL_ARGUMENT, and any other NULL either that or what NULL
 * is documented to mean (then the call returns what it returns with the default argument).
 *
 * Usage: test_bad_input CATALOG.json   (a catalogue for the engine the calls share)
 */
#define _POSIX_C_SOURCE 200809L
#include "harness.h"

#define SENTINEL ((char *)&sentinel_byte)
#define INVALID_UTF8 "{\"x\": \"\xff\xfe\xc3\x28\"}"
#define TRUNCATED_JSON "{\"matter\": \"350205-YB-0"
#define HUGE_BYTES (10u * 1024u * 1024u)

static char sentinel_byte;
static int calls;

/* The length of a byte-string argument: what a caller passes with it (1 for NULL, so that
 * a NULL with a length is what is tested). */
static size_t arg_len(const void *p) {
    return p == NULL ? 1 : strlen((const char *)p);
}

/* Checks one call's outcome and frees what it returned. The last-error readers neither set
 * nor clear the last error (documented), and doorstep_catalog_lint reports a catalogue that is
 * not JSON as a lint problem, not a failure. */
static void settle(const char *fn, const char *param, const char *mode, doorstep_status status,
                   doorstep_status base, int is_out, char **out, doorstep_engine **engine_out,
                   size_t *len_out) {
    int reader = strncmp(fn, "doorstep_last_error_", 20) == 0;
    int reports = strcmp(fn, "doorstep_catalog_lint") == 0;
    calls++;
    if (reader) {
        if (status == DOORSTEP_OK) {
            doorstep_string_free(*out);
        } else {
            expect(*out == SENTINEL, "%s(%s %s): out-parameter untouched", fn, param, mode);
        }
    } else if (status == DOORSTEP_OK) {
        if (*out != SENTINEL) {
            doorstep_string_free(*out);
        }
        if (*engine_out != (doorstep_engine *)SENTINEL) {
            doorstep_engine_free(*engine_out);
        }
        expect(doorstep_last_error_status() == DOORSTEP_OK, "%s(%s %s): OK clears the last error",
               fn, param, mode);
    } else {
        const char *code = doorstep_last_error_code();
        expect(doorstep_last_error_status() == status, "%s(%s %s): last error status %d != %d",
               fn, param, mode, (int)doorstep_last_error_status(), (int)status);
        expect(code != NULL && code[0] != '\0', "%s(%s %s): a last error code", fn, param, mode);
        expect(*out == SENTINEL && *engine_out == (doorstep_engine *)SENTINEL && *len_out == 7,
               "%s(%s %s): out-parameters untouched on failure", fn, param, mode);
    }
    *out = SENTINEL;
    *engine_out = (doorstep_engine *)SENTINEL;
    *len_out = 7;
    if (strcmp(mode, "null") == 0) {
        if (is_out) {
            expect(status == DOORSTEP_ERR_NULL_ARGUMENT, "%s(NULL %s): %d, not NULL_ARGUMENT",
                   fn, param, (int)status);
        } else {
            /* With defaults that succeed, NULL is refused or means the default. */
            expect(base != DOORSTEP_OK || status == DOORSTEP_ERR_NULL_ARGUMENT || status == base,
                   "%s(NULL %s): %d, neither NULL_ARGUMENT nor the default's %d", fn, param,
                   (int)status, (int)base);
        }
    } else if (strcmp(mode, "utf8") == 0 && strlen(param) > 6 &&
               strcmp(param + strlen(param) - 6, "_jsonl") == 0) {
        /* The line is refused in the report, so the call fares as with the default text. */
        expect(status == base, "%s(%s %s): %d, not the default's %d (a line refused in the report)",
               fn, param, mode, (int)status, (int)base);
    } else if (strcmp(mode, "utf8") == 0 || (strcmp(mode, "json") == 0 && !reports)) {
        expect(status != DOORSTEP_OK, "%s(%s %s): refused", fn, param, mode);
    }
}

#include "bad_input_calls.h"

/* The number of functions the header declares, counted independently of the generator. */
static int declared_functions(const char *header_path) {
    char *header = read_file(header_path), *p;
    int n = 0;
    if (header == NULL) {
        return -1;
    }
    for (p = header; (p = strstr(p, "\n")) != NULL; p++) {
        /* Declarations start a line with their return type. */
        if (strncmp(p + 1, "enum doorstep_status doorstep_", 30) == 0 ||
            strncmp(p + 1, "void doorstep_", 14) == 0 ||
            strncmp(p + 1, "const char *doorstep_", 21) == 0) {
            n++;
        }
    }
    free(header);
    return n;
}

int main(int argc, char **argv) {
    char *catalog, *huge;
    doorstep_engine *engine = NULL;
    int declared;
    if (argc != 3 || (catalog = read_file(argv[1])) == NULL) {
        fprintf(stderr, "usage: %s CATALOG.json doorstep.h\n", argv[0]);
        return 2;
    }
    if (!expect(doorstep_engine_load(catalog, "2026-11-25", &engine) == DOORSTEP_OK,
                "the engine loads")) {
        free(catalog);
        printf("c: %d passed, %d failed\n", passed, failed);
        return 1;
    }
    free(catalog);
    /* 10 MB: a JSON string of that size, so that it is a document too. */
    huge = malloc(HUGE_BYTES + 1);
    memset(huge, 'a', HUGE_BYTES);
    huge[0] = '"';
    huge[HUGE_BYTES - 1] = '"';
    huge[HUGE_BYTES] = '\0';

    call_every_export(engine, huge);

    declared = declared_functions(argv[2]);
    expect(declared == BAD_INPUT_EXPORTS, "the header declares %d functions, %d are covered",
           declared, BAD_INPUT_EXPORTS);
    printf("bad input: %d exports, %d calls\n", BAD_INPUT_EXPORTS, calls);
    free(huge);
    doorstep_engine_free(engine);
    printf("c: %d passed, %d failed\n", passed, failed);
    return failed == 0 ? 0 : 1;
}
