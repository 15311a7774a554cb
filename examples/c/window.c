/*
 * A community service window checks an applicant's resident ID and mobile number before
 * opening a case, and shows only masked values on the clerk's screen.
 *
 * Build: gcc -std=c99 -Ibindings-c/include examples/c/window.c -Ltarget/release -ldoorstep
 *        -lcjson   (tests/c/run.sh builds and runs it)
 */
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>

#include "doorstep.h"

/* Prints why a call failed (a programming error, not the applicant's). */
static void print_failure(const char *label, doorstep_status status) {
    char *message = NULL;
    if (doorstep_last_error_message(NULL, &message) == DOORSTEP_OK) {
        fflush(stdout);
        fprintf(stderr, "%s: doorstep error %d [%s]: %s\n", label, (int)status,
                doorstep_last_error_code(), message);
        doorstep_string_free(message);
    }
}

/* Checks one field; prints the masked value and the problems. Returns 1 when valid. */
static int check_field(const char *label, const char *value, const char *kind) {
    char *json = NULL, *masked = NULL;
    const cJSON *error;
    cJSON *report;
    int valid;
    doorstep_status status = doorstep_id_check(value, kind, NULL, "zh-CN", &json);
    if (status != DOORSTEP_OK) {
        print_failure(label, status);
        return 0;
    }
    status = doorstep_id_mask(value, kind, &masked);
    if (status != DOORSTEP_OK) {
        print_failure(label, status);
        doorstep_string_free(json);
        return 0;
    }
    report = cJSON_Parse(json);
    valid = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(report, "valid"));
    printf("%s %s: %s\n", valid ? "[OK]  " : "[退回]", label, masked);
    cJSON_ArrayForEach(error, cJSON_GetObjectItemCaseSensitive(report, "errors")) {
        printf("        %s (%s)\n",
               cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(error, "message")),
               cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(error, "code")));
    }
    cJSON_Delete(report);
    doorstep_string_free(masked);
    doorstep_string_free(json);
    return valid;
}

int main(void) {
    int ok;
    printf("doorstep %s\n", doorstep_version());
    ok = check_field("居民身份证", "350205199003071239", "resident_id");
    /* One digit short: the applicant is asked to write it again. */
    ok &= check_field("手机号码", "139-1234-567", "mobile");
    /* A typo in the window system's own configuration is a failure, not a bad value. */
    ok &= check_field("手机号码", "13912345678", "mobil");
    puts(ok ? "材料齐全" : "请申请人核对后重新填写");
    return 0;
}
