/*
 * GB18030 from C: doorstep_gb18030_to_utf8 and doorstep_utf8_to_gb18030 with real GB18030
 * bytes (two-byte GB2312 and GBK codes, the four-byte BMP and supplementary ranges), invalid
 * and cut-off sequences (DOORSTEP_ERR_INVALID_ENCODING, encoding.invalid_gb18030, the
 * offset in the params), a GB18030 caller's round trip through validation (answer in,
 * zh-CN messages out), and the header's version against the library's.
 *
 * Usage: test_encoding CATALOG.json   (tests/fixtures/catalog/mini.json)
 */
#define _POSIX_C_SOURCE 200809L
#include "harness.h"

/* 海沧区 (GB2312), 䶮 (GBK, outside GB2312), ª (U+00AA, four bytes), 😀 (U+1F600, four). */
static const char HAICANG_GB[] = "\xBA\xA3\xB2\xD7\xC7\xF8";
static const char MIXED_GB[] = "\xBA\xA3\xFE\x9F\x81\x30\x84\x39\x94\x39\xFC\x36";
static const char MIXED_UTF8[] = "\xE6\xB5\xB7\xE4\xB6\xAE\xC2\xAA\xF0\x9F\x98\x80";

static long last_offset(void) {
    char *params = NULL;
    long offset = -1;
    if (doorstep_last_error_params(&params) == DOORSTEP_OK) {
        cJSON *json = cJSON_Parse(params);
        const cJSON *o = cJSON_GetObjectItemCaseSensitive(json, "offset");
        if (cJSON_IsNumber(o)) {
            offset = (long)cJSON_GetNumberValue(o);
        }
        cJSON_Delete(json);
        doorstep_string_free(params);
    }
    return offset;
}

/* Decodes and compares with the expected UTF-8. */
static void decodes(const char *gb, size_t len, const char *want, const char *what) {
    char *out = NULL;
    doorstep_status s = doorstep_gb18030_to_utf8(gb, len, &out);
    if (expect(s == DOORSTEP_OK, "%s: decodes (status %d, %s)", what, (int)s,
               doorstep_last_error_code())) {
        expect(strcmp(out, want) == 0, "%s: decodes to the expected text", what);
        doorstep_string_free(out);
    }
}

/* Encodes and compares with the expected GB18030 bytes. */
static void encodes(const char *utf8, const char *want, size_t want_len, const char *what) {
    char *out = NULL;
    size_t len = 0;
    doorstep_status s = doorstep_utf8_to_gb18030(utf8, &out, &len);
    if (expect(s == DOORSTEP_OK, "%s: encodes (status %d)", what, (int)s)) {
        expect(len == want_len && memcmp(out, want, len) == 0 && out[len] == '\0',
               "%s: encodes to the expected bytes", what);
        doorstep_string_free(out);
    }
}

/* Fails with INVALID_ENCODING, the code and the offset; *out untouched. */
static void refused(const char *gb, size_t len, const char *code, long offset,
                    const char *what) {
    char *out = (char *)&out;
    char *const untouched = out;
    doorstep_status s = doorstep_gb18030_to_utf8(gb, len, &out);
    expect(s == DOORSTEP_ERR_INVALID_ENCODING, "%s: status %d", what, (int)s);
    expect(doorstep_last_error_status() == DOORSTEP_ERR_INVALID_ENCODING, "%s: last status",
           what);
    expect(strcmp(doorstep_last_error_code(), code) == 0, "%s: code %s, expected %s", what,
           doorstep_last_error_code(), code);
    expect(last_offset() == offset, "%s: offset %ld, expected %ld", what, last_offset(), offset);
    expect(out == untouched, "%s: out untouched", what);
}

