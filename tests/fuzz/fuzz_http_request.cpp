// libFuzzer target for the HTTP request-head reader (tandem::sync::parseRequestHead):
// whatever bytes arrive, it must not crash, and its answer must keep the
// contract the connection relies on (see httprequest.h).

#include "sync/httprequest.h"

#include <QByteArrayView>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

namespace {

using tandem::sync::HeadParse;
using tandem::sync::HttpLimits;
using tandem::sync::parseRequestHead;

[[noreturn]] void violated(const char *what, const HttpLimits &limits)
{
    std::fprintf(stderr, "parseRequestHead broke its contract (maxHeadBytes=%lld): %s\n",
                 static_cast<long long>(limits.maxHeadBytes), what);
    std::abort();
}

#define FUZZ_CHECK(condition, limits)                                                                                  \
    do {                                                                                                               \
        if (!(condition))                                                                                              \
            violated(#condition, limits);                                                                              \
    } while (false)

bool isDocumentedStatus(int status)
{
    switch (status) {
    case 400:
    case 405:
    case 411:
    case 413:
    case 431:
    case 501:
    case 505:
        return true;
    default:
        return false;
    }
}

bool hasBareLineBreak(QByteArrayView text)
{
    return text.contains('\r') || text.contains('\n');
}

void checkComplete(const HeadParse &parse, QByteArrayView input, const HttpLimits &limits)
{
    FUZZ_CHECK(parse.headLength >= 4, limits);
    FUZZ_CHECK(parse.headLength <= input.size(), limits);
    FUZZ_CHECK(parse.headLength <= limits.maxHeadBytes, limits);
    // The head ends at the first blank line, and nothing after it was looked at.
    FUZZ_CHECK(input.first(parse.headLength).endsWith("\r\n\r\n"), limits);
    FUZZ_CHECK(input.indexOf(QByteArrayView("\r\n\r\n")) == parse.headLength - 4, limits);
    FUZZ_CHECK(parse.contentLength >= 0 && parse.contentLength <= limits.maxBodyBytes, limits);
    FUZZ_CHECK(parse.request.headers.size() <= limits.maxHeaders, limits);
    FUZZ_CHECK(!parse.request.method.isEmpty() && !parse.request.method.contains(' '), limits);
    FUZZ_CHECK(parse.request.target.startsWith('/'), limits);
    FUZZ_CHECK(!hasBareLineBreak(parse.request.target), limits);
    FUZZ_CHECK(parse.request.path.startsWith(u'/'), limits);
    FUZZ_CHECK(!parse.websocketUpgrade || parse.request.method == "GET", limits);
    for (const auto &[name, value] : parse.request.headers) {
        FUZZ_CHECK(!name.isEmpty() && name == name.toLower(), limits);
        FUZZ_CHECK(!hasBareLineBreak(name) && !hasBareLineBreak(value), limits);
        FUZZ_CHECK(value == value.trimmed(), limits);
    }
    FUZZ_CHECK(parse.status == 0 && parse.code.isEmpty(), limits);

    // Bytes after the head (a body, a pipelined request, WebSocket frames)
    // change nothing: the head alone parses the same.
    const HeadParse alone = parseRequestHead(input.first(parse.headLength), limits);
    FUZZ_CHECK(alone.state == HeadParse::State::Complete, limits);
    FUZZ_CHECK(alone.headLength == parse.headLength && alone.contentLength == parse.contentLength, limits);
    FUZZ_CHECK(alone.request.headers == parse.request.headers, limits);
    FUZZ_CHECK(alone.keepAlive == parse.keepAlive && alone.websocketUpgrade == parse.websocketUpgrade, limits);
    // One byte short of the blank line is never a whole head.
    const HeadParse shorter = parseRequestHead(input.first(parse.headLength - 1), limits);
    FUZZ_CHECK(shorter.state != HeadParse::State::Complete, limits);
}

void check(QByteArrayView input, const HttpLimits &limits)
{
    const HeadParse parse = parseRequestHead(input, limits);
    switch (parse.state) {
    case HeadParse::State::Incomplete:
        // Waiting for more is only right while the head may still fit and has no end yet.
        FUZZ_CHECK(input.size() < limits.maxHeadBytes, limits);
        FUZZ_CHECK(!input.contains(QByteArrayView("\r\n\r\n")), limits);
        FUZZ_CHECK(parse.status == 0, limits);
        return;
    case HeadParse::State::Failed:
        FUZZ_CHECK(isDocumentedStatus(parse.status), limits);
        FUZZ_CHECK(!parse.code.isEmpty() && !parse.message.isEmpty(), limits);
        return;
    case HeadParse::State::Complete:
        checkComplete(parse, input, limits);
        return;
    }
    FUZZ_CHECK(false && "unknown state", limits);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArrayView input(reinterpret_cast<const char *>(data), qsizetype(size));
    check(input, HttpLimits{});
    // Tight limits reach the 431 and 413 paths with short inputs.
    check(input, HttpLimits{64, 16, 3});
    return 0;
}
