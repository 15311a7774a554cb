/*
 * A community service window takes an application for 出生医学证明首次签发: the district's
 * catalogue is loaded once when the window system starts, then each applicant's answer is
 * validated, the problems shown to the clerk field by field, and the documents to bring
 * listed (minus those the shared identity data makes unnecessary).
 *
 * Build: gcc -std=c99 -Ibindings-c/include examples/c/intake.c -Ltarget/release -ldoorstep
 *        -lcjson   (tests/c/run.sh builds and runs it)
 * Run:   intake tests/fixtures/catalog/mini.json
 */
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>

#include "doorstep.h"

#define TARGET "{\"matter\": \"BIRTH-CERT\"}"
#define AT "2026-11-25"

/* Prints why a call failed (a programming or configuration error, not the applicant's). */
static void print_failure(const char *label, doorstep_status status) {
    char *message = NULL;
    if (doorstep_last_error_message(NULL, &message) == DOORSTEP_OK) {
        fflush(stdout);
        fprintf(stderr, "%s: doorstep error %d [%s]: %s\n", label, (int)status,
                doorstep_last_error_code(), message);
        doorstep_string_free(message);
    }
}

static char *read_file(const char *path) {
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

/* Validates one applicant's answer; prints the problems, then the documents to bring. */
static void take_application(const doorstep_engine *engine, const char *answer) {
    char *report_json = NULL, *materials_json = NULL;
    const cJSON *item;
    cJSON *report, *materials;
    doorstep_status status =
        doorstep_engine_validate(engine, TARGET, answer, AT, "zh-CN", &report_json);
    if (status != DOORSTEP_OK) {
        print_failure("validate", status);
        return;
    }
    report = cJSON_Parse(report_json);
    if (cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(report, "valid"))) {
        puts("[OK]   表单填写无误");
    }
    cJSON_ArrayForEach(item, cJSON_GetObjectItemCaseSensitive(report, "errors")) {
        printf("[退回] %s: %s\n",
               cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(item, "path")),
               cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(item, "message")));
    }
    /* The applicant's identity is in the shared data: no ID card to bring. */
    status = doorstep_engine_materials(engine, TARGET, answer, "[\"identity\"]", AT,
                                       &materials_json);
    if (status == DOORSTEP_OK) {
        materials = cJSON_Parse(materials_json);
        puts("       请携带：");
        cJSON_ArrayForEach(item, materials) {
            printf("       - %s\n",
                   cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(item, "name")));
        }
        cJSON_Delete(materials);
        doorstep_string_free(materials_json);
    } else {
        print_failure("materials", status);
    }
    cJSON_Delete(report);
    doorstep_string_free(report_json);
}

int main(int argc, char **argv) {
    doorstep_engine *engine = NULL;
    char *catalog = argc == 2 ? read_file(argv[1]) : NULL;
    doorstep_status status;
    if (catalog == NULL) {
        fprintf(stderr, "usage: %s CATALOG.json\n", argv[0]);
        return 2;
    }
    /* Once, at start-up: a catalogue with any problem is refused here, not at the window. */
    status = doorstep_engine_load(catalog, AT, &engine);
    free(catalog);
    if (status != DOORSTEP_OK) {
        print_failure("load", status);
        return 1;
    }
    /* Married, so the father's ID is required and the marriage certificate too. */
    take_application(engine, "{\"applicantName\": \"林小红\", \"applicantId\": "
                             "\"350205199003071239\", \"applicantMobile\": \"139-1234-5678\", "
                             "\"childName\": \"林一一\", \"childBirthDate\": \"2024-08-01\", "
                             "\"childSex\": \"female\", \"married\": true, "
                             "\"applyInsurance\": false}");
    doorstep_engine_free(engine);
    return 0;
}