/* A GB18030 window system's round trip: its answer converted in, the report converted out. */
static void validate_in_gb18030(const char *catalog_path) {
    char *catalog = read_file(catalog_path), *answer_utf8 = NULL, *report = NULL,
         *report_gb = NULL, *back = NULL;
    doorstep_engine *engine = NULL;
    size_t report_gb_len = 0;
    /* {"applicantName": "林小红", "applicantId": "350205199003071238"} in GB18030: the ID's
     * check digit is wrong. */
    static const char answer_gb[] = "{\"applicantName\": \"\xC1\xD6\xD0\xA1\xBA\xEC\", "
                                    "\"applicantId\": \"350205199003071238\"}";
    if (!expect(catalog != NULL, "read %s", catalog_path)) {
        return;
    }
    expect(doorstep_engine_load(catalog, "2026-11-25", &engine) == DOORSTEP_OK, "engine loads");
    free(catalog);
    expect(doorstep_gb18030_to_utf8(answer_gb, strlen(answer_gb), &answer_utf8) == DOORSTEP_OK,
           "the GB18030 answer converts");
    if (expect(doorstep_engine_validate(engine, "{\"matter\": \"BIRTH-CERT\"}", answer_utf8,
                                        "2026-11-25", "zh-CN", &report) == DOORSTEP_OK,
               "validates")) {
        expect(strstr(report, "\"id.checksum\"") != NULL, "the wrong check digit is reported");
        expect(strstr(report, "\xE6\x9E\x97\xE5\xB0\x8F\xE7\xBA\xA2") != NULL,
               "the name came through as 林小红");
        expect(doorstep_utf8_to_gb18030(report, &report_gb, &report_gb_len) == DOORSTEP_OK,
               "the report converts to GB18030");
        expect(report_gb_len == strlen(report_gb) && report_gb_len < strlen(report),
               "GB18030 text is shorter than the UTF-8 and holds no NUL");
        expect(strstr(report_gb, "\xC1\xD6\xD0\xA1\xBA\xEC") != NULL,
               "the name is back in GB18030");
        expect(doorstep_gb18030_to_utf8(report_gb, report_gb_len, &back) == DOORSTEP_OK &&
                   strcmp(back, report) == 0,
               "the round trip is exact");
    }
    doorstep_string_free(back);
    doorstep_string_free(report_gb);
    doorstep_string_free(report);
    doorstep_string_free(answer_utf8);
    doorstep_engine_free(engine);
}

int main(int argc, char **argv) {
    char *out = NULL;
    if (argc != 2) {
        fprintf(stderr, "usage: %s CATALOG.json\n", argv[0]);
        return 2;
    }
    /* The header is the library's. */
    expect(strcmp(DOORSTEP_VERSION_STRING, doorstep_version()) == 0,
           "DOORSTEP_VERSION_STRING %s == doorstep_version() %s", DOORSTEP_VERSION_STRING,
           doorstep_version());

    decodes(HAICANG_GB, strlen(HAICANG_GB), "\xE6\xB5\xB7\xE6\xB2\xA7\xE5\x8C\xBA", "海沧区");
    decodes(MIXED_GB, strlen(MIXED_GB), MIXED_UTF8, "GBK and four-byte sequences");
    decodes("plain ASCII", 11, "plain ASCII", "ASCII");
    decodes(NULL, 0, "", "NULL with length 0");
    decodes("\x84\x31\xA4\x39", 4, "\xEF\xBF\xBF", "U+FFFF, the top of the BMP range");
    decodes("\xE3\x32\x9A\x35", 4, "\xF4\x8F\xBF\xBF", "U+10FFFF, the last code point");
    encodes("\xE6\xB5\xB7\xE6\xB2\xA7\xE5\x8C\xBA", HAICANG_GB, strlen(HAICANG_GB), "海沧区");
    encodes(MIXED_UTF8, MIXED_GB, strlen(MIXED_GB), "GBK and four-byte characters");
    encodes("", "", 0, "empty");

    refused("ab\xBA\x20", 4, "encoding.invalid_gb18030", 2, "a lead byte then a space");
    refused("\xBA\xA3\xB2", 3, "encoding.invalid_gb18030", 2, "cut off after a lead byte");
    refused("\x81\x30\x84", 3, "encoding.invalid_gb18030", 0, "a four-byte sequence cut off");
    refused("\xE3\x32\x9A\x36", 4, "encoding.invalid_gb18030", 0, "past U+10FFFF");
    refused("\xFF", 1, "encoding.invalid_gb18030", 0, "0xFF");
    refused("\xBA\xA3\x00\x41", 4, "encoding.nul", 2, "a NUL byte");
    refused("a\x00\xFF", 3, "encoding.nul", 1, "a NUL byte before a bad one");
    /* A failed read()'s -1 as the length: refused unread (the params hold the max). */
    refused("ab", (size_t)-1, "encoding.too_large", -1, "a length of (size_t)-1");

    /* U+E5E5 (private use) has no GB18030 form. */
    expect(doorstep_utf8_to_gb18030("a\xEE\x97\xA5", &out, NULL) ==
                   DOORSTEP_ERR_INVALID_ENCODING &&
               strcmp(doorstep_last_error_code(), "encoding.unmappable") == 0 &&
               last_offset() == 1,
           "U+E5E5 is encoding.unmappable at offset 1");
    expect(doorstep_utf8_to_gb18030("\xC3\x28", &out, NULL) == DOORSTEP_ERR_INVALID_UTF8,
           "invalid UTF-8 in is DOORSTEP_ERR_INVALID_UTF8");
    expect(doorstep_gb18030_to_utf8(NULL, 2, &out) == DOORSTEP_ERR_NULL_ARGUMENT,
           "NULL bytes with a length");
    expect(doorstep_utf8_to_gb18030("x", NULL, NULL) == DOORSTEP_ERR_NULL_ARGUMENT,
           "NULL out");
    expect(out == NULL, "out never written on failure");

    validate_in_gb18030(argv[1]);
    printf("c: %d passed, %d failed\n", passed, failed);
    return failed == 0 ? 0 : 1;
}
